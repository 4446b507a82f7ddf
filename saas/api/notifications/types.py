"""The notification centre's types; a notification itself is the one `Notification` type of live delivery."""

from __future__ import annotations

import strawberry

from saas.api.live.types import NotificationType
from saas.notifications.consumers import live_notification
from saas.notifications.models import Notification


def notification_type(row: Notification) -> NotificationType:
    """An inbox row in the shape queries and subscriptions share."""
    return NotificationType.from_live(live_notification(row))


@strawberry.type(name="NotificationPage", description="A page of the signed-in person's notifications.")
class NotificationPage:
    total_count: int = strawberry.field(description="How many match, on every page.")
    unread_count: int = strawberry.field(description="How many of all the person's notifications are unread.")
    items: list[NotificationType]


@strawberry.type(name="NotificationPreference", description="How the person hears of one kind.")
class NotificationPreferenceType:
    kind: str = strawberry.field(description="The event kind, a dotted name (sales_order.approved).")
    label: str = strawberry.field(description="Its name in the person's language.")
    in_app: bool = strawberry.field(description="In the notification centre and live in the app.")
    email: bool = strawberry.field(description="By e-mail to the person's address.")


@strawberry.input(description="How to hear of one kind of notification.")
class NotificationPreferenceInput:
    kind: str
    in_app: bool
    email: bool
