"""The seam between live delivery and the notification inbox: what a subscription replays.

A subscription with `after` replays the user's inbox rows with a greater id (saas/notifications),
then streams live ones; `unreadCount` counts the unread rows. Both run inside the tenant.
"""

from __future__ import annotations

from saas.accounts.models import User
from saas.core.live import LiveNotification
from saas.notifications import selectors
from saas.notifications.consumers import live_notification

REPLAY_LIMIT = 500  # a client offline for long gets the latest; the notification centre has the rest


def notifications_after(user: User, after: int) -> list[LiveNotification]:
    """The user's notifications with an id greater than `after`, oldest first."""
    return [
        live_notification(row)
        for row in selectors.notifications_after(actor=user, after=after, limit=REPLAY_LIMIT)
    ]


def unread_count(user: User) -> int:
    """How many of the user's notifications are unread."""
    return selectors.unread_count(actor=user)
