"""Signing in and out with throttling; shared by the login page and the GraphQL mutations."""

from __future__ import annotations

from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest
from django.utils.translation import gettext as _

from saas.accounts.models import User
from saas.accounts.throttling import login_failed, login_is_locked, login_succeeded
from saas.core.client_address import client_address
from saas.core.errors import InvalidInput


def session_login(*, request: HttpRequest, email: str, password: str) -> User:
    email = (email or "").strip().lower()
    ip = client_address(request)
    if login_is_locked(email, ip):
        raise InvalidInput(
            _("Too many failed sign-in attempts. Please wait 15 minutes and try again."),
            code="login_throttled",
        )
    user = authenticate(request, email=email, password=password)
    if user is None:
        login_failed(email, ip)
        raise InvalidInput(_("The e-mail or password is incorrect."), code="login_invalid")
    login_succeeded(email)
    login(request, user)
    return user


def session_logout(*, request: HttpRequest) -> None:
    logout(request)
