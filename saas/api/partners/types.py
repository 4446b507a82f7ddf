"""Types of API keys, webhook endpoints and deliveries, and events of the feed."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.scalars import JSON

from saas.api.errors import FieldError
from saas.api.partners.enums import EventActorKind, WebhookDeliveryStatus, WebhookEndpointState
from saas.partners.models import ApiKey, WebhookAttempt, WebhookDelivery, WebhookEndpoint


@strawberry.type(
    name="ApiKey", description="A partner's API key. Its secret is shown only once, when made or rotated."
)
class ApiKeyType:
    id: strawberry.ID
    name: str = strawberry.field(description="What the key is for, as its admin named it.")
    scopes: list[str] = strawberry.field(
        description="Areas the key may use: `<area>:read` or `<area>:write`."
    )
    prefix: str = strawberry.field(description="The secret's first characters (`spk_…`), to tell keys apart.")
    allowed_ips: list[str] = strawberry.field(
        description="Addresses or networks it may call from; empty: any."
    )
    expires_at: datetime | None = strawberry.field(
        description="When it stops working by itself; null: never."
    )
    created_at: datetime = strawberry.field(description="When it was made.")
    last_used_at: datetime | None = strawberry.field(
        description="Its last call (to the minute); null: never used."
    )
    last_used_ip: str | None = strawberry.field(description="The address of its last call.")
    revoked_at: datetime | None = strawberry.field(description="When it was revoked; null while it works.")
    previous_valid_until: datetime | None = strawberry.field(
        description="After a rotation, until when the previous secret still works."
    )

    @strawberry.field(description="Whether it works now: neither revoked nor expired.")
    def active(self) -> bool:
        return ApiKey.is_active.fget(self)  # type: ignore[attr-defined]

    @classmethod
    def of(cls, key: ApiKey) -> ApiKeyType:
        return cls(
            id=strawberry.ID(str(key.pk)),
            name=key.name,
            scopes=list(key.scopes),
            prefix=key.prefix,
            allowed_ips=list(key.allowed_ips),
            expires_at=key.expires_at,
            created_at=key.created_at,
            last_used_at=key.last_used_at,
            last_used_ip=key.last_used_ip,
            revoked_at=key.revoked_at,
            previous_valid_until=key.previous_valid_until,
        )


@strawberry.type(description="What making or rotating a key gives: the key and, once, its secret.")
class ApiKeySecretPayload:
    api_key: ApiKeyType | None = strawberry.field(description="The key; null when refused.")
    secret: str | None = strawberry.field(
        description="The secret (`spk_…`), shown this once: store it now. Send it as `Authorization: Bearer <secret>`."
    )
    replayed: bool = strawberry.field(
        default=False,
        description="A retry with an idempotency key already used: the first key, without its secret.",
    )
    errors: list[FieldError] = strawberry.field(description="Why it was refused; empty on success.")


@strawberry.type(description="A key after a change.")
class ApiKeyPayload:
    api_key: ApiKeyType | None = strawberry.field(description="The key; null when refused.")
    errors: list[FieldError] = strawberry.field(description="Why it was refused; empty on success.")


@strawberry.type(name="WebhookAttempt", description="One HTTP attempt of a delivery.")
class WebhookAttemptType:
    number: int = strawberry.field(description="1 for the first attempt.")
    attempted_at: datetime = strawberry.field(description="When it was sent.")
    status_code: int | None = strawberry.field(description="The receiver's HTTP status; null when none came.")
    latency_ms: int = strawberry.field(description="Milliseconds until the answer (or the failure).")
    succeeded: bool = strawberry.field(description="A 2xx answer.")
    error_code: str = strawberry.field(
        description="Why it failed: timeout, connection_failed, forbidden_address, tls_error or http_<status>."
    )
    response_excerpt: str = strawberry.field(description="The start of the answer's body, or the error.")

    @classmethod
    def of(cls, row: WebhookAttempt) -> WebhookAttemptType:
        return cls(
            number=row.number,
            attempted_at=row.attempted_at,
            status_code=row.status_code,
            latency_ms=row.latency_ms,
            succeeded=row.succeeded,
            error_code=row.error_code,
            response_excerpt=row.response_excerpt,
        )


@strawberry.type(name="WebhookDelivery", description="One event for one endpoint, with its attempts.")
class WebhookDeliveryType:
    id: strawberry.ID
    event_id: strawberry.ID = strawberry.field(
        description="The event's id: the `webhook-id` header, the feed's id."
    )
    event_type: str = strawberry.field(description="The event's name, such as sales_order.created.")
    status: WebhookDeliveryStatus = strawberry.field(description="Where it is.")
    attempts: int = strawberry.field(description="Attempts so far.")
    created_at: datetime = strawberry.field(description="When the event reached the endpoint's queue.")
    next_attempt_at: datetime | None = strawberry.field(description="When the next retry is due.")
    last_attempt_at: datetime | None = strawberry.field(description="When it was last sent.")
    last_status_code: int | None = strawberry.field(description="The last answer's HTTP status.")
    last_latency_ms: int | None = strawberry.field(description="The last attempt's milliseconds.")
    last_error: str = strawberry.field(description="The last failure's code; empty after success.")
    log: list[WebhookAttemptType] = strawberry.field(description="Every attempt, newest first.")

    @classmethod
    def of(cls, row: WebhookDelivery) -> WebhookDeliveryType:
        return cls(
            id=strawberry.ID(str(row.pk)),
            event_id=strawberry.ID(str(row.event_id)),
            event_type=row.event_type,
            status=WebhookDeliveryStatus(row.status),
            attempts=row.attempts,
            created_at=row.created_at,
            next_attempt_at=row.next_attempt_at,
            last_attempt_at=row.last_attempt_at,
            last_status_code=row.last_status_code,
            last_latency_ms=row.last_latency_ms,
            last_error=row.last_error,
            log=[WebhookAttemptType.of(attempt) for attempt in row.log.all()],
        )


@strawberry.type(
    name="WebhookEndpoint", description="Where a partner hears of events, signed by Standard Webhooks."
)
class WebhookEndpointType:
    id: strawberry.ID
    url: str = strawberry.field(description="Where deliveries are POSTed.")
    events: list[str] = strawberry.field(description="The event names it hears of (graphql/EVENTS.md).")
    description: str = strawberry.field(description="What it is for.")
    enabled: bool = strawberry.field(description="Deliveries are being sent.")
    state: WebhookEndpointState = strawberry.field(description="Whether it receives deliveries.")
    consecutive_failures: int = strawberry.field(description="Failed attempts in a row.")
    disabled_at: datetime | None = strawberry.field(description="When it was switched off.")
    next_probe_at: datetime | None = strawberry.field(description="When a failing endpoint is tried again.")
    created_at: datetime = strawberry.field(description="When it was added.")
    secret_rotated_until: datetime | None = strawberry.field(
        description="After a secret rotation, until when deliveries are signed with the previous secret too."
    )

    @classmethod
    def of(cls, row: WebhookEndpoint) -> WebhookEndpointType:
        return cls(
            id=strawberry.ID(str(row.pk)),
            url=row.url,
            events=list(row.events),
            description=row.description,
            enabled=row.enabled,
            state=WebhookEndpointState(row.state),
            consecutive_failures=row.consecutive_failures,
            disabled_at=row.disabled_at,
            next_probe_at=row.next_probe_at,
            created_at=row.created_at,
            secret_rotated_until=row.previous_secret_until,
        )


@strawberry.type(description="What making an endpoint or rotating its secret gives: the secret, once.")
class WebhookEndpointSecretPayload:
    webhook_endpoint: WebhookEndpointType | None = strawberry.field(
        description="The endpoint; null when refused."
    )
    secret: str | None = strawberry.field(
        description="The signing secret (`whsec_` + base64), shown this once: verify deliveries with it."
    )
    errors: list[FieldError] = strawberry.field(description="Why it was refused; empty on success.")


@strawberry.type(description="An endpoint after a change.")
class WebhookEndpointPayload:
    webhook_endpoint: WebhookEndpointType | None = strawberry.field(
        description="The endpoint; null when refused."
    )
    errors: list[FieldError] = strawberry.field(description="Why it was refused; empty on success.")


@strawberry.type(description="A delivery queued again.")
class WebhookDeliveryPayload:
    delivery: WebhookDeliveryType | None = strawberry.field(description="The delivery; null when refused.")
    errors: list[FieldError] = strawberry.field(description="Why it was refused; empty on success.")


@strawberry.type(description="How many deliveries a replay queued.")
class WebhookReplayPayload:
    queued: int = strawberry.field(description="Deliveries queued (0 when refused).")
    errors: list[FieldError] = strawberry.field(description="Why it was refused; empty on success.")


@strawberry.type(description="One page of an endpoint's delivery log, newest event first.")
class WebhookDeliveryPage:
    total_count: int = strawberry.field(description="Deliveries with the same filter.")
    items: list[WebhookDeliveryType] = strawberry.field(description="The deliveries of this page.")


@strawberry.type(description="An event partners may subscribe to.")
class WebhookEventType:
    name: str = strawberry.field(description="Such as sales_order.created.")
    area: str = strawberry.field(description="The scope area it belongs to: reading it needs `<area>:read`.")
    description: str = strawberry.field(description="What happened.")


@strawberry.type(name="EventActor", description="Who caused an event.")
class EventActorType:
    kind: EventActorKind = strawberry.field(description="Which kind of actor.")
    id: strawberry.ID | None = strawberry.field(description="The person's id (kind user); null otherwise.")
    label: str = strawberry.field(description="Their name, the key's name or the job's reason, as it was.")


@strawberry.type(name="Event", description="One event of the workspace's log, as webhooks carry it.")
class EventType:
    id: strawberry.ID = strawberry.field(
        description="The event's id: equal to the `webhook-id` of its deliveries."
    )
    type: str = strawberry.field(description="Such as sales_order.created (graphql/EVENTS.md).")
    version: int = strawberry.field(description="The payload's version.")
    occurred_at: datetime = strawberry.field(description="When it happened.")
    actor: EventActorType = strawberry.field(description="Who caused it.")
    data: JSON = strawberry.field(
        description="The payload: the object's GraphQL id and its facts (graphql/EVENTS.md)."
    )


@strawberry.type(description="A page of the event feed.")
class EventFeed:
    items: list[EventType] = strawberry.field(description="Events in the order they became visible.")
    end_cursor: strawberry.ID | None = strawberry.field(
        description="The last event's id: pass it as `after` next time (the one asked with when the page is empty)."
    )
    has_more: bool = strawberry.field(description="More events follow: ask again right away.")
