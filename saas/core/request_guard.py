"""Refuses control characters in query strings once, for every view (exports, print pages, look-ups).

GraphQL arguments are checked by the API's input guard; Django forms refuse NUL themselves. What
is left are the plain GET views, whose parameters reach SQL: one NUL there was a 500.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _

from saas.core.inputs import has_control_characters


def content_length(request: HttpRequest) -> int:
    """The body's length as the client declared it (a chunked body gets its real one from the
    ASGI body limit before Django sees it); 0 when absent or unreadable."""
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def query_string_problem(request: HttpRequest) -> str | None:
    """The name of the first parameter holding a control character, or None."""
    for name, values in request.GET.lists():
        if has_control_characters(name) or any(has_control_characters(value) for value in values):
            return name
    return None


class ControlCharacterGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        field = query_string_problem(request)
        if field is not None:
            message = _("Text may not contain control characters.")
            return JsonResponse(
                {"errors": [{"field": field, "code": "text_invalid", "message": message}]}, status=400
            )
        return self.get_response(request)
