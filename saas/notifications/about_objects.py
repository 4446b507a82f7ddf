"""Notifications a domain writes under a rule of its own, about one object, for named people.

The event rules (rules.py) tell everyone a rule names of each event. Messaging needs a rule
they cannot say: one notification per conversation until it is read, only for participants
away and not muting it (saas/messaging/delivery.py). It decides who; these functions write the
inbox rows (once per person and event, like the inbox consumer), push them live, and mark a
person's notifications about an object read when they read the object itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils import timezone

from saas.accounts.models import User
from saas.core.live import send_notification_on_commit, send_notifications_read_on_commit
from saas.notifications.consumers import live_notification
from saas.notifications.models import Notification


@dataclass(frozen=True)
class Notice:
    user: User
    title: str
    body: str = ""


def unread_about(user_ids: Iterable[int], *, kind: str, object_type: str, object_id: int) -> set[int]:
    """Those of these people with an unread notification of `kind` about the object."""
    return set(
        Notification.objects.filter(
            user_id__in=list(user_ids),
            kind=kind,
            object_type=object_type,
            object_id=object_id,
            read_at__isnull=True,
        ).values_list("user_id", flat=True)
    )


def notices_add(
    notices: Iterable[Notice],
    *,
    kind: str,
    event_id: int,
    object_type: str,
    object_id: int,
    link: str,
    payload: dict[str, Any],
    created_at: datetime,
) -> list[Notification]:
    """Write one inbox row per notice (none twice for the same person and event) and push the
    new ones to their people's open sockets once the transaction commits."""
    rows = [
        Notification(
            user=notice.user,
            kind=kind,
            event_id=event_id,
            title=notice.title[:200],
            body=notice.body[:500],
            object_type=object_type,
            object_id=object_id,
            link=link[:200],
            payload=payload,
            created_at=created_at,
        )
        for notice in notices
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    written = list(
        Notification.objects.filter(event_id=event_id, kind=kind, user_id__in=[row.user_id for row in rows])
    )
    for row in written:
        send_notification_on_commit(row.user_id, live_notification(row))
    return written


def read_about(user: User, *, kind: str, object_type: str, object_id: int) -> int:
    """Mark the person's unread notifications of `kind` about the object read; how many were."""
    changed = Notification.objects.filter(
        user=user, kind=kind, object_type=object_type, object_id=object_id, read_at__isnull=True
    ).update(read_at=timezone.now())
    if changed:
        send_notifications_read_on_commit(user.pk)
    return changed
