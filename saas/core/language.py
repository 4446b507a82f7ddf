"""Chooses the UI language: explicit ?lang, the remembered cookie, the user's setting, else Chinese.

Browsers' Accept-Language is deliberately ignored: Sparrow speaks Simplified Chinese unless a
person asks for English, whatever the machine's locale.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

SUPPORTED = {code for code, _name in settings.LANGUAGES}


def normalise_language(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip().lower().replace("_", "-")
    if value in SUPPORTED:
        return value
    if value.startswith("zh"):
        return "zh-hans"
    if value.startswith("en"):
        return "en"
    return None


class LanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        asked = normalise_language(request.GET.get("lang"))
        user = getattr(request, "user", None)
        user_language = (
            getattr(user, "language", None) if user is not None and user.is_authenticated else None
        )
        language = (
            asked
            or normalise_language(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
            or normalise_language(user_language)
            or settings.LANGUAGE_CODE
        )
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        if asked:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME, asked, max_age=settings.LANGUAGE_COOKIE_AGE, samesite="Lax"
            )
        return response
