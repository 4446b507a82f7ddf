"""Webhook deliveries: from the event log to each subscribed endpoint, at least once.

The path of one event:
1. The fan-out job runs the `partners` consumer (`on_event`), in one transaction: the event
   gets its place in the feed (`FeedEntry`, under a per-workspace lock so places become visible
   in order), and one `WebhookDelivery` per subscribed endpoint (unique per endpoint and event),
   and a drainer of the endpoint is woken, all in the same transaction. An endpoint a key made
   hears only of the areas that key may read, and never of another partner's endpoints.
2. Drainers: `webhook_drain(endpoint, slot)` jobs take the endpoint's due deliveries one after
   another (oldest event first) until none is left. Each endpoint has
   SPARROW_WEBHOOKS_CONCURRENCY slots; a drain job carries the slot's procrastinate lock (one
   runs per slot) and queueing lock (one waits per slot), so a slow endpoint occupies at most
   that many workers and never queues in front of other endpoints. A delivery is taken by a
   lease (`leased_until`, the POST's deadline plus a margin), so two drainers never send it at
   once. One job per delivery held behind a lock would wait for the worker's next poll after
   each delivery (procrastinate wakes workers only for new jobs): about 11 deliveries a second
   per endpoint, against one HTTP round trip each when a drainer loops (make bench-partner).
   A drainer that finds nothing deletes the drainers still waiting for its slot (they would
   find nothing either: any delivery committed with one of them is seen by its last look).
3. `attempt` posts the event with Standard Webhooks headers; `webhook-id` is the event id on
   every attempt, so receivers drop repeats. The HTTP call runs outside any transaction; the
   outcome is written after it, and an attempt that runs twice sees that its number is taken
   and stops. A drainer killed mid-POST holds its lease; the stalled-job recovery runs the same
   job again, which takes its own leases back and sends them again: at least once, never lost. Each attempt asks again
   whether the endpoint's key may still read the event (revoked: nothing more is sent).
4. Failures retry after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (about 28 hours, as Standard
   Webhooks' reference schedule): a retry is a lock-less job scheduled for its time that wakes
   a drainer when due (a scheduled job holding a lock would hold up its slot).
5. Circuit breaker: SPARROW_WEBHOOKS_BREAKER_FAILURES consecutive failed attempts switch the
   endpoint to `failing`, emit `webhook_endpoint.disabled` (the admins are notified), and hold
   new deliveries. A probe job sends the oldest held delivery after 10 minutes, then after
   doubling waits up to 6 hours; when one succeeds the endpoint is enabled and everything held
   is queued again.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, System, actor_stamp
from saas.core.domain_events import emit, event_class
from saas.core.errors import InvalidInput, NotFound
from saas.core.ids import clean_id
from saas.core.jobs import current_job, drop_waiting_jobs
from saas.core.models import LoggedEvent
from saas.core.tenancy import require_tenant_schema
from saas.partners import scopes as partner_scopes
from saas.partners.access import require_webhook_admin
from saas.partners.delivery_http import HttpAttempt, post
from saas.partners.events import WebhookEndpointDisabled, WebhookEndpointRecovered
from saas.partners.models import FeedEntry, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from saas.partners.selectors import ENDPOINT_OBJECT, events_for, others_endpoint_events, visible_endpoints
from saas.partners.signing import headers as signed_headers

logger = logging.getLogger(__name__)

RETRY_AFTER: tuple[timedelta, ...] = (
    timedelta(seconds=5),
    timedelta(minutes=5),
    timedelta(minutes=30),
    timedelta(hours=2),
    timedelta(hours=5),
    timedelta(hours=10),
    timedelta(hours=10),
)
MAX_ATTEMPTS = len(RETRY_AFTER) + 1
PROBE_FIRST = timedelta(minutes=10)
PROBE_MAX = timedelta(hours=6)
REPLAY_MAX_EVENTS = 10_000
DRAIN_SECONDS = 30.0
LEASE_MARGIN = timedelta(seconds=5)
BREAKER = System(reason="webhook circuit breaker")


# --- the body partners receive ------------------------------------------------------------


def webhook_body(record: LoggedEvent) -> bytes:
    """Standard Webhooks' payload shape: type, timestamp and data (plus the event's version).
    Built from the log row alone, so every attempt sends the same bytes."""
    return json.dumps(
        {
            "type": record.name,
            "version": record.version,
            "timestamp": record.occurred_at.isoformat(),
            "data": record.payload,
        },
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode()


def _signing_secrets(endpoint: WebhookEndpoint, now: datetime) -> list[str]:
    found = [endpoint.secret]
    if endpoint.previous_secret and endpoint.previous_secret_until and endpoint.previous_secret_until > now:
        found.append(endpoint.previous_secret)
    return found


# --- from the event log -----------------------------------------------------------------------


def _lock_feed() -> None:
    # One writer of feed places per workspace at a time, until its transaction ends.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtext('partners.feed'), hashtext(%s))",
            [require_tenant_schema()],
        )


def _area_of(event_type: str) -> str | None:
    try:
        object_type = event_class(event_type).object_type
    except KeyError:
        return None
    return partner_scopes.EVENT_AREAS.get(object_type)


def _hears(endpoint: WebhookEndpoint, area: str | None) -> bool:
    """An endpoint made by a key hears only of the areas that key may still read (a revoked or
    expired key: nothing). Asked when a delivery is made and again before each attempt."""
    if area is None:
        return False
    key = endpoint.api_key
    return key is None or key.holds(area, partner_scopes.READ)


def _may_hear_of(endpoint: WebhookEndpoint, record: LoggedEvent) -> bool:
    """A key's endpoint hears of no other partner's endpoint (selectors.others_endpoint_events)."""
    if endpoint.api_key_id is None or record.object_type != ENDPOINT_OBJECT:
        return True
    if record.object_id is None:
        return False
    return WebhookEndpoint.objects.filter(pk=record.object_id, api_key_id=endpoint.api_key_id).exists()


def on_event(record: LoggedEvent) -> None:
    """The `partners` consumer: the event's feed place and its deliveries."""
    area = partner_scopes.EVENT_AREAS.get(record.object_type)
    if area is None:
        return  # internal (people): neither in the feed nor sent out
    _lock_feed()
    FeedEntry.objects.get_or_create(
        event_id=record.pk, defaults={"event_type": record.name, "object_type": record.object_type}
    )
    endpoints = WebhookEndpoint.objects.filter(
        deleted_at__isnull=True,
        state__in=[WebhookEndpoint.State.ENABLED, WebhookEndpoint.State.FAILING],
        events__contains=[record.name],
    ).select_related("api_key")
    for endpoint in endpoints:
        if not _hears(endpoint, area) or not _may_hear_of(endpoint, record):
            continue
        delivery, created = WebhookDelivery.objects.get_or_create(
            endpoint=endpoint, event_id=record.pk, defaults={"event_type": record.name}
        )
        if created and endpoint.enabled:
            queue_attempt(delivery)


# --- attempts ---------------------------------------------------------------------------------


def _slots() -> int:
    return max(1, int(settings.SPARROW_WEBHOOKS_CONCURRENCY))


def _slot_lock(endpoint_id: int, slot: int) -> str:
    return f"webhook:{require_tenant_schema()}:{endpoint_id}:{slot}"


def wake(endpoint_id: int, slot: int) -> None:
    """Queue a drainer for this slot of the endpoint (in the caller's transaction, so it commits
    with the delivery). Drainers of one slot run one at a time; spare ones are dropped."""
    from saas.partners.tasks import webhook_drain

    webhook_drain.defer_configured(lock=_slot_lock(endpoint_id, slot), endpoint_id=endpoint_id, slot=slot)


def queue_attempt(delivery: WebhookDelivery) -> None:
    """The delivery is due: wake a drainer of its endpoint (slots spread by delivery)."""
    wake(delivery.endpoint_id, delivery.pk % _slots())


def wake_endpoint(endpoint_id: int) -> None:
    """Wake every slot of the endpoint: many deliveries became due at once (a resume, a replay)."""
    for slot in range(_slots()):
        wake(endpoint_id, slot)


def _lease() -> timedelta:
    # The POST cannot outlast its deadline (delivery_http.post); the margin covers writing it down.
    return timedelta(seconds=float(settings.SPARROW_WEBHOOKS_TIMEOUT_SECONDS)) + LEASE_MARGIN


# statement_timestamp(), not now(): now() is when the transaction began, which is long ago for a
# caller inside one (tests run whole scenarios in one transaction).
CLAIM = """
UPDATE partners_webhookdelivery
SET leased_until = statement_timestamp() + make_interval(secs => %s), leased_by_job = %s
WHERE id = (
    SELECT id FROM partners_webhookdelivery
    WHERE endpoint_id = %s AND status = 'pending'
      AND (next_attempt_at IS NULL OR next_attempt_at <= statement_timestamp())
      AND (leased_until IS NULL OR leased_until <= statement_timestamp() OR leased_by_job = %s)
      AND NOT (id = ANY(%s))
    ORDER BY event_id, id
    LIMIT 1
    FOR UPDATE SKIP LOCKED
)
RETURNING id, attempts
"""


def _claim(endpoint_id: int, job_id: int | None, tried: list[int]) -> tuple[int, int] | None:
    """Lease the endpoint's oldest due delivery not yet tried by this drainer: (id, attempts).
    A delivery this same job leased before (it was killed and runs again) is taken back."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(CLAIM, [_lease().total_seconds(), job_id, endpoint_id, job_id, tried])
        row = cursor.fetchone()
    return (int(row[0]), int(row[1])) if row else None


def _this_job() -> int | None:
    try:
        return current_job().id
    except RuntimeError:
        return None  # called outside a job (a script, a test): it holds no lease of its own


def drain(endpoint_id: int, slot: int) -> list[str]:
    """Send the endpoint's due deliveries one after another until none is left, or for
    DRAIN_SECONDS (then a fresh job takes over, so jobs stay short). What each attempt did."""
    from saas.partners.tasks import webhook_drain

    outcomes: list[str] = []
    tried: list[int] = []
    job_id = _this_job()
    started = time.monotonic()
    while True:
        endpoint = WebhookEndpoint.objects.filter(pk=endpoint_id).only("state", "deleted_at").first()
        if endpoint is None or endpoint.deleted_at is not None or not endpoint.enabled:
            return outcomes  # switched off or failing: the probe or a person wakes it again
        if time.monotonic() - started > DRAIN_SECONDS:
            wake(endpoint_id, slot)
            return outcomes
        claimed = _claim(endpoint_id, job_id, tried)
        if claimed is None:
            # Drainers waiting for this slot would find nothing either: drop them, then look
            # once more, so a delivery committed with one of them is not missed.
            drop_waiting_jobs(webhook_drain, lock=_slot_lock(endpoint_id, slot))
            claimed = _claim(endpoint_id, job_id, tried)
        if claimed is None:
            return outcomes
        delivery_id, attempts = claimed
        tried.append(delivery_id)
        outcomes.append(attempt(delivery_id, attempts + 1))


def _post(endpoint: WebhookEndpoint, delivery: WebhookDelivery) -> HttpAttempt:
    record = LoggedEvent.objects.get(pk=delivery.event_id)
    body = webhook_body(record)
    now = timezone.now()
    return post(
        endpoint.url,
        headers=signed_headers(
            secrets=_signing_secrets(endpoint, now),
            msg_id=str(record.pk),
            timestamp=int(time.time()),
            body=body,
        ),
        body=body,
        timeout=settings.SPARROW_WEBHOOKS_TIMEOUT_SECONDS,
        allow_private=settings.SPARROW_WEBHOOKS_ALLOW_PRIVATE,
    )


def attempt(delivery_id: int, number: int, *, probe: bool = False) -> str:
    """Attempt `number` of a delivery; what happened, as a word for logs and tests."""
    delivery = WebhookDelivery.objects.select_related("endpoint__api_key").filter(pk=delivery_id).first()
    if delivery is None or delivery.status != WebhookDelivery.Status.PENDING:
        return "done"
    if delivery.attempts >= number:
        return "repeat"  # this attempt already ran (a job run twice)
    endpoint = delivery.endpoint
    if endpoint.deleted_at is not None or endpoint.state == WebhookEndpoint.State.DISABLED:
        return "stopped"
    if not _hears(endpoint, _area_of(delivery.event_type)):
        return "stopped"  # its key was revoked, expired or lost the area since the event
    if endpoint.state == WebhookEndpoint.State.FAILING and not probe:
        return "held"
    outcome = _post(endpoint, delivery)
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery_id)
        if delivery.attempts >= number:
            return "repeat"
        _record(delivery, number, outcome)
        if outcome.ok:
            # One UPDATE, and only after failures: successes need no lock on the endpoint's row.
            WebhookEndpoint.objects.filter(pk=delivery.endpoint_id, consecutive_failures__gt=0).update(
                consecutive_failures=0
            )
            return "delivered"
        endpoint = WebhookEndpoint.objects.select_for_update().get(pk=delivery.endpoint_id)
        endpoint.consecutive_failures += 1
        endpoint.save(update_fields=["consecutive_failures"])
        if number >= MAX_ATTEMPTS:
            delivery.status = WebhookDelivery.Status.FAILED
            delivery.next_attempt_at = None
            delivery.save(update_fields=["status", "next_attempt_at"])
        elif not probe:
            _schedule_retry(delivery, number)
        if endpoint.enabled and endpoint.consecutive_failures >= settings.SPARROW_WEBHOOKS_BREAKER_FAILURES:
            _trip(endpoint, outcome)
        return "failed"


def _record(delivery: WebhookDelivery, number: int, outcome: HttpAttempt) -> None:
    now = timezone.now()
    error = outcome.error_code or ("" if outcome.ok else f"http_{outcome.status_code}")
    WebhookAttempt.objects.create(
        delivery=delivery,
        number=number,
        attempted_at=now,
        status_code=outcome.status_code,
        latency_ms=outcome.latency_ms,
        succeeded=outcome.ok,
        error_code=error[:40],
        response_excerpt=(outcome.response_excerpt or outcome.error_message)[:500],
    )
    delivery.attempts = number
    delivery.last_attempt_at = now
    delivery.last_status_code = outcome.status_code
    delivery.last_latency_ms = outcome.latency_ms
    delivery.last_error = error[:200]
    delivery.leased_until = delivery.leased_by_job = None
    if outcome.ok:
        delivery.status = WebhookDelivery.Status.SUCCEEDED
        delivery.next_attempt_at = None
    delivery.save()


def _schedule_retry(delivery: WebhookDelivery, number: int) -> None:
    from saas.partners.tasks import webhook_retry

    due = timezone.now() + RETRY_AFTER[number - 1]
    delivery.next_attempt_at = due
    delivery.save(update_fields=["next_attempt_at"])
    webhook_retry.defer_configured(schedule_at=due, delivery_id=delivery.pk, attempt=number + 1)


def retry_due(delivery_id: int, number: int) -> str:
    """A retry's time has come: wake a drainer of its endpoint, unless the delivery moved on
    meanwhile (delivered by a redelivery, held by the breaker)."""
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
        if delivery is None or delivery.status != WebhookDelivery.Status.PENDING:
            return "done"
        if delivery.attempts != number - 1:
            return "repeat"
        if not delivery.endpoint.enabled:
            return "held"
        # This job is the retry's timer: from now on the delivery is due.
        delivery.next_attempt_at = None
        delivery.save(update_fields=["next_attempt_at"])
        queue_attempt(delivery)
        return "queued"


# --- the circuit breaker --------------------------------------------------------------------


def _trip(endpoint: WebhookEndpoint, outcome: HttpAttempt) -> None:
    from saas.partners.tasks import webhook_probe

    endpoint.state = WebhookEndpoint.State.FAILING
    endpoint.disabled_at = timezone.now()
    endpoint.next_probe_at = endpoint.disabled_at + PROBE_FIRST
    endpoint.save(update_fields=["state", "disabled_at", "next_probe_at"])
    emit(
        WebhookEndpointDisabled(
            id=str(endpoint.pk),
            url=endpoint.url,
            failures=endpoint.consecutive_failures,
            last_error=outcome.error_code or f"HTTP {outcome.status_code}",
        ),
        by=actor_stamp(BREAKER),
    )
    webhook_probe.defer_configured(schedule_at=endpoint.next_probe_at, endpoint_id=endpoint.pk)


def probe(endpoint_id: int) -> str:
    """Try a failing endpoint again with its oldest held delivery; on success, resume it."""
    from saas.partners.tasks import webhook_probe

    endpoint = WebhookEndpoint.objects.filter(pk=endpoint_id, deleted_at__isnull=True).first()
    if endpoint is None or endpoint.state != WebhookEndpoint.State.FAILING:
        return "not failing"
    held = (
        WebhookDelivery.objects.filter(endpoint=endpoint, status=WebhookDelivery.Status.PENDING)
        .order_by("event_id")
        .first()
    )
    # Nothing held (the failures used up their retries): there is nothing to probe with, so the
    # endpoint is enabled and the next failures trip the breaker again.
    if held is None or attempt(held.pk, held.attempts + 1, probe=True) == "delivered":
        with transaction.atomic():
            endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint_id)
            if endpoint.state == WebhookEndpoint.State.FAILING:
                resume_endpoint(endpoint)
        return "recovered"
    with transaction.atomic():
        endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint_id)
        if endpoint.state != WebhookEndpoint.State.FAILING:
            return "not failing"
        waited = timezone.now() - (endpoint.disabled_at or timezone.now())
        endpoint.next_probe_at = timezone.now() + min(max(PROBE_FIRST, waited), PROBE_MAX)
        endpoint.save(update_fields=["next_probe_at"])
        webhook_probe.defer_configured(schedule_at=endpoint.next_probe_at, endpoint_id=endpoint.pk)
    return "still failing"


def resume_endpoint(endpoint: WebhookEndpoint) -> int:
    """Enable the endpoint (locked by the caller) and queue every held delivery; returns how many."""
    was_failing = endpoint.state == WebhookEndpoint.State.FAILING
    endpoint.state = WebhookEndpoint.State.ENABLED
    endpoint.consecutive_failures = 0
    endpoint.disabled_at = None
    endpoint.next_probe_at = None
    endpoint.save(update_fields=["state", "consecutive_failures", "disabled_at", "next_probe_at"])
    if was_failing:
        emit(WebhookEndpointRecovered(id=str(endpoint.pk), url=endpoint.url), by=actor_stamp(BREAKER))
    held = WebhookDelivery.objects.filter(endpoint=endpoint, status=WebhookDelivery.Status.PENDING)
    held.update(next_attempt_at=None, leased_until=None)  # held retries are due now
    count = held.count()
    if count:
        wake_endpoint(endpoint.pk)
    return count


# --- what people ask for: redeliver, replay ------------------------------------------------


def delivery_redeliver(*, actor: Actor, delivery_id: object) -> WebhookDelivery:
    """Send a delivery again now (after it failed, or to a receiver that lost it)."""
    with transaction.atomic():
        require_webhook_admin(actor)
        delivery = (
            WebhookDelivery.objects.select_for_update()
            .filter(
                pk=clean_id(delivery_id, "id", _("Delivery not found.")),
                endpoint__in=visible_endpoints(actor),
            )
            .first()
        )
        if delivery is None:
            raise NotFound(_("Delivery not found."), field="id")
        if not delivery.endpoint.enabled:
            raise InvalidInput(
                _("Switch the endpoint on before redelivering."), code="endpoint_disabled", field="id"
            )
        delivery.status = WebhookDelivery.Status.PENDING
        delivery.next_attempt_at = delivery.leased_until = None
        delivery.save(update_fields=["status", "next_attempt_at", "leased_until"])
        queue_attempt(delivery)
    return delivery


def endpoint_replay(*, actor: Actor, endpoint_id: object, since: datetime, until: datetime) -> int:
    """Send again every subscribed event that happened in [since, until): those never sent (the
    endpoint was new or off) and those already delivered alike. Returns how many were queued."""
    from saas.partners.services.endpoints import endpoint_for

    # A time without an offset cannot be compared with one that has it, nor placed on the log.
    for field, moment in (("since", since), ("until", until)):
        if timezone.is_naive(moment):
            raise InvalidInput(_("Give the time with its time zone."), code="datetime_invalid", field=field)
    if since >= until:
        raise InvalidInput(_("The start must be before the end."), code="range_invalid", field="since")
    with transaction.atomic():
        endpoint = endpoint_for(actor, endpoint_id, lock=True)
        if not endpoint.enabled:
            raise InvalidInput(
                _("Switch the endpoint on before replaying."), code="endpoint_disabled", field="id"
            )
        offered = events_for(actor)
        wanted = [name for name in endpoint.events if name in offered and _hears(endpoint, _area_of(name))]
        records = LoggedEvent.objects.filter(
            name__in=wanted, occurred_at__gte=since, occurred_at__lt=until
        ).order_by("id")
        if endpoint.api_key is not None:
            records = records.exclude(pk__in=others_endpoint_events(endpoint.api_key).values("pk"))
        if records.count() > REPLAY_MAX_EVENTS:
            raise InvalidInput(
                _("At most 10,000 events at a time: replay a shorter range."),
                code="range_too_long",
                field="since",
            )
        count = 0
        for record in records.only("id", "name"):
            delivery, _created = WebhookDelivery.objects.select_for_update().get_or_create(
                endpoint=endpoint, event_id=record.pk, defaults={"event_type": record.name}
            )
            if delivery.status != WebhookDelivery.Status.PENDING or _created:
                delivery.status = WebhookDelivery.Status.PENDING
                delivery.next_attempt_at = delivery.leased_until = None
                delivery.save(update_fields=["status", "next_attempt_at", "leased_until"])
                count += 1
        if count:
            wake_endpoint(endpoint.pk)
    return count


__all__ = [
    "MAX_ATTEMPTS",
    "RETRY_AFTER",
    "attempt",
    "delivery_redeliver",
    "drain",
    "endpoint_replay",
    "on_event",
    "probe",
    "queue_attempt",
    "resume_endpoint",
    "retry_due",
    "wake",
    "wake_endpoint",
    "webhook_body",
]
