"""A distributor reports its channel stock (分销商库存上报): per SKU, the stock on hand at the end
of a date and the units sold since its previous report, typed into a form or uploaded as a sheet.

All or nothing: a report with any bad row saves nothing, and every row's problems are listed
at once (an unknown SKU code, a bad number, a SKU twice), on `lines.<index>.<field>` for the
form and `rows.<row in the sheet>.<field>` for a sheet, so the person fixes the sheet once and
uploads it again. Half a report would be worse than none: the workspace would read a missing
SKU as "not reported" and the next upload of the corrected sheet would have to be merged by hand.

A second report for the same date replaces the first (both are kept; the latest counts), so a
corrected sheet is simply uploaded again. Only the distributor's own people report, for their
own distributor, and only SKUs its level may see (another code is unknown, as one that does not
exist). An idempotency key makes a retried submission return the first report. A saved report
emits `channel_stock.reported`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp
from saas.catalog.models import SKU
from saas.core.clock import tenant_today
from saas.core.domain_events import emit, graphql_id
from saas.core.errors import FieldProblem, InvalidInput, NotFound
from saas.core.idempotency import run_once
from saas.core.ids import parse_id
from saas.core.inputs import clean_date, clean_text, parse_decimal, too_precise
from saas.core.sheets import header_columns, read_sheet
from saas.distribution.access import portal_membership
from saas.distribution.events import MAX_ITEMS, ChannelStockItem, ChannelStockReported
from saas.distribution.lines import MAX_QUANTITY
from saas.distribution.models import (
    ChannelStockLine,
    ChannelStockReport,
    ChannelStockSource,
    Distributor,
)
from saas.distribution.pricing import price_book

# A distributor's whole range in one report: more than an order's 100 lines.
MAX_REPORT_LINES = 1000
# How far back a report may be dated: a year, so a missed month can still be filled in.
MAX_BACKDATE_DAYS = 366
MAX_CODE = 60  # SKU.code's length

HEADERS = {
    "sku_code": ("SKU编码", "SKU编号", "商品编码", "商品编号", "编码", "货号", "sku", "skucode", "code"),
    "on_hand": ("库存", "库存数量", "现有库存", "期末库存", "在库数量", "stock", "onhand", "quantity"),
    "sold": ("销量", "销售数量", "售出", "售出数量", "动销", "sold", "sales", "sellthrough"),
}


@dataclass(frozen=True)
class StockLineInput:
    """One line as sent: the SKU by id (the form) or by code (a sheet), and the two numbers as
    typed. `path` is where its problems are reported (`lines.0`, `rows.7`); `row_no` is what
    the saved line remembers (the form's line from 1, the sheet's row)."""

    path: str
    row_no: int
    sku_id: Any = None
    sku_code: str = ""
    on_hand: Any = None
    sold: Any = None


def form_lines(lines: Sequence[Any]) -> list[StockLineInput]:
    """The form's lines (objects with sku_id, sku_code, on_hand, sold) in the order sent."""
    return [
        StockLineInput(
            path=f"lines.{index}",
            row_no=index + 1,
            sku_id=getattr(line, "sku_id", None),
            sku_code=getattr(line, "sku_code", None) or "",
            on_hand=getattr(line, "on_hand", None),
            sold=getattr(line, "sold", None),
        )
        for index, line in enumerate(lines)
    ]


def sheet_lines(content: bytes, filename: str) -> list[StockLineInput]:
    """A sheet's rows: found by their headers (SKU编码, 库存, 销量, or English), or without a
    header row, A = SKU code, B = stock, C = sold. Reads only; the numbers are checked later."""
    rows = read_sheet(content, filename, max_rows=MAX_REPORT_LINES)
    columns = header_columns(rows[0].cells, HEADERS)
    if "sku_code" in columns and "on_hand" in columns:
        rows = rows[1:]
    else:
        columns = {"sku_code": 0, "on_hand": 1, "sold": 2}
    if not rows:
        raise InvalidInput(_("The file has no rows."), code="file_invalid", field="file")
    if len(rows) > MAX_REPORT_LINES:
        raise InvalidInput(
            _("At most %(n)d SKUs per report.") % {"n": MAX_REPORT_LINES}, code="too_many_lines", field="file"
        )

    def cell(cells: list[str], role: str) -> str:
        index = columns.get(role)
        return cells[index] if index is not None and index < len(cells) else ""

    return [
        StockLineInput(
            path=f"rows.{row.number}",
            row_no=row.number,
            sku_code=cell(row.cells, "sku_code"),
            on_hand=cell(row.cells, "on_hand"),
            sold=cell(row.cells, "sold"),
        )
        for row in rows
    ]


def _report_date(value: Any) -> Any:
    day = clean_date(value, "report_date")
    if day is None:
        raise InvalidInput(_("This field is required."), code="required", field="report_date")
    today = tenant_today()
    if day > today:
        raise InvalidInput(
            _("Report stock for today or a day before."), code="report_date_in_future", field="report_date"
        )
    if day < today - timedelta(days=MAX_BACKDATE_DAYS):
        raise InvalidInput(
            _("A report may be dated at most a year back."), code="report_date_too_old", field="report_date"
        )
    return day


def _quantity(value: Any, field: str, problems: list[FieldProblem], *, required: bool) -> Decimal:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            problems.append(FieldProblem(field, "required", _("This field is required.")))
        return Decimal(0)
    number = parse_decimal(value)
    if number is None or number < 0 or number >= MAX_QUANTITY or too_precise(number):
        problems.append(
            FieldProblem(
                field, "quantity_invalid", _("Enter a number: zero or more, with at most 3 decimals.")
            )
        )
        return Decimal(0)
    return number


def _skus(distributor: Distributor, lines: Sequence[StockLineInput]) -> tuple[dict[int, int], dict[str, int]]:
    """The SKUs the lines name that the distributor may see: by id, and by code (exact, or
    ignoring case when that names one SKU: sheets retype codes)."""
    allowed = SKU.objects.filter(price_book(distributor, on=tenant_today()).allowed_sku_filter())
    ids = {pk for line in lines if (pk := parse_id(line.sku_id)) is not None}
    codes = {str(line.sku_code).strip()[:MAX_CODE] for line in lines if str(line.sku_code or "").strip()}
    by_id = dict(allowed.filter(pk__in=ids).values_list("pk", "pk")) if ids else {}
    by_code: dict[str, int] = {}
    if codes:
        uppers = {code.upper() for code in codes}
        matches: dict[str, list[int]] = {}
        for pk, code in (
            allowed.annotate(upper=Upper("code"))
            .filter(Q(code__in=codes) | Q(upper__in=uppers))
            .values_list("pk", "code")
        ):
            by_code[code] = pk
            matches.setdefault(code.upper(), []).append(pk)
        for code in codes:
            if code not in by_code and len(matches.get(code.upper(), [])) == 1:
                by_code[code] = matches[code.upper()][0]
    return by_id, by_code


def _clean_lines(
    distributor: Distributor, lines: Sequence[StockLineInput]
) -> list[tuple[StockLineInput, int, Decimal, Decimal]]:
    """(line, SKU id, on hand, sold) for every line, or every problem of every line at once."""
    if not lines:
        raise InvalidInput(_("Add at least one SKU."), code="lines_required", field="lines")
    if len(lines) > MAX_REPORT_LINES:
        raise InvalidInput(
            _("At most %(n)d SKUs per report.") % {"n": MAX_REPORT_LINES},
            code="too_many_lines",
            field="lines",
        )
    by_id, by_code = _skus(distributor, lines)
    problems: list[FieldProblem] = []
    seen: dict[int, int] = {}  # SKU id → the row_no it first appeared on
    cleaned = []
    for line in lines:
        code = str(line.sku_code or "").strip()
        by_code_field = f"{line.path}.sku_code"
        sku_field = f"{line.path}.sku_id" if line.sku_id not in (None, "") else by_code_field
        pk: int | None
        if line.sku_id not in (None, ""):
            pk = by_id.get(parse_id(line.sku_id) or 0)
        else:
            pk = by_code.get(code[:MAX_CODE]) if code else None
        if not code and line.sku_id in (None, ""):
            problems.append(FieldProblem(by_code_field, "required", _("Enter the SKU code.")))
        elif pk is None:
            problems.append(FieldProblem(sku_field, "sku_not_found", _("Unknown SKU code.")))
        elif pk in seen:
            problems.append(
                FieldProblem(
                    sku_field,
                    "duplicate_sku",
                    _("This SKU is already in the report (row %(n)d).") % {"n": seen[pk]},
                )
            )
        else:
            seen[pk] = line.row_no
        on_hand = _quantity(line.on_hand, f"{line.path}.on_hand", problems, required=True)
        sold = _quantity(line.sold, f"{line.path}.sold", problems, required=False)
        if pk is not None:
            cleaned.append((line, pk, on_hand, sold))
    if problems:
        raise InvalidInput(problems=problems)
    return cleaned


def _reported(
    report: ChannelStockReport,
    cleaned: list[tuple[StockLineInput, int, Decimal, Decimal]],
    replaced_id: int | None,
) -> ChannelStockReported:
    listed = cleaned[:MAX_ITEMS]
    codes = dict(
        SKU.objects.filter(pk__in=[pk for _line, pk, _on, _sold in listed]).values_list("pk", "code")
    )
    items = [
        ChannelStockItem(sku_id=graphql_id(pk), sku_code=codes.get(pk, ""), on_hand=on_hand, sold=sold)
        for _line, pk, on_hand, sold in cleaned
    ]
    return ChannelStockReported.of(report, items=items, replaced_id=replaced_id)


def channel_stock_report(
    *,
    actor: Actor,
    report_date: Any,
    lines: Sequence[StockLineInput],
    note: str = "",
    source: str = ChannelStockSource.FORM,
    file_name: str = "",
    idempotency_key: str | None = None,
) -> ChannelStockReport:
    """Save the caller's distributor's report for `report_date`, replacing an earlier one of
    that date; nothing is saved when any line is wrong."""
    user, member_of = portal_membership(actor)
    if source not in ChannelStockSource.values:
        raise InvalidInput(_("Unknown source."), code="source_invalid", field="source")
    day = _report_date(report_date)
    cleaned_note = clean_text(note, "note", 500)
    cleaned = _clean_lines(member_of, lines)

    def write() -> dict[str, int]:
        # One report at a time per distributor: the one that counts for a day is decided in order.
        Distributor.objects.select_for_update(of=("self",)).filter(pk=member_of.pk).first()
        replaced = (
            ChannelStockReport.objects.filter(distributor=member_of, report_date=day, current=True)
            .values_list("pk", flat=True)
            .first()
        )
        if replaced is not None:
            ChannelStockReport.objects.filter(pk=replaced).update(current=False)
        report = ChannelStockReport.objects.create(
            distributor=member_of,
            report_date=day,
            source=source,
            file_name=(file_name or "")[:200],
            note=cleaned_note,
            reported_by=user,
        )
        ChannelStockLine.objects.bulk_create(
            ChannelStockLine(report=report, sku_id=pk, on_hand=on_hand, sold=sold, row_no=line.row_no)
            for line, pk, on_hand, sold in cleaned
        )
        emit(_reported(report, cleaned, replaced), by=actor_stamp(user))
        return {"pk": report.pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(user), key=idempotency_key, operation="channel_stock_report", write=write
        )
    report = ChannelStockReport.objects.filter(pk=result["pk"], distributor=member_of).first()
    if report is None:  # never: the key's report is this distributor's, and reports are not deleted
        raise NotFound(_("Report not found."), field="idempotency_key")
    return report


def channel_stock_upload(
    *,
    actor: Actor,
    content: bytes,
    filename: str,
    report_date: Any,
    note: str = "",
    idempotency_key: str | None = None,
) -> ChannelStockReport:
    """A report from a CSV or XLSX sheet, all or nothing, with each row's problems."""
    portal_membership(actor)  # who may not report learns nothing about the file
    return channel_stock_report(
        actor=actor,
        report_date=report_date,
        lines=sheet_lines(content, filename),
        note=note,
        source=ChannelStockSource.UPLOAD,
        file_name=filename,
        idempotency_key=idempotency_key,
    )
