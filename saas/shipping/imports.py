"""Reading a sheet of order number → tracking number (and optionally carrier) for batch shipping.

A carrier's system or a shop platform exports this as CSV or XLSX. CSV arrives as UTF-8 (with or
without the BOM Excel writes) or as GBK from Chinese Excel; GB18030, a superset of GBK, reads
both old and new GBK files. The header row is found by its names (订单号, 快递单号, 快递公司…,
or English); a sheet without one is read as columns A = order, B = tracking number, C = carrier.

Excel stores numbers as doubles, so a tracking number typed as a number keeps 15 significant
digits at most: longer numeric numbers must be formatted as text in the sheet.

`import_preview` reads the sheet for a user and says, per row, which order and carrier it
means and what is wrong, without writing anything; the app then ships the rows it keeps.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.core.errors import DomainError, FieldProblem, InvalidInput
from saas.sales.models import OrderStatus
from saas.sales.selectors.visibility import visible_orders
from saas.shipping.access import require_shipper
from saas.shipping.carriers import clean_tracking
from saas.shipping.models import Carrier
from saas.shipping.services.batch import MAX_BATCH_ROWS
from saas.shipping.services.carrier_choice import CarrierBook

MAX_FILE_BYTES = 2 * 1024 * 1024
ENCODINGS = ("utf-8-sig", "gb18030")
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


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 73610555582883.0 from Excel is the number 73610555582883
    return str(value).strip()


def _decode(content: bytes) -> str:
    for encoding in ENCODINGS:
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InvalidInput(
        _("Save the file as CSV in UTF-8 or GBK, or as XLSX."), code="file_encoding_invalid", field="file"
    )


def _csv_rows(content: bytes) -> list[list[str]]:
    text = _decode(content)
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return [[_text(cell) for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:  # a cell over the csv module's field limit (128 KB), a broken quote
        raise InvalidInput(_("This CSV file cannot be read."), code="file_invalid", field="file") from exc


def _xlsx_rows(content: bytes) -> list[list[str]]:
    try:
        from openpyxl import load_workbook
    except ImportError as exc:  # the dependency is optional at runtime until it is locked
        raise InvalidInput(
            _("XLSX files cannot be read on this server yet; save the sheet as CSV."),
            code="xlsx_unavailable",
            field="file",
        ) from exc
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged or foreign file
        raise InvalidInput(_("This XLSX file cannot be read."), code="file_invalid", field="file") from exc
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True, max_row=MAX_BATCH_ROWS + 20):
            rows.append([_text(value) for value in values])
        return rows
    finally:
        workbook.close()


def _columns(first: list[str]) -> tuple[dict[str, int], bool]:
    """Column positions by role, and whether `first` was a header row."""
    normalised = [cell.replace(" ", "").replace("_", "").casefold() for cell in first]
    found: dict[str, int] = {}
    for role, names in HEADERS.items():
        wanted = {name.replace("_", "").casefold() for name in names}
        for index, cell in enumerate(normalised):
            if cell in wanted and index not in found.values():
                found[role] = index
                break
    if "order" in found and "tracking" in found:
        return found, True
    return {"order": 0, "tracking": 1, "carrier": 2}, False


def parse_tracking_sheet(content: bytes, filename: str) -> list[ImportedRow]:
    """The sheet's rows of (order number, tracking number, carrier name); blank rows skipped."""
    if not content:
        raise InvalidInput(_("The file is empty."), code="file_invalid", field="file")
    if len(content) > MAX_FILE_BYTES:
        raise InvalidInput(_("Files can be at most 2 MB."), code="file_too_large", field="file")
    name = (filename or "").lower()
    if content.startswith(b"PK\x03\x04"):
        rows = _xlsx_rows(content)
    elif name.endswith((".xls", ".et")) or content.startswith(b"\xd0\xcf\x11\xe0"):
        raise InvalidInput(_("Save the sheet as XLSX or CSV."), code="file_type_invalid", field="file")
    else:
        rows = _csv_rows(content)
    rows = [row for row in rows if any(cell for cell in row)]
    if not rows:
        raise InvalidInput(_("The file has no rows."), code="file_invalid", field="file")
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
