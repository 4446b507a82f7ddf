"""Tables to files: CSV (UTF-8 with a byte-order mark, so Excel opens Chinese correctly) and XLSX.

Text that a spreadsheet would run as a formula (=, +, -, @ first) is kept as text: a
customer named "=HYPERLINK(…)" stays a name. Numbers stay numbers (no thousands separators in
CSV; number formats in XLSX), dates are real dates in XLSX.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from saas.reports.tables import Cell, Kind, Table, plain

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
XLSX_FORMATS = {
    Kind.MONEY: "#,##0.00",
    Kind.QUANTITY: "#,##0.###",
    Kind.INT: "#,##0",
    Kind.PERCENT: "0.0%",
    Kind.DATE: "yyyy-mm-dd",
}
BOLD = Font(bold=True)
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _csv_text(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_START) else value


def to_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.headers)
    kinds = [column.kind for column in table.columns]
    for row in [*table.rows, *([table.totals] if table.totals else [])]:
        writer.writerow(
            [
                _csv_text(plain(value, kind)) if kind is Kind.TEXT else plain(value, kind)
                for value, kind in zip(row, kinds, strict=True)
            ]
        )
    return buffer.getvalue().encode("utf-8")


def _sheet_title(title: str) -> str:
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in title).strip()
    return cleaned[:31] or "Report"


def _xlsx_value(value: Cell, kind: Kind) -> str | int | Decimal | date | None:
    if value is None:
        return None
    if kind is Kind.PERCENT:
        return Decimal(value) / 100  # type: ignore[arg-type]
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    return value


def _cell(sheet: object, value: Cell, kind: Kind, *, bold: bool = False) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=_xlsx_value(value, kind))
    if isinstance(cell.value, str) and cell.data_type == "f":
        cell.data_type = "s"  # text that looks like a formula stays text
    if kind in XLSX_FORMATS and value is not None and not isinstance(value, str):
        cell.number_format = XLSX_FORMATS[kind]
    if bold:
        cell.font = BOLD
    return cell


def _width(table: Table, index: int) -> float:
    """Roughly fit a column: CJK characters are about twice as wide as Latin ones."""
    samples = [table.headers[index]] + [
        plain(row[index], table.columns[index].kind) for row in table.rows[:200]
    ]
    longest = max(sum(2 if ord(ch) > 0x2E80 else 1 for ch in text) for text in samples)
    return float(min(max(longest + 2, 8), 60))


def to_xlsx(table: Table) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_sheet_title(table.title))
    sheet.freeze_panes = "A2"
    for index in range(len(table.columns)):
        sheet.column_dimensions[get_column_letter(index + 1)].width = _width(table, index)
    sheet.append([_cell(sheet, header, Kind.TEXT, bold=True) for header in table.headers])
    kinds = [column.kind for column in table.columns]
    for row in table.rows:
        sheet.append([_cell(sheet, value, kind) for value, kind in zip(row, kinds, strict=True)])
    if table.totals:
        sheet.append([_cell(sheet, v, k, bold=True) for v, k in zip(table.totals, kinds, strict=True)])
    info = workbook.create_sheet(_sheet_title(_("About this report")))
    info.column_dimensions["A"].width = 16
    info.column_dimensions["B"].width = 60
    for label, text in table.meta:
        info.append([_cell(info, label, Kind.TEXT, bold=True), _cell(info, text, Kind.TEXT)])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
