"""Fan-out of logged events to their consumers: one job per event, each consumer at most once.

`emit` (saas/core/domain_events.py) defers `fan_out` in the transaction of the change. The job
runs every registered consumer that wants the event, each in a transaction of its own that
first claims `(consumer, event id)` in ProcessedEvent: the claim commits with the consumer's
database effects, so a retried or recovered job skips what already happened and redoes only
what did not. A consumer that fails is retried with the job (backoff); the ones that succeeded
are not run again. Remote effects (an e-mail, a live message) happen inside that transaction,
before the claim commits: a worker killed between the two repeats that one effect, so each
carries the event or notification id for its receiver to drop a repeat.

Consumers register from their app's `ready()` (so the kernel imports no domain), in order:

    consumer_register("reservation_retry", retry_waiting_orders, events={"stock.increased"})

The consumers today: accounts (`invitation_email`, `session_revoke`), sales
(`reservation_retry`), notifications (`inbox`, `email`, `live`), partners (`partners`: the
event's place in the partner feed and its webhook deliveries, saas/partners/services/deliveries.py),
field sales (`field_rollup`: the rankings' daily rollup; `field_plans`: plan stops visited), and
distribution (`distribution_wallet_receipt`, `distribution_wallet_refund`,
`distribution_wallet_return_refund`, commission accrual and
clawback, `distribution_order_progress`: a portal order's events told as the distributor's).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction

from saas.core.jobs import tenant_task
from saas.core.models import LoggedEvent

__all__ = [
    "Consumer",
    "ConsumersFailed",
    "consumer_register",
    "consumers",
    "deliver",
    "fan_out",
    "fan_out_defer",
    "fan_out_defer_many",
]

logger = logging.getLogger(__name__)

Handler = Callable[[LoggedEvent], None]


@dataclass(frozen=True)
class Consumer:
    name: str
    handle: Handler
    # The event names it wants; None for every event.
    events: frozenset[str] | None = None

    def wants(self, name: str) -> bool:
        return self.events is None or name in self.events


class ConsumersFailed(Exception):
    """Some consumers failed: the job is retried and runs only those again."""

    def __init__(self, event_id: int, names: list[str]) -> None:
        super().__init__(f"event {event_id}: consumers failed: {', '.join(names)}")
        self.names = names


_consumers: dict[str, Consumer] = {}


def consumer_register(
    name: str, handle: Handler, *, events: Iterable[str] | None = None, before: str | None = None
) -> None:
    """Add a consumer, last or `before` another one; the same name again replaces it in place."""
    consumer = Consumer(name, handle, None if events is None else frozenset(events))
    if before is None or before not in _consumers or name in _consumers:
        _consumers[name] = consumer
        return
    ordered = list(_consumers.items())
    at = [key for key, _value in ordered].index(before)
    ordered.insert(at, (name, consumer))
    _consumers.clear()
    _consumers.update(ordered)


def consumer_unregister(name: str) -> None:
    _consumers.pop(name, None)


def consumers() -> list[Consumer]:
    return list(_consumers.values())


def _claim(consumer: str, event_id: int) -> bool:
    """Mark the event processed by the consumer, unless it already was. A second run of the
    same job waits here until the first one's transaction ends, then sees its mark."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO core_processedevent (consumer, event_id, processed_at) "
            "VALUES (%s, %s, now()) ON CONFLICT (consumer, event_id) DO NOTHING RETURNING id",
            [consumer, event_id],
        )
        return cursor.fetchone() is not None


def deliver(event_id: int) -> list[str]:
    """Run each consumer that wants the event and has not acted on it; returns those that acted.

    Raises ConsumersFailed after trying all of them when any failed."""
    record = LoggedEvent.objects.filter(pk=event_id).first()
    if record is None:  # deferred with its row, so only a foreign or hand-made job gets here
        logger.error("event %s is not in this workspace's log; nothing to deliver", event_id)
        return []
    acted: list[str] = []
    failed: list[str] = []
    for consumer in consumers():
        if not consumer.wants(record.name):
            continue
        try:
            with transaction.atomic():
                if not _claim(consumer.name, record.pk):
                    continue
                consumer.handle(record)
            acted.append(consumer.name)
        except Exception:
            logger.exception("consumer %s failed on event %s (%s)", consumer.name, record.pk, record.name)
            failed.append(consumer.name)
    if failed:
        raise ConsumersFailed(record.pk, failed)
    return acted


def events_queue() -> str:
    """The queue fan-out jobs go to: workers may serve it alone (SPARROW_EVENTS_QUEUE)."""
    return str(settings.SPARROW_EVENTS_QUEUE)


@tenant_task(queue="events")
def fan_out(*, event_id: int) -> list[str]:
    """The job `emit` defers: deliver one logged event to its consumers."""
    return deliver(event_id)


def fan_out_defer(schema: str, event_id: int) -> int:
    """Queue the fan-out of an event (in the caller's transaction); returns the job id."""
    return fan_out.defer_to(events_queue(), schema, event_id=event_id)


def fan_out_defer_many(schema: str, event_ids: list[int]) -> list[int]:
    """Queue the fan-outs of a batch of events in one statement (an import of many rows)."""
    return fan_out.defer_many_to(events_queue(), schema, [{"event_id": pk} for pk in event_ids])
