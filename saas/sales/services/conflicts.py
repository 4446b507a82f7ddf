"""What an order taken earlier (offline, from cached prices and stock) must still agree with when
it is placed: each disagreement is a line problem with a stable code, all reported at once, so
the rep fixes the lines and sends the order again (nothing is written meanwhile).

- `price_changed` (lines.N.unit_price): the line says which customer price it was priced from
  (`expected_price`, per base unit) and the customer's price now differs. The server's price
  wins: the rep confirms it (or keeps their own price knowingly) and resends.
- `stock_short` (lines.N.quantity): the workspace forbids backorders (sales settings) and the
  line's warehouse has less available than the order's lines of that SKU ask for.

A discontinued SKU (`sku_inactive`) and a customer the rep no longer sees (`not_found` on
customer_id) are refused earlier, by the ordinary checks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

from saas.core.errors import FieldProblem, InvalidInput
from saas.core.inputs import parse_decimal
from saas.inventory.models import Warehouse
from saas.inventory.services.ledger import levels_lock
from saas.sales.customer_prices import customer_prices
from saas.sales.services.lines import CleanLine, LineInput

ZERO = Decimal(0)


def _price_problems(
    customer_id: int, lines: Sequence[LineInput], rows: list[CleanLine]
) -> list[FieldProblem]:
    expected = {
        index: parse_decimal(line.expected_price)
        for index, line in enumerate(lines)
        if line.expected_price not in (None, "")
    }
    if not expected:
        return []
    now = customer_prices(customer_id, {rows[index].sku.pk for index in expected})
    problems = []
    for index, seen in expected.items():
        current = now[rows[index].sku.pk].price
        if seen is None:
            problems.append(
                FieldProblem(f"lines.{index}.expected_price", "price_invalid", _("Enter a valid price."))
            )
        elif seen != current:
            problems.append(
                FieldProblem(
                    f"lines.{index}.unit_price",
                    "price_changed",
                    _("The price has changed: it is now %(price)s per %(unit)s.")
                    % {"price": format(current.normalize(), "f"), "unit": rows[index].sku.product.base_unit},
                )
            )
    return problems


def _stock_problems(rows: list[CleanLine], warehouse: Warehouse) -> list[FieldProblem]:
    wanted: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    for row in rows:
        wanted[(row.sku.pk, (row.warehouse or warehouse).pk)] += row.base_quantity
    # Locked as the reservation will lock them: two orders cannot both count the last units.
    levels = levels_lock(list(wanted))
    problems = []
    for index, row in enumerate(rows):
        key = (row.sku.pk, (row.warehouse or warehouse).pk)
        level = levels.get(key)
        available = ZERO if level is None else Decimal(level.on_hand) - Decimal(level.reserved)
        if wanted[key] > available:
            problems.append(
                FieldProblem(
                    f"lines.{index}.quantity",
                    "stock_short",
                    _("Not enough stock: %(available)s %(unit)s available.")
                    % {
                        "available": format(max(available, ZERO).normalize(), "f"),
                        "unit": row.sku.product.base_unit,
                    },
                )
            )
    return problems


def check_line_conflicts(
    *,
    customer_id: int,
    lines: Sequence[LineInput],
    rows: list[CleanLine],
    warehouse: Warehouse,
    backorders_allowed: bool,
) -> None:
    """Raise InvalidInput with every line's conflict (rows are the cleaned `lines`, same order)."""
    problems = _price_problems(customer_id, lines, rows)
    if not backorders_allowed:
        problems += _stock_problems(rows, warehouse)
    if problems:
        problems.sort(key=lambda problem: int((problem.field or "lines.0").split(".")[1]))
        raise InvalidInput(problems=problems)
