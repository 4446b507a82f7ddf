"""Cleaning the lines of sales orders and quotations: SKU, unit, quantity, price, discount, tax.

A line is sold in the SKU's base unit (件) or in one of the product's pack units (箱 = 12 件);
`base_quantity` is what reservations and shipments move. The price defaults to the SKU's list
price for that unit, the tax rate to the workspace default. A handful of queries whatever the
number of lines; every problem names `lines.N.<field>`, and all are reported at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from saas.catalog.models import SKU, PackUnit, Status
from saas.core.errors import FieldProblem, InvalidInput
from saas.core.inputs import parse_decimal, too_precise
from saas.inventory.models import Warehouse
from saas.inventory.services.common import MAX_QUANTITY, check_line_count
from saas.sales.services.inputs import (
    MAX_MONEY,
    PRICE_STEP,
    clean_price,
    clean_rate,
    clean_text,
    parse_id,
)
from saas.sales.services.pricing import LineAmounts, line_amounts
from saas.sales.services.settings import default_tax_rate

QTY_STEP = Decimal("0.001")


@dataclass(frozen=True)
class LineInput:
    """One line as a caller gives it. On an approved order, `line_id` names the line it changes."""

    sku_id: Any
    quantity: Any  # in the unit: the pack unit when pack_unit_id is given, else the base unit
    pack_unit_id: Any = None
    unit_price: Any = None  # per that unit, tax included; None = the SKU's list price
    discount_rate: Any = None  # percent off; None = 0
    tax_rate: Any = None  # None = the workspace default
    warehouse_id: Any = None  # orders only; None = the order's warehouse
    remark: str = ""
    line_id: Any = None
    # The customer's price per base unit the caller priced the line from (an offline order's
    # cached copy); placement refuses the line when it has changed (services/conflicts.py).
    expected_price: Any = None


@dataclass(frozen=True)
class CleanLine:
    sku: SKU
    warehouse: Warehouse | None
    unit_name: str
    unit_factor: Decimal
    quantity: Decimal
    base_quantity: Decimal
    unit_price: Decimal
    discount_rate: Decimal
    tax_rate: Decimal
    amounts: LineAmounts
    remark: str
    line_id: int | None


def _quantity(value: Any) -> Decimal | None:
    quantity = parse_decimal(value)
    if quantity is None or quantity <= 0 or quantity > MAX_QUANTITY or too_precise(quantity):
        return None
    return quantity


def _problem(problems: list[FieldProblem], index: int, field: str, code: str, message: str) -> None:
    problems.append(FieldProblem(f"lines.{index}.{field}", code, message))


def clean_lines(
    lines: Sequence[LineInput], *, warehouse: Warehouse | None, tax_default: Decimal | None = None
) -> list[CleanLine]:
    """Check every line; `warehouse` is the document's default (None for quotations), `tax_default`
    the workspace's default tax rate when the caller has read the settings already."""
    check_line_count(list(lines))
    sku_ids = {pk for pk in (parse_id(line.sku_id) for line in lines) if pk is not None}
    skus = SKU.objects.select_related("product").filter(pk__in=sku_ids).in_bulk()
    pack_ids = {pk for pk in (parse_id(line.pack_unit_id) for line in lines) if pk is not None}
    packs = PackUnit.objects.filter(pk__in=pack_ids).in_bulk() if pack_ids else {}
    warehouse_ids = {pk for pk in (parse_id(line.warehouse_id) for line in lines) if pk is not None}
    warehouses = (
        Warehouse.objects.filter(pk__in=warehouse_ids, is_active=True).in_bulk() if warehouse_ids else {}
    )
    if tax_default is None:
        tax_default = default_tax_rate()
    problems: list[FieldProblem] = []
    rows: list[CleanLine] = []
    for index, line in enumerate(lines):
        before = len(problems)
        sku = skus.get(parse_id(line.sku_id) or 0)
        if sku is None:
            _problem(problems, index, "sku_id", "not_found", _("Product not found or archived."))
            continue
        if sku.status != Status.ACTIVE:
            # Known, but no longer sold: the rep of an order taken offline removes or swaps the line.
            _problem(problems, index, "sku_id", "sku_inactive", _("This product is discontinued."))
            continue
        line_warehouse = warehouse
        if line.warehouse_id not in (None, ""):
            line_warehouse = warehouses.get(parse_id(line.warehouse_id) or 0)
            if line_warehouse is None:
                _problem(problems, index, "warehouse_id", "not_found", _("Warehouse not found."))
        unit_name, factor = sku.product.base_unit, Decimal(1)
        if line.pack_unit_id not in (None, ""):
            pack = packs.get(parse_id(line.pack_unit_id) or 0)
            if pack is None or pack.product_id != sku.product_id:
                _problem(problems, index, "pack_unit_id", "not_found", _("Pack unit not found."))
            else:
                unit_name, factor = pack.name, pack.factor
        quantity = _quantity(line.quantity)
        if quantity is None:
            _problem(
                problems,
                index,
                "quantity",
                "quantity_invalid",
                _("Quantities are positive, with at most 3 decimals."),
            )
        elif too_precise((quantity * factor).normalize()) or quantity * factor > MAX_QUANTITY:
            _problem(
                problems,
                index,
                "quantity",
                "quantity_invalid",
                _("This quantity is not a whole number of base units (%(unit)s).")
                % {"unit": sku.product.base_unit},
            )
        try:
            if line.unit_price in (None, ""):
                price = (Decimal(sku.list_price) * factor).quantize(PRICE_STEP)
            else:
                price = clean_price(line.unit_price, f"lines.{index}.unit_price")
            discount = (
                Decimal(0)
                if line.discount_rate in (None, "")
                else clean_rate(line.discount_rate, f"lines.{index}.discount_rate")
            )
            tax = (
                tax_default
                if line.tax_rate in (None, "")
                else clean_rate(line.tax_rate, f"lines.{index}.tax_rate")
            )
            remark = clean_text(line.remark, f"lines.{index}.remark", 200)
        except InvalidInput as exc:
            problems.extend(exc.problems)
            continue
        if len(problems) > before or quantity is None:
            continue
        amounts = line_amounts(quantity=quantity, unit_price=price, discount_rate=discount, tax_rate=tax)
        if amounts.goods >= MAX_MONEY:
            _problem(problems, index, "unit_price", "amount_invalid", _("This line's amount is too large."))
            continue
        rows.append(
            CleanLine(
                sku=sku,
                warehouse=line_warehouse,
                unit_name=unit_name,
                unit_factor=factor,
                quantity=quantity,
                base_quantity=(quantity * factor).quantize(QTY_STEP),
                unit_price=price,
                discount_rate=discount,
                tax_rate=tax,
                amounts=amounts,
                remark=remark,
                line_id=parse_id(line.line_id),
            )
        )
    if problems:
        raise InvalidInput(problems=problems)
    return rows
