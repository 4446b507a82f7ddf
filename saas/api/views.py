"""The HTTP endpoint /graphql/: strawberry's Django view, so the tenant middleware runs.

CSRF protects ambient credentials (the session cookie) and sign-in itself: a page of another
site must neither act with a visitor's session nor sign the visitor into an account of its
choosing (login CSRF). So every request from a browser must pass Django's CSRF check, whether
or not it carries a session. A browser is known by what it always sends with a POST: cookies,
Origin, Referer or fetch metadata. A client that sends none of these (a partner's server, a
script) has no ambient credential to forge and is not asked for a token it could never have.

Partner keys: `Authorization: Bearer spk_…` authenticates the request as that key of this
workspace (saas/partners/services/keys.py) and the session, if any, is ignored: nothing ambient
acts, so no CSRF check either. A bad, revoked or expired key, one of another workspace, or one
used from an address outside its allow-list gets HTTP 401 with code `unauthenticated`.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.middleware.csrf import CsrfViewMiddleware
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from strawberry.django.views import GraphQLView

from saas.api.schema import schema
from saas.core.client_address import client_address
from saas.core.error_pages import request_too_large
from saas.core.errors import Unauthenticated
from saas.core.request_guard import content_length
from saas.partners.services.keys import authenticate_key

# GraphiQL only while developing; production serves the API alone.
_strawberry_view = GraphQLView.as_view(schema=schema, graphql_ide="graphiql" if settings.DEBUG else None)
_csrf = CsrfViewMiddleware(lambda request: HttpResponse())


BROWSER_HEADERS = ("HTTP_COOKIE", "HTTP_ORIGIN", "HTTP_REFERER", "HTTP_SEC_FETCH_SITE")


def from_a_browser(request: HttpRequest) -> bool:
    return any(request.META.get(header) for header in BROWSER_HEADERS)


def bearer_secret(request: HttpRequest) -> str | None:
    """The bearer token of the Authorization header ("" when empty); None without one or for
    another scheme (a proxy's Basic credentials are not ours: the session decides then)."""
    scheme, _sep, token = request.META.get("HTTP_AUTHORIZATION", "").strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" else None


def unauthenticated(message: str) -> HttpResponse:
    body = {"data": None, "errors": [{"message": message, "extensions": {"code": "unauthenticated"}}]}
    response = JsonResponse(body, status=401, json_dumps_params={"ensure_ascii": False})
    response["WWW-Authenticate"] = 'Bearer realm="sparrow"'
    return response


def authenticate_bearer(request: HttpRequest, secret: str) -> HttpResponse | None:
    """Make the request the key's (a 401 answer when it is not a key of this workspace)."""
    try:
        request.api_key = authenticate_key(  # type: ignore[attr-defined]
            secret=secret,
            address=client_address(request),
            stamp=not getattr(request, "workspace_read_only", False),  # saas/core/read_only.py
        )
    except Unauthenticated as error:
        return unauthenticated(error.message)
    request.user = AnonymousUser()
    return None


def bad_request(message: str, *, status: int = 400, detail: str = "") -> HttpResponse:
    extensions = {"code": "request_invalid", **({"detail": detail} if detail else {})}
    body = {"data": None, "errors": [{"message": message, "extensions": extensions}]}
    return JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})


def request_problem(request: HttpRequest) -> str | None:
    """Why a JSON POST is not one GraphQL request, in the reader's language; None when it is.

    strawberry answers most of these itself in plain English text, and fails on some (a body that
    is JSON but not an object, or not UTF-8), so they are checked before it sees them."""
    if request.method != "POST" or request.content_type != "application/json":
        return None  # GET queries and multipart uploads: strawberry's own checks, answers made JSON below
    try:
        data = json.loads(request.body.decode("utf-8"))
    except UnicodeDecodeError:
        return _("The request body is not UTF-8 text.")
    except ValueError:
        return _("The request body is not valid JSON.")
    if isinstance(data, list):
        return _("Send one operation per request; batches are not accepted.")
    if not isinstance(data, dict):
        return _("The request body must be a JSON object with a query.")
    if not isinstance(data.get("query"), str) or not data["query"].strip():
        return _("The request needs a query: a GraphQL document as text.")
    for name in ("variables", "extensions"):
        if data.get(name) is not None and not isinstance(data[name], dict):
            return _("%(name)s must be a JSON object.") % {"name": name}
    if data.get("operationName") is not None and not isinstance(data["operationName"], str):
        return _("operationName must be text.")
    return None


def in_json(response: HttpResponseBase) -> HttpResponseBase:
    """strawberry's own refusals (an unknown operationName, a mutation over GET, a body it cannot
    read) are plain English text: the same refusal as JSON with a code, its text as the detail."""
    if response.status_code < 400 or response.get("Content-Type", "").startswith("application/json"):
        return response
    detail = response.content.decode("utf-8", "replace")[:200] if isinstance(response, HttpResponse) else ""
    return bad_request(
        _("This is not a GraphQL request Sparrow can run."), status=response.status_code, detail=detail
    )


@csrf_exempt
def graphql_view(request: HttpRequest) -> HttpResponseBase:
    # A GraphQL document is text: Django's limit for bodies without files applies, said in JSON.
    if content_length(request) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        return request_too_large()
    secret = bearer_secret(request)
    if secret is not None:
        refused = authenticate_bearer(request, secret)
        if refused is not None:
            return refused
    elif from_a_browser(request):
        rejection = _csrf.process_view(request, _strawberry_view, (), {})
        if rejection is not None:
            return rejection
    problem = request_problem(request)
    if problem is not None:
        return bad_request(problem)
    return in_json(_strawberry_view(request))
