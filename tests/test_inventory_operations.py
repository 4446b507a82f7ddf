"""Transfers between warehouses and stocktakes, with their document events."""

from __future__ import annotations

from decimal import Decimal

import pytest

from saas.core.errors import InvalidInput
from saas.core.transitions import events_of
from saas.inventory.models import StockLevel, StockMovement
from saas.inventory.services.checks import ledger_mismatches
from saas.inventory.services.stocktakes import CountInput, stocktake_approve, stocktake_count, stocktake_start
from saas.inventory.services.transfers import (
    TransferLineInput,
    transfer_cancel,
    transfer_create,
    transfer_receive,
)


def quantities(sku, warehouse) -> tuple[Decimal, Decimal]:
    level = StockLevel.objects.get(sku=sku, warehouse=warehouse)
    return level.on_hand, level.in_transit


def test_transfer_leaves_at_once_is_in_transit_then_arrives_at_source_cost(stockroom):
    stockroom.receive(stockroom.phone, "10", "1000")
    stockroom.receive(stockroom.phone, "2", "1500", warehouse=stockroom.branch)
    transfer = transfer_create(
        actor=stockroom.keeper,
        from_warehouse_id=stockroom.main.pk,
        to_warehouse_id=stockroom.branch.pk,
        lines=[TransferLineInput(sku_id=stockroom.phone.pk, quantity="4")],
    )
    assert transfer.number.startswith("TR-") and transfer.status == "in_transit"
    assert quantities(stockroom.phone, stockroom.main) == (6, 0)
    assert quantities(stockroom.phone, stockroom.branch) == (2, 4)
    transfer_receive(actor=stockroom.keeper, transfer_id=transfer.pk)
    assert quantities(stockroom.phone, stockroom.branch) == (6, 0)
    # 2 at 1500 and 4 arriving at the source's 1000: the branch averages to 1166.6667.
    assert StockLevel.objects.get(sku=stockroom.phone, warehouse=stockroom.branch).avg_cost == Decimal(
        "1166.6667"
    )
    assert [e.to_status for e in events_of("transfer", transfer.pk)] == ["in_transit", "received"]
    assert ledger_mismatches() == []


def test_received_transfer_cannot_be_received_or_cancelled_again(stockroom):
    stockroom.receive(stockroom.shirt, "5", "10")
    transfer = transfer_create(
        actor=stockroom.keeper,
        from_warehouse_id=stockroom.main.pk,
        to_warehouse_id=stockroom.branch.pk,
        lines=[TransferLineInput(sku_id=stockroom.shirt.pk, quantity="5")],
    )
    transfer_receive(actor=stockroom.keeper, transfer_id=transfer.pk)
    for action in (transfer_receive, transfer_cancel):
        with pytest.raises(InvalidInput) as illegal:
            action(actor=stockroom.keeper, transfer_id=transfer.pk)
        assert illegal.value.code == "transition_invalid"
    assert quantities(stockroom.shirt, stockroom.branch) == (5, 0)


def test_cancelled_transfer_returns_goods_to_the_source(stockroom):
    stockroom.receive(stockroom.shirt, "5", "10")
    transfer = transfer_create(
        actor=stockroom.keeper,
        from_warehouse_id=stockroom.main.pk,
        to_warehouse_id=stockroom.branch.pk,
        lines=[TransferLineInput(sku_id=stockroom.shirt.pk, quantity="3")],
    )
    transfer_cancel(actor=stockroom.keeper, transfer_id=transfer.pk, note="车坏了")
    assert quantities(stockroom.shirt, stockroom.main) == (5, 0)
    assert quantities(stockroom.shirt, stockroom.branch) == (0, 0)
    assert events_of("transfer", transfer.pk).last().note == "车坏了"
    assert ledger_mismatches() == []


def test_transfer_needs_two_warehouses_and_enough_stock(stockroom):
    with pytest.raises(InvalidInput) as same:
        transfer_create(
            actor=stockroom.keeper,
            from_warehouse_id=stockroom.main.pk,
            to_warehouse_id=stockroom.main.pk,
            lines=[TransferLineInput(sku_id=stockroom.shirt.pk, quantity="1")],
        )
    assert same.value.code == "same_warehouse"
    with pytest.raises(InvalidInput) as short:
        transfer_create(
            actor=stockroom.keeper,
            from_warehouse_id=stockroom.main.pk,
            to_warehouse_id=stockroom.branch.pk,
            lines=[TransferLineInput(sku_id=stockroom.shirt.pk, quantity="1")],
        )
    assert short.value.code == "insufficient_stock"
    assert not StockMovement.objects.exists()


def test_stocktake_sheet_count_differences_and_approval(stockroom):
    stockroom.receive(stockroom.shirt, "10", "20")
    stockroom.receive(stockroom.phone, "3", "900")
    sheet = stocktake_start(actor=stockroom.keeper, warehouse_id=stockroom.main.pk)
    assert sheet.number.startswith("ST-")
    assert {(line.sku_id, line.expected_qty) for line in sheet.lines.all()} == {
        (stockroom.shirt.pk, 10),
        (stockroom.phone.pk, 3),
    }
    stocktake_count(
        actor=stockroom.keeper, stocktake_id=sheet.pk, counts=[CountInput(stockroom.shirt.pk, "8")]
    )
    stocktake_count(
        actor=stockroom.keeper, stocktake_id=sheet.pk, counts=[CountInput(stockroom.phone.pk, "4")]
    )
    stocktake_approve(actor=stockroom.keeper, stocktake_id=sheet.pk)
    assert quantities(stockroom.shirt, stockroom.main) == (8, 0)
    assert quantities(stockroom.phone, stockroom.main) == (4, 0)
    differences = {line.sku_id: line.difference for line in sheet.lines.all()}
    assert differences == {stockroom.shirt.pk: -2, stockroom.phone.pk: 1}
    found = StockMovement.objects.get(sku=stockroom.phone, kind="stocktake")
    assert found.unit_cost == Decimal("900.0000")  # found goods come in at the average cost
    with pytest.raises(InvalidInput) as closed:
        stocktake_count(
            actor=stockroom.keeper, stocktake_id=sheet.pk, counts=[CountInput(stockroom.shirt.pk, "1")]
        )
    assert closed.value.code == "transition_invalid"
    assert ledger_mismatches() == []


def test_stocktake_counts_against_the_books_at_approval_time(stockroom):
    stockroom.receive(stockroom.shirt, "10", "20")
    sheet = stocktake_start(actor=stockroom.keeper, warehouse_id=stockroom.main.pk)
    stocktake_count(
        actor=stockroom.keeper, stocktake_id=sheet.pk, counts=[CountInput(stockroom.shirt.pk, "12")]
    )
    stockroom.receive(stockroom.shirt, "2", "20")  # arrived while counting, and was counted
    stocktake_approve(actor=stockroom.keeper, stocktake_id=sheet.pk)
    assert quantities(stockroom.shirt, stockroom.main) == (12, 0)
    assert sheet.lines.get().difference == 0


def test_stocktake_rejects_negative_counts_and_empty_approval(stockroom):
    sheet = stocktake_start(
        actor=stockroom.keeper, warehouse_id=stockroom.main.pk, sku_ids=[stockroom.shirt.pk]
    )
    with pytest.raises(InvalidInput) as negative:
        stocktake_count(
            actor=stockroom.keeper, stocktake_id=sheet.pk, counts=[CountInput(stockroom.shirt.pk, "-1")]
        )
    assert negative.value.code == "quantity_invalid"
    with pytest.raises(InvalidInput) as empty:
        stocktake_approve(actor=stockroom.keeper, stocktake_id=sheet.pk)
    assert empty.value.code == "nothing_counted"
