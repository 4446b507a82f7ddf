"""Who acts: the three kinds of actor that every service and selector takes as `actor: Actor`.

- `User`: a person signed in to the workspace (saas/accounts/models.py).
- `ApiClient`: a partner's API key, with scopes and a display name. Its model lands with the
  partner API (saas/partners); anything that satisfies this protocol is one.
- `System`: a job or a command, with the reason it runs and exactly the scopes it needs.

Rules that hold for every kind:
- `has_scope(scope)` is the only question permissions ask; an inactive actor has none.
- Only a `User` owns rows (a rep's customers, orders): `owner_id(actor)` is None for the others,
  so "see own" rules give them nothing, and they see rows only through an all-rows scope.
- `user_of(actor)` is the person to record in a `created_by`-style column, None for the others;
  `actor_kind` and `actor_label` record which kind acted and who (audit events); `actor_stamp`
  bundles them for the kernel (transition events, idempotency keys), which never sees a User.
- Work only people may do (their own profile) calls `require_person`: another kind is refused
  with Forbidden, not an attribute error.
Visibility fails closed: None, an anonymous user, or anything else is not an actor.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeAlias, runtime_checkable

from django.utils.translation import gettext as _

from saas.core.audit import ActorKind, ActorStamp
from saas.core.errors import Forbidden

if TYPE_CHECKING:
    from saas.accounts.models import User

__all__ = [
    "Actor",
    "ActorKind",
    "ActorStamp",
    "ApiClient",
    "MissingActor",
    "System",
    "actor_kind",
    "actor_label",
    "actor_stamp",
    "owner_id",
    "require_actor",
    "require_person",
    "user_of",
]


@runtime_checkable
class ApiClient(Protocol):
    """A partner's API key acting on the workspace it belongs to."""

    pk: int
    is_active: bool

    @property
    def display_name(self) -> str: ...

    @property
    def scopes(self) -> frozenset[str]: ...

    def has_scope(self, scope: str) -> bool: ...


@dataclass(frozen=True)
class System:
    """A job or command: `System(reason="reservation retry", scopes=frozenset({ORDERS_REVIEW}))`."""

    reason: str
    scopes: frozenset[str] = field(default_factory=frozenset)
    is_active: bool = True
    pk: None = None

    @property
    def display_name(self) -> str:
        return f"system: {self.reason}"

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes


Actor: TypeAlias = "User | ApiClient | System"


class MissingActor(RuntimeError):
    """A read or write was attempted without a valid actor: visibility fails closed."""


def actor_kind(actor: Actor) -> ActorKind:
    from saas.accounts.models import User

    if isinstance(actor, User):
        return ActorKind.USER
    if isinstance(actor, System):
        return ActorKind.SYSTEM
    if isinstance(actor, ApiClient):
        return ActorKind.API_CLIENT
    raise MissingActor(f"{type(actor).__name__} is not an actor.")


def require_actor(actor: object) -> Actor:
    """The actor, when it is one that may act now; MissingActor otherwise (None, anonymous, inactive)."""
    from saas.accounts.models import User

    if isinstance(actor, User):
        if not actor.is_authenticated or not actor.is_active:
            raise MissingActor("An anonymous or inactive user cannot act.")
        return actor
    if isinstance(actor, System | ApiClient):
        if not actor.is_active:
            raise MissingActor("An inactive actor cannot act.")
        return actor
    raise MissingActor("A service or selector needs the acting user, key or job; it fails closed.")


def user_of(actor: Actor) -> User | None:
    """The person who acted (for columns such as `created_by`), or None for a key or a job."""
    from saas.accounts.models import User

    return actor if isinstance(actor, User) else None


def owner_id(actor: Actor) -> int | None:
    """The id that "own rows" rules compare with: only people own customers and orders."""
    user = user_of(actor)
    return user.pk if user is not None else None


def actor_label(actor: Actor) -> str:
    """Who acted, for audit trails: the person's name, the key's name, or the job's reason."""
    from saas.accounts.models import User

    if isinstance(actor, User):
        return actor.full_name or actor.email
    return actor.display_name


def require_person(actor: object) -> User:
    """The acting person, for work only people do; MissingActor without an actor, Forbidden
    (code `forbidden`) for a partner key or a job."""
    acting = require_actor(actor)
    user = user_of(acting)
    if user is None:
        raise Forbidden(_("Only a person can do this."), code="forbidden")
    return user


def actor_stamp(actor: Actor) -> ActorStamp:
    """Who acted, as the kernel records it (transition events, idempotency keys)."""
    kind = actor_kind(actor)
    if isinstance(actor, System):
        ref = f"system:{actor.reason}"
    elif kind is ActorKind.API_CLIENT:
        ref = f"api_client:{actor.pk}"
    else:
        ref = ""
    return ActorStamp(user_id=owner_id(actor), kind=kind, label=actor_label(actor), ref=ref)
