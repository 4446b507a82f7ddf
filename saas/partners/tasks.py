"""The partner app's jobs: webhook drainers, scheduled retries, breaker probes."""

from __future__ import annotations

from saas.core.jobs import tenant_task
from saas.partners.services import deliveries


@tenant_task(queue="webhooks")
def webhook_drain(*, endpoint_id: int, slot: int) -> list[str]:
    return deliveries.drain(endpoint_id, slot)


@tenant_task(queue="webhooks")
def webhook_retry(*, delivery_id: int, attempt: int) -> str:
    return deliveries.retry_due(delivery_id, attempt)


@tenant_task(queue="webhooks")
def webhook_probe(*, endpoint_id: int) -> str:
    return deliveries.probe(endpoint_id)
