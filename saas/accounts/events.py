"""The accounts domain's events: colleagues invited and deactivated."""

from __future__ import annotations

from dataclasses import dataclass

from saas.core.domain_events import DomainEvent, described, domain_event

USER = "user"


@domain_event("user.invited", object_type=USER)
@dataclass(frozen=True, kw_only=True)
class UserInvited(DomainEvent):
    """A colleague was invited: they get an e-mail with a link to choose a password."""

    id: str = described("the new user's GraphQL id")
    email: str = described("their e-mail address")
    full_name: str = described("their name")
    language: str = described("zh-hans or en: the invitation's language")
    roles: tuple[str, ...] = described("the role codes they were given")
    invited_by: str = described("the inviter's name (a person, a key or a job)")


@domain_event("user.deactivated", object_type=USER)
@dataclass(frozen=True, kw_only=True)
class UserDeactivated(DomainEvent):
    """A colleague may no longer sign in: their sessions and sockets end."""

    id: str = described("the user's GraphQL id")
    email: str = described("their e-mail address")
