"""Mutations: notificationsMarkRead, notificationsMarkAllRead, notificationPreferenceSet."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from saas.api.errors import FieldError, run_service
from saas.api.live.types import NotificationType
from saas.api.notifications.types import (
    NotificationPreferenceInput,
    NotificationPreferenceType,
    notification_type,
)
from saas.api.permissions import current_user
from saas.notifications import selectors, services


@strawberry.type
class NotificationsReadPayload:
    notifications: list[NotificationType] = strawberry.field(description="The notifications now read.")
    unread_count: int = strawberry.field(description="What is still unread (the badge).")
    errors: list[FieldError]


@strawberry.type
class NotificationPreferencePayload:
    preference: NotificationPreferenceType | None
    errors: list[FieldError]


@strawberry.type
class NotificationMutations:
    @strawberry.mutation(description="Mark some of the signed-in person's notifications read.")
    def notifications_mark_read(self, info: Info, ids: list[strawberry.ID]) -> NotificationsReadPayload:
        actor = current_user(info)
        rows, errors = run_service(lambda: services.notifications_mark_read(actor=actor, ids=list(ids)))
        return NotificationsReadPayload(
            notifications=[notification_type(row) for row in rows or []],
            unread_count=selectors.unread_count(actor=actor),
            errors=errors,
        )

    @strawberry.mutation(description="Mark every notification of the signed-in person read.")
    def notifications_mark_all_read(self, info: Info) -> NotificationsReadPayload:
        actor = current_user(info)
        _count, errors = run_service(lambda: services.notifications_mark_all_read(actor=actor))
        return NotificationsReadPayload(
            notifications=[], unread_count=selectors.unread_count(actor=actor), errors=errors
        )

    @strawberry.mutation(description="Choose how to hear of one kind of notification.")
    def notification_preference_set(
        self, info: Info, input: NotificationPreferenceInput
    ) -> NotificationPreferencePayload:
        actor = current_user(info)
        row, errors = run_service(
            lambda: services.notification_preference_set(
                actor=actor, kind=input.kind, in_app=input.in_app, email=input.email
            )
        )
        if row is None:
            return NotificationPreferencePayload(preference=None, errors=errors)
        view = next(view for view in selectors.preference_list(actor=actor) if view.kind == row.kind)
        return NotificationPreferencePayload(
            preference=NotificationPreferenceType(
                kind=view.kind, label=view.label, in_app=view.in_app, email=view.email
            ),
            errors=errors,
        )
