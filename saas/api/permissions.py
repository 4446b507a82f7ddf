"""Who is calling: the signed-in user of this request, or a typed error."""

from __future__ import annotations

from typing import cast

from django.utils.translation import gettext as _
from strawberry.types import Info

from saas.accounts.models import User
from saas.core.errors import Unauthenticated


def current_user(info: Info) -> User:
    user = getattr(info.context.request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        raise Unauthenticated(_("Please sign in."))
    return cast(User, user)
