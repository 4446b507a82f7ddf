"""What the GraphQL fuzzer found, each finding's smallest document kept as a test of its own."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from django.test import Client

from saas.inventory.services.stocktakes import stocktake_start
from saas.partners.selectors import events_for
from saas.partners.services.endpoints import endpoint_create
from tests.fixtures.fuzz import check_answer
from tests.fixtures.inventory import Stockroom
from tests.fixtures.sales import sales_customer
from tests.fixtures.tenants import Workspace, client_for

if TYPE_CHECKING:
    pass

# --- what the fuzzer found ------------------------------------------------------------------------
# Each finding's smallest document, kept as a test of its own. Those still open elsewhere in the
# tree are strict xfails: they run, and the day the defect is fixed they fail until the marker goes.

REPLAY = """mutation($id: ID!, $since: DateTime!, $until: DateTime!) {
  webhookEndpointReplay(id: $id, since: $since, until: $until) { queued errors { field code message } }
}"""


@pytest.mark.parametrize(
    ("since", "until", "field"),
    [
        ("2026-12-13T10:00:00+08:00", "2026-12-13T10:00:00", "until"),
        ("2026-12-13T10:00:00", "2026-12-14T10:00:00Z", "since"),
    ],
)
def test_finding_1_a_replay_range_without_a_time_zone_is_datetime_invalid(
    in_alpha: Workspace, partner: Client, since: str, until: str, field: str
) -> None:
    # Found by the mutation run (seed 1, scale 10): `since >= until` compared an aware and a naive
    # datetime in saas/partners/services/deliveries.endpoint_replay, a TypeError: internal_error.
    owner = in_alpha.users["owner"]
    endpoint = endpoint_create(
        actor=owner, url="http://127.0.0.1:9/hooks", events=sorted(events_for(owner))[:1]
    )
    variables = {"id": str(endpoint.pk), "since": since, "until": until}
    response = partner.post(
        "/graphql/", {"query": REPLAY, "variables": variables}, content_type="application/json"
    )
    body = check_answer(response, REPLAY + json.dumps(variables))
    assert body["data"]["webhookEndpointReplay"]["queued"] == 0
    assert [(e["field"], e["code"]) for e in body["data"]["webhookEndpointReplay"]["errors"]] == [
        (field, "datetime_invalid")
    ]


LOG_CALL = """mutation($customer: ID!) {
  communicationLogAdd(input: {customerId: $customer, kind: CALL, content: "x"}) {
    communication { id actor { id } }
    errors { field code message }
  }
}"""


def test_finding_2_a_call_a_key_logged_has_no_person_and_no_internal_error(
    in_alpha: Workspace, partner: Client
) -> None:
    # Found by the mutation run (seed 1, scale 10): a key logs a call, the row's actor is null (no
    # person did it) but CustomerCommunication.actor is `User!`, so asking for it is an
    # internal_error, and the customer's timeline (customerCommunications) fails the same way for people.
    customer = sales_customer(owner=in_alpha.users["sales"])
    variables = {"customer": str(customer.pk)}
    response = partner.post(
        "/graphql/", {"query": LOG_CALL, "variables": variables}, content_type="application/json"
    )
    check_answer(response, LOG_CALL)
    timeline = "query($c: ID) { customerCommunications(customerId: $c) { items { id actor { id } } } }"
    owner = client_for(in_alpha, in_alpha.users["owner"])
    check_answer(
        owner.post(
            "/graphql/",
            {"query": timeline, "variables": {"c": str(customer.pk)}},
            content_type="application/json",
        ),
        timeline,
    )


@pytest.mark.parametrize("body", ["null", "5", '"x"', "true"])
def test_finding_3_a_json_body_that_is_not_an_object_is_a_400_with_a_code(partner: Client, body: str) -> None:
    # Found by probing the request around the document: strawberry's view calls `.get` on the
    # parsed body, an AttributeError, a 500 with the HTML error page.
    response = partner.post("/graphql/", body, content_type="application/json")
    check_answer(response, body)
    assert response.status_code == 400


def test_finding_4_a_body_that_is_not_utf8_is_a_400_with_a_code(partner: Client) -> None:
    # UnicodeDecodeError in cross_web's Django request (request.body.decode()): a 500.
    response = partner.post("/graphql/", b'{"query": "\xff"}', content_type="application/json")
    check_answer(response, "")
    assert response.status_code == 400


@pytest.mark.parametrize(
    "document", ["subscription { unreadCount }", "subscription { notifications { id } }"]
)
def test_finding_5_a_subscription_sent_over_http_is_refused_with_a_code(
    alpha: Workspace, document: str
) -> None:
    # A signed-in person POSTs a subscription: it runs as a query over HTTP and its async
    # generator resolves to null for a non-null field, an internal_error ("Cannot return null for
    # non-nullable field Subscription.unreadCount"). Subscriptions are served over WebSocket only.
    owner = client_for(alpha, alpha.users["owner"])
    response = owner.post("/graphql/", {"query": document}, content_type="application/json")
    check_answer(response, document)


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        ("{", "application/json"),
        ("[]", "application/json"),
        ('{"query": 5}', "application/json"),
        ('{"query": null}', "application/json"),
        ('{"query": "{ tenant { name } }", "variables": []}', "application/json"),
        ('{"query": "{ tenant { name } }", "operationName": "Nope"}', "application/json"),
        ('{"query": "{ tenant { name } }", "extensions": 5}', "application/json"),
        ("{ tenant { name } }", "text/plain"),
    ],
)
def test_finding_6_a_request_that_is_not_a_graphql_request_is_a_400_in_json_with_a_code(
    partner: Client, body: str, content_type: str
) -> None:
    # strawberry answers these itself, before our error codes: 400 with a plain-text English
    # sentence ("Unable to parse request body as JSON", "Batching is not enabled", …), no JSON,
    # no code, no translation. So does GET with a mutation ("mutations are not allowed when using GET").
    response = partner.post("/graphql/", body, content_type=content_type)
    assert response.status_code == 400
    check_answer(response, body)


COUNT_TWICE = """mutation($id: ID!, $sku: ID!) {
  stocktakeCount(id: $id, counts: [{skuId: $sku, countedQuantity: "1"}, {skuId: $sku, countedQuantity: "2"}]) {
    errors { field code message }
  }
}"""


def test_finding_7_one_sku_counted_twice_in_one_call_is_no_internal_error(
    stockroom: Stockroom, partner: Client
) -> None:
    # Found by the mutation run (seed 6, 50 a field): a SKU not yet on the sheet, counted twice in
    # one call, makes two new StocktakeLine rows; the second save breaks the unique constraint
    # "stocktakeline_unique_sku" (IntegrityError at stocktakes.py `line.save()`): internal_error.
    sheet = stocktake_start(actor=stockroom.keeper, warehouse_id=stockroom.branch.pk)
    variables = {"id": str(sheet.pk), "sku": str(stockroom.shirt.pk)}
    response = partner.post(
        "/graphql/", {"query": COUNT_TWICE, "variables": variables}, content_type="application/json"
    )
    check_answer(response, COUNT_TWICE)
