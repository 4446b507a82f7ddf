"""Reading an uploaded sheet (CSV or XLSX) into rows of text, for the imports every domain has.

People export these from Excel, WPS or another system. CSV arrives as UTF-8 (with or without
the BOM Excel writes) or as GBK from Chinese Excel; GB18030, a superset of GBK, reads both old
and new GBK files. An old binary .xls is refused with a hint to save as XLSX or CSV.

Excel stores numbers as doubles, so a code typed as a number keeps 15 significant digits at
most (73610555582883.0 is read back as "73610555582883"): longer numeric codes must be
formatted as text in the sheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from saas.core.errors import InvalidInput

MAX_SHEET_BYTES = 2 * 1024 * 1024
ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass(frozen=True)
class SheetRow:
    number: int  # the sheet's own row number (1 for the first), for people to find it
    cells: list[str]


def cell_text(value: Any) -> str:
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
        return [[cell_text(cell) for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    except csv.Error as exc:  # a cell over the csv module's field limit (128 KB), a broken quote
        raise InvalidInput(_("This CSV file cannot be read."), code="file_invalid", field="file") from exc


def _xlsx_rows(content: bytes, max_rows: int) -> list[list[str]]:
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
        # A few rows past the limit, so a sheet that is too long is told so rather than cut.
        return [
            [cell_text(value) for value in values]
            for values in sheet.iter_rows(values_only=True, max_row=max_rows + 20)
        ]
    finally:
        workbook.close()


def read_sheet(content: bytes, filename: str, *, max_rows: int) -> list[SheetRow]:
    """The sheet's non-blank rows, each with its own row number; the first sheet of a workbook.
    Refuses an empty file, one over MAX_SHEET_BYTES, an .xls and a sheet without rows."""
    if not content:
        raise InvalidInput(_("The file is empty."), code="file_invalid", field="file")
    if len(content) > MAX_SHEET_BYTES:
        raise InvalidInput(_("Files can be at most 2 MB."), code="file_too_large", field="file")
    name = (filename or "").lower()
    if content.startswith(b"PK\x03\x04"):
        rows = _xlsx_rows(content, max_rows)
    elif name.endswith((".xls", ".et")) or content.startswith(b"\xd0\xcf\x11\xe0"):
        raise InvalidInput(_("Save the sheet as XLSX or CSV."), code="file_type_invalid", field="file")
    else:
        rows = _csv_rows(content)
    found = [SheetRow(number, row) for number, row in enumerate(rows, start=1) if any(cell for cell in row)]
    if not found:
        raise InvalidInput(_("The file has no rows."), code="file_invalid", field="file")
    return found


def header_columns(first: Sequence[str], headers: Mapping[str, Sequence[str]]) -> dict[str, int]:
    """Column positions by role, for the roles whose names (any spelling in `headers`, compared
    without spaces and underscores, case-folded) appear in `first`; each column serves one role."""
    normalised = [cell.replace(" ", "").replace("_", "").casefold() for cell in first]
    found: dict[str, int] = {}
    for role, names in headers.items():
        wanted = {name.replace(" ", "").replace("_", "").casefold() for name in names}
        for index, cell in enumerate(normalised):
            if cell in wanted and index not in found.values():
                found[role] = index
                break
    return found


def write_xlsx(sheets: Sequence[tuple[str, Sequence[Sequence[str]]]]) -> bytes:
    """A workbook of text sheets (title, rows; the first row a bold header), for templates people
    fill in and send back. Every cell is text: a code such as 00123 or a phone keeps its digits,
    and text that looks like a formula stays text."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(
            "".join(" " if ch in "[]:*?/\\" else ch for ch in title)[:31] or "Sheet"
        )
        widths: dict[int, int] = {}
        for row in rows:
            for index, text in enumerate(row):
                wide = sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)
                widths[index] = min(max(widths.get(index, 8), wide + 2), 60)
        for index, width in widths.items():
            sheet.column_dimensions[get_column_letter(index + 1)].width = width
        sheet.freeze_panes = "A2"
        for number, row in enumerate(rows):
            cells = []
            for text in row:
                cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", text))
                cell.data_type = "s"
                cell.number_format = "@"
                if number == 0:
                    cell.font = bold
                cells.append(cell)
            sheet.append(cells)
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
