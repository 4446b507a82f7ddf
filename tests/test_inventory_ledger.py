"""The stock ledger: movements explain every level, costs average, stock never goes negative."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import DatabaseError, transaction
from django_tenants.utils import tenant_context

from saas.core.errors import Forbidden, InvalidInput, NotFound
from saas.core.numbering import next_document_number
from saas.inventory.models import InventorySettings, MovementKind, StockEntry, StockLevel, StockMovement
from saas.inventory.services.checks import ledger_mismatches
from saas.inventory.services.entries import EntryLine, stock_entry_create
from saas.inventory.services.ledger import Source
from saas.inventory.services.reservations import stock_release, stock_reserve


def level(stockroom, sku, warehouse=None) -> StockLevel:
    return StockLevel.objects.get(sku=sku, warehouse=warehouse or stockroom.main)


def test_stock_in_creates_level_movement_and_numbered_document(stockroom):
    entry = stock_entry_create(
        actor=stockroom.keeper,
        warehouse_id=stockroom.main.pk,
        direction="in",
        reason="opening",
        lines=[EntryLine(sku_id=stockroom.shirt.pk, quantity="12", unit_cost="35.50")],
    )
    assert entry.number.startswith("IN-") and entry.number.endswith("-000001")
    shirt = level(stockroom, stockroom.shirt)
    assert (shirt.on_hand, shirt.reserved, shirt.available, shirt.avg_cost) == (12, 0, 12, Decimal("35.5"))
    movement = StockMovement.objects.get(source_type="stock_entry", source_id=entry.pk)
    assert movement.kind == MovementKind.ADJUSTMENT and movement.on_hand_delta == 12
    assert movement.value == Decimal("426.0000") and movement.actor == stockroom.keeper
    assert ledger_mismatches() == []


def test_moving_average_cost_updates_on_receipts_and_outgoing_moves_at_average(stockroom):
    stockroom.receive(stockroom.phone, "10", "1000")
    stockroom.receive(stockroom.phone, "30", "1200")
    assert level(stockroom, stockroom.phone).avg_cost == Decimal("1150.0000")
    stock_entry_create(
        actor=stockroom.keeper,
        warehouse_id=stockroom.main.pk,
        direction="out",
        reason="damaged",
        lines=[EntryLine(sku_id=stockroom.phone.pk, quantity="4")],
    )
    out = StockMovement.objects.filter(sku=stockroom.phone, on_hand_delta__lt=0).get()
    assert out.unit_cost == Decimal("1150.0000") and out.value == Decimal("-4600.0000")
    assert level(stockroom, stockroom.phone).on_hand == 36
    assert level(stockroom, stockroom.phone).avg_cost == Decimal("1150.0000")


def test_stock_never_goes_negative_unless_the_tenant_allows_it(stockroom):
    stockroom.receive(stockroom.shirt, "2", "10")
    with pytest.raises(InvalidInput) as short:
        stock_entry_create(
            actor=stockroom.keeper,
            warehouse_id=stockroom.main.pk,
            direction="out",
            reason="lost",
            lines=[EntryLine(sku_id=stockroom.shirt.pk, quantity="3")],
        )
    assert short.value.code == "insufficient_stock" and short.value.field == "lines.0"
    assert level(stockroom, stockroom.shirt).on_hand == 2
    assert StockMovement.objects.filter(sku=stockroom.shirt).count() == 1  # nothing half-written
    InventorySettings.objects.create(allow_negative_stock=True)
    stock_entry_create(
        actor=stockroom.keeper,
        warehouse_id=stockroom.main.pk,
        direction="out",
        reason="lost",
        lines=[EntryLine(sku_id=stockroom.shirt.pk, quantity="3")],
    )
    assert level(stockroom, stockroom.shirt).on_hand == -1
    assert ledger_mismatches() == []


def test_a_bad_line_rejects_the_whole_document(stockroom):
    stockroom.receive(stockroom.shirt, "5", "10")
    with pytest.raises(InvalidInput) as bad:
        stock_entry_create(
            actor=stockroom.keeper,
            warehouse_id=stockroom.main.pk,
            direction="out",
            reason="lost",
            lines=[
                EntryLine(sku_id=stockroom.shirt.pk, quantity="1"),
                EntryLine(sku_id=stockroom.phone.pk, quantity="1"),
            ],
        )
    assert [p.field for p in bad.value.problems] == ["lines.1"]
    assert level(stockroom, stockroom.shirt).on_hand == 5


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ({"quantity": "0"}, "quantity_invalid"),
        ({"quantity": "-1"}, "quantity_invalid"),
        ({"quantity": "1.2345"}, "quantity_invalid"),
        ({"quantity": "abc"}, "quantity_invalid"),
        ({"quantity": "NaN"}, "quantity_invalid"),
        ({"quantity": "1", "unit_cost": "-5"}, "cost_invalid"),
    ],
)
def test_bad_quantities_and_costs_have_codes(stockroom, line, code):
    with pytest.raises(InvalidInput) as bad:
        stock_entry_create(
            actor=stockroom.keeper,
            warehouse_id=stockroom.main.pk,
            direction="in",
            reason="found",
            lines=[EntryLine(sku_id=stockroom.shirt.pk, **line)],
        )
    assert bad.value.code == code


def test_unknown_sku_warehouse_and_reason_are_refused(stockroom):
    with pytest.raises(NotFound):
        stockroom.receive(stockroom.shirt, "1", "1", warehouse=type(stockroom.main)(pk=999999))
    with pytest.raises(NotFound) as unknown:
        stock_entry_create(
            actor=stockroom.keeper,
            warehouse_id=stockroom.main.pk,
            direction="in",
            reason="found",
            lines=[EntryLine(sku_id=999999, quantity="1")],
        )
    assert unknown.value.field == "lines.0.sku_id"
    with pytest.raises(InvalidInput) as reason:
        stock_entry_create(
            actor=stockroom.keeper,
            warehouse_id=stockroom.main.pk,
            direction="in",
            reason="damaged",
            lines=[EntryLine(sku_id=stockroom.shirt.pk, quantity="1")],
        )
    assert reason.value.code == "reason_invalid"
    with pytest.raises(InvalidInput) as many:
        stock_entry_create(
            actor=stockroom.keeper,
            warehouse_id=stockroom.main.pk,
            direction="in",
            reason="found",
            lines=[EntryLine(sku_id=stockroom.shirt.pk, quantity="1")] * 101,
        )
    assert many.value.code == "too_many_lines"


def test_only_inventory_managers_move_stock(stockroom):
    with pytest.raises(Forbidden):
        stock_entry_create(
            actor=stockroom.workspace.users["sales"],
            warehouse_id=stockroom.main.pk,
            direction="in",
            reason="found",
            lines=[EntryLine(sku_id=stockroom.shirt.pk, quantity="1")],
        )


def test_reservations_limit_available_and_release_restores_it(stockroom):
    stockroom.receive(stockroom.shirt, "10", "20")
    source = Source("sales_order", 1, "SO-TEST")
    stock_reserve(
        actor=stockroom.keeper, source=source, lines=[(stockroom.shirt.pk, stockroom.main.pk, Decimal("7"))]
    )
    shirt = level(stockroom, stockroom.shirt)
    assert (shirt.on_hand, shirt.reserved, shirt.available) == (10, 7, 3)
    with pytest.raises(InvalidInput) as short:
        stock_reserve(
            actor=stockroom.keeper,
            source=source,
            lines=[(stockroom.shirt.pk, stockroom.main.pk, Decimal("4"))],
        )
    assert short.value.code == "insufficient_stock"
    stock_release(
        actor=stockroom.keeper, source=source, lines=[(stockroom.shirt.pk, stockroom.main.pk, Decimal("7"))]
    )
    assert level(stockroom, stockroom.shirt).available == 10
    with pytest.raises(InvalidInput) as over:
        stock_release(
            actor=stockroom.keeper,
            source=source,
            lines=[(stockroom.shirt.pk, stockroom.main.pk, Decimal("1"))],
        )
    assert over.value.code == "quantity_invalid"
    assert ledger_mismatches() == []


def test_movements_are_append_only_in_the_database(stockroom):
    stockroom.receive(stockroom.shirt, "1", "1")
    movement = StockMovement.objects.get(sku=stockroom.shirt)
    with pytest.raises(DatabaseError), transaction.atomic():
        StockMovement.objects.filter(pk=movement.pk).update(on_hand_delta=100)
    with pytest.raises(DatabaseError), transaction.atomic():
        movement.delete()
    assert StockMovement.objects.get(pk=movement.pk).on_hand_delta == 1


def test_ledger_check_finds_a_level_changed_behind_the_ledgers_back(stockroom):
    stockroom.receive(stockroom.shirt, "5", "1")
    assert ledger_mismatches() == []
    StockLevel.objects.filter(sku=stockroom.shirt).update(on_hand=7)
    [mismatch] = ledger_mismatches()
    assert (mismatch.sku_id, mismatch.level_on_hand, mismatch.ledger_on_hand) == (stockroom.shirt.pk, 7, 5)


def test_document_numbers_follow_a_per_tenant_sequence(stockroom, beta):
    for _ in range(3):
        stockroom.receive(stockroom.shirt, "1", "1")
    numbers = sorted(StockEntry.objects.values_list("number", flat=True))
    year = numbers[0].split("-")[1]
    assert numbers == [f"IN-{year}-00000{n}" for n in (1, 2, 3)]
    with tenant_context(beta.tenant):
        assert next_document_number("IN") == f"IN-{year}-000001"  # beta counts on its own


def test_document_numbers_work_inside_a_bare_schema_context(stockroom):
    # Commands and jobs often enter a schema by name only; numbering still knows the tenant.
    from django_tenants.utils import schema_context

    with schema_context(stockroom.workspace.tenant.schema_name):
        assert next_document_number("IN").startswith("IN-")
