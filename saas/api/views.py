"""The HTTP endpoint /graphql/: strawberry's Django view, so the tenant middleware runs.

CSRF protects ambient credentials (the session cookie) and sign-in itself: a page of another
site must neither act with a visitor's session nor sign the visitor into an account of its
choosing (login CSRF). So every request from a browser must pass Django's CSRF check, whether
or not it carries a session. A browser is known by what it always sends with a POST: cookies,
Origin, Referer or fetch metadata. A client that sends none of these (a partner's server, a
script) has no ambient credential to forge and is not asked for a token it could never have.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.csrf import CsrfViewMiddleware
from django.views.decorators.csrf import csrf_exempt
from strawberry.django.views import GraphQLView

from saas.api.schema import schema
from saas.core.error_pages import request_too_large
from saas.core.request_guard import content_length

# GraphiQL only while developing; production serves the API alone.
_strawberry_view = GraphQLView.as_view(schema=schema, graphql_ide="graphiql" if settings.DEBUG else None)
_csrf = CsrfViewMiddleware(lambda request: HttpResponse())


BROWSER_HEADERS = ("HTTP_COOKIE", "HTTP_ORIGIN", "HTTP_REFERER", "HTTP_SEC_FETCH_SITE")


def from_a_browser(request: HttpRequest) -> bool:
    return any(request.META.get(header) for header in BROWSER_HEADERS)


@csrf_exempt
def graphql_view(request: HttpRequest) -> HttpResponseBase:
    # A GraphQL document is text: Django's limit for bodies without files applies, said in JSON.
    if content_length(request) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        return request_too_large()
    if from_a_browser(request):
        rejection = _csrf.process_view(request, _strawberry_view, (), {})
        if rejection is not None:
            return rejection
    return _strawberry_view(request)
