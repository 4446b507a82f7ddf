"""Serves the H5 app shell (mobile_shell/) at /app/ on workspace hosts.

Files are served with their real content type; any other path under /app/ gets index.html so
the app's own router can handle deep links. index.html and the service worker are never
cached by the browser, so a deploy reaches every phone on its next load.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest
from django.http.response import HttpResponseBase
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET

mimetypes.add_type("application/manifest+json", ".webmanifest")
mimetypes.add_type("text/javascript", ".js")
NO_CACHE = {"index.html", "sw.js", "manifest.webmanifest"}


def _resolve(relative: str) -> Path | None:
    root = Path(settings.MOBILE_SHELL_DIR).resolve()
    candidate = (root / relative).resolve()
    if root not in candidate.parents and candidate != root:
        return None  # no escaping the shell directory with ../
    return candidate if candidate.is_file() else None


@require_GET
@ensure_csrf_cookie
def app_shell(request: HttpRequest, path: str) -> HttpResponseBase:
    target = _resolve(path) if path else None
    if target is None:
        if Path(path).suffix and not path.endswith(".html"):
            raise Http404("No such file in the app shell.")
        target = _resolve("index.html")
        if target is None:
            raise Http404("The app shell is not built.")
    content_type, _encoding = mimetypes.guess_type(target.name)
    response = FileResponse(target.open("rb"), content_type=content_type or "application/octet-stream")
    if target.name in NO_CACHE:
        response["Cache-Control"] = "no-cache"
    else:
        response["Cache-Control"] = "public, max-age=3600"
    if target.name == "sw.js":
        response["Service-Worker-Allowed"] = "/app/"
    return response
