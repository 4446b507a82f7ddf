"""The API's input layer: control characters, non-finite decimals and malformed ids get typed errors
before any resolver runs, for every query and mutation the fuzzer found failing, and nothing is
written (issue: defects found by a fuzzer)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django_tenants.utils import tenant_context

from saas.customers.models import Customer, CustomerLevel
from saas.inventory.models import Warehouse
from saas.procurement.models import Supplier
from tests.fixtures.tenants import Workspace, client_for, graphql

NUL = "a\x00b"

# (document, variables, the field named in the error) of every input the fuzzer fed a NUL byte to.
# Queries answer with GraphQL errors; mutations with their payload's errors, as mutations do.
NUL_OPERATIONS: list[tuple[str, dict[str, Any], str]] = [
    ("query($s: String!) { customers(search: $s) { totalCount } }", {"s": NUL}, "search"),
    ("query($s: String!) { products(search: $s) { totalCount } }", {"s": NUL}, "search"),
    ("query($s: String!) { suppliers(search: $s) { totalCount } }", {"s": NUL}, "search"),
    ("query($s: String!) { users(search: $s) { totalCount } }", {"s": NUL}, "search"),
    (
        "query($f: SalesOrderFilter) { salesOrders(filter: $f) { totalCount } }",
        {"f": {"search": NUL}},
        "filter.search",
    ),
    ("query($s: String!) { skuByBarcode(barcode: $s) { id } }", {"s": NUL}, "barcode"),
    ("query($s: String!) { shipmentLookup(code: $s) { id } }", {"s": NUL}, "code"),
    (
        "query($s: String!) { carrierSuggest(trackingNumber: $s) { __typename } }",
        {"s": NUL},
        "trackingNumber",
    ),
    (
        "mutation($i: CustomerCreateInput!) { customerCreate(input: $i) { customer { id } errors { field code } } }",
        {"i": {"name": NUL}},
        "name",
    ),
    (
        "mutation($i: CustomerLevelInput!) { customerLevelCreate(input: $i) { errors { field code } } }",
        {"i": {"code": "Z", "name": NUL}},
        "name",
    ),
    (
        "mutation($c: String!, $n: String!) { warehouseCreate(code: $c, name: $n) { errors { field code } } }",
        {"c": "NULWH", "n": NUL},
        "name",
    ),
    (
        "mutation($i: SupplierCreateInput!) { supplierCreate(input: $i) { errors { field code } } }",
        {"i": {"code": "NULSUP", "name": NUL}},
        "name",
    ),
    (
        "mutation($i: ShippingSettingsInput!) { shippingSettingsUpdate(input: $i) { errors { field code } } }",
        {"i": {"printFooter": NUL}},
        "printFooter",
    ),
    (
        "mutation($i: ShipmentBatchShipInput!) { shipmentBatchShip(input: $i) { errors { field code } } }",
        {"i": {"rows": [{"orderNumber": NUL, "carrierId": "1", "trackingNumber": "SF1"}]}},
        "rows.0.orderNumber",
    ),
]


def _codes(body: dict[str, Any]) -> list[str]:
    return [error["extensions"]["code"] for error in body.get("errors") or []]


def _owner_client(workspace: Workspace) -> Client:
    return client_for(workspace, workspace.users["owner"])


def _counts(workspace: Workspace) -> tuple[int, ...]:
    with tenant_context(workspace.tenant):
        return (
            Customer.objects.count(),
            CustomerLevel.objects.count(),
            Warehouse.objects.count(),
            Supplier.objects.count(),
        )


def _problems(body: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, code) of a query's errors, or of a mutation's payload errors."""
    if body.get("errors"):
        return [(e["extensions"]["field"], e["extensions"]["code"]) for e in body["errors"]]
    [payload] = body["data"].values()
    return [(e["field"], e["code"]) for e in payload["errors"]]


@pytest.mark.parametrize(("query", "variables", "field"), NUL_OPERATIONS, ids=lambda v: str(v)[:40])
def test_a_nul_byte_anywhere_is_text_invalid_and_writes_nothing(
    alpha: Workspace, query: str, variables: dict[str, Any], field: str
) -> None:
    before = _counts(alpha)
    body = graphql(_owner_client(alpha), query, variables)
    assert _problems(body) == [(field, "text_invalid")], body
    if query.startswith("mutation"):
        [payload] = body["data"].values()
        assert all(value is None for name, value in payload.items() if name != "errors")
    else:
        assert body["data"] is None
    assert _counts(alpha) == before


def test_a_nul_byte_written_into_the_document_is_text_invalid(alpha: Workspace) -> None:
    body = graphql(_owner_client(alpha), '{ customers(search: "x\\u0000y") { totalCount } }')
    assert _problems(body) == [("search", "text_invalid")]


def test_the_login_email_with_a_nul_byte_is_text_invalid(alpha: Workspace) -> None:
    body = graphql(
        Client(HTTP_HOST=alpha.host),
        'mutation($e: String!) { login(email: $e, password: "x") { user { id } errors { field code } } }',
        {"e": "owner@alpha.test\x00"},
    )
    assert body["data"]["login"] == {"user": None, "errors": [{"field": "email", "code": "text_invalid"}]}


def test_tabs_and_line_breaks_are_ordinary_text(alpha: Workspace) -> None:
    body = graphql(
        _owner_client(alpha), "query($s: String!) { customers(search: $s) { totalCount } }", {"s": "a\tb\r\n"}
    )
    assert "errors" not in body, body


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "sNaN", "1e400", "12345678901234567890"])
@pytest.mark.parametrize("field", ["reorderPoint", "minQty"])
def test_stock_thresholds_refuse_non_finite_and_huge_decimals(
    alpha: Workspace, field: str, value: str
) -> None:
    body = graphql(
        _owner_client(alpha),
        "mutation($i: ThresholdsInput!) { stockThresholdsSet(input: $i) { errors { field code } } }",
        {"i": {"skuId": "1", "warehouseId": "1", field: value}},
    )
    expected = "decimal_out_of_range" if value[0].isdigit() else "decimal_invalid"
    assert _problems(body) == [(field, expected)], body


def test_each_decimal_is_checked_and_named_by_its_path(alpha: Workspace) -> None:
    body = graphql(
        _owner_client(alpha),
        "mutation($i: ThresholdsInput!) { stockThresholdsSet(input: $i) { errors { field code } } }",
        {"i": {"skuId": "1", "warehouseId": "1", "minQty": "1.5", "maxQty": "Infinity"}},
    )
    assert _problems(body) == [("maxQty", "decimal_invalid")]


@pytest.mark.parametrize(
    "query",
    [
        '{ products(categoryId: "abc") { totalCount } }',
        'query { user(id: "abc") { id } }',
        'query { user(id: "99999999999999999999999") { id } }',
        'query { salesOrder(id: "-1") { id } }',
    ],
)
def test_malformed_ids_are_id_invalid(alpha: Workspace, query: str) -> None:
    body = graphql(_owner_client(alpha), query)
    assert _codes(body) == ["id_invalid"], body


def test_an_empty_id_is_not_found_not_an_internal_error(alpha: Workspace) -> None:
    body = graphql(_owner_client(alpha), 'query { user(id: "") { id } }')
    assert _codes(body) in (["not_found"], ["id_invalid"]), body
