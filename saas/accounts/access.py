"""Scope checks, once: "may this actor do this?" for every domain's services and selectors.

A domain names its checks (`require_reviewer`, `require_buyer`) as one-line wrappers around
`require_scopes`, so the rule reads in the domain and the mechanism lives here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.accounts.actors import require_actor as require_any_actor
from saas.accounts.visibility import require_actor
from saas.core.errors import Forbidden

if TYPE_CHECKING:
    from saas.accounts.models import User


def _forbidden(message: str | None) -> Forbidden:
    return Forbidden(message or _("You are not allowed to do this."), code="forbidden")


def require_scopes(actor: object, *any_of: str, message: str | None = None) -> User:
    """The acting person when they hold at least one of `any_of`.

    MissingActor without a person (fails closed), Forbidden (code `forbidden`) without a scope.
    """
    user = require_actor(actor)
    if not any(user.has_scope(scope) for scope in any_of):
        raise _forbidden(message)
    return user


def require_actor_scopes(actor: object, *any_of: str, message: str | None = None) -> Actor:
    """As `require_scopes` for work any kind of actor may do (a person, a partner key, a job)."""
    acting = require_any_actor(actor)
    if not any(acting.has_scope(scope) for scope in any_of):
        raise _forbidden(message)
    return acting
