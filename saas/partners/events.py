"""Events of the partner integration (the catalogue is in graphql/EVENTS.md)."""

from __future__ import annotations

from dataclasses import dataclass

from saas.core.domain_events import DomainEvent, described, domain_event


@domain_event("webhook_endpoint.disabled", version=1, object_type="webhook_endpoint")
@dataclass(frozen=True, kw_only=True)
class WebhookEndpointDisabled(DomainEvent):
    """Deliveries to an endpoint kept failing: it was switched off and will be probed again."""

    id: str = described("the endpoint's GraphQL id")
    url: str = described("where deliveries went")
    failures: int = described("consecutive failed attempts")
    last_error: str = described("the last attempt's status code or error")


@domain_event("webhook_endpoint.recovered", version=1, object_type="webhook_endpoint")
@dataclass(frozen=True, kw_only=True)
class WebhookEndpointRecovered(DomainEvent):
    """A probe of a switched-off endpoint succeeded: deliveries resume, held ones first."""

    id: str = described("the endpoint's GraphQL id")
    url: str = described("where deliveries go")
