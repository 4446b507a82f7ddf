"""The small steps every JSON view over plain HTTP shares (uploads, downloads, imports, prints).

GraphQL answers errors in its payloads; these views answer the same `{"errors": [...]}` shape
with an HTTP status: 401 without a signed-in user, 404 for what the caller may not see or what
does not exist, 403 for a refused act, 400 for bad input.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils.translation import gettext as _

from saas.core.errors import DomainError, Forbidden, NotFound, problems_json


def signed_in(request: HttpRequest) -> Any:
    """The request's active, signed-in user, or None."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return user


def errors_response(status: int, code: str, message: str, field: str | None = None) -> JsonResponse:
    return JsonResponse({"errors": [{"field": field, "code": code, "message": message}]}, status=status)


def unauthenticated() -> JsonResponse:
    return errors_response(401, "unauthenticated", _("Please sign in."))


def error_status(exc: DomainError) -> int:
    return 404 if isinstance(exc, NotFound) else 403 if isinstance(exc, Forbidden) else 400


def domain_error_response(exc: DomainError) -> JsonResponse:
    return JsonResponse({"errors": problems_json(exc.problems)}, status=error_status(exc))
