"""The event feed in GraphQL: what a partner missed, in the order events became visible."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from saas.api.partners.enums import EventActorKind
from saas.api.partners.types import EventActorType, EventFeed, EventType
from saas.api.permissions import current_actor
from saas.core.domain_events import graphql_id
from saas.core.models import LoggedEvent
from saas.partners import selectors


def _event(record: LoggedEvent) -> EventType:
    return EventType(
        id=strawberry.ID(str(record.pk)),
        type=record.name,
        version=record.version,
        occurred_at=record.occurred_at,
        actor=EventActorType(
            kind=EventActorKind(record.actor_kind),
            id=strawberry.ID(graphql_id(record.actor_user_id)) if record.actor_user_id else None,
            label=record.actor_label,
        ),
        data=record.payload,
    )


@strawberry.type
class FeedQueries:
    @strawberry.field(
        description="Events after the one `after` names (an event id: the webhook-id of a delivery, or "
        "the endCursor of the last page), oldest first, of `types` (default: every type you may read), "
        "`limit` per page (1-100, default 50). Events are listed in the order they became visible, which "
        "can differ from id order: always continue from endCursor, never from the highest id."
    )
    def events(
        self, info: Info, after: strawberry.ID | None = None, types: list[str] | None = None, limit: int = 50
    ) -> EventFeed:
        page = selectors.event_feed(actor=current_actor(info), after=after, types=types, limit=limit)
        return EventFeed(
            items=[_event(record) for record in page.events],
            end_cursor=strawberry.ID(page.end_cursor) if page.end_cursor else None,
            has_more=page.has_more,
        )
