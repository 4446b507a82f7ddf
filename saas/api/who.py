"""How the API names whoever acted: a person by name, a partner key by the label kept on the
row, a job as "System: <why>" in the reader's language (documents made by a key or a job have
no person, so their creator's name is "")."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from saas.accounts.actors import ActorKind
from saas.accounts.models import User

# The jobs' reasons (saas.accounts.actors.System(reason=…)), for the catalogue.
JOB_REASONS = [gettext_noop("reservation retry")]


def person_name(user: User | None) -> str:
    return user.full_name if user is not None else ""


def actor_name(user: User | None, label: str = "", kind: str = ActorKind.USER) -> str | None:
    """An audit row's actor: the person's name, else the key's or job's label, else None."""
    if user is not None:
        return user.full_name
    if kind == ActorKind.SYSTEM and label:
        return _("System: %(reason)s") % {"reason": _(label.removeprefix("system: "))}
    return label or None
