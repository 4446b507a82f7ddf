"""Content-Security-Policy on every response: scripts, styles, fonts and workers only from our own
origin, so injected markup can run nothing.

Every page qualifies as it is: the H5 app, the sign-up, sign-in and password pages, and the print
pages (their CSS and print button live in saas/static/print/). Inline `<script>`, inline
`<style>` and `style="…"` attributes are refused; scripts may still set styles through the DOM
(`element.style`), which a policy does not govern. Images may be `data:` (logos, signatures)
or `blob:` (photo previews); WebSockets go to the page's own host.

`SPARROW_CSP_REPORT_ONLY=true` sends the same policy as report-only, for trying a page that
needs work without breaking it. Django's debug pages (DEBUG only) carry inline code: no policy
on error responses while DEBUG is on.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse

ENFORCED = "Content-Security-Policy"
REPORT_ONLY = "Content-Security-Policy-Report-Only"


def policy_for(host: str) -> str:
    """The policy for a page served on `host` (with port, as the browser sent it)."""
    directives = {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self'",
        "img-src": "'self' data: blob:",
        "font-src": "'self'",
        # 'self' covers ws: and wss: of the same host only in newer browsers: name them.
        "connect-src": f"'self' ws://{host} wss://{host}",
        "worker-src": "'self'",
        "manifest-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        # The app previews print templates in a frame of its own origin; nobody else frames us.
        "frame-ancestors": "'self'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.DEBUG and response.status_code >= 400:
            return response
        header = REPORT_ONLY if settings.SPARROW_CSP_REPORT_ONLY else ENFORCED
        if header not in response:
            try:
                host = request.get_host()
            except DisallowedHost:  # answered by Django with a 400 already; no socket to allow
                host = "invalid.invalid"
            response[header] = policy_for(host)
        return response
