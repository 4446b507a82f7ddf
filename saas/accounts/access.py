"""Scope checks, once: "may this actor do this?" for every domain's services and selectors.

A domain names its checks (`require_reviewer`, `require_buyer`) as one-line wrappers around
`require_scopes`, so the rule reads in the domain and the mechanism lives here. Any kind of actor
(a person, a partner key, a job) passes with the scope; work only people do uses
`require_person_scopes`, which refuses the other kinds with Forbidden.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, require_actor, require_person
from saas.core.errors import Forbidden

if TYPE_CHECKING:
    from saas.accounts.models import User


def _forbidden(message: str | None) -> Forbidden:
    return Forbidden(message or _("You are not allowed to do this."), code="forbidden")


def require_scopes(actor: object, *any_of: str, message: str | None = None) -> Actor:
    """The actor when it holds at least one of `any_of`.

    MissingActor without an actor (fails closed), Forbidden (code `forbidden`) without a scope.
    """
    acting = require_actor(actor)
    if not any(acting.has_scope(scope) for scope in any_of):
        raise _forbidden(message)
    return acting


# The name the first callers used; the same check.
require_actor_scopes = require_scopes


def require_person_scopes(actor: object, *any_of: str, message: str | None = None) -> User:
    """As `require_scopes` for work only people do: a partner key or a job is Forbidden."""
    user = require_person(actor)
    if not any(user.has_scope(scope) for scope in any_of):
        raise _forbidden(message)
    return user
