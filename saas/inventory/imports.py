"""The opening stock import's sheet (期初库存): warehouse, SKU code, quantity, unit cost and bin per
row. Rows are checked against the workspace's warehouses, SKUs and bins first, each problem on
its row; then each warehouse's rows become stock-in entries of reason `opening` (100 lines per
entry) through stock_entry_create, so the ledger, the average cost and the levels move exactly
as for an entry typed by hand. Registered with saas/core/sheet_imports.py from the app's ready()."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from saas.accounts.actors import Actor
from saas.catalog.models import SKU, Status
from saas.core.errors import DomainError
from saas.core.sheet_imports import ImportColumn, ImportKind, ImportOutcome, ImportRow, RowProblem
from saas.inventory.models import Bin, StockEntryDirection, StockEntryReason, Warehouse
from saas.inventory.services.common import MAX_LINES, clean_cost, clean_quantity, require_inventory_manager
from saas.inventory.services.entries import EntryLine, stock_entry_create

COLUMNS = (
    ImportColumn(
        "warehouse", _("Warehouse"), "WH01", required=True, hint=_("The code or name of a warehouse.")
    ),
    ImportColumn("sku_code", _("Code of the SKU"), "TS-001-WH-L", required=True),
    ImportColumn("quantity", _("Quantity"), "120", required=True, hint=_("In the product's base unit.")),
    ImportColumn("unit_cost", _("Unit cost"), "32.50", hint=_("The current average cost when empty.")),
    ImportColumn("bin", _("Bin"), "", hint=_("The code of a bin of that warehouse.")),
)
LINE_FIELDS = {"quantity": "quantity", "unit_cost": "unit_cost", "sku_id": "sku_code", "bin_id": "bin"}


def _permit(actor: Actor) -> None:
    require_inventory_manager(actor)


def _check(problems: list[RowProblem], row: int, column: str, clean: Any, *args: Any) -> Any:
    try:
        return clean(*args)
    except DomainError as exc:
        problems.extend(RowProblem(row, column, p.code, p.message) for p in exc.problems)
        return None


def _apply(actor: Actor, rows: list[ImportRow]) -> ImportOutcome:
    warehouses: dict[str, Warehouse] = {}
    for active in Warehouse.objects.filter(is_active=True):
        warehouses.setdefault(active.code.casefold(), active)
        warehouses.setdefault(active.name.casefold(), active)
    codes = {row.get("sku_code") for row in rows}
    skus = {sku.code.casefold(): sku for sku in SKU.objects.filter(code__in=codes, status=Status.ACTIVE)}
    bins = {
        (b.warehouse_id, b.code.casefold()): b
        for b in Bin.objects.filter(code__in={r.get("bin") for r in rows if r.get("bin")})
    }
    problems: list[RowProblem] = []
    lines: dict[int, list[tuple[ImportRow, EntryLine]]] = {}
    for row in rows:
        n = row.number
        warehouse: Warehouse | None = warehouses.get(row.get("warehouse").casefold())
        if warehouse is None:
            problems.append(
                RowProblem(
                    n,
                    "warehouse",
                    "warehouse_not_found",
                    gettext("There is no active warehouse of this code or name."),
                )
            )
        sku = skus.get(row.get("sku_code").casefold())
        if sku is None:
            problems.append(
                RowProblem(n, "sku_code", "sku_not_found", gettext("There is no active SKU with this code."))
            )
        quantity = _check(problems, n, "quantity", clean_quantity, row.get("quantity"), "quantity")
        cost = (
            _check(problems, n, "unit_cost", clean_cost, row.get("unit_cost"), "unit_cost")
            if row.get("unit_cost")
            else None
        )
        found_bin = None
        if row.get("bin") and warehouse is not None:
            found_bin = bins.get((warehouse.pk, row.get("bin").casefold()))
            if found_bin is None:
                problems.append(
                    RowProblem(
                        n, "bin", "bin_not_found", gettext("This warehouse has no bin with this code.")
                    )
                )
        if warehouse is not None and sku is not None:
            line = EntryLine(
                sku_id=sku.pk, quantity=quantity, unit_cost=cost, bin_id=found_bin.pk if found_bin else None
            )
            lines.setdefault(warehouse.pk, []).append((row, line))
    if problems:
        return ImportOutcome(problems=problems)
    outcome = ImportOutcome()
    for warehouse_id, entries in lines.items():
        for start in range(0, len(entries), MAX_LINES):
            chunk = entries[start : start + MAX_LINES]
            try:
                stock_entry_create(
                    actor=actor,
                    warehouse_id=warehouse_id,
                    direction=StockEntryDirection.IN,
                    reason=StockEntryReason.OPENING,
                    lines=[line for _row, line in chunk],
                    note=gettext("Opening stock import"),
                )
            except DomainError as exc:
                for problem in exc.problems:
                    path = (problem.field or "").split(".")
                    index = int(path[1]) if len(path) > 1 and path[1].isdigit() else 0
                    column = LINE_FIELDS.get(path[2] if len(path) > 2 else "", None)
                    outcome.problems.append(
                        RowProblem(
                            chunk[min(index, len(chunk) - 1)][0].number, column, problem.code, problem.message
                        )
                    )
                continue
            outcome.created += len(chunk)
    return outcome


OPENING_STOCK = ImportKind(
    name="opening_stock", title=_("Opening stock"), columns=COLUMNS, permit=_permit, apply=_apply
)
