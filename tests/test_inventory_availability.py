"""Distributors see availability as the workspace shows it — a band (in stock / low / out) or
nothing — and never the internal stock numbers, warning levels or low-stock flags, not even by
asking for them; staff keep their numbers; workspaces stay apart."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from saas.accounts.models import Role
from saas.core.errors import Forbidden
from saas.inventory.availability import (
    AvailabilityBand,
    StockView,
    availability_list,
    band_of,
    stock_view,
)
from saas.inventory.services.availability import distributor_availability_set
from saas.inventory.services.warehouses import stock_thresholds_set
from tests.fixtures.inventory import make_sku
from tests.fixtures.tenants import client_for, graphql

AVAILABILITY = """query($ids: [ID!]!) {
  productAvailability(productIds: $ids) { productId band skus { skuId band } } }"""
TOTALS = "query($ids: [ID!]!) { productStockTotals(productIds: $ids) { productId onHand available } }"
LEVELS = """{ stockLevels { totalCount items {
  onHand reserved available inTransit minQty maxQty reorderPoint isLow sku { code } } } }"""
WAREHOUSES = "{ warehouses { code name } }"
MOVEMENTS = "{ stockMovements { totalCount items { onHandDelta onHandAfter } } }"
TODOS = "{ dashboard { todos { key count } } }"
SETTING = "{ distributorAvailability }"
SET = """mutation($mode: DistributorAvailability!) {
  distributorAvailabilitySet(mode: $mode) { mode errors { field code } } }"""


@pytest.fixture
def shelves(stockroom):
    """Shirts plenty (10, reorder point 3), phones low (2, reorder point 5), a scarf with none."""
    stockroom.receive(stockroom.shirt, "10", "35")
    stockroom.receive(stockroom.phone, "2", "900", warehouse=stockroom.branch)
    for sku, warehouse, mark in (
        (stockroom.shirt, stockroom.main, "3"),
        (stockroom.phone, stockroom.branch, "5"),
    ):
        stock_thresholds_set(
            actor=stockroom.keeper,
            sku_id=sku.pk,
            warehouse_id=warehouse.pk,
            min_qty=None,
            max_qty=None,
            reorder_point=Decimal(mark),
        )
    stockroom.scarf = make_sku("SCARF-1", "围巾")
    return stockroom


def _ids(room) -> list[str]:
    return [str(sku.product_id) for sku in (room.shirt, room.phone, room.scarf)]


def _ask(room, role: str, query: str, variables: dict | None = None) -> dict:
    return graphql(client_for(room.workspace, room.workspace.users[role]), query, variables)


def test_the_distributor_role_holds_availability_not_stock_numbers(in_alpha):
    scopes_of = set(Role.objects.get(code="distributor").scopes)
    assert "inventory.view_availability" in scopes_of
    assert "inventory.view" not in scopes_of
    assert "inventory.view" in Role.objects.get(code="sales").scopes


def test_stock_view_is_decided_per_actor_and_by_the_setting(shelves):
    users = shelves.workspace.users
    assert {role: stock_view(users[role]) for role in ("owner", "manager", "sales", "warehouse")} == {
        "owner": StockView.NUMBERS,
        "manager": StockView.NUMBERS,
        "sales": StockView.NUMBERS,
        "warehouse": StockView.NUMBERS,
    }
    assert stock_view(users["distributor"]) is StockView.BAND
    with pytest.raises(Forbidden):
        stock_view(users["finance"])  # neither scope: refused, not an empty answer
    distributor_availability_set(actor=users["manager"], mode="hidden")
    assert stock_view(users["distributor"]) is StockView.NOTHING
    assert stock_view(users["sales"]) is StockView.NUMBERS


def test_bands_weigh_available_stock_against_the_warning_levels(shelves):
    assert band_of(Decimal("0"), None) is AvailabilityBand.OUT
    assert band_of(Decimal("-1"), Decimal("5")) is AvailabilityBand.OUT
    assert band_of(Decimal("5"), Decimal("5")) is AvailabilityBand.LOW
    assert band_of(Decimal("6"), Decimal("5")) is AvailabilityBand.IN_STOCK
    assert band_of(Decimal("1"), None) is AvailabilityBand.IN_STOCK
    found = availability_list(
        actor=shelves.workspace.users["distributor"],
        product_ids=[shelves.shirt.product_id, shelves.phone.product_id, shelves.scarf.product_id, 10**9],
    )
    assert found == {
        shelves.shirt.product_id: (AvailabilityBand.IN_STOCK, {shelves.shirt.pk: AvailabilityBand.IN_STOCK}),
        shelves.phone.product_id: (AvailabilityBand.LOW, {shelves.phone.pk: AvailabilityBand.LOW}),
        shelves.scarf.product_id: (AvailabilityBand.OUT, {shelves.scarf.pk: AvailabilityBand.OUT}),
    }


def test_distributor_gets_bands_and_no_numbers(shelves):
    ids = _ids(shelves)
    with CaptureQueriesContext(connection) as queries:
        seen = _ask(shelves, "distributor", AVAILABILITY, {"ids": ids})
    assert "errors" not in seen
    assert {"data": seen["data"]} == {
        "data": {
            "productAvailability": [
                {
                    "productId": ids[0],
                    "band": "IN_STOCK",
                    "skus": [{"skuId": str(shelves.shirt.pk), "band": "IN_STOCK"}],
                },
                {
                    "productId": ids[1],
                    "band": "LOW",
                    "skus": [{"skuId": str(shelves.phone.pk), "band": "LOW"}],
                },
                {
                    "productId": ids[2],
                    "band": "OUT",
                    "skus": [{"skuId": str(shelves.scarf.pk), "band": "OUT"}],
                },
            ]
        }
    }
    assert sum("inventory_stocklevel" in q["sql"] for q in queries.captured_queries) == 1


@pytest.mark.parametrize(
    "query",
    [TOTALS, LEVELS, WAREHOUSES, MOVEMENTS],
    ids=["productStockTotals", "stockLevels", "warehouses", "stockMovements"],
)
def test_distributor_asking_for_stock_numbers_is_refused(shelves, query):
    answer = _ask(shelves, "distributor", query, {"ids": _ids(shelves)} if "$ids" in query else None)
    assert answer["data"] is None
    assert [error["extensions"]["code"] for error in answer["errors"]] == ["forbidden"]


def test_numeric_fields_do_not_exist_on_the_band(shelves):
    answer = _ask(
        shelves,
        "distributor",
        "query($ids: [ID!]!) { productAvailability(productIds: $ids) { productId onHand isLow } }",
        {"ids": _ids(shelves)},
    )
    assert "data" not in answer or answer["data"] is None
    assert {error["extensions"]["code"] for error in answer["errors"]} == {"query_invalid"}


def test_distributor_has_no_low_stock_to_do(shelves):
    assert _ask(shelves, "distributor", TODOS)["data"]["dashboard"]["todos"] == []
    keeper = _ask(shelves, "warehouse", TODOS)["data"]["dashboard"]["todos"]
    assert {"key": "inventory.low_stock", "count": 1} in keeper


@pytest.mark.parametrize("role", ["manager", "sales", "warehouse"])
def test_staff_still_get_the_numbers(shelves, role):
    totals = _ask(shelves, role, TOTALS, {"ids": _ids(shelves)})["data"]["productStockTotals"]
    assert totals == [
        {"productId": _ids(shelves)[0], "onHand": "10.000", "available": "10.000"},
        {"productId": _ids(shelves)[1], "onHand": "2.000", "available": "2.000"},
    ]
    levels = _ask(shelves, role, LEVELS)["data"]["stockLevels"]["items"]
    phone = next(level for level in levels if level["sku"]["code"] == "PHONE-128")
    assert phone["reorderPoint"] == "5.000" and phone["isLow"] is True
    bands = _ask(shelves, role, AVAILABILITY, {"ids": _ids(shelves)})["data"]["productAvailability"]
    assert [one["band"] for one in bands] == ["IN_STOCK", "LOW", "OUT"]


def test_hidden_setting_shows_distributors_nothing(shelves):
    # Given a manager hides availability from distributors
    changed = _ask(shelves, "manager", SET, {"mode": "HIDDEN"})["data"]["distributorAvailabilitySet"]
    assert changed == {"mode": "HIDDEN", "errors": []}
    assert _ask(shelves, "admin", SETTING)["data"] == {"distributorAvailability": "HIDDEN"}

    # When the distributor asks, then every band is null
    seen = _ask(shelves, "distributor", AVAILABILITY, {"ids": _ids(shelves)[:1]})["data"]
    assert seen == {
        "productAvailability": [
            {
                "productId": _ids(shelves)[0],
                "band": None,
                "skus": [{"skuId": str(shelves.shirt.pk), "band": None}],
            }
        ]
    }
    # And staff still see theirs
    staff = _ask(shelves, "sales", AVAILABILITY, {"ids": _ids(shelves)[:1]})["data"]["productAvailability"]
    assert staff[0]["band"] == "IN_STOCK"

    # And showing the band again brings it back
    assert _ask(shelves, "owner", SET, {"mode": "BAND"})["data"]["distributorAvailabilitySet"]["errors"] == []
    again = _ask(shelves, "distributor", AVAILABILITY, {"ids": _ids(shelves)[:1]})["data"]
    assert again["productAvailability"][0]["band"] == "IN_STOCK"


@pytest.mark.parametrize("role", ["distributor", "sales", "warehouse"])
def test_only_managers_and_admins_choose_what_distributors_see(shelves, role):
    refused = _ask(shelves, role, SET, {"mode": "HIDDEN"})["data"]["distributorAvailabilitySet"]
    assert refused == {"mode": None, "errors": [{"field": None, "code": "forbidden"}]}
    assert _ask(shelves, role, SETTING)["errors"][0]["extensions"]["code"] == "forbidden"
    assert stock_view(shelves.workspace.users["distributor"]) is StockView.BAND


def test_a_bad_mode_is_a_typed_error(shelves):
    bad = _ask(shelves, "manager", SET, {"mode": "SOMETIMES"})
    assert bad["errors"][0]["extensions"]["code"] == "query_invalid"
    with pytest.raises(Exception) as raised:
        distributor_availability_set(actor=shelves.workspace.users["manager"], mode="sometimes")
    assert getattr(raised.value, "code", None) == "availability_mode_invalid"


def test_finance_and_anonymous_callers_get_no_availability(shelves):
    finance = _ask(shelves, "finance", AVAILABILITY, {"ids": _ids(shelves)})
    assert finance["errors"][0]["extensions"]["code"] == "forbidden"
    anonymous = graphql(client_for(shelves.workspace), AVAILABILITY, {"ids": _ids(shelves)})
    assert anonymous["errors"][0]["extensions"]["code"] == "unauthenticated"


def test_availability_of_one_workspace_is_invisible_in_another(shelves, beta):
    # Given alpha's products are in stock, when beta's distributor asks with alpha's ids
    seen = graphql(client_for(beta, beta.users["distributor"]), AVAILABILITY, {"ids": _ids(shelves)})
    # Then beta has no such products: nothing of alpha's comes back
    assert "errors" not in seen and seen["data"] == {"productAvailability": []}
    with tenant_context(beta.tenant):
        assert stock_view(beta.users["distributor"]) is StockView.BAND
