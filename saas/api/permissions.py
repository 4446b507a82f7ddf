"""Who is calling: the signed-in person or the partner key of this request, or a typed error.

`current_actor` is what resolvers pass to services and selectors: a person (session) or a key
(`Authorization: Bearer`, authenticated by saas/api/views.py, which then ignores any session).
`current_user` is for what only people do (their profile, their inbox): a key gets Forbidden.
"""

from __future__ import annotations

from typing import cast

from django.utils.translation import gettext as _
from strawberry.types import Info

from graphql import GraphQLResolveInfo
from saas.accounts.actors import Actor, require_person
from saas.accounts.models import User
from saas.core.errors import Unauthenticated


def request_key(request: object) -> Actor | None:
    """The partner key the request authenticated with, if any."""
    return cast("Actor | None", getattr(request, "api_key", None))


def current_actor(info: Info | GraphQLResolveInfo) -> Actor:
    key = request_key(info.context.request)
    if key is not None:
        return key
    user = getattr(info.context.request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        raise Unauthenticated(_("Please sign in."))
    return cast(User, user)


def current_user(info: Info) -> User:
    """The signed-in person; a partner key is refused with Forbidden (code `forbidden`)."""
    return require_person(current_actor(info))
