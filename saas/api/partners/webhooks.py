"""Webhook endpoints and their delivery log in GraphQL: owners and admins, or a key with webhooks scopes."""

from __future__ import annotations

from datetime import datetime

import strawberry
from strawberry.types import Info

from saas.api.choices import model_value
from saas.api.errors import run_service
from saas.api.partners.enums import WebhookDeliveryStatus
from saas.api.partners.types import (
    WebhookDeliveryPage,
    WebhookDeliveryPayload,
    WebhookDeliveryType,
    WebhookEndpointPayload,
    WebhookEndpointSecretPayload,
    WebhookEndpointType,
    WebhookEventType,
    WebhookReplayPayload,
)
from saas.api.permissions import current_actor
from saas.core.domain_events import catalogue
from saas.core.ids import parse_id
from saas.core.paging import check_page
from saas.partners import selectors
from saas.partners.models import WebhookEndpoint
from saas.partners.services import deliveries, endpoints


@strawberry.input(description="A new webhook endpoint.")
class WebhookEndpointCreateInput:
    url: str = strawberry.field(
        description="Where to POST (https in production; addresses on private networks are refused)."
    )
    events: list[str] = strawberry.field(description="Event names to hear of (webhookEventTypes).")
    description: str = strawberry.field(default="", description="What it is for (at most 200 characters).")
    idempotency_key: str | None = strawberry.field(
        default=None, description="Retrying with the same key returns the first endpoint instead of a second."
    )


@strawberry.input(description="Changes to an endpoint; fields left out stay as they are.")
class WebhookEndpointUpdateInput:
    url: str | None = strawberry.field(default=None, description="A new URL.")
    events: list[str] | None = strawberry.field(default=None, description="The new list of event names.")
    description: str | None = strawberry.field(default=None, description="A new description.")
    enabled: bool | None = strawberry.field(
        default=None,
        description="false switches it off; true switches it on (a failing one resumes and sends what was held).",
    )


def _endpoint_payload(call: object) -> WebhookEndpointPayload:
    endpoint, errors = run_service(call)  # type: ignore[arg-type]
    return WebhookEndpointPayload(
        webhook_endpoint=WebhookEndpointType.of(endpoint) if endpoint else None, errors=errors
    )


def _secret_payload(call: object) -> WebhookEndpointSecretPayload:
    endpoint, errors = run_service(call)  # type: ignore[arg-type]
    if endpoint is None:
        return WebhookEndpointSecretPayload(webhook_endpoint=None, secret=None, errors=errors)
    assert isinstance(endpoint, WebhookEndpoint)
    return WebhookEndpointSecretPayload(
        webhook_endpoint=WebhookEndpointType.of(endpoint), secret=endpoint.secret, errors=errors
    )


@strawberry.type
class WebhookQueries:
    @strawberry.field(description="Webhook endpoints: all for admins; a key sees those it made.")
    def webhook_endpoints(self, info: Info) -> list[WebhookEndpointType]:
        return [WebhookEndpointType.of(row) for row in selectors.visible_endpoints(current_actor(info))]

    @strawberry.field(description="One webhook endpoint; null when it does not exist or is not yours.")
    def webhook_endpoint(self, info: Info, id: strawberry.ID) -> WebhookEndpointType | None:
        pk = parse_id(id)
        row = selectors.visible_endpoints(current_actor(info)).filter(pk=pk).first() if pk else None
        return WebhookEndpointType.of(row) if row else None

    @strawberry.field(description="An endpoint's delivery log, newest event first; status filters it.")
    def webhook_deliveries(
        self,
        info: Info,
        endpoint_id: strawberry.ID,
        status: WebhookDeliveryStatus | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> WebhookDeliveryPage:
        check_page(limit, offset)
        actor = current_actor(info)
        endpoint = selectors.endpoint_get(actor, endpoint_id)
        rows = selectors.endpoint_deliveries(actor, endpoint)
        if status is not None:
            rows = rows.filter(status=model_value(status))
        return WebhookDeliveryPage(
            total_count=rows.count(),
            items=[WebhookDeliveryType.of(row) for row in rows[offset : offset + limit]],
        )

    @strawberry.field(description="The events you may subscribe to (a key: those of the areas it may read).")
    def webhook_event_types(self, info: Info) -> list[WebhookEventType]:
        offered = selectors.events_for(current_actor(info))
        known = catalogue()
        return [
            WebhookEventType(name=name, area=area, description=(known[name].__doc__ or "").strip())
            for name, area in sorted(offered.items())
        ]


@strawberry.type
class WebhookMutations:
    @strawberry.mutation(description="Add an endpoint; its signing secret is in this answer only.")
    def webhook_endpoint_create(
        self, info: Info, input: WebhookEndpointCreateInput
    ) -> WebhookEndpointSecretPayload:
        return _secret_payload(
            lambda: endpoints.endpoint_create(
                actor=current_actor(info),
                url=input.url,
                events=input.events,
                description=input.description,
                idempotency_key=input.idempotency_key,
            )
        )

    @strawberry.mutation(description="Change an endpoint, or switch it off and on.")
    def webhook_endpoint_update(
        self, info: Info, id: strawberry.ID, input: WebhookEndpointUpdateInput
    ) -> WebhookEndpointPayload:
        return _endpoint_payload(
            lambda: endpoints.endpoint_update(
                actor=current_actor(info),
                endpoint_id=id,
                url=input.url,
                events=input.events,
                description=input.description,
                enabled=input.enabled,
            )
        )

    @strawberry.mutation(description="Remove an endpoint: nothing more is sent to it.")
    def webhook_endpoint_delete(self, info: Info, id: strawberry.ID) -> WebhookEndpointPayload:
        return _endpoint_payload(lambda: endpoints.endpoint_delete(actor=current_actor(info), endpoint_id=id))

    @strawberry.mutation(
        description="A new signing secret, shown once; for 24 hours deliveries carry signatures by the old "
        "and the new secret, so the receiver can switch without rejecting any."
    )
    def webhook_endpoint_rotate_secret(self, info: Info, id: strawberry.ID) -> WebhookEndpointSecretPayload:
        return _secret_payload(
            lambda: endpoints.endpoint_rotate_secret(actor=current_actor(info), endpoint_id=id)
        )

    @strawberry.mutation(description="Send a delivery again now, with the same webhook-id.")
    def webhook_delivery_redeliver(self, info: Info, id: strawberry.ID) -> WebhookDeliveryPayload:
        delivery, errors = run_service(
            lambda: deliveries.delivery_redeliver(actor=current_actor(info), delivery_id=id)
        )
        return WebhookDeliveryPayload(
            delivery=WebhookDeliveryType.of(delivery) if delivery else None, errors=errors
        )

    @strawberry.mutation(
        description="Send again every subscribed event of a time range [since, until) (at most 10,000), "
        "including those sent before; each keeps its webhook-id."
    )
    def webhook_endpoint_replay(
        self, info: Info, id: strawberry.ID, since: datetime, until: datetime
    ) -> WebhookReplayPayload:
        queued, errors = run_service(
            lambda: deliveries.endpoint_replay(
                actor=current_actor(info), endpoint_id=id, since=since, until=until
            )
        )
        return WebhookReplayPayload(queued=queued or 0, errors=errors)
