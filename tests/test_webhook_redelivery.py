"""Webhook deliveries, after the first send: redeliver and replay, the signing secret's rotation,
SSRF checked again at delivery time, and isolation between workspaces and partners."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import standardwebhooks
from django.utils import timezone
from django_tenants.utils import tenant_context

from saas.core.models import LoggedEvent
from saas.partners import addresses
from saas.partners.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from saas.partners.services import deliveries
from saas.partners.services.keys import api_key_revoke
from tests.fixtures.events import deliver_events
from tests.fixtures.partners import (
    created_order_events,
    issue_key,
    key_client,
    key_post,
    run_attempts,
    verified,
    webhook_endpoint,
    webhook_jobs,
)
from tests.fixtures.tenants import client_for, graphql

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


# --- redeliver and replay -------------------------------------------------------------------------


def test_redeliver_sends_the_delivery_again_with_the_same_webhook_id(selling, receiver):
    workspace = selling.room.workspace
    endpoint = webhook_endpoint(workspace, receiver.url())
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
        verified(endpoint.secret, request)

    # And a key that did not make the endpoint, or a made-up id, finds nothing to redeliver
    stranger = key_client(workspace, issue_key(workspace, "webhooks:write", "sales:read").secret)
    for delivery_id, code in ((str(delivery.pk), "not_found"), ("999999", "not_found"), ("x", "id_invalid")):
        refused = key_post(stranger, REDELIVER, {"id": delivery_id})[1]["data"]["webhookDeliveryRedeliver"]
        assert refused["delivery"] is None and refused["errors"][0]["code"] == code, delivery_id
    with tenant_context(workspace.tenant):
        assert webhook_jobs("drain") == []


def test_replay_queues_exactly_the_subscribed_events_of_the_time_range(selling, receiver):
    workspace = selling.room.workspace
    endpoint = webhook_endpoint(workspace, receiver.url(), "sales_order.created")
    for _n in range(4):
        selling.order([(selling.shirt, "1")], status="pending_review")  # created, then submitted
    deliver_events()
    assert run_attempts() == ["delivered"] * 4
    created = created_order_events()
    submitted = list(LoggedEvent.objects.filter(name="sales_order.submitted").order_by("id"))
    # The range: from the second order's creation up to (not including) the fourth's
    since, until = created[1].occurred_at, created[3].occurred_at
    assert since < submitted[1].occurred_at < created[2].occurred_at < submitted[2].occurred_at < until
    in_range = [str(event.pk) for event in created[1:3]]
    submitted_in_range = [str(event.pk) for event in submitted[1:3]]
    # A second endpoint, added afterwards, never received anything of that time
    late = webhook_endpoint(workspace, receiver.url("/late"), "sales_order.created", "sales_order.submitted")
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
    endpoint = webhook_endpoint(workspace, receiver.url())
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
    assert verified(old, request)["type"] == "sales_order.created"
    assert verified(new, request)["type"] == "sales_order.created"

    # Once the grace period is over, only the new secret signs
    with tenant_context(workspace.tenant):
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
            previous_secret_until=timezone.now() - timedelta(seconds=1)
        )
        selling.order([(selling.shirt, "1")])
        deliver_events()
        assert run_attempts() == ["delivered"]
    verified(new, receiver.requests[-1])
    with pytest.raises(standardwebhooks.WebhookVerificationError):
        verified(old, receiver.requests[-1])


# --- SSRF at delivery time ------------------------------------------------------------------------------


def test_a_delivery_to_an_address_no_longer_allowed_is_refused_without_connecting(
    selling, receiver, settings
):
    workspace = selling.room.workspace
    endpoint = webhook_endpoint(
        workspace, f"https://127.0.0.1:{receiver.port}/hooks"
    )  # allowed in development
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
    endpoint = webhook_endpoint(workspace, f"https://hooks.partner.test:{receiver.port}/hooks")
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
    mine = webhook_endpoint(workspace, receiver.url("/alpha"))
    with tenant_context(beta.tenant):
        theirs = webhook_endpoint(beta, receiver.url("/beta"))
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
        by_owner = webhook_endpoint(alpha, receiver.url("/owner"))
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
    dead = webhook_endpoint(workspace, "http://127.0.0.1:9/dead")  # an admin's endpoint; it will trip
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
        audit = webhook_endpoint(workspace, receiver.url("/admin"), "webhook_endpoint.disabled")
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
