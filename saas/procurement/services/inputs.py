"""Input checks shared by the procurement services: ids, texts, prices, money, line look-ups.

Each raises InvalidInput or NotFound with a stable code and the input field it is about, so a
form can put the message next to the right box (`lines.3.quantity`).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from saas.catalog.models import SKU, Status
from saas.core.errors import InvalidInput, NotFound
from saas.core.ids import clean_id as clean_id  # re-exported: the domain's callers import it here
from saas.core.ids import is_id
from saas.core.inputs import clean_decimal, too_precise
from saas.core.inputs import clean_text as clean_text  # re-exported: the domain's callers import it here
from saas.inventory.models import Warehouse
from saas.inventory.services.common import MAX_QUANTITY
from saas.procurement.models import Supplier

MAX_MONEY = Decimal("100000000000")  # 10^11, inside money_field's 14 integer digits


def clean_price(value: Any, field: str) -> Decimal:
    """A unit price: zero (free samples) or more, at most 4 decimals."""
    price = clean_decimal(value, field, "price_invalid")
    if price < 0 or price > MAX_QUANTITY or too_precise(price, 4):
        raise InvalidInput(
            _("Prices are zero or more, with at most 4 decimals."), code="price_invalid", field=field
        )
    return price.quantize(Decimal("0.0001"))  # as stored, so a payload shows what a re-read shows


def clean_amount(value: Any, field: str) -> Decimal:
    """A payment: positive, in cents."""
    amount = clean_decimal(value, field, "amount_invalid")
    if amount <= 0 or amount >= MAX_MONEY or too_precise(amount, 2):
        raise InvalidInput(
            _("Amounts are positive, with at most 2 decimals."), code="amount_invalid", field=field
        )
    return amount.quantize(Decimal("0.01"))


def clean_optional_quantity(value: Any, field: str) -> Decimal:
    """A quantity that may be zero (accepted or rejected at inspection, a minimum order quantity)."""
    if value is None or value == "":
        return Decimal(0)
    quantity = clean_decimal(value, field, "quantity_invalid")
    if quantity < 0 or quantity > MAX_QUANTITY or too_precise(quantity):
        raise InvalidInput(
            _("Quantities are zero or more, with at most 3 decimals."), code="quantity_invalid", field=field
        )
    return quantity.quantize(Decimal("0.001"))


def clean_days(value: Any, field: str, maximum: int = 3650) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= maximum:
        raise InvalidInput(
            _("Enter whole days from 0 to %(n)d.") % {"n": maximum}, code="days_invalid", field=field
        )
    return value


def find_supplier(supplier_id: Any, field: str = "supplier_id") -> Supplier:
    pk = clean_id(supplier_id, field, _("Supplier not found."))
    supplier = Supplier.objects.filter(pk=pk).first()
    if supplier is None:
        raise NotFound(_("Supplier not found."), field=field)
    return supplier


def active_supplier(supplier_id: Any, field: str = "supplier_id") -> Supplier:
    supplier = find_supplier(supplier_id, field)
    if not supplier.is_active:
        raise InvalidInput(_("This supplier is inactive."), code="supplier_inactive", field=field)
    return supplier


def _line_field(prefix: str | None, index: int, field: str) -> str:
    return f"{prefix}.{index}.{field}" if prefix else field


def skus_for_lines(sku_ids: Sequence[Any], field: str = "sku_id", prefix: str | None = "lines") -> list[SKU]:
    """The active SKU of each line, with its product (base unit); one query."""
    wanted = {int(s) for s in sku_ids if is_id(s)}
    found = SKU.objects.select_related("product").filter(pk__in=wanted, status=Status.ACTIVE).in_bulk()
    result = []
    for index, sku_id in enumerate(sku_ids):
        sku = found.get(int(sku_id)) if is_id(sku_id) else None
        if sku is None:
            raise NotFound(_("Product not found or archived."), field=_line_field(prefix, index, field))
        result.append(sku)
    return result


def warehouses_for_lines(
    warehouse_ids: Sequence[Any], field: str = "warehouse_id", prefix: str | None = "lines"
) -> list[Warehouse]:
    """The active warehouse of each line; one query."""
    wanted = {int(w) for w in warehouse_ids if is_id(w)}
    found = Warehouse.objects.filter(pk__in=wanted, is_active=True).in_bulk()
    result = []
    for index, warehouse_id in enumerate(warehouse_ids):
        warehouse = found.get(int(warehouse_id)) if is_id(warehouse_id) else None
        if warehouse is None:
            raise NotFound(_("Warehouse not found."), field=_line_field(prefix, index, field))
        result.append(warehouse)
    return result
