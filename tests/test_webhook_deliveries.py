"""Partner webhooks end to end, in-process: an event becomes a delivery, the attempt job POSTs it
to a real receiver on 127.0.0.1 signed by Standard Webhooks, failures retry on schedule with the
same webhook-id, the circuit breaker holds and probes, per-endpoint locks keep one dead endpoint
from starving the others (redeliver, replay, rotation, SSRF and isolation: test_webhook_redelivery.py).

Jobs run on the test's own connection (tests/fixtures/jobs.run_job), as a worker would run them.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.utils import timezone
from django_tenants.utils import tenant_context

from saas.core.models import LoggedEvent
from saas.notifications.models import Notification
from saas.partners.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from saas.partners.services import deliveries
from tests.fixtures.events import deliver_events
from tests.fixtures.partners import (
    created_order_events,
    issue_key,
    key_client,
    key_post,
    run_attempts,
    run_webhook_job,
    verified,
    webhook_endpoint,
    webhook_jobs,
)
from tests.fixtures.tenants import client_for, graphql

CREATE_ORDER = """
mutation($input: SalesOrderCreateInput!) {
  salesOrderCreate(input: $input) { salesOrder { id number } errors { field code } }
}"""
DELIVERIES = """
query($id: ID!) {
  webhookDeliveries(endpointId: $id) {
    totalCount
    items { id eventId eventType status attempts lastStatusCode
            log { number statusCode latencyMs succeeded errorCode } }
  }
}"""
FEED = "query($after: ID) { events(after: $after, limit: 100) { items { id type data } endCursor } }"


# --- one delivery -----------------------------------------------------------------------------


def test_an_order_made_over_graphql_reaches_the_endpoint_signed_with_the_event_id(selling, receiver):
    workspace = selling.room.workspace
    endpoint = webhook_endpoint(workspace, receiver.url())
    issued = issue_key(workspace, "sales:write")

    # When a partner pushes an order and the event is fanned out and its attempt job runs
    made = key_post(
        key_client(workspace, issued.secret),
        CREATE_ORDER,
        {
            "input": {
                "customerId": str(selling.customer.pk),
                "warehouseId": str(selling.room.main.pk),
                "repId": str(selling.rep.pk),
                "lines": [{"skuId": str(selling.shirt.pk), "quantity": "2"}],
            }
        },
    )[1]["data"]["salesOrderCreate"]
    assert made["errors"] == []
    with tenant_context(workspace.tenant):
        deliver_events()
        [event] = created_order_events()
        [delivery] = WebhookDelivery.objects.filter(endpoint=endpoint)
        assert (delivery.event_id, delivery.status) == (event.pk, "pending")
        [job] = webhook_jobs("drain")
        assert (job.kwargs["endpoint_id"], job.kwargs["slot"]) == (endpoint.pk, delivery.pk % 2)
        assert run_attempts() == ["delivered"]

    # Then the receiver got one POST that the partner's Standard Webhooks library accepts
    [request] = receiver.requests
    payload = verified(endpoint.secret, request)
    assert set(payload) == {"type", "version", "timestamp", "data"}
    assert payload["type"] == "sales_order.created" and payload["version"] == 1
    assert payload["timestamp"] == event.occurred_at.isoformat()
    assert payload["data"]["id"] == made["salesOrder"]["id"]  # the order's GraphQL id
    assert payload["data"]["number"] == made["salesOrder"]["number"]
    assert payload["data"]["customerId"] == str(selling.customer.pk)
    assert request.headers["webhook-id"] == str(event.pk)
    assert request.headers["content-type"] == "application/json"
    assert request.path == "/hooks"

    # And the webhook-id is the event's id in the feed
    reader = issue_key(workspace, "sales:read", name="reader")
    feed = key_post(key_client(workspace, reader.secret), FEED)[1]["data"]["events"]["items"]
    assert [item["id"] for item in feed if item["type"] == "sales_order.created"] == [
        request.headers["webhook-id"]
    ]

    # And the delivery log says what happened
    with tenant_context(workspace.tenant):
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("succeeded", 1, 200)
        [logged] = WebhookAttempt.objects.filter(delivery=delivery)
        assert (logged.number, logged.status_code, logged.succeeded, logged.error_code) == (1, 200, True, "")
        assert logged.response_excerpt == "answered 200"


# --- retries -------------------------------------------------------------------------------------


def test_a_500_is_retried_after_5_seconds_with_the_same_webhook_id_and_both_attempts_are_logged(
    selling, receiver
):
    workspace = selling.room.workspace
    endpoint = webhook_endpoint(workspace, receiver.url())
    receiver.answers = [500]
    selling.order([(selling.shirt, "1")])
    deliver_events()

    # When the first attempt gets a 500
    assert run_attempts() == ["failed"]
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, 500)

    # Then a retry waits for its time (5 s), with no lock to hold up the endpoint's slot
    [retry] = webhook_jobs("retry")
    assert retry.lock is None and retry.kwargs["attempt"] == 2
    assert retry.scheduled_at == delivery.next_attempt_at
    waited = retry.scheduled_at - delivery.last_attempt_at
    assert timedelta(seconds=5) <= waited < timedelta(seconds=6)
    assert webhook_jobs("drain") == []

    # When its time comes: it queues the attempt behind the endpoint's slot, which succeeds
    assert run_webhook_job(retry.id) == "queued"
    assert run_attempts() == ["delivered"]

    # Then both POSTs carried the event id, and the log has both with codes and latency
    event = created_order_events()[0]
    assert receiver.ids() == [str(event.pk), str(event.pk)]
    for request in receiver.requests:
        verified(endpoint.secret, request)
    log = graphql(client_for(workspace, workspace.users["owner"]), DELIVERIES, {"id": str(endpoint.pk)})
    [item] = log["data"]["webhookDeliveries"]["items"]
    assert (item["eventId"], item["status"], item["attempts"], item["lastStatusCode"]) == (
        str(event.pk),
        "SUCCEEDED",
        2,
        200,
    )
    assert [(a["number"], a["statusCode"], a["succeeded"], a["errorCode"]) for a in item["log"]] == [
        (2, 200, True, ""),
        (1, 500, False, "http_500"),
    ]
    assert all(isinstance(a["latencyMs"], int) and a["latencyMs"] >= 0 for a in item["log"])


def test_after_8_failed_attempts_over_more_than_24_hours_the_delivery_is_failed(selling, receiver):
    workspace = selling.room.workspace
    endpoint = webhook_endpoint(workspace, receiver.url())
    receiver.status = 503
    selling.order([(selling.shirt, "1")])
    deliver_events()

    # The schedule spans at least a day, as the issue asks
    assert deliveries.MAX_ATTEMPTS == 8
    assert sum(deliveries.RETRY_AFTER, timedelta()) >= timedelta(hours=24)

    waits: list[timedelta] = []
    outcomes = run_attempts()
    while retries := webhook_jobs("retry"):
        [retry] = retries
        delivery = WebhookDelivery.objects.get(endpoint=endpoint)
        waits.append(retry.scheduled_at - delivery.last_attempt_at)
        assert run_webhook_job(retry.id) == "queued"
        outcomes += run_attempts()

    assert outcomes == ["failed"] * 8
    assert [round(wait.total_seconds()) for wait in waits] == [
        round(step.total_seconds()) for step in deliveries.RETRY_AFTER
    ]
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert (delivery.status, delivery.attempts, delivery.next_attempt_at) == ("failed", 8, None)
    assert sorted(WebhookAttempt.objects.filter(delivery=delivery).values_list("number", flat=True)) == list(
        range(1, 9)
    )
    assert len(set(receiver.ids())) == 1 and len(receiver.requests) == 8
    # The breaker's threshold (15) was not reached by one delivery's 8 failures
    assert WebhookEndpoint.objects.get(pk=endpoint.pk).state == "enabled"


# --- the circuit breaker -------------------------------------------------------------------------


def test_the_breaker_switches_a_failing_endpoint_off_tells_the_admins_holds_and_probes_it_back(
    selling, receiver, settings
):
    settings.SPARROW_WEBHOOKS_BREAKER_FAILURES = 3
    workspace = selling.room.workspace
    endpoint = webhook_endpoint(workspace, receiver.url())
    receiver.status = 500
    for _n in range(3):
        selling.order([(selling.shirt, "1")])
    deliver_events()

    # When three attempts in a row fail
    assert run_attempts() == ["failed"] * 3
    endpoint.refresh_from_db()
    assert (endpoint.state, endpoint.consecutive_failures) == ("failing", 3)
    assert endpoint.disabled_at is not None
    assert endpoint.next_probe_at == endpoint.disabled_at + deliveries.PROBE_FIRST
    [disabled] = LoggedEvent.objects.filter(name="webhook_endpoint.disabled")
    assert disabled.payload == {
        "id": str(endpoint.pk),
        "url": endpoint.url,
        "failures": 3,
        "lastError": "HTTP 500",
    }
    [probe] = webhook_jobs("probe")
    assert probe.scheduled_at == endpoint.next_probe_at and probe.lock is None

    # Then the owner and the admin find it in their inbox, nobody else
    deliver_events()
    told = set(
        Notification.objects.filter(kind="webhook_endpoint.disabled").values_list("user__email", flat=True)
    )
    assert told == {workspace.email("owner"), workspace.email("admin")}

    # And a new event's delivery is held: no attempt job, and due retries do not send either
    selling.order([(selling.shirt, "1")])
    deliver_events()
    assert WebhookDelivery.objects.filter(endpoint=endpoint, attempts=0).count() == 1
    assert webhook_jobs("drain") == []
    assert {run_webhook_job(job.id) for job in webhook_jobs("retry")} == {"held"}
    assert webhook_jobs("drain") == [] and len(receiver.requests) == 3

    # When the probe finds it still failing, it waits longer
    assert run_webhook_job(probe.id) == "still failing"
    [again] = webhook_jobs("probe")
    assert again.scheduled_at > probe.scheduled_at
    assert WebhookEndpoint.objects.get(pk=endpoint.pk).state == "failing"
    assert len(receiver.requests) == 4

    # When the receiver is healthy and the next probe runs
    receiver.status = 200
    assert run_webhook_job(again.id) == "recovered"

    # Then it is enabled, what was held is queued and delivered, and the recovery is logged
    endpoint.refresh_from_db()
    assert (endpoint.state, endpoint.consecutive_failures, endpoint.next_probe_at) == ("enabled", 0, None)
    assert LoggedEvent.objects.filter(name="webhook_endpoint.recovered").count() == 1
    assert len(webhook_jobs("drain")) == 2  # both slots woken; the probe delivered the oldest
    assert run_attempts() == ["delivered"] * 3
    statuses = WebhookDelivery.objects.filter(endpoint=endpoint).values_list("status", flat=True)
    assert list(statuses) == ["succeeded"] * 4
    events = {str(event.pk) for event in created_order_events()}
    assert {request.headers["webhook-id"] for request in receiver.requests[-4:]} == events


# --- concurrency per endpoint ----------------------------------------------------------------------


def _fetch_job() -> tuple[int, str | None] | None:
    """What a worker of the webhooks queue is given next (procrastinate's own fetch)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, lock FROM procrastinate_fetch_job_v2(ARRAY['webhooks']::varchar[], NULL)")
        row = cursor.fetchone()
    return None if row is None or row[0] is None else (row[0], row[1])


def test_drainers_hold_at_most_their_endpoint_s_slots_so_a_dead_endpoint_never_starves_another(
    selling, settings
):
    settings.SPARROW_WEBHOOKS_CONCURRENCY = 2
    workspace = selling.room.workspace
    schema = workspace.tenant.schema_name
    dead = webhook_endpoint(workspace, "http://127.0.0.1:9/dead")
    alive = webhook_endpoint(workspace, "http://127.0.0.1:9/alive")
    for _n in range(4):
        selling.order([(selling.shirt, "1")])
    deliver_events()

    # Every drainer carries its endpoint slot's lock: webhook:<schema>:<endpoint>:<slot>, two
    # slots per endpoint
    jobs = webhook_jobs("drain")
    for job in jobs:
        assert job.lock == f"webhook:{schema}:{job.kwargs['endpoint_id']}:{job.kwargs['slot']}"
    per_endpoint = {e.pk: [j for j in jobs if j.kwargs["endpoint_id"] == e.pk] for e in (dead, alive)}
    dead_locks = {job.lock for job in per_endpoint[dead.pk]}
    assert 1 <= len(dead_locks) <= 2 and len(per_endpoint[alive.pk]) == 4

    # When a worker keeps taking jobs and the dead endpoint's drainers never finish (they hang),
    # while the live endpoint's finish at once, and more events arrive meanwhile
    def take_all() -> tuple[list[int], list[int]]:
        taken_dead: list[int] = []
        taken_alive: list[int] = []
        while (fetched := _fetch_job()) is not None:
            job_id, lock = fetched
            if lock is not None and f":{dead.pk}:" in lock:
                taken_dead.append(job_id)  # stays 'doing'
            else:
                taken_alive.append(job_id)
                with connection.cursor() as cursor:
                    cursor.execute(
                        "UPDATE procrastinate_jobs SET status = 'succeeded' WHERE id = %s", [job_id]
                    )
        return taken_dead, taken_alive

    taken_dead, taken_alive = take_all()
    for _n in range(4):
        selling.order([(selling.shirt, "1")])
    deliver_events()
    more_dead, more_alive = take_all()

    # Then the dead endpoint holds at most its two slots (one hanging drainer each; the others
    # wait behind them without a worker), and every drainer of the other endpoint ran, before
    # and after
    assert len(taken_dead) == len(dead_locks) and more_dead == []
    assert set(taken_alive) == {job.id for job in per_endpoint[alive.pk]} and len(more_alive) == 4
    assert [j for j in webhook_jobs("drain") if j.kwargs["endpoint_id"] == alive.pk] == []


def test_a_drainer_sends_a_burst_in_one_job_and_drops_the_drainers_that_wait_behind_it(selling, receiver):
    workspace = selling.room.workspace
    webhook_endpoint(workspace, receiver.url())
    for _n in range(5):
        selling.order([(selling.shirt, "1")])
    deliver_events()
    waiting = webhook_jobs("drain")
    assert 1 <= len(waiting) <= 5

    # When the first waiting drainer runs
    outcomes = run_webhook_job(waiting[0].id)

    # Then it sent all five, oldest event first, in that one job, and the drainers that waited
    # for its slot are gone (they would have found nothing)
    assert outcomes == ["delivered"] * 5
    assert receiver.ids() == [str(event.pk) for event in created_order_events()]
    slot = waiting[0].kwargs["slot"]
    assert [job for job in webhook_jobs("drain") if job.kwargs["slot"] == slot] == []
    assert run_attempts() == []


def test_a_delivery_leased_by_another_drainer_waits_but_the_same_job_run_again_takes_it_back(
    selling, receiver
):
    workspace = selling.room.workspace
    endpoint = webhook_endpoint(workspace, receiver.url())
    selling.order([(selling.shirt, "1")])
    deliver_events()
    [job] = webhook_jobs("drain")

    # Given the delivery leased by a drainer job that is still sending (another job)
    lease = timezone.now() + timedelta(seconds=15)
    leased = WebhookDelivery.objects.filter(endpoint=endpoint)
    leased.update(leased_until=lease, leased_by_job=job.id + 1000)

    # Then a drainer leaves it alone
    assert run_webhook_job(job.id) == [] and receiver.requests == []

    # Given the lease belongs to a job whose worker was killed mid-send, and the stalled-job
    # recovery runs that same job again
    selling.order([(selling.shirt, "1")])
    deliver_events()
    [again] = webhook_jobs("drain")
    leased.filter(status="pending").update(leased_by_job=again.id)

    # Then that job takes its lease back and sends both
    assert run_webhook_job(again.id) == ["delivered", "delivered"]
    assert receiver.ids() == [str(event.pk) for event in created_order_events()]
