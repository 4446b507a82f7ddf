"""How the API names whoever acted: a person by name, a partner key or a job by the label kept
on the row (documents made by a key or a job have no person, so their creator's name is "")."""

from __future__ import annotations

from saas.accounts.models import User


def person_name(user: User | None) -> str:
    return user.full_name if user is not None else ""


def actor_name(user: User | None, label: str = "") -> str | None:
    """An audit row's actor: the person's name, else the key's or job's label, else None."""
    if user is not None:
        return user.full_name
    return label or None
