"""What a failed CSRF check answers: JSON with a code for the API, a friendly page elsewhere."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    message = _(
        "Your session form expired or the request came from another site. Reload the page and try again."
    )
    if request.path.startswith("/graphql"):
        return JsonResponse(
            {"errors": [{"message": message, "extensions": {"code": "csrf_failed"}}]}, status=403
        )
    return render(request, "csrf_failure.html", {"message": message}, status=403)
