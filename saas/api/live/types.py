"""The GraphQL shape of a live notification."""

from __future__ import annotations

from datetime import datetime
from typing import cast

import strawberry
from strawberry.scalars import JSON

from saas.core.live import LiveNotification


@strawberry.type(
    name="Notification",
    description="Something the signed-in person was told: a row of their notification centre.",
)
class NotificationType:
    id: strawberry.ID = strawberry.field(
        description="Its id, increasing: a subscription resumes after the last one received."
    )
    kind: str = strawberry.field(description="What happened, as a dotted name (sales_order.approved).")
    title: str = strawberry.field(description="One line to show, in the person's language.")
    body: str = strawberry.field(description="More detail, possibly empty.")
    link: str = strawberry.field(description="The app path of the object it is about, or empty.")
    read: bool = strawberry.field(description="Whether the person has read it.")
    created_at: datetime | None = strawberry.field(description="When it was created.")
    payload: JSON = strawberry.field(description="The facts the notification was made from (per kind).")

    @classmethod
    def from_live(cls, notification: LiveNotification) -> NotificationType:
        created = datetime.fromisoformat(notification.created_at) if notification.created_at else None
        return cls(
            id=strawberry.ID(str(notification.id)),
            kind=notification.kind,
            title=notification.title,
            body=notification.body,
            link=notification.link,
            read=notification.read,
            created_at=created,
            payload=cast(JSON, notification.payload),
        )
