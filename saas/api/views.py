"""The HTTP endpoint /graphql/: strawberry's Django view, so the tenant middleware runs.

CSRF protects ambient credentials, i.e. the session cookie. A request that carries one must
pass Django's CSRF check; a request without it (a partner with a token, a health probe)
has nothing to forge, so it is not asked for a CSRF token it could never have.
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


@csrf_exempt
def graphql_view(request: HttpRequest) -> HttpResponseBase:
    # A GraphQL document is text: Django's limit for bodies without files applies, said in JSON.
    if content_length(request) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
        return request_too_large()
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        rejection = _csrf.process_view(request, _strawberry_view, (), {})
        if rejection is not None:
            return rejection
    return _strawberry_view(request)
