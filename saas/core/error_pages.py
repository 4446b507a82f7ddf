"""Django's error handlers for the cases a caller can cause: a body too large is a 413 with a code."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpRequest, HttpResponse
from django.views import defaults

from saas.core.body_limit import too_large_body


def request_too_large() -> HttpResponse:
    return HttpResponse(too_large_body(), status=413, content_type="application/json")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # Django turns RequestDataTooBig into a 400 with an HTML page; a caller needs to know that the
    # body was too large, in the API's own error shape.
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent):
        return request_too_large()
    return defaults.bad_request(request, exception)  # type: ignore[arg-type]
