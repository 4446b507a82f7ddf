"""Batch shipping: a bad row never blocks the others and leaves nothing behind, idempotency, the
per-order query count, and reading order → tracking number sheets (CSV in UTF-8 or GBK, XLSX)."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from saas.core.errors import InvalidInput
from saas.inventory.models import StockMovement
from saas.inventory.services.checks import ledger_mismatches
from saas.sales.models import OrderStatus, SalesOrder
from saas.shipping import services
from saas.shipping.imports import import_preview, parse_tracking_sheet
from saas.shipping.models import Shipment, ShipmentStatus
from saas.shipping.services import BatchRow
from saas.shipping.services import shipments as shipment_module
from tests.fixtures.shipping import Shipping, sf_number, zto_number


def orders(shipping: Shipping, count: int) -> list[SalesOrder]:
    return [shipping.order([(shipping.shirt, "1")]) for _ in range(count)]


def test_one_bad_row_reports_its_error_and_the_others_ship(shipping: Shipping) -> None:
    good1, good2, reused = orders(shipping, 3)
    taken = sf_number()
    shipping.ship(shipping.order([(shipping.shirt, "1")]), taken)
    batch = services.shipments_batch_ship(
        actor=shipping.keeper,
        rows=[
            BatchRow(order_number=good1.number.lower(), tracking_number=sf_number()),
            BatchRow(order_number="SO-2026-999999", tracking_number=sf_number()),
            BatchRow(order_id=reused.pk, tracking_number=taken),
            BatchRow(order_id=good2.pk, tracking_number=zto_number()),
        ],
    )
    assert (batch.row_count, batch.shipped_count, batch.failed_count) == (4, 2, 2)
    by_row = {row["row"]: row for row in batch.results}
    assert by_row[0]["shipmentId"] and by_row[3]["shipmentId"]
    assert [e["code"] for e in by_row[1]["errors"]] == ["not_found"]
    assert by_row[1]["errors"][0]["field"] == "order_number"
    assert [e["code"] for e in by_row[2]["errors"]] == ["tracking_number_taken"]
    for order in (good1, good2):
        order.refresh_from_db()
        assert order.status == OrderStatus.PENDING_SIGNBACK
    reused.refresh_from_db()
    assert reused.status == OrderStatus.PENDING_SHIPMENT
    assert not Shipment.objects.filter(order=reused).exists()
    assert Shipment.objects.get(order=good2).carrier.code == "ZTO"
    assert ledger_mismatches() == []


def test_a_row_failing_after_its_stock_moved_is_rolled_back_completely(
    shipping: Shipping, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, doomed, last = orders(shipping, 3)
    real = shipment_module.ship_lines

    def ship_then_fail(*, actor: Any, shipment: Shipment, lines: Any) -> Any:
        result = real(actor=actor, shipment=shipment, lines=lines)
        if shipment.order_id == doomed.pk:  # fails after the movements, the order and the lines moved
            raise InvalidInput("Not enough stock.", code="insufficient_stock", field="lines.0")
        return result

    monkeypatch.setattr(shipment_module, "ship_lines", ship_then_fail)
    batch = services.shipments_batch_ship(
        actor=shipping.keeper,
        rows=[BatchRow(order_id=o.pk, tracking_number=sf_number()) for o in (first, doomed, last)],
    )
    assert [bool(r["shipmentId"]) for r in batch.results] == [True, False, True]
    assert [e["code"] for e in batch.results[1]["errors"]] == ["insufficient_stock"]
    doomed.refresh_from_db()
    assert doomed.status == OrderStatus.PENDING_SHIPMENT
    assert doomed.lines.get().shipped_quantity == Decimal(0)
    assert not Shipment.objects.filter(order=doomed).exists()
    shipped_ids = set(Shipment.objects.values_list("pk", flat=True))
    assert (
        set(StockMovement.objects.filter(source_type="shipment").values_list("source_id", flat=True))
        == shipped_ids
    )
    assert ledger_mismatches() == []


def test_rows_repeat_and_missing_tracking_numbers_are_row_errors(shipping: Shipping) -> None:
    order, other = orders(shipping, 2)
    batch = services.shipments_batch_ship(
        actor=shipping.keeper,
        rows=[
            BatchRow(order_id=order.pk, tracking_number=sf_number()),
            BatchRow(order_id=order.pk, tracking_number=sf_number()),
            BatchRow(order_id=other.pk),
        ],
    )
    assert [[e["code"] for e in r["errors"]] for r in batch.results] == [
        [],
        ["order_repeated"],
        ["tracking_required"],
    ]


def test_a_packed_order_ships_its_packing_shipment(shipping: Shipping) -> None:
    order = shipping.order([(shipping.shirt, "2")])
    packed = shipping.pack(order)
    batch = services.shipments_batch_ship(
        actor=shipping.keeper, rows=[BatchRow(order_id=order.pk, tracking_number="YT8962646785389")]
    )
    assert batch.results[0]["shipmentId"] == packed.pk
    packed.refresh_from_db()
    assert packed.status == ShipmentStatus.SHIPPED and packed.batch_id == batch.pk


def test_batch_shipping_is_idempotent(shipping: Shipping) -> None:
    (order,) = orders(shipping, 1)
    rows = [BatchRow(order_id=order.pk, tracking_number=sf_number())]
    first = services.shipments_batch_ship(
        actor=shipping.keeper, rows=rows, idempotency_key="batch-2026-05-18-a"
    )
    again = services.shipments_batch_ship(
        actor=shipping.keeper, rows=rows, idempotency_key="batch-2026-05-18-a"
    )
    assert again.pk == first.pk and again.results == first.results
    assert Shipment.objects.filter(order=order).count() == 1


def test_batch_limits(shipping: Shipping) -> None:
    with pytest.raises(InvalidInput) as empty:
        services.shipments_batch_ship(actor=shipping.keeper, rows=[])
    assert empty.value.code == "lines_required"
    with pytest.raises(InvalidInput) as big:
        services.shipments_batch_ship(actor=shipping.keeper, rows=[BatchRow(order_id=1)] * 501)
    assert big.value.code == "too_many_lines"


def _batch_queries(shipping: Shipping, batch_orders: list[SalesOrder]) -> int:
    rows = [BatchRow(order_id=o.pk, tracking_number=sf_number()) for o in batch_orders]
    keeper = shipping.user("warehouse")
    with CaptureQueriesContext(connection) as queries:
        batch = services.shipments_batch_ship(actor=keeper, rows=rows)
    assert batch.shipped_count == len(batch_orders)
    return len(queries)


def test_queries_per_order_do_not_grow_with_the_batch(shipping: Shipping) -> None:
    made = orders(shipping, 62)
    _batch_queries(shipping, made[:1])  # first use creates the settings rows
    one = _batch_queries(shipping, made[1:2])
    ten = _batch_queries(shipping, made[2:12])
    fifty = _batch_queries(shipping, made[12:62])
    per_order = (ten - one) / 9
    assert per_order == int(per_order)
    assert (fifty - ten) / 40 == per_order  # the same per-order count at 10 and at 50
    # Each shipped order also appends shipment.shipped to the event log and queues its fan-out.
    assert per_order <= 32


# --- sheets ---------------------------------------------------------------------------------------


def test_csv_with_a_chinese_header_in_utf8_with_bom() -> None:
    content = "订单号,快递公司,快递单号\nSO-2026-000001,顺丰,SF1385628716739\n\n".encode("utf-8-sig")
    (row,) = parse_tracking_sheet(content, "发货.csv")
    assert (row.row_no, row.order_number, row.carrier_name, row.tracking_number) == (
        2,
        "SO-2026-000001",
        "顺丰",
        "SF1385628716739",
    )


def test_csv_from_chinese_excel_in_gbk_and_without_header() -> None:
    gbk = "订单编号;运单号\nSO-2026-000002;73610555582883\n".encode("gbk")
    (row,) = parse_tracking_sheet(gbk, "export.csv")
    assert (row.order_number, row.tracking_number) == ("SO-2026-000002", "73610555582883")
    bare = parse_tracking_sheet(b"SO-2026-000003,YT8962646785389\nSO-2026-000004,JT5261988016578\n", "a.csv")
    assert [(r.row_no, r.order_number) for r in bare] == [(1, "SO-2026-000003"), (2, "SO-2026-000004")]


def test_xlsx_with_numeric_tracking_numbers() -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Order number", "Tracking number", "Carrier"])
    sheet.append(["SO-2026-000005", 73610555582883, "ZTO"])
    buffer = io.BytesIO()
    book.save(buffer)
    (row,) = parse_tracking_sheet(buffer.getvalue(), "tracking.xlsx")
    assert (row.order_number, row.tracking_number, row.carrier_name) == (
        "SO-2026-000005",
        "73610555582883",
        "ZTO",
    )


def test_unreadable_files_have_codes() -> None:
    for content, name, code in (
        (b"", "a.csv", "file_invalid"),
        (b"\xd0\xcf\x11\xe0old excel", "a.xls", "file_type_invalid"),
        (b"PK\x03\x04broken", "a.xlsx", "file_invalid"),
        (b"\xff\xfe\x00\xd8\x00", "a.csv", "file_encoding_invalid"),
    ):
        with pytest.raises(InvalidInput) as caught:
            parse_tracking_sheet(content, name)
        assert caught.value.code == code, name


def test_import_preview_matches_orders_and_carriers_without_writing(shipping: Shipping) -> None:
    (order,) = orders(shipping, 1)
    content = f"订单号,快递单号,快递公司\n{order.number},SF1385628716739,\nSO-NOPE,568123456789,\n".encode()
    good, bad = import_preview(actor=shipping.keeper, content=content, filename="x.csv")
    assert good.order_id == order.pk and good.carrier is not None and good.carrier.code == "SF"
    assert good.problems == []
    assert [p.code for p in bad.problems] == ["not_found", "carrier_required"]
    assert not Shipment.objects.exists()
