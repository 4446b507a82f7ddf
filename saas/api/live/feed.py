"""The seam between live delivery and the notification inbox: what a subscription replays.

A subscription with `after` replays the user's notifications with a greater id from the inbox,
then streams live ones. Until the inbox exists there is nothing to replay and nothing unread;
live events still stream (see saas/core/live.py).
"""

from __future__ import annotations

from saas.accounts.models import User
from saas.core.live import LiveNotification

REPLAY_LIMIT = 500  # a client offline for long gets the latest; the inbox screen has the rest


def notifications_after(user: User, after: int) -> list[LiveNotification]:
    """The user's notifications with an id greater than `after`, oldest first (inside the tenant)."""
    return []


def unread_count(user: User) -> int:
    """How many of the user's notifications are unread (inside the tenant)."""
    return 0
