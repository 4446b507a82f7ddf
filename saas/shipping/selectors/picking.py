"""The pick list (拣货单): what to take from which shelf for a set of orders or packing shipments.

Rows are grouped by warehouse and bin (库位) and sorted so a picker walks each warehouse once,
bin by bin; each row says which orders the quantity is for. A SKU's bin is its stock level's
default bin in that warehouse (saas.inventory: StockLevel.default_bin); rows without one come
last, under "no bin". Quantities are base units.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.catalog.models import SKU
from saas.core.errors import InvalidInput
from saas.core.ids import parse_id
from saas.inventory.models import Bin, StockLevel, Warehouse
from saas.sales.models import SalesOrderLine
from saas.sales.selectors.visibility import visible_orders
from saas.shipping.access import require_shipper, visible_shipments
from saas.shipping.models import ShipmentLine, ShipmentStatus
from saas.shipping.selectors.orders import TO_SHIP

MAX_PICK_DOCUMENTS = 500


@dataclass(frozen=True)
class PickOrder:
    order_number: str
    quantity: Decimal


@dataclass
class PickRow:
    sku: SKU
    quantity: Decimal = Decimal(0)
    orders: list[PickOrder] = field(default_factory=list)


@dataclass
class PickGroup:
    warehouse: Warehouse
    bin: Bin | None
    rows: list[PickRow]


@dataclass
class PickList:
    groups: list[PickGroup]
    order_numbers: list[str]

    @property
    def total_quantity(self) -> Decimal:
        return sum((row.quantity for group in self.groups for row in group.rows), Decimal(0))


def _ids(values: Sequence[Any] | None, field: str) -> list[int]:
    values = list(values or [])
    if len(values) > MAX_PICK_DOCUMENTS:
        raise InvalidInput(
            _("At most %(n)d documents per pick list.") % {"n": MAX_PICK_DOCUMENTS},
            code="too_many_lines",
            field=field,
        )
    ids = [parse_id(value) for value in values]
    if any(pk is None for pk in ids):
        raise InvalidInput(_("Enter a valid id."), code="id_invalid", field=field)
    return [pk for pk in ids if pk is not None]


def _wanted(
    actor: Actor, order_ids: list[int], shipment_ids: list[int]
) -> list[tuple[int, int, int, str, Decimal]]:
    """(sku, warehouse, order id, order number, base units) to pick."""
    wanted: list[tuple[int, int, int, str, Decimal]] = []
    if order_ids:
        lines = SalesOrderLine.objects.filter(
            order__in=visible_orders(actor).filter(pk__in=order_ids, status__in=TO_SHIP)
        ).values_list(
            "sku_id", "warehouse_id", "order_id", "order__number", "base_quantity", "shipped_quantity"
        )
        for sku_id, warehouse_id, order_id, number, ordered, shipped in lines:
            if Decimal(ordered) > Decimal(shipped):
                wanted.append((sku_id, warehouse_id, order_id, number, Decimal(ordered) - Decimal(shipped)))
    if shipment_ids:
        rows = ShipmentLine.objects.filter(
            shipment__in=visible_shipments(actor).filter(pk__in=shipment_ids, status=ShipmentStatus.PACKING)
        ).values_list(
            "sku_id", "shipment__warehouse_id", "shipment__order_id", "shipment__order__number", "quantity"
        )
        wanted.extend((sku, wh, order, number, Decimal(q)) for sku, wh, order, number, q in rows)
    return wanted


def pick_list(
    *, actor: Actor, order_ids: Sequence[Any] | None = None, shipment_ids: Sequence[Any] | None = None
) -> PickList:
    """Five queries for any number of orders: lines, levels with bins, SKUs, warehouses."""
    require_shipper(actor)
    wanted = _wanted(actor, _ids(order_ids, "order_ids"), _ids(shipment_ids, "shipment_ids"))
    keys = {(sku, wh) for sku, wh, _order, _number, _q in wanted}
    bins: dict[tuple[int, int], Bin | None] = {}
    if keys:
        levels = StockLevel.objects.filter(
            sku_id__in={sku for sku, _wh in keys}, warehouse_id__in={wh for _sku, wh in keys}
        ).select_related("default_bin")
        bins = {(level.sku_id, level.warehouse_id): level.default_bin for level in levels}
    skus = SKU.objects.select_related("product").in_bulk({sku for sku, _wh in keys})
    warehouses = Warehouse.objects.in_bulk({wh for _sku, wh in keys})
    rows: dict[tuple[int, int | None, int], PickRow] = {}
    per_order: dict[tuple[int, int | None, int], dict[str, Decimal]] = defaultdict(
        lambda: defaultdict(Decimal)
    )
    numbers: dict[int, str] = {}
    for sku_id, warehouse_id, order_id, number, quantity in wanted:
        bin_ = bins.get((sku_id, warehouse_id))
        key = (warehouse_id, bin_.pk if bin_ else None, sku_id)
        row = rows.setdefault(key, PickRow(sku=skus[sku_id]))
        row.quantity += quantity
        per_order[key][number] += quantity
        numbers[order_id] = number
    groups: dict[tuple[int, int | None], PickGroup] = {}
    for key, row in rows.items():
        warehouse_id, bin_id, sku_id = key
        row.orders = [PickOrder(number, q) for number, q in sorted(per_order[key].items())]
        group = groups.get((warehouse_id, bin_id))
        if group is None:
            group = groups[(warehouse_id, bin_id)] = PickGroup(
                warehouse=warehouses[warehouse_id], bin=bins.get((sku_id, warehouse_id)), rows=[]
            )
        group.rows.append(row)
    ordered = sorted(
        groups.values(),
        key=lambda g: (g.warehouse.code, g.bin is None, g.bin.code if g.bin else ""),
    )
    for group in ordered:
        group.rows.sort(key=lambda row: row.sku.code)
    return PickList(groups=ordered, order_numbers=sorted(set(numbers.values())))
