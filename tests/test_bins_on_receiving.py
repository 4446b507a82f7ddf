"""Bins (库位) on receiving and on stock in/out: the movement records the bin the goods went to,
a bin of another warehouse is refused with `bin_invalid` and nothing is written; and the
product list's stock totals come from one grouped query."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saas.inventory.models import Bin, StockLevel, StockMovement
from saas.procurement.models import GoodsReceipt
from tests.fixtures.procurement import purchasing_for
from tests.fixtures.tenants import client_for, graphql

RECEIVE = """
mutation($input: GoodsReceiptCreateInput!) {
  goodsReceiptCreate(input: $input) {
    goodsReceipt { number }
    purchaseOrder { status }
    errors { field code message }
  }
}"""
ENTRY = """
mutation($input: StockEntryInput!) {
  stockEntryCreate(input: $input) { document { id number } errors { field code message } }
}"""
MOVEMENTS = """
query($skuId: ID!) { stockMovements(skuId: $skuId) { items { kind onHandDelta bin { code } } } }"""
TOTALS = """
query($ids: [ID!]!) { productStockTotals(productIds: $ids) { productId onHand available } }"""


@pytest.fixture
def buying(stockroom):
    return purchasing_for(stockroom)


def test_accepted_goods_go_into_the_named_bin(buying):
    # Given an approved order for 2 boxes of shirts into the main warehouse, which has bin A-01
    room = buying.room
    shelf = Bin.objects.create(warehouse=room.main, code="A-01")
    order = buying.order(buying.acme, [(room.shirt, room.main, "2")])
    line = order.lines.get()
    client = client_for(room.workspace, buying.user("warehouse"))

    # When 24 are received into A-01
    result = graphql(
        client,
        RECEIVE,
        {
            "input": {
                "purchaseOrderId": str(order.pk),
                "lines": [{"lineId": str(line.pk), "acceptedQty": "24", "binId": str(shelf.pk)}],
            }
        },
    )["data"]["goodsReceiptCreate"]

    # Then the receipt movement carries the bin, and the stock level grew
    assert result["errors"] == []
    assert result["purchaseOrder"]["status"] == "RECEIVED"
    movement = StockMovement.objects.get(source_type="goods_receipt", sku=room.shirt)
    assert (movement.bin_id, movement.on_hand_delta) == (shelf.pk, Decimal("24"))
    assert StockLevel.objects.get(sku=room.shirt, warehouse=room.main).on_hand == Decimal("24")
    listed = graphql(client, MOVEMENTS, {"skuId": str(room.shirt.pk)})["data"]["stockMovements"]["items"]
    assert [(m["kind"], m["bin"]) for m in listed] == [("RECEIPT", {"code": "A-01"})]


def test_a_bin_of_another_warehouse_is_refused_and_nothing_is_received(buying):
    # Given an approved order into the main warehouse, and a bin that belongs to the branch
    room = buying.room
    elsewhere = Bin.objects.create(warehouse=room.branch, code="B-01")
    order = buying.order(buying.acme, [(room.shirt, room.main, "1")])
    line = order.lines.get()
    client = client_for(room.workspace, buying.user("warehouse"))

    # When the goods are received into the branch's bin, or a bin id that does not exist
    for bin_id in (str(elsewhere.pk), "999999", "x"):
        result = graphql(
            client,
            RECEIVE,
            {
                "input": {
                    "purchaseOrderId": str(order.pk),
                    "lines": [{"lineId": str(line.pk), "acceptedQty": "12", "binId": bin_id}],
                }
            },
        )["data"]["goodsReceiptCreate"]

        # Then the line's bin is refused in Chinese, and no receipt or stock was written (a
        # malformed id already by the API's input layer)
        assert result["goodsReceipt"] is None
        expected = (
            {"field": "lines.0.binId", "code": "id_invalid", "message": "这不是有效的编号。"}
            if bin_id == "x"
            else {"field": "lines.0.binId", "code": "bin_invalid", "message": "该仓库中没有此库位。"}
        )
        assert result["errors"] == [expected]
    assert not GoodsReceipt.objects.filter(order=order).exists()
    assert not StockMovement.objects.filter(sku=room.shirt).exists()
    order.refresh_from_db()
    assert order.status == "approved"


def test_stock_in_and_out_record_the_bin_and_refuse_a_foreign_one(buying):
    room = buying.room
    shelf = Bin.objects.create(warehouse=room.main, code="A-02")
    elsewhere = Bin.objects.create(warehouse=room.branch, code="B-02")
    client = client_for(room.workspace, buying.user("warehouse"))

    def entry(direction: str, reason: str, lines: list[dict[str, str]]) -> dict:
        variables = {
            "input": {
                "warehouseId": str(room.main.pk),
                "direction": direction,
                "reason": reason,
                "lines": lines,
            }
        }
        return graphql(client, ENTRY, variables)["data"]["stockEntryCreate"]

    # When 5 phones come into bin A-02 and 2 go out of it, and one line without a bin
    stocked = entry(
        "IN",
        "OPENING",
        [
            {"skuId": str(room.phone.pk), "quantity": "5", "unitCost": "800", "binId": str(shelf.pk)},
            {"skuId": str(room.shirt.pk), "quantity": "1", "unitCost": "10"},
        ],
    )
    taken = entry("OUT", "SAMPLE", [{"skuId": str(room.phone.pk), "quantity": "2", "binId": str(shelf.pk)}])

    # Then both movements carry the bin, the shirt's none
    assert stocked["errors"] == [] and taken["errors"] == []
    moves = StockMovement.objects.filter(source_type="stock_entry").order_by("id")
    assert [(m.sku_id, m.on_hand_delta, m.bin_id) for m in moves] == [
        (room.phone.pk, Decimal("5"), shelf.pk),
        (room.shirt.pk, Decimal("1"), None),
        (room.phone.pk, Decimal("-2"), shelf.pk),
    ]

    # When the second line names the branch's bin, then that line is refused and nothing moves
    refused = entry(
        "IN",
        "FOUND",
        [
            {"skuId": str(room.phone.pk), "quantity": "1", "binId": str(shelf.pk)},
            {"skuId": str(room.shirt.pk), "quantity": "1", "binId": str(elsewhere.pk)},
        ],
    )
    assert refused["document"] is None
    assert [(e["field"], e["code"]) for e in refused["errors"]] == [("lines.1.binId", "bin_invalid")]
    assert StockMovement.objects.filter(source_type="stock_entry").count() == 3
    assert StockLevel.objects.get(sku=room.phone, warehouse=room.main).on_hand == Decimal("3")


def test_product_stock_totals_sum_every_warehouse_in_one_query(buying):
    # Given shirts in two warehouses (3 reserved in one) and phones nowhere
    room = buying.room
    room.receive(room.shirt, "10", "5")
    room.receive(room.shirt, "4", "5", warehouse=room.branch)
    StockLevel.objects.filter(sku=room.shirt, warehouse=room.main).update(reserved=Decimal("3"))
    client = client_for(room.workspace, buying.user("sales"))
    ids = [str(room.shirt.product_id), str(room.phone.product_id)]

    # When a sales rep (inventory.view) asks for both products' totals
    with CaptureQueriesContext(connection) as queries:
        totals = graphql(client, TOTALS, {"ids": ids})["data"]["productStockTotals"]

    # Then the shirt's stock is summed and the phone, with no stock level, is left out
    assert totals == [{"productId": ids[0], "onHand": "14.000", "available": "11.000"}]
    assert sum("inventory_stocklevel" in q["sql"] for q in queries.captured_queries) == 1

    # And a page larger than 100 products is refused
    too_many = graphql(client, TOTALS, {"ids": [str(n) for n in range(1, 102)]})
    assert too_many["errors"][0]["extensions"]["code"] == "too_many_lines"
