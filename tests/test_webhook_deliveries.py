"""Partner webhooks end to end, in-process: an event becomes a delivery, the attempt job POSTs it
to a real receiver on 127.0.0.1 signed by Standard Webhooks, failures retry on schedule with the
same webhook-id, the circuit breaker holds and probes, per-endpoint locks keep one dead endpoint
from starving the others, and redeliver, replay, secret rotation, SSRF and isolation hold.

Jobs run on the test's own connection (tests/fixtures/jobs.run_job), as a worker would run them.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
import standardwebhooks
from django.db import connection
from django.utils import timezone
from django_tenants.utils import tenant_context

from saas.core.models import LoggedEvent
from saas.notifications.models import Notification
from saas.partners import addresses
from saas.partners.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from saas.partners.services import deliveries
from saas.partners.services.endpoints import endpoint_create
from saas.partners.services.keys import api_key_revoke
from tests.fixtures.events import deliver_events
from tests.fixtures.partners import (
    issue_key,
    key_client,
    key_post,
    run_attempts,
    run_webhook_job,
    webhook_jobs,
)
from tests.fixtures.tenants import Workspace, client_for, graphql

CREATE_ORDER = """
mutation($input: SalesOrderCreateInput!) {
  salesOrderCreate(input: $input) { salesOrder { id number } errors { field code } }
}"""
CREATE_ENDPOINT = """
mutation($input: WebhookEndpointCreateInput!) {
  webhookEndpointCreate(input: $input) { webhookEndpoint { id events state } secret errors { field code } }
}"""
ENDPOINTS = "query { webhookEndpoints { id url } }"
ENDPOINT = "query($id: ID!) { webhookEndpoint(id: $id) { id } }"
DELIVERIES = """
query($id: ID!) {
  webhookDeliveries(endpointId: $id) {
    totalCount
    items { id eventId eventType status attempts lastStatusCode
            log { number statusCode latencyMs succeeded errorCode } }
  }
}"""
REDELIVER = """
mutation($id: ID!) { webhookDeliveryRedeliver(id: $id) { delivery { eventId status } errors { field code } } }"""
REPLAY = """
mutation($id: ID!, $since: DateTime!, $until: DateTime!) {
  webhookEndpointReplay(id: $id, since: $since, until: $until) { queued errors { field code } }
}"""
ROTATE = """
mutation($id: ID!) {
  webhookEndpointRotateSecret(id: $id) { secret webhookEndpoint { secretRotatedUntil } errors { code } }
}"""
FEED = "query($after: ID) { events(after: $after, limit: 100) { items { id type data } endCursor } }"


def _endpoint(workspace: Workspace, url: str, *events: str) -> WebhookEndpoint:
    return endpoint_create(
        actor=workspace.users["owner"], url=url, events=list(events or ["sales_order.created"])
    )


def _verified(secret: str, request: Any) -> dict[str, Any]:
    payload: dict[str, Any] = standardwebhooks.Webhook(secret).verify(request.body, request.headers)
    return payload


def _created_events() -> list[LoggedEvent]:
    return list(LoggedEvent.objects.filter(name="sales_order.created").order_by("id"))


# --- one delivery -----------------------------------------------------------------------------


def test_an_order_made_over_graphql_reaches_the_endpoint_signed_with_the_event_id(selling, receiver):
    workspace = selling.room.workspace
    endpoint = _endpoint(workspace, receiver.url())
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
        [event] = _created_events()
        [delivery] = WebhookDelivery.objects.filter(endpoint=endpoint)
        assert (delivery.event_id, delivery.status) == (event.pk, "pending")
        [job] = webhook_jobs("drain")
        assert (job.kwargs["endpoint_id"], job.kwargs["slot"]) == (endpoint.pk, delivery.pk % 2)
        assert run_attempts() == ["delivered"]

    # Then the receiver got one POST that the partner's Standard Webhooks library accepts
    [request] = receiver.requests
    payload = _verified(endpoint.secret, request)
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
    endpoint = _endpoint(workspace, receiver.url())
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
    event = _created_events()[0]
    assert receiver.ids() == [str(event.pk), str(event.pk)]
    for request in receiver.requests:
        _verified(endpoint.secret, request)
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
    endpoint = _endpoint(workspace, receiver.url())
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
    endpoint = _endpoint(workspace, receiver.url())
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
    events = {str(event.pk) for event in _created_events()}
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
    dead = _endpoint(workspace, "http://127.0.0.1:9/dead")
    alive = _endpoint(workspace, "http://127.0.0.1:9/alive")
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
    _endpoint(workspace, receiver.url())
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
    assert receiver.ids() == [str(event.pk) for event in _created_events()]
    slot = waiting[0].kwargs["slot"]
    assert [job for job in webhook_jobs("drain") if job.kwargs["slot"] == slot] == []
    assert run_attempts() == []


def test_a_delivery_leased_by_another_drainer_waits_but_the_same_job_run_again_takes_it_back(
    selling, receiver
):
    workspace = selling.room.workspace
    endpoint = _endpoint(workspace, receiver.url())
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
    assert receiver.ids() == [str(event.pk) for event in _created_events()]


# --- redeliver and replay -------------------------------------------------------------------------


def test_redeliver_sends_the_delivery_again_with_the_same_webhook_id(selling, receiver):
    workspace = selling.room.workspace
    endpoint = _endpoint(workspace, receiver.url())
    selling.order([(selling.shirt, "1")])
    deliver_events()
    assert run_attempts() == ["delivered"]
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)

    # When the owner asks for it again
    owner = client_for(workspace, workspace.users["owner"])
    answer = graphql(owner, REDELIVER, {"id": str(delivery.pk)})["data"]["webhookDeliveryRedeliver"]
    assert answer == {"delivery": {"eventId": str(delivery.event_id), "status": "PENDING"}, "errors": []}
    with tenant_context(workspace.tenant):
        assert run_attempts() == ["delivered"]
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts) == ("succeeded", 2)

    # Then the receiver got it twice, with one webhook-id, each signed
    assert receiver.ids() == [str(delivery.event_id)] * 2
    for request in receiver.requests:
        _verified(endpoint.secret, request)

    # And a key that did not make the endpoint, or a made-up id, finds nothing to redeliver
    stranger = key_client(workspace, issue_key(workspace, "webhooks:write", "sales:read").secret)
    for delivery_id, code in ((str(delivery.pk), "not_found"), ("999999", "not_found"), ("x", "id_invalid")):
        refused = key_post(stranger, REDELIVER, {"id": delivery_id})[1]["data"]["webhookDeliveryRedeliver"]
        assert refused["delivery"] is None and refused["errors"][0]["code"] == code, delivery_id
    with tenant_context(workspace.tenant):
        assert webhook_jobs("drain") == []


def test_replay_queues_exactly_the_subscribed_events_of_the_time_range(selling, receiver):
    workspace = selling.room.workspace
    endpoint = _endpoint(workspace, receiver.url(), "sales_order.created")
    for _n in range(4):
        selling.order([(selling.shirt, "1")], status="pending_review")  # created, then submitted
    deliver_events()
    assert run_attempts() == ["delivered"] * 4
    created = _created_events()
    submitted = list(LoggedEvent.objects.filter(name="sales_order.submitted").order_by("id"))
    # The range: from the second order's creation up to (not including) the fourth's
    since, until = created[1].occurred_at, created[3].occurred_at
    assert since < submitted[1].occurred_at < created[2].occurred_at < submitted[2].occurred_at < until
    in_range = [str(event.pk) for event in created[1:3]]
    submitted_in_range = [str(event.pk) for event in submitted[1:3]]
    # A second endpoint, added afterwards, never received anything of that time
    late = _endpoint(workspace, receiver.url("/late"), "sales_order.created", "sales_order.submitted")
    receiver.requests.clear()

    # When the owner replays the range on both
    owner = client_for(workspace, workspace.users["owner"])
    window = {"since": since.isoformat(), "until": until.isoformat()}
    first = graphql(owner, REPLAY, {"id": str(endpoint.pk), **window})
    second = graphql(owner, REPLAY, {"id": str(late.pk), **window})
    assert first["data"]["webhookEndpointReplay"] == {"queued": 2, "errors": []}
    assert second["data"]["webhookEndpointReplay"] == {"queued": 4, "errors": []}

    # Then exactly those events are sent again, each with its own webhook-id
    with tenant_context(workspace.tenant):
        assert run_attempts() == ["delivered"] * 6
    got = sorted((request.path, request.headers["webhook-id"]) for request in receiver.requests)
    assert got == sorted(
        [("/hooks", event_id) for event_id in in_range]
        + [("/late", event_id) for event_id in in_range + submitted_in_range]
    )
    for request in receiver.requests:
        payload = json.loads(request.body)
        assert payload["type"] in ("sales_order.created", "sales_order.submitted")

    # And a range that ends before it starts is refused with a code
    backwards = graphql(
        owner, REPLAY, {"id": str(endpoint.pk), "since": window["until"], "until": window["since"]}
    )
    assert backwards["data"]["webhookEndpointReplay"] == {
        "queued": 0,
        "errors": [{"field": "since", "code": "range_invalid"}],
    }


# --- the signing secret ------------------------------------------------------------------------------


def test_after_a_secret_rotation_a_delivery_verifies_with_the_old_and_the_new_secret(selling, receiver):
    workspace = selling.room.workspace
    endpoint = _endpoint(workspace, receiver.url())
    old = endpoint.secret
    owner = client_for(workspace, workspace.users["owner"])
    rotated = graphql(owner, ROTATE, {"id": str(endpoint.pk)})["data"]["webhookEndpointRotateSecret"]
    new = rotated["secret"]
    assert rotated["errors"] == [] and new.startswith("whsec_") and new != old
    assert rotated["webhookEndpoint"]["secretRotatedUntil"] is not None

    with tenant_context(workspace.tenant):
        selling.order([(selling.shirt, "1")])
        deliver_events()
        assert run_attempts() == ["delivered"]
    [request] = receiver.requests
    assert len(request.headers["webhook-signature"].split(" ")) == 2
    assert _verified(old, request)["type"] == "sales_order.created"
    assert _verified(new, request)["type"] == "sales_order.created"

    # Once the grace period is over, only the new secret signs
    with tenant_context(workspace.tenant):
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
            previous_secret_until=timezone.now() - timedelta(seconds=1)
        )
        selling.order([(selling.shirt, "1")])
        deliver_events()
        assert run_attempts() == ["delivered"]
    _verified(new, receiver.requests[-1])
    with pytest.raises(standardwebhooks.WebhookVerificationError):
        _verified(old, receiver.requests[-1])


# --- SSRF at delivery time ------------------------------------------------------------------------------


def test_a_delivery_to_an_address_no_longer_allowed_is_refused_without_connecting(
    selling, receiver, settings
):
    workspace = selling.room.workspace
    endpoint = _endpoint(workspace, f"https://127.0.0.1:{receiver.port}/hooks")  # allowed in development
    selling.order([(selling.shirt, "1")])
    deliver_events()

    # When private addresses are forbidden by the time the attempt runs
    settings.SPARROW_WEBHOOKS_ALLOW_PRIVATE = False
    assert run_attempts() == ["failed"]

    # Then the attempt is logged as forbidden_address and nothing reached the address
    [attempt] = WebhookAttempt.objects.filter(delivery__endpoint=endpoint)
    assert (attempt.error_code, attempt.status_code, attempt.succeeded) == ("forbidden_address", None, False)
    assert receiver.connections == 0 and receiver.requests == []


def test_a_name_rebound_to_a_private_address_after_it_was_checked_is_not_called(
    selling, receiver, settings, monkeypatch
):
    settings.SPARROW_WEBHOOKS_ALLOW_PRIVATE = False
    answers = {"hooks.partner.test": ["93.184.216.34"]}
    monkeypatch.setattr(addresses, "lookup", lambda host, port: list(answers[host]))
    workspace = selling.room.workspace
    endpoint = _endpoint(workspace, f"https://hooks.partner.test:{receiver.port}/hooks")
    selling.order([(selling.shirt, "1")])
    deliver_events()

    # When the name resolves to loopback at delivery time (DNS rebinding)
    answers["hooks.partner.test"] = ["127.0.0.1"]
    assert run_attempts() == ["failed"]

    [attempt] = WebhookAttempt.objects.filter(delivery__endpoint=endpoint)
    assert attempt.error_code == "forbidden_address"
    assert receiver.connections == 0


# --- isolation and who may do what -------------------------------------------------------------------


def test_another_workspace_s_endpoint_never_hears_of_alpha_s_events(selling, beta, receiver):
    workspace = selling.room.workspace
    mine = _endpoint(workspace, receiver.url("/alpha"))
    with tenant_context(beta.tenant):
        theirs = _endpoint(beta, receiver.url("/beta"))
    with tenant_context(workspace.tenant):
        selling.order([(selling.shirt, "1")])
        deliver_events()
        assert run_attempts() == ["delivered"]
        assert WebhookDelivery.objects.filter(endpoint=mine).count() == 1
    with tenant_context(beta.tenant):
        assert not WebhookDelivery.objects.filter(endpoint_id=theirs.pk).exists()
        assert not LoggedEvent.objects.filter(name="sales_order.created").exists()
    assert [request.path for request in receiver.requests] == ["/alpha"]


def test_a_key_subscribes_only_to_areas_it_reads_and_stops_hearing_when_revoked(selling, receiver):
    workspace = selling.room.workspace
    blind = key_client(workspace, issue_key(workspace, "webhooks:write", name="blind").secret)
    refused = key_post(
        blind, CREATE_ENDPOINT, {"input": {"url": receiver.url(), "events": ["sales_order.created"]}}
    )[1]["data"]["webhookEndpointCreate"]
    assert refused["webhookEndpoint"] is None and refused["secret"] is None
    assert refused["errors"] == [{"field": "events.0", "code": "event_unknown"}]
    with tenant_context(workspace.tenant):
        assert not WebhookEndpoint.objects.exists()

    # A key that reads sales subscribes, and hears of orders
    issued = issue_key(workspace, "webhooks:write", "sales:read", name="seeing")
    made = key_post(
        key_client(workspace, issued.secret),
        CREATE_ENDPOINT,
        {"input": {"url": receiver.url(), "events": ["sales_order.created"]}},
    )[1]["data"]["webhookEndpointCreate"]
    assert made["errors"] == [] and made["webhookEndpoint"]["state"] == "ENABLED"
    with tenant_context(workspace.tenant):
        selling.order([(selling.shirt, "1")])
        deliver_events()
        assert run_attempts() == ["delivered"]

        # When the key is revoked, its endpoint hears of nothing more
        api_key_revoke(actor=workspace.users["owner"], key_id=issued.key.pk)
        selling.order([(selling.shirt, "1")])
        deliver_events()
        assert webhook_jobs("drain") == []
        assert WebhookDelivery.objects.filter(endpoint_id=made["webhookEndpoint"]["id"]).count() == 1
    assert len(receiver.requests) == 1


def test_a_key_revoked_while_a_delivery_waits_stops_it_before_it_is_sent(selling, receiver):
    workspace = selling.room.workspace
    issued = issue_key(workspace, "webhooks:write", "sales:read")
    made = key_post(
        key_client(workspace, issued.secret),
        CREATE_ENDPOINT,
        {"input": {"url": receiver.url(), "events": ["sales_order.created"]}},
    )[1]["data"]["webhookEndpointCreate"]
    with tenant_context(workspace.tenant):
        selling.order([(selling.shirt, "1")])
        deliver_events()
        assert run_attempts() == ["delivered"]
        selling.order([(selling.shirt, "1")])
        deliver_events()

        # When the key is revoked before the second delivery's attempt runs
        api_key_revoke(actor=workspace.users["owner"], key_id=issued.key.pk)
        assert run_attempts() == ["stopped"]

        # Nor does an admin's replay send the key's endpoint what the key may no longer read
        now = timezone.now()
        queued = deliveries.endpoint_replay(
            actor=workspace.users["owner"],
            endpoint_id=made["webhookEndpoint"]["id"],
            since=now - timedelta(hours=1),
            until=now + timedelta(minutes=1),
        )
        assert queued == 0 and webhook_jobs("drain") == []
    assert len(receiver.requests) == 1


def test_a_key_sees_only_the_endpoints_it_made_and_a_manager_none(alpha, receiver):
    with tenant_context(alpha.tenant):
        by_owner = _endpoint(alpha, receiver.url("/owner"))
    issued = issue_key(alpha, "webhooks:write", "sales:read")
    client = key_client(alpha, issued.secret)
    made = key_post(
        client, CREATE_ENDPOINT, {"input": {"url": receiver.url("/key"), "events": ["sales_order.created"]}}
    )
    mine = made[1]["data"]["webhookEndpointCreate"]["webhookEndpoint"]["id"]

    listed = key_post(client, ENDPOINTS)[1]["data"]["webhookEndpoints"]
    assert [row["id"] for row in listed] == [mine]
    assert key_post(client, ENDPOINT, {"id": str(by_owner.pk)})[1]["data"]["webhookEndpoint"] is None
    deliveries_of_owner = key_post(client, DELIVERIES, {"id": str(by_owner.pk)})[1]
    assert deliveries_of_owner["errors"][0]["extensions"]["code"] == "not_found"
    owner = client_for(alpha, alpha.users["owner"])
    assert {row["id"] for row in graphql(owner, ENDPOINTS)["data"]["webhookEndpoints"]} == {
        mine,
        str(by_owner.pk),
    }

    # A manager (no tenant.manage) may neither list nor add endpoints
    manager = client_for(alpha, alpha.users["manager"])
    listing = graphql(manager, ENDPOINTS)
    assert listing["errors"][0]["extensions"]["code"] == "forbidden"
    adding = graphql(
        manager, CREATE_ENDPOINT, {"input": {"url": receiver.url(), "events": ["sales_order.created"]}}
    )["data"]["webhookEndpointCreate"]
    assert adding["webhookEndpoint"] is None and adding["errors"][0]["code"] == "forbidden"
    with tenant_context(alpha.tenant):
        assert WebhookEndpoint.objects.count() == 2


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"url": "https://127.0.0.1/hooks"}, ("url", "url_forbidden_address")),
        ({"url": "https://10.0.0.8/hooks"}, ("url", "url_forbidden_address")),
        ({"url": "http://93.184.216.34/hooks"}, ("url", "url_not_https")),
        ({"url": "javascript:alert(1)"}, ("url", "url_invalid")),
        ({"events": ["sales_order.exploded"]}, ("events.0", "event_unknown")),
        ({"events": ["user.invited"]}, ("events.0", "event_unknown")),  # people's events are internal
        ({"events": []}, ("events", "required")),
        ({"description": "说" * 201}, ("description", "too_long")),
    ],
)
def test_bad_endpoint_input_gets_a_stable_code_and_writes_nothing(alpha, settings, fields, error):
    settings.SPARROW_WEBHOOKS_ALLOW_PRIVATE = False  # as in production
    owner = client_for(alpha, alpha.users["owner"])
    given = {"url": "https://93.184.216.34/hooks", "events": ["sales_order.created"], **fields}
    answer = graphql(owner, CREATE_ENDPOINT, {"input": given})["data"]["webhookEndpointCreate"]
    assert answer["webhookEndpoint"] is None and answer["secret"] is None
    assert [(e["field"], e["code"]) for e in answer["errors"]] == [error]
    with tenant_context(alpha.tenant):
        assert not WebhookEndpoint.objects.exists()


def test_a_partner_never_hears_of_another_partner_s_endpoint_failing(selling, receiver, settings):
    settings.SPARROW_WEBHOOKS_BREAKER_FAILURES = 1
    workspace = selling.room.workspace
    dead = _endpoint(workspace, "http://127.0.0.1:9/dead")  # an admin's endpoint; it will trip
    ours = issue_key(workspace, "webhooks:write", "sales:read", name="ours")
    client = key_client(workspace, ours.secret)
    made = key_post(
        client,
        CREATE_ENDPOINT,
        {
            "input": {
                "url": receiver.url("/ours"),
                "events": ["webhook_endpoint.disabled", "sales_order.created"],
            }
        },
    )[1]["data"]["webhookEndpointCreate"]
    assert made["errors"] == []
    with tenant_context(workspace.tenant):
        audit = _endpoint(workspace, receiver.url("/admin"), "webhook_endpoint.disabled")
        selling.order([(selling.shirt, "1")])
        deliver_events()
        # The partner's endpoint gets the order; the admin's dead one trips its breaker
        assert sorted(run_attempts()) == ["delivered", "failed"]
        assert WebhookEndpoint.objects.get(pk=dead.pk).state == "failing"
        deliver_events()
        assert run_attempts() == ["delivered"]

    # The admin's own endpoint heard of it; the partner's did not, nor does its feed show it
    assert [(request.path, json.loads(request.body)["type"]) for request in receiver.requests] == [
        ("/ours", "sales_order.created"),
        ("/admin", "webhook_endpoint.disabled"),
    ]
    feed = key_post(client, FEED)[1]["data"]["events"]["items"]
    assert [item["type"] for item in feed] == ["sales_order.created"]
    owner_feed = graphql(client_for(workspace, workspace.users["owner"]), FEED)["data"]["events"]["items"]
    assert "webhook_endpoint.disabled" in [item["type"] for item in owner_feed]
    with tenant_context(workspace.tenant):
        assert not WebhookDelivery.objects.filter(
            endpoint=made["webhookEndpoint"]["id"], event_type="webhook_endpoint.disabled"
        ).exists()
        assert (
            WebhookDelivery.objects.filter(endpoint=audit, event_type="webhook_endpoint.disabled").count()
            == 1
        )
