"""Who acted, as the kernel records it: the actor's kind, its name at the time, and the person if one.

The kernel stands below the accounts app, so it never sees a `User`, a key or a job itself: a
service turns its actor into an `ActorStamp` with `saas.accounts.actors.actor_stamp(actor)` and
hands that to the transition table (`by=`) and to `run_once`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import models


class ActorKind(StrEnum):
    USER = "user"
    API_CLIENT = "api_client"
    SYSTEM = "system"


# For the `actor_kind` columns of audit rows (document events, stock movements, …).
ACTOR_KIND_CHOICES = [(kind.value, kind.value) for kind in ActorKind]
ACTOR_LABEL_LENGTH = 120


def actor_kind_field() -> models.CharField[str, str]:
    """The `actor_kind` column every audit row carries; rows written before it were people's."""
    return models.CharField(max_length=20, choices=ACTOR_KIND_CHOICES, default=ActorKind.USER.value)


def actor_label_field() -> models.CharField[str, str]:
    """The `actor_label` column: the name of whoever acted, as it was then."""
    return models.CharField(max_length=ACTOR_LABEL_LENGTH, blank=True, default="")


@dataclass(frozen=True)
class ActorStamp:
    """Who acted, ready to write: `user_id` for the person columns (None for a key or a job),
    `kind` and `label` for the audit columns, `ref` a stable identity of a key or job."""

    user_id: int | None
    kind: ActorKind
    label: str
    ref: str = ""

    @property
    def short_label(self) -> str:
        return self.label[:ACTOR_LABEL_LENGTH]
