"""Placing an order in one request (salesOrderPlace, order_place): the same result as create,
submit and approve one after the other, by the same rules, written in a fixed number of
statements; one idempotency key; nothing half-written on an error; another workspace's
customer unknown."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from saas.core.errors import InvalidInput, NotFound
from saas.core.transitions import events_of
from saas.customers.models import Customer
from saas.inventory.models import StockLevel, StockMovement
from saas.inventory.services.checks import ledger_mismatches
from saas.sales import services
from saas.sales.models import SalesOrder
from saas.sales.services import LineInput
from tests.fixtures.events import logged
from tests.fixtures.sales import sales_customer, sales_settings_set
from tests.fixtures.tenants import client_for, graphql

PLACE = """mutation($input: SalesOrderPlaceInput!) {
  salesOrderPlace(input: $input) {
    salesOrder { id status creditHold lines { reservedQuantity } }
    errors { field code message }
  }
}"""


def _place(selling, actor=None, customer=None, quantity="2", **kwargs):
    return services.order_place(
        actor=actor or selling.manager,
        customer_id=(customer or selling.customer).pk,
        warehouse_id=selling.room.main.pk,
        lines=[
            LineInput(sku_id=selling.shirt.pk, quantity=quantity),
            LineInput(sku_id=selling.phone.pk, quantity="1"),
        ],
        **kwargs,
    )


def _reserved(selling, sku) -> Decimal:
    return StockLevel.objects.get(sku=sku, warehouse=selling.room.main).reserved


def _statuses(order) -> list[tuple[str, str]]:
    return [(e.from_status, e.to_status) for e in events_of("sales_order", order.pk)]


def test_a_reviewer_places_an_approved_order_with_stock_reserved(selling):
    order = _place(selling, note="急单")
    order.refresh_from_db()
    assert (order.status, order.credit_hold) == ("pending_shipment", False)
    assert order.submitted_at is not None and order.approved_at is not None
    assert [line.reserved_quantity for line in order.lines.order_by("line_no")] == [Decimal(2), Decimal(1)]
    assert (_reserved(selling, selling.shirt), _reserved(selling, selling.phone)) == (Decimal(2), Decimal(1))
    assert _statuses(order) == [
        ("", "draft"),
        ("draft", "pending_review"),
        ("pending_review", "approved"),
        ("approved", "pending_shipment"),
    ]
    assert events_of("sales_order", order.pk)[1].note == "急单"
    assert StockMovement.objects.filter(source_type="sales_order", source_id=order.pk).count() == 2
    # Partners hear it created, then approved by a person: never "waiting for review".
    assert [(e.name, e.payload["status"]) for e in logged() if e.object_id == order.pk] == [
        ("sales_order.created", "draft"),
        ("sales_order.approved", "pending_shipment"),
    ]
    assert logged("sales_order.approved")[-1].payload["automatic"] is False
    assert ledger_mismatches() == []


def test_short_stock_leaves_the_order_waiting_for_goods(selling):
    order = _place(selling, quantity="150")  # 100 shirts in stock
    assert order.status == "pending_purchase"
    assert _reserved(selling, selling.shirt) == Decimal(100)
    assert ledger_mismatches() == []


def test_a_rep_places_an_order_that_waits_for_review(selling):
    order = _place(selling, actor=selling.rep)
    assert order.status == "pending_review"
    assert _reserved(selling, selling.shirt) == Decimal(0)
    assert [e.name for e in logged() if e.object_id == order.pk] == [
        "sales_order.created",
        "sales_order.submitted",
    ]
    # A reviewer who asks not to approve gets the same.
    assert _place(selling, approve=False).status == "pending_review"


def test_review_off_approves_automatically_as_submit_does(selling):
    sales_settings_set(review_required=False)
    order = _place(selling, actor=selling.rep)
    assert order.status == "pending_shipment"
    approved = logged("sales_order.approved")[-1]
    assert (approved.object_id, approved.payload["automatic"]) == (order.pk, True)


def test_credit_rules_are_submit_and_approve_rules(selling, alpha):
    sales_settings_set(credit_policy="approval")
    customer = sales_customer(owner=selling.rep, name="赊账客户", credit_limit="100")
    held = _place(selling, actor=selling.rep, customer=customer)
    assert (held.status, held.credit_hold) == ("pending_review", True)
    # The manager holds the override: approved over the limit, as order_approve allows.
    overridden = _place(selling, customer=customer)
    assert (overridden.status, overridden.credit_hold) == ("pending_shipment", True)
    sales_settings_set(credit_policy="block")
    before = SalesOrder.objects.count()
    with pytest.raises(InvalidInput) as blocked:
        _place(selling, customer=customer)
    assert (blocked.value.code, blocked.value.field) == ("credit_limit_exceeded", "customer_id")
    assert SalesOrder.objects.count() == before


def test_one_idempotency_key_places_one_order(selling):
    first = _place(selling, idempotency_key="place-0001-phone")
    again = _place(selling, idempotency_key="place-0001-phone")
    assert again.pk == first.pk
    assert _reserved(selling, selling.shirt) == Decimal(2)
    with pytest.raises(InvalidInput) as reused:
        services.order_create(
            actor=selling.manager,
            customer_id=selling.customer.pk,
            warehouse_id=selling.room.main.pk,
            lines=[LineInput(sku_id=selling.shirt.pk, quantity="1")],
            idempotency_key="place-0001-phone",
        )
    assert reused.value.code == "idempotency_key_reused"


def test_bad_lines_write_nothing(selling):
    orders, levels = SalesOrder.objects.count(), _reserved(selling, selling.shirt)
    with pytest.raises(InvalidInput) as bad:
        services.order_place(
            actor=selling.manager,
            customer_id=selling.customer.pk,
            warehouse_id=selling.room.main.pk,
            lines=[
                LineInput(sku_id=selling.shirt.pk, quantity="-1"),
                LineInput(sku_id="999999", quantity="1"),
            ],
        )
    assert {(p.field, p.code) for p in bad.value.problems} == {
        ("lines.0.quantity", "quantity_invalid"),
        ("lines.1.sku_id", "not_found"),
    }
    assert (SalesOrder.objects.count(), _reserved(selling, selling.shirt)) == (orders, levels)


def _shape(sql: str) -> str:
    """A statement as its verb and table: 'SELECT customers_customer', 'INSERT sales_salesorder'."""
    verb = sql.split()[0]
    if verb == "SELECT":
        column = re.match(r'SELECT\s+"(\w+)"\.', sql)  # the ORM's first column names its table
        return f"SELECT {column.group(1) if column else sql.split()[1].split('(')[0]}"
    table = re.search(r'\b(?:INTO|UPDATE)\s+"?(\w+)', sql)
    return f"{verb} {table.group(1)}" if table else verb


# What placing an order of any number of lines writes and reads (inside a caller's transaction):
# the settings are kept per process (saas/core/settings_cache.py), the customer comes with its
# contact and address, the levels are locked once and changed in one UPDATE … FROM (VALUES …).
PLACING = [
    "SELECT customers_customer",  # with its primary contact and default address
    "SELECT inventory_warehouse",
    "SELECT catalog_sku",
    "INSERT core_documentsequence",
    "SELECT inventory_stocklevel",  # FOR UPDATE, once
    "INSERT sales_salesorder",
    "INSERT sales_salesorderline",
    "UPDATE inventory_stocklevel",
    "INSERT inventory_stockmovement",
    "INSERT core_documentevent",  # the four status rows
    "INSERT core_event_log",  # the events
    "SELECT unnest",  # their fan-out job (procrastinate)
]


def test_placing_costs_a_fixed_number_of_statements(selling):
    services.sales_settings()  # the workspace's settings row exists, as after its first order
    _place(selling)  # warm: first use of the sequence row, the settings read and kept
    with CaptureQueriesContext(connection) as five_lines:
        services.order_place(
            actor=selling.manager,
            customer_id=selling.customer.pk,
            warehouse_id=selling.room.main.pk,
            lines=[LineInput(sku_id=selling.shirt.pk, quantity="1") for _ in range(5)],
        )
    with CaptureQueriesContext(connection) as one_line:
        _place(selling)
    statements = [q["sql"] for q in five_lines.captured_queries]
    # The test's own transaction makes run_once's block a savepoint: no other savepoint.
    assert [_shape(sql) for sql in statements] == ["SAVEPOINT", *PLACING, "RELEASE"], statements
    assert sum("FOR UPDATE" in sql for sql in statements) == 1
    assert len(one_line.captured_queries) == len(statements)


def test_the_sales_settings_are_kept_until_they_change_in_each_workspace(selling, beta):
    services.sales_settings()  # the workspace's settings row exists, as after its first order
    _place(selling)  # reads the settings and keeps them
    with CaptureQueriesContext(connection) as kept:
        waiting = _place(selling, actor=selling.rep)
    assert waiting.status == "pending_review"  # review is on: a rep's order waits
    assert not any("sales_salessettings" in q["sql"] for q in kept.captured_queries)
    services.sales_settings_update(actor=selling.user("owner"), review_required=False)
    with CaptureQueriesContext(connection) as changed:
        approved = _place(selling, actor=selling.rep)
    assert approved.status == "pending_shipment"  # the change counts at once
    assert sum("sales_salessettings" in q["sql"] for q in changed.captured_queries) == 1
    with tenant_context(beta.tenant):
        assert services.sales_settings().review_required is True  # another workspace's row


def test_sales_order_place_over_graphql(selling, alpha, beta):
    client = client_for(alpha, selling.manager)
    line = {"skuId": str(selling.shirt.pk), "quantity": "3"}

    def place(key: str) -> dict:
        variables = {
            "customerId": str(selling.customer.pk),
            "warehouseId": str(selling.room.main.pk),
            "lines": [line],
            "idempotencyKey": key,
        }
        return graphql(client, PLACE, {"input": variables})

    services.sales_settings()  # the workspace's settings row exists, as after its first order
    place("gql-place-warm")  # this process reads the host, the plan and the settings, and keeps them
    with CaptureQueriesContext(connection) as queries:
        body = place("gql-place-0001")
    payload = body["data"]["salesOrderPlace"]
    assert payload["errors"] == []
    assert payload["salesOrder"]["status"] == "PENDING_SHIPMENT"
    assert payload["salesOrder"]["lines"] == [{"reservedQuantity": "3.000"}]
    # 3 for the request (search_path, session, user with scopes), the idempotency key claimed,
    # placing, the key's result, the payload's lines (the test's transaction adds the savepoint).
    assert [_shape(q["sql"]) for q in queries.captured_queries] == [
        "SET",
        "SELECT django_session",
        "SELECT accounts_user",
        "SAVEPOINT",
        "INSERT core_idempotencykey",
        *PLACING,
        "UPDATE core_idempotencykey",
        "RELEASE",
        "SELECT sales_salesorderline",  # the order as written, its lines for the payload
    ], [q["sql"][:80] for q in queries.captured_queries]
    # Bad input: codes at GraphQL paths, nothing written.
    orders = SalesOrder.objects.count()
    bad = graphql(
        client,
        PLACE,
        {
            "input": {
                "customerId": str(selling.customer.pk),
                "warehouseId": str(selling.room.main.pk),
                "lines": [{"skuId": str(selling.shirt.pk), "quantity": "0"}],
            }
        },
    )["data"]["salesOrderPlace"]
    assert (bad["salesOrder"], [(e["field"], e["code"]) for e in bad["errors"]]) == (
        None,
        [("lines.0.quantity", "quantity_invalid")],
    )
    assert SalesOrder.objects.count() == orders
    # Another workspace's customer is simply unknown.
    highest = Customer.objects.order_by("-pk").values_list("pk", flat=True)[0]
    with tenant_context(beta.tenant):  # an id alpha has not used: the row exists only in beta
        stranger = sales_customer(owner=beta.users["sales"], name="贝塔客户")
        while stranger.pk <= highest:
            stranger = sales_customer(owner=beta.users["sales"], name="贝塔客户")
    with tenant_context(alpha.tenant):
        unknown = graphql(
            client,
            PLACE,
            {
                "input": {
                    "customerId": str(stranger.pk),
                    "warehouseId": str(selling.room.main.pk),
                    "lines": [line],
                }
            },
        )["data"]["salesOrderPlace"]
    assert [(e["field"], e["code"]) for e in unknown["errors"]] == [("customerId", "not_found")]


def test_a_rep_cannot_place_for_a_colleagues_customer(selling, alpha):
    colleague = sales_customer(owner=selling.manager, name="经理的客户")
    with pytest.raises(NotFound):
        _place(selling, actor=selling.rep, customer=colleague)
