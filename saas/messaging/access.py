"""Who chats with whom, and who sees which conversation: one place for services and selectors.

- Conversations are for people: a partner key or a job is refused (`forbidden`).
- A distributor's person (a `DistributorMember`) is fenced to its distributor: it sees a direct
  or group conversation only while it takes part and the conversation is its distributor's,
  and it may start one with staff and with people of its own distributor, never another's
  (who is as unknown as a missing id). Everyone else is staff.
- At most one distributor takes part in a conversation: its people never meet another's.
- A thread is seen by whoever may see its document, whether or not they take part; a direct
  or group conversation only by its participants (saas/messaging/visibility.py).

A conversation someone may not see is "not found", exactly like one that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, require_person
from saas.accounts.models import User
from saas.core.errors import NotFound
from saas.distribution.models import DistributorMember


@dataclass(frozen=True)
class Chatter:
    """A person as messaging sees them: a distributor's person carries its distributor."""

    user: User
    distributor_id: int | None

    @property
    def pk(self) -> int:
        return int(self.user.pk)


def chatter_of(actor: Actor) -> Chatter:
    user = require_person(actor)
    distributor_id = (
        DistributorMember.objects.filter(user_id=user.pk).values_list("distributor_id", flat=True).first()
    )
    return Chatter(user=user, distributor_id=distributor_id)


def conversation_not_found(field: str | None = "id") -> NotFound:
    return NotFound(_("Conversation not found."), field=field)
