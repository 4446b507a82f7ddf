"""The lines of a portal order or cart as a distributor sends them: (SKU, quantity in base
units), cleaned all at once, and the pricing's verdicts as problems on the input's fields."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from saas.core.errors import FieldProblem, InvalidInput
from saas.core.ids import parse_id
from saas.core.inputs import parse_decimal, too_precise
from saas.distribution.pricing import CASE_MULTIPLE, NOT_ALLOWED, LinePrice

# As the sales and stock documents: 100 lines an order, quantities below 10^9 (read by selectors
# too, which may not import the services that hold those rules).
MAX_ORDER_LINES = 100
MAX_QUANTITY = Decimal("1000000000")


@dataclass(frozen=True)
class OrderLineInput:
    sku_id: Any
    quantity: Any  # in the SKU's base unit


def clean_order_lines(
    lines: Sequence[OrderLineInput], *, max_lines: int | None = None
) -> list[tuple[int, Decimal]]:
    """(SKU id, quantity) pairs; every problem at once, on `lines.N.sku_id` / `lines.N.quantity`."""
    max_lines = max_lines or MAX_ORDER_LINES
    if not lines:
        raise InvalidInput(_("Add at least one line."), code="lines_required", field="lines")
    if len(lines) > max_lines:
        raise InvalidInput(
            _("At most %(n)d lines per document.") % {"n": max_lines}, code="too_many_lines", field="lines"
        )
    problems: list[FieldProblem] = []
    pairs: list[tuple[int, Decimal]] = []
    seen: set[int] = set()
    for index, line in enumerate(lines):
        pk = parse_id(line.sku_id)
        quantity = parse_decimal(line.quantity)
        if pk is None:
            problems.append(
                FieldProblem(f"lines.{index}.sku_id", "not_found", _("Product not found or archived."))
            )
        elif pk in seen:
            problems.append(
                FieldProblem(
                    f"lines.{index}.sku_id", "duplicate_sku", _("This product is already in the order.")
                )
            )
        if quantity is None or quantity <= 0 or quantity > MAX_QUANTITY or too_precise(quantity):
            problems.append(
                FieldProblem(
                    f"lines.{index}.quantity",
                    "quantity_invalid",
                    _("Quantities are positive, with at most 3 decimals."),
                )
            )
        if pk is not None and quantity is not None:
            seen.add(pk)
            pairs.append((pk, quantity))
    if problems:
        raise InvalidInput(problems=problems)
    return pairs


def line_problems(priced: Sequence[LinePrice]) -> list[FieldProblem]:
    """Why priced lines cannot be ordered, on the fields of the input."""
    problems = []
    for index, line in enumerate(priced):
        if line.problem == NOT_ALLOWED:
            problems.append(
                FieldProblem(
                    f"lines.{index}.sku_id", "sku_not_allowed", _("Your level may not order this product.")
                )
            )
        elif line.problem == CASE_MULTIPLE:
            problems.append(
                FieldProblem(
                    f"lines.{index}.quantity",
                    "case_multiple",
                    _("Order this product in multiples of %(n)d.") % {"n": line.case_quantity},
                )
            )
        elif line.problem is not None:
            problems.append(
                FieldProblem(f"lines.{index}.sku_id", "not_found", _("Product not found or archived."))
            )
    return problems
