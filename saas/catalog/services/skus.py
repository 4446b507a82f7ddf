"""The only code that edits one SKU (prices, barcode, status) and a product's pack units."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.catalog import cleaning
from saas.catalog.drafts import KEEP, Keep, PackUnitDraft
from saas.catalog.models import SKU, PackUnit, Product, Status
from saas.catalog.services.common import (
    barcode_taken,
    barcodes_in_use,
    constraint_errors,
    locked_product,
    require_cost_viewer,
    require_manager,
)
from saas.core.errors import InvalidInput, NotFound
from saas.core.sync import TOUCH

MAX_PACK_NAME = 10


def _current_combinations(product: Product) -> set[tuple[tuple[str, str], ...]]:
    drafts = cleaning.spec_drafts_of(product.spec_names, product.spec_options)
    return {cleaning.combination_key(combo) for combo in cleaning.combinations(drafts)}


@transaction.atomic
def sku_update(
    *,
    actor: Actor,
    sku_id: int,
    list_price: Decimal | str | None = None,
    cost_price: Decimal | str | None = None,
    barcode: str | None | Keep = KEEP,
    status: str | None = None,
) -> SKU:
    """Change a SKU's prices, barcode (None clears it) or status."""
    require_manager(actor)
    problems = cleaning.Problems()
    new_list = (
        None
        if list_price is None
        else problems.check(cleaning.money, list_price, field="list_price", places=2)
    )
    new_cost = None
    if cost_price is not None:
        require_cost_viewer(actor, field="cost_price")
        new_cost = problems.check(cleaning.money, cost_price, field="cost_price", places=4)
    new_barcode = (
        barcode if isinstance(barcode, Keep) else problems.check(cleaning.barcode, barcode, field="barcode")
    )
    if status is not None and status not in Status.values:
        problems.items.extend(
            InvalidInput(_("Unknown status."), code="status_invalid", field="status").problems
        )
    problems.raise_any()

    try:
        sku = SKU.objects.select_for_update().select_related("product").get(pk=sku_id)
    except SKU.DoesNotExist as exc:
        raise NotFound(_("SKU not found."), field="id") from exc
    if new_list is not None:
        sku.list_price = new_list
    if new_cost is not None:
        sku.cost_price = new_cost
    if not isinstance(new_barcode, Keep) and new_barcode != sku.barcode:
        if new_barcode and barcodes_in_use([new_barcode], except_sku=sku.pk):
            raise barcode_taken("barcode")
        sku.barcode = new_barcode
    if status is not None and status != sku.status:
        if status == Status.ACTIVE and cleaning.combination_key(sku.spec_values) not in _current_combinations(
            sku.product
        ):
            raise InvalidInput(
                _("Add this SKU's specification values to the product again to bring it back."),
                code="sku_spec_removed",
                field="status",
            )
        sku.status = status
    with constraint_errors():
        sku.save(update_fields=["list_price", "cost_price", "barcode", "status", "updated_at"])
    # A product shows its SKUs' prices and barcodes: a partner syncing products sees this change.
    Product.objects.filter(pk=sku.product_id).update(updated_at=TOUCH)
    return sku


def _clean_pack_units(product: Product, drafts: Sequence[PackUnitDraft]) -> list[PackUnitDraft]:
    if len(drafts) > cleaning.MAX_PACK_UNITS:
        raise InvalidInput(
            _("At most %(n)d pack units per product.") % {"n": cleaning.MAX_PACK_UNITS},
            code="too_many_pack_units",
            field="units",
        )
    cleaned: list[PackUnitDraft] = []
    names: set[str] = set()
    barcodes: set[str] = set()
    for index, draft in enumerate(drafts):
        field = f"units.{index}"
        name = cleaning.text(draft.name, field=f"{field}.name", max_length=MAX_PACK_NAME, required=True)
        if name in names or name == product.base_unit:
            raise InvalidInput(
                _("Each pack unit has its own name, other than the base unit."),
                code="pack_unit_duplicate",
                field=f"{field}.name",
            )
        names.add(name)
        factor = cleaning.factor(draft.factor, field=f"{field}.factor")
        barcode = cleaning.barcode(draft.barcode, field=f"{field}.barcode")
        if barcode:
            if barcode in barcodes:
                raise barcode_taken(f"{field}.barcode")
            barcodes.add(barcode)
        cleaned.append(PackUnitDraft(name=name, factor=factor, barcode=barcode))
    return cleaned


@transaction.atomic
def pack_unit_set(*, actor: Actor, product_id: int, units: Sequence[PackUnitDraft]) -> Product:
    """Replace a product's pack units (箱 = 12 件). Units keep their id while their name stays."""
    require_manager(actor)
    product = locked_product(product_id)
    cleaned = _clean_pack_units(product, units)
    wanted = [unit.barcode for unit in cleaned if unit.barcode]
    taken = barcodes_in_use(wanted, except_product_packs=product.pk)
    for index, unit in enumerate(cleaned):
        if unit.barcode in taken:
            raise barcode_taken(f"units.{index}.barcode")
    existing = {unit.name: unit for unit in product.pack_units.all()}
    keep = {unit.name for unit in cleaned}
    PackUnit.objects.filter(product=product).exclude(name__in=keep).delete()
    # Clear kept barcodes first so two units can swap barcodes without tripping the constraint.
    PackUnit.objects.filter(product=product, name__in=keep).update(barcode=None)
    with constraint_errors("units."):
        for unit in cleaned:
            row = existing.get(unit.name) or PackUnit(product=product, name=unit.name)
            row.factor = Decimal(unit.factor)
            row.barcode = unit.barcode
            row.save()
    product.updated_at = timezone.now()
    product.save(update_fields=["updated_at"])
    return product
