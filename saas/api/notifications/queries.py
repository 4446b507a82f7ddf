"""Queries: notifications (the centre's list), notificationUnreadCount, notificationPreferences."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from saas.api.live.types import NotificationType
from saas.api.notifications.types import NotificationPage, NotificationPreferenceType, notification_type
from saas.api.permissions import current_user
from saas.notifications import selectors


@strawberry.type
class NotificationQueries:
    @strawberry.field(description="The signed-in person's notifications, newest first.")
    def notifications(
        self, info: Info, unread_only: bool = False, limit: int = 20, offset: int = 0
    ) -> NotificationPage:
        actor = current_user(info)
        total, rows = selectors.notification_page(
            actor=actor, unread_only=unread_only, limit=limit, offset=offset
        )
        items: list[NotificationType] = [notification_type(row) for row in rows]
        return NotificationPage(
            total_count=total, unread_count=selectors.unread_count(actor=actor), items=items
        )

    @strawberry.field(description="How many of the signed-in person's notifications are unread (the badge).")
    def notification_unread_count(self, info: Info) -> int:
        return selectors.unread_count(actor=current_user(info))

    @strawberry.field(description="Every kind of notification with how the person hears of it.")
    def notification_preferences(self, info: Info) -> list[NotificationPreferenceType]:
        return [
            NotificationPreferenceType(kind=view.kind, label=view.label, in_app=view.in_app, email=view.email)
            for view in selectors.preference_list(actor=current_user(info))
        ]
