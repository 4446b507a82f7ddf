"""E-mail (case-insensitive) and password authentication against the current tenant's users."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F, Func, OuterRef
from django.http import HttpRequest

from saas.accounts.models import Role, User


def users_with_scopes() -> Any:
    """Users with every scope of their roles read in the same query (`role_scopes`): a request
    asks `has_scope` many times, and a second query for the roles cost each request one more."""
    scopes = (
        Role.objects.filter(users=OuterRef("pk"))
        .annotate(scope=Func(F("scopes"), function="unnest"))
        .values("scope")
    )
    return User.objects.annotate(role_scopes=ArraySubquery(scopes))


class EmailBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        email = (kwargs.get("email") or username or "").strip().lower()
        if not email or password is None:
            return None
        try:
            user = User.objects.get(email__iexact=email)
        except User.DoesNotExist:
            # Spend the same time as a real check so response time does not reveal accounts.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_user(self, user_id: Any) -> User | None:
        """The signed-in user of a session, scopes loaded (User.scopes reads them from here)."""
        user: User | None = users_with_scopes().filter(pk=user_id).first()
        if user is None or not self.user_can_authenticate(user):
            return None
        user._scopes_cache = frozenset(getattr(user, "role_scopes", None) or ())
        return user
