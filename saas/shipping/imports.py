"""Reading a sheet of order number → tracking number (and optionally carrier) for batch shipping.

A carrier's system or a shop platform exports this as CSV or XLSX (read by saas/core/sheets.py,
which says which encodings and files it takes). The header row is found by its names (订单号,
快递单号, 快递公司…, or English); a sheet without one is read as columns A = order,
B = tracking number, C = carrier.

`import_preview` reads the sheet for a user and says, per row, which order and carrier it
means and what is wrong, without writing anything; the app then ships the rows it keeps.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.core.errors import DomainError, FieldProblem, InvalidInput
from saas.core.sheets import MAX_SHEET_BYTES, header_columns, read_sheet
from saas.sales.models import OrderStatus
from saas.sales.selectors.visibility import visible_orders
from saas.shipping.access import require_shipper
from saas.shipping.carriers import clean_tracking
from saas.shipping.models import Carrier
from saas.shipping.services.batch import MAX_BATCH_ROWS
from saas.shipping.services.carrier_choice import CarrierBook

MAX_FILE_BYTES = MAX_SHEET_BYTES
HEADERS = {
    "order": (
        "订单号",
        "订单编号",
        "销售单号",
        "销售订单号",
        "单据编号",
        "order",
        "ordernumber",
        "orderno",
        "order_no",
    ),
    "tracking": (
        "快递单号",
        "运单号",
        "物流单号",
        "运单编号",
        "tracking",
        "trackingnumber",
        "trackingno",
        "waybill",
        "waybillno",
    ),
    "carrier": ("快递公司", "物流公司", "承运商", "快递", "carrier", "courier"),
}


@dataclass
class ImportedRow:
    row_no: int  # the sheet's own row number, for people to find it
    order_number: str
    tracking_number: str
    carrier_name: str
    problems: list[FieldProblem] = field(default_factory=list)
    order_id: int | None = None
    order_status: str | None = None
    carrier: Carrier | None = None


def _columns(first: list[str]) -> tuple[dict[str, int], bool]:
    """Column positions by role, and whether `first` was a header row."""
    found = header_columns(first, HEADERS)
    if "order" in found and "tracking" in found:
        return found, True
    return {"order": 0, "tracking": 1, "carrier": 2}, False


def parse_tracking_sheet(content: bytes, filename: str) -> list[ImportedRow]:
    """The sheet's rows of (order number, tracking number, carrier name); blank rows skipped."""
    rows = [row.cells for row in read_sheet(content, filename, max_rows=MAX_BATCH_ROWS)]
    columns, has_header = _columns(rows[0])
    start = 1 if has_header else 0
    parsed: list[ImportedRow] = []
    for offset, row in enumerate(rows[start:], start=start + 1):

        def cell(role: str, row: list[str] = row) -> str:
            index = columns.get(role)
            return row[index] if index is not None and index < len(row) else ""

        parsed.append(ImportedRow(offset, cell("order"), cell("tracking"), cell("carrier")))
    if len(parsed) > MAX_BATCH_ROWS:
        raise InvalidInput(
            _("At most %(n)d orders per batch.") % {"n": MAX_BATCH_ROWS}, code="too_many_lines", field="file"
        )
    return parsed


def import_preview(*, actor: Actor, content: bytes, filename: str) -> list[ImportedRow]:
    """Each row with its order (visible to the actor) and carrier, or its problems. Writes nothing."""
    user = require_shipper(actor)
    rows = parse_tracking_sheet(content, filename)
    numbers = {row.order_number.upper() for row in rows if row.order_number}
    orders = {
        number.upper(): (pk, status)
        for number, pk, status in visible_orders(user)
        .filter(number__in=numbers)
        .values_list("number", "pk", "status")
    }
    book = CarrierBook.load()
    for row in rows:
        found = orders.get(row.order_number.upper())
        if not row.order_number or found is None:
            row.problems.append(FieldProblem("order_number", "not_found", _("Sales order not found.")))
        else:
            row.order_id, row.order_status = found
            if row.order_status not in (OrderStatus.PENDING_SHIPMENT, OrderStatus.PARTLY_SHIPPED):
                row.problems.append(
                    FieldProblem(
                        "order_number",
                        "order_not_shippable",
                        _("Only an order waiting for shipment can ship."),
                    )
                )
        try:
            row.tracking_number = clean_tracking(row.tracking_number)
            row.carrier = book.choose(carrier_name=row.carrier_name, number=row.tracking_number)
        except DomainError as exc:
            row.problems.extend(exc.problems)
    return rows
