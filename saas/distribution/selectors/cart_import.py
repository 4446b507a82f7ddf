"""Importing a cart (导入购物车): a CSV or XLSX sheet of (SKU code or barcode, quantity) rows,
checked against the caller's level and merged into the cart the phone holds, priced at once.

All or nothing, as the channel stock upload: every bad row is named with its sheet row and why
(an unknown code, a bad quantity, off the case quantity, a SKU twice), and no row is added while
there is one, so the person fixes the sheet and imports it again rather than working out which
half of it went in. A code is looked up only among the active SKUs the level may see: one it may
not see is unknown, exactly as one that does not exist, so a sheet cannot probe the catalogue.

It only reads: the cart lives on the phone, which sends its lines along and keeps the answer.
Good rows add to a line already in the cart (its quantity grows) or come after the cart's lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.catalog.models import SKU, Status
from saas.core.clock import tenant_today
from saas.core.errors import FieldProblem, InvalidInput
from saas.core.inputs import has_control_characters, parse_decimal, too_precise
from saas.core.sheets import header_columns, read_sheet
from saas.distribution.access import portal_membership
from saas.distribution.lines import MAX_QUANTITY, OrderLineInput, clean_order_lines
from saas.distribution.pricing import CASE_MULTIPLE, PriceBook, price_book, price_lines
from saas.distribution.selectors.portal import MAX_CART_LINES, PricedCart

MAX_CODE = 60  # SKU.code's length
MAX_BARCODE = 32  # SKU.barcode's length

HEADERS = {
    "sku": (
        "SKU编码",
        "SKU编号",
        "商品编码",
        "商品编号",
        "编码",
        "货号",
        "条码",
        "条形码",
        "商品条码",
        "sku",
        "skucode",
        "code",
        "barcode",
    ),
    "quantity": ("数量", "订货数量", "订购数量", "采购数量", "quantity", "qty"),
}


@dataclass(frozen=True)
class SheetLine:
    row_no: int  # the sheet's own row, to name it
    sku: str  # a SKU code or a barcode, as typed
    quantity: str


@dataclass(frozen=True)
class CartImport:
    cart: PricedCart  # the whole cart after the import, in its order
    rows: int  # good rows of the sheet
    added: int  # of them, SKUs that were not in the cart yet


def cart_sheet_lines(content: bytes, filename: str) -> list[SheetLine]:
    """A sheet's rows: found by their headers (SKU编码 or 条码, 数量, or English), or without a
    header row, A = SKU code or barcode, B = quantity. Reads only; the rows are checked later."""
    rows = read_sheet(content, filename, max_rows=MAX_CART_LINES)
    columns = header_columns(rows[0].cells, HEADERS)
    if len(columns) == len(HEADERS):
        rows = rows[1:]
    else:
        columns = {"sku": 0, "quantity": 1}
    if not rows:
        raise InvalidInput(_("The file has no rows."), code="file_invalid", field="file")
    if len(rows) > MAX_CART_LINES:
        raise InvalidInput(
            _("At most %(n)d lines per cart.") % {"n": MAX_CART_LINES}, code="too_many_lines", field="file"
        )

    def cell(cells: list[str], role: str) -> str:
        index = columns[role]
        return cells[index] if index < len(cells) else ""

    return [SheetLine(row.number, cell(row.cells, "sku"), cell(row.cells, "quantity")) for row in rows]


def _lookup(book: PriceBook, typed: set[str]) -> dict[str, int]:
    """SKU ids by what the sheet typed, among the active SKUs the level may see: the code
    exactly, then the code in any case when that names one SKU (sheets retype codes), then the
    barcode."""
    # Longer than a code, or with a control character (PostgreSQL refuses NUL): no SKU's.
    codes = {value for value in typed if len(value) <= MAX_CODE and not has_control_characters(value)}
    if not codes:
        return {}
    visible = SKU.objects.filter(status=Status.ACTIVE, product__status=Status.ACTIVE).filter(
        book.allowed_sku_filter()
    )
    barcodes = {value for value in codes if len(value) <= MAX_BARCODE}
    by_code: dict[str, int] = {}
    by_upper: dict[str, list[int]] = {}
    by_barcode: dict[str, int] = {}
    for pk, code, barcode in (
        visible.annotate(upper=Upper("code"))
        .filter(Q(code__in=codes) | Q(upper__in={code.upper() for code in codes}) | Q(barcode__in=barcodes))
        .values_list("pk", "code", "barcode")
    ):
        by_code[code] = pk
        by_upper.setdefault(code.upper(), []).append(pk)
        if barcode:
            by_barcode[barcode] = pk
    found: dict[str, int] = {}
    for value in codes:
        if value in by_code:
            found[value] = by_code[value]
        elif len(by_upper.get(value.upper(), [])) == 1:
            found[value] = by_upper[value.upper()][0]
        elif value in by_barcode:
            found[value] = by_barcode[value]
    return found


def _quantity(value: str, field: str, problems: list[FieldProblem]) -> Decimal | None:
    if not value.strip():
        problems.append(FieldProblem(field, "required", _("Enter the quantity.")))
        return None
    number = parse_decimal(value)
    if number is None or number <= 0 or number > MAX_QUANTITY or too_precise(number):
        problems.append(
            FieldProblem(field, "quantity_invalid", _("Quantities are positive, with at most 3 decimals."))
        )
        return None
    return number


def _held(cart: Sequence[OrderLineInput]) -> list[tuple[int, Decimal]]:
    """The cart's lines as the phone sent them, their problems on `cart.N.*`."""
    if not cart:
        return []
    try:
        return clean_order_lines(cart, max_lines=MAX_CART_LINES)
    except InvalidInput as exc:
        raise InvalidInput(
            problems=[
                FieldProblem(f"cart{(p.field or '')[len('lines') :]}", p.code, p.message)
                for p in exc.problems
            ]
        ) from exc


def cart_import(
    *, actor: Actor, content: bytes, filename: str, cart: Sequence[OrderLineInput] = ()
) -> CartImport:
    """The cart (its lines as the phone holds them) with the sheet's rows added, priced as an
    order placed today; nothing added and every bad row listed (`rows.<row>.sku` / `.quantity`)
    while any row is wrong."""
    _user, distributor = portal_membership(actor)  # who may not order learns nothing of the file
    held = _held(cart)
    lines = cart_sheet_lines(content, filename)
    today = tenant_today()
    book = price_book(distributor, on=today)
    found = _lookup(book, {line.sku.strip() for line in lines if line.sku.strip()})
    problems: list[FieldProblem] = []
    seen: dict[int, int] = {}  # SKU id → the row it first appeared on
    good: list[tuple[SheetLine, int, Decimal]] = []
    for line in lines:
        typed, field = line.sku.strip(), f"rows.{line.row_no}.sku"
        pk = found.get(typed)
        if not typed:
            problems.append(FieldProblem(field, "required", _("Enter the SKU code or barcode.")))
        elif pk is None:
            problems.append(
                FieldProblem(
                    field, "sku_not_found", _("Unknown SKU code or barcode, or one your level may not order.")
                )
            )
        elif pk in seen:
            problems.append(
                FieldProblem(
                    field,
                    "duplicate_sku",
                    _("This SKU is already in the sheet (row %(n)d).") % {"n": seen[pk]},
                )
            )
            pk = None
        else:
            seen[pk] = line.row_no
        quantity = _quantity(line.quantity, f"rows.{line.row_no}.quantity", problems)
        if pk is not None and quantity is not None:
            good.append((line, pk, quantity))
    # The case a SKU is sold in does not depend on the quantity: each row must be whole cases.
    priced = price_lines(distributor, [(pk, quantity) for _line, pk, quantity in good], on=today, book=book)
    for (line, _pk, _typed), one in zip(good, priced, strict=True):
        if one.problem == CASE_MULTIPLE:
            problems.append(
                FieldProblem(
                    f"rows.{line.row_no}.quantity",
                    "case_multiple",
                    _("Order this product in multiples of %(n)d.") % {"n": one.case_quantity},
                )
            )
    if problems:
        raise InvalidInput(problems=sorted(problems, key=_row_order))
    merged = dict(held)  # SKU id → quantity, in the cart's order
    for line, pk, quantity in good:
        total = merged.get(pk, Decimal(0)) + quantity
        if total > MAX_QUANTITY:
            problems.append(
                FieldProblem(
                    f"rows.{line.row_no}.quantity",
                    "quantity_invalid",
                    _("With the cart's quantity this is more than can be ordered."),
                )
            )
        merged[pk] = total
    if problems:
        raise InvalidInput(problems=problems)
    if len(merged) > MAX_CART_LINES:
        raise InvalidInput(
            _("At most %(n)d lines per cart.") % {"n": MAX_CART_LINES}, code="too_many_lines", field="file"
        )
    held_ids = {pk for pk, _quantity in held}
    return CartImport(
        cart=PricedCart(lines=price_lines(distributor, list(merged.items()), on=today, book=book)),
        rows=len(good),
        added=len({pk for _line, pk, _quantity in good} - held_ids),
    )


def _row_order(problem: FieldProblem) -> tuple[int, str]:
    """Problems by sheet row, then field: the list reads down the sheet."""
    parts = (problem.field or "").split(".")
    return (int(parts[1]) if len(parts) > 2 and parts[1].isdigit() else 0, problem.field or "")
