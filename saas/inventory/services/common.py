"""Checks shared by the inventory services: permissions, quantities, line limits, bins."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.access import require_scopes
from saas.accounts.actors import Actor
from saas.catalog.models import SKU, Status
from saas.core.errors import FieldProblem, InvalidInput, NotFound
from saas.core.ids import is_id
from saas.core.inputs import clean_decimal, too_precise
from saas.inventory.models import Bin, Warehouse

MAX_LINES = 100
MAX_QUANTITY = Decimal("1000000000")


def require_inventory_manager(actor: Actor) -> None:
    require_scopes(actor, scopes.INVENTORY_MANAGE)


def clean_quantity(value: Any, field: str) -> Decimal:
    quantity = clean_decimal(value, field, "quantity_invalid")
    if quantity <= 0 or quantity > MAX_QUANTITY or too_precise(quantity):
        raise InvalidInput(
            _("Quantities are positive, with at most 3 decimals."), code="quantity_invalid", field=field
        )
    return quantity


def clean_cost(value: Any, field: str) -> Decimal:
    cost = clean_decimal(value, field, "cost_invalid")
    if cost < 0 or cost > MAX_QUANTITY:
        raise InvalidInput(_("Costs are zero or more."), code="cost_invalid", field=field)
    return cost.quantize(Decimal("0.0001"))


def check_line_count(lines: list[Any]) -> None:
    if not lines:
        raise InvalidInput(_("Add at least one line."), code="lines_required", field="lines")
    if len(lines) > MAX_LINES:
        raise InvalidInput(
            _("At most %(n)d lines per document.") % {"n": MAX_LINES}, code="too_many_lines", field="lines"
        )


def active_warehouse(warehouse_id: Any, field: str = "warehouse_id") -> Warehouse:
    warehouse = (
        Warehouse.objects.filter(pk=warehouse_id, is_active=True).first() if is_id(warehouse_id) else None
    )
    if warehouse is None:
        raise NotFound(_("Warehouse not found."), field=field)
    return warehouse


def active_skus(sku_ids: list[Any]) -> dict[int, SKU]:
    """The SKUs by id; raises for any unknown or archived one (by line)."""
    wanted = [int(s) for s in sku_ids if is_id(s)]
    found = SKU.objects.filter(pk__in=wanted, status=Status.ACTIVE).in_bulk()
    for index, sku_id in enumerate(sku_ids):
        if not is_id(sku_id) or int(sku_id) not in found:
            raise NotFound(_("Product not found or archived."), field=f"lines.{index}.sku_id")
    return found


def bins_for_lines(
    bin_ids: Sequence[Any], warehouse_ids: Sequence[int], prefix: str = "lines", field: str = "bin_id"
) -> list[int | None]:
    """The bin (库位) of each line, None where none was given; one query.

    A bin must belong to its line's warehouse: goods put away in another warehouse's bin would
    send people looking in the wrong building. Every wrong line is reported (`lines.N.binId`).
    """
    given = {str(b).strip() for b in bin_ids if b not in (None, "")}
    wanted = {int(b) for b in given if is_id(b)}
    homes = dict(Bin.objects.filter(pk__in=wanted).values_list("pk", "warehouse_id")) if wanted else {}
    problems: list[FieldProblem] = []
    result: list[int | None] = []
    for index, (bin_id, warehouse_id) in enumerate(zip(bin_ids, warehouse_ids, strict=True)):
        if bin_id in (None, ""):
            result.append(None)
            continue
        text = str(bin_id).strip()
        pk = int(text) if is_id(text) else None
        if pk is None or homes.get(pk) != warehouse_id:
            problems.append(
                FieldProblem(
                    f"{prefix}.{index}.{field}", "bin_invalid", _("Bin not found in this warehouse.")
                )
            )
            continue
        result.append(pk)
    if problems:
        raise InvalidInput(problems=problems)
    return result
