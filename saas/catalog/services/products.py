"""The only code that creates and edits products and expands their specifications into SKUs.

Every combination of spec values (颜色 × 尺码) is one SKU. Editing the specifications adds SKUs
for new combinations and archives the SKUs of removed ones: SKUs are never deleted, because
stock ledger rows and order lines point at them. Re-adding a removed value brings its archived
SKU back, with its code, barcode, prices and history.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp
from saas.catalog import cleaning, search_text
from saas.catalog.drafts import KEEP, Keep, SkuDraft, SpecDraft
from saas.catalog.models import SKU, Category, Product, Status
from saas.catalog.services.common import (
    barcode_taken,
    barcodes_in_use,
    constraint_errors,
    locked_product,
    require_cost_viewer,
    require_manager,
)
from saas.core.errors import InvalidInput, NotFound
from saas.core.idempotency import run_once

MAX_NAME = 120
MAX_CODE = 40
MAX_SKU_CODE = 60
MAX_BRAND = 60
MAX_DESCRIPTION = 5000
MAX_UNIT = 10
# Active SKUs are capped by cleaning.MAX_SKUS; this caps the archived ones that edits leave behind.
MAX_SKU_ROWS = 2000

Key = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ProductCreated:
    product: Product
    replayed: bool


@dataclass(frozen=True)
class _SkuPlan:
    """A cleaned SkuDraft; None means 'use the default'."""

    field: str
    code: str | None
    barcode: str | None
    list_price: Decimal | None
    cost_price: Decimal | None


def _clean_spec_map(spec_values: dict[str, str]) -> dict[str, str]:
    return {" ".join(str(k).split()): " ".join(str(v).split()) for k, v in spec_values.items()}


def _clean_sku_drafts(
    actor: Actor, drafts: Sequence[SkuDraft], combos: list[dict[str, str]]
) -> dict[Key, _SkuPlan]:
    cleaning.line_count(drafts, field="skus")
    valid = {cleaning.combination_key(combo) for combo in combos}
    plans: dict[Key, _SkuPlan] = {}
    codes: set[str] = set()
    barcodes: set[str] = set()
    for index, draft in enumerate(drafts):
        field = f"skus.{index}"
        key = cleaning.combination_key(_clean_spec_map(draft.spec_values))
        if key not in valid:
            raise InvalidInput(
                _("These values are not a combination of the product's specifications."),
                code="sku_spec_unknown",
                field=f"{field}.spec_values",
            )
        if key in plans:
            raise InvalidInput(
                _("This combination is listed twice."),
                code="sku_spec_duplicate",
                field=f"{field}.spec_values",
            )
        code = cleaning.code(
            draft.code, field=f"{field}.code", max_length=MAX_SKU_CODE, invalid_code="sku_code_invalid"
        )
        if code and code in codes:
            raise InvalidInput(
                _("Another SKU already has this code."), code="sku_code_taken", field=f"{field}.code"
            )
        barcode = cleaning.barcode(draft.barcode, field=f"{field}.barcode")
        if barcode and barcode in barcodes:
            raise barcode_taken(f"{field}.barcode")
        cost = None
        if draft.cost_price is not None:
            require_cost_viewer(actor, field=f"{field}.cost_price")
            cost = cleaning.money(draft.cost_price, field=f"{field}.cost_price", places=4)
        list_price = None
        if draft.list_price is not None:
            list_price = cleaning.money(draft.list_price, field=f"{field}.list_price", places=2)
        codes.add(code)
        if barcode:
            barcodes.add(barcode)
        plans[key] = _SkuPlan(field, code or None, barcode, list_price, cost)
    return plans


def _check_plans_free(plans: dict[Key, _SkuPlan]) -> None:
    """Given codes and barcodes must be free in the tenant (one query each)."""
    by_code = {plan.code: plan for plan in plans.values() if plan.code}
    taken_codes = sorted(SKU.objects.filter(code__in=list(by_code)).values_list("code", flat=True))
    if taken_codes:
        raise InvalidInput(
            _("Another SKU already has this code."),
            code="sku_code_taken",
            field=f"{by_code[taken_codes[0]].field}.code",
        )
    by_barcode = {plan.barcode: plan for plan in plans.values() if plan.barcode}
    taken_barcodes = sorted(barcodes_in_use(list(by_barcode)))
    if taken_barcodes:
        raise barcode_taken(f"{by_barcode[taken_barcodes[0]].field}.barcode")


def _ordered_values(product: Product, spec_values: dict[str, str]) -> list[str]:
    return [str(spec_values[name]) for name in product.spec_names if name in spec_values]


def _core_text(product: Product) -> str:
    return search_text.product_core_text(name=product.name, code=product.code, brand=product.brand)


def _sku_text(product: Product, sku: SKU, core: str) -> str:
    return search_text.sku_search_text(
        core=core, code=sku.code, spec_values=_ordered_values(product, sku.spec_values)
    )


def _refresh_search_text(product: Product, skus: list[SKU]) -> None:
    """Recompute the product's search text and its SKUs' (saved here; the product by the caller)."""
    core = _core_text(product)
    options = product.spec_options or {}
    product.search_text = search_text.product_search_text(
        core=core,
        spec_values=[value for name in product.spec_names for value in options.get(name, [])],
        sku_codes=[sku.code for sku in skus],
    )
    now = timezone.now()
    for sku in skus:
        sku.search_text, sku.updated_at = _sku_text(product, sku, core), now
    # bulk_update bypasses auto_now: a renamed product's SKUs are changed rows for a partner too.
    SKU.objects.bulk_update(skus, ["search_text", "updated_at"], batch_size=500)


def _create_skus(
    product: Product,
    combos: list[dict[str, str]],
    plans: dict[Key, _SkuPlan],
    *,
    list_price: Decimal,
    cost_price: Decimal,
) -> list[SKU]:
    """Insert one SKU per combination; codes not given become <product code>-<n>."""
    if not combos:
        return []
    prefix = f"{product.code}-"
    in_use = set(SKU.objects.filter(code__startswith=prefix).values_list("code", flat=True))
    in_use |= {plan.code for plan in plans.values() if plan.code}
    now = timezone.now()
    skus: list[SKU] = []
    for combo in combos:
        plan = plans.get(cleaning.combination_key(combo))
        if plan and plan.code:
            code = plan.code
        else:
            # Skip numbers someone already typed in as a code by hand.
            product.sku_counter += 1
            code = f"{prefix}{product.sku_counter}"
            while code in in_use:
                product.sku_counter += 1
                code = f"{prefix}{product.sku_counter}"
            in_use.add(code)
        sku = SKU(
            product=product,
            code=code,
            barcode=plan.barcode if plan else None,
            spec_values=combo,
            list_price=plan.list_price if plan and plan.list_price is not None else list_price,
            cost_price=plan.cost_price if plan and plan.cost_price is not None else cost_price,
            created_at=now,
        )
        skus.append(sku)
    with constraint_errors("skus."):
        SKU.objects.bulk_create(skus)
    return skus


def _clean_category(category_id: int | None) -> int | None:
    if category_id is not None and not Category.objects.filter(pk=category_id).exists():
        raise NotFound(_("Category not found."), field="category_id")
    return category_id


def _check_code_free(code: str, *, exclude: int | None = None) -> None:
    others = Product.objects.filter(code=code)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if others.exists():
        raise InvalidInput(_("Another product already has this code."), code="code_taken", field="code")


def product_create(
    *,
    actor: Actor,
    code: str,
    name: str,
    category_id: int | None = None,
    brand: str = "",
    description: str = "",
    base_unit: str = "件",
    specs: Sequence[SpecDraft] = (),
    list_price: Decimal | str | None = None,
    cost_price: Decimal | str | None = None,
    skus: Sequence[SkuDraft] = (),
    idempotency_key: str | None = None,
) -> ProductCreated:
    """A product with one SKU per combination of its spec values (one SKU when it has none)."""
    require_manager(actor)
    problems = cleaning.Problems()
    code = problems.check(cleaning.code, code, field="code", max_length=MAX_CODE)
    if code == "":
        problems.items.extend(
            InvalidInput(_("This field is required."), code="required", field="code").problems
        )
    name = problems.check(cleaning.text, name, field="name", max_length=MAX_NAME, required=True)
    brand = problems.check(cleaning.text, brand, field="brand", max_length=MAX_BRAND)
    description = problems.check(
        cleaning.long_text, description, field="description", max_length=MAX_DESCRIPTION
    )
    base_unit = problems.check(
        cleaning.text, base_unit, field="base_unit", max_length=MAX_UNIT, required=True
    )
    default_list = problems.check(cleaning.money, list_price, field="list_price", places=2)
    default_cost = Decimal("0")
    if cost_price is not None:
        require_cost_viewer(actor, field="cost_price")
        default_cost = problems.check(cleaning.money, cost_price, field="cost_price", places=4)
    problems.raise_any()
    cleaned_specs = cleaning.specs(specs)
    combos = cleaning.combinations(cleaned_specs)
    plans = _clean_sku_drafts(actor, skus, combos)

    def write() -> dict[str, int]:
        _check_code_free(code)
        product = Product(
            code=code,
            name=name,
            category_id=_clean_category(category_id),
            brand=brand,
            description=description,
            base_unit=base_unit,
            spec_names=[spec.name for spec in cleaned_specs],
            spec_options={spec.name: spec.values for spec in cleaned_specs},
        )
        with constraint_errors():
            product.save()
        _check_plans_free(plans)
        skus = _create_skus(product, combos, plans, list_price=default_list, cost_price=default_cost)
        _refresh_search_text(product, skus)
        product.save(update_fields=["sku_counter", "search_text"])
        return {"pk": product.pk}

    result, replayed = run_once(
        by=actor_stamp(actor), key=idempotency_key, operation="product_create", write=write
    )
    return ProductCreated(product=Product.objects.get(pk=result["pk"]), replayed=replayed)


def _apply_specs(
    actor: Actor,
    product: Product,
    specs: Sequence[SpecDraft],
    skus: Sequence[SkuDraft],
    list_price: Decimal | None,
    cost_price: Decimal | None,
) -> None:
    """Archive the SKUs of removed combinations; revive or create the SKUs of added ones."""
    cleaned_specs = cleaning.specs(specs)
    current = cleaning.spec_drafts_of(product.spec_names, product.spec_options)
    old = {cleaning.combination_key(c) for c in cleaning.combinations(current)}
    new_combos = cleaning.combinations(cleaned_specs)
    new = {cleaning.combination_key(c) for c in new_combos}
    plans = _clean_sku_drafts(actor, skus, new_combos)
    rows = {cleaning.combination_key(sku.spec_values): sku for sku in product.skus.select_for_update()}
    brand_new = [combo for combo in new_combos if cleaning.combination_key(combo) not in rows]
    brand_new_keys = {cleaning.combination_key(combo) for combo in brand_new}
    for key, plan in plans.items():
        if key not in brand_new_keys:
            # An existing (or revived) SKU keeps its code and barcode; skuUpdate edits it.
            raise InvalidInput(
                _("Details can be given only for SKUs this change adds; edit existing SKUs one by one."),
                code="sku_exists",
                field=f"{plan.field}.spec_values",
            )
    if len(rows) + len(brand_new) > MAX_SKU_ROWS:
        raise InvalidInput(
            _("This product has too many archived SKUs to add more."), code="too_many_skus", field="specs"
        )

    product.spec_names = [spec.name for spec in cleaned_specs]
    product.spec_options = {spec.name: spec.values for spec in cleaned_specs}
    to_archive = [sku for key, sku in rows.items() if key in old - new and sku.status == Status.ACTIVE]
    to_revive = [rows[key] for key in (new - old) if key in rows and rows[key].status != Status.ACTIVE]
    now = timezone.now()
    for sku in to_archive:
        sku.status, sku.updated_at = Status.ARCHIVED, now
    for sku in to_revive:
        sku.status, sku.updated_at = Status.ACTIVE, now
    SKU.objects.bulk_update([*to_archive, *to_revive], ["status", "updated_at"])

    if brand_new:
        first = product.skus.order_by("id").first()
        default_list = list_price if list_price is not None else (first.list_price if first else Decimal("0"))
        default_cost = cost_price if cost_price is not None else (first.cost_price if first else Decimal("0"))
        _check_plans_free(plans)
        _create_skus(product, brand_new, plans, list_price=default_list, cost_price=default_cost)


@transaction.atomic
def product_update(
    *,
    actor: Actor,
    product_id: int,
    code: str | None = None,
    name: str | None = None,
    category_id: int | None | Keep = KEEP,
    brand: str | None = None,
    description: str | None = None,
    base_unit: str | None = None,
    specs: Sequence[SpecDraft] | None = None,
    list_price: Decimal | str | None = None,
    cost_price: Decimal | str | None = None,
    skus: Sequence[SkuDraft] = (),
) -> Product:
    """Edit a product; `specs` replaces the whole specification list. Prices apply to added SKUs."""
    require_manager(actor)
    problems = cleaning.Problems()
    if code is not None:
        code = problems.check(cleaning.code, code, field="code", max_length=MAX_CODE)
        if code == "":
            problems.items.extend(
                InvalidInput(_("This field is required."), code="required", field="code").problems
            )
    if name is not None:
        name = problems.check(cleaning.text, name, field="name", max_length=MAX_NAME, required=True)
    if brand is not None:
        brand = problems.check(cleaning.text, brand, field="brand", max_length=MAX_BRAND)
    if description is not None:
        description = problems.check(
            cleaning.long_text, description, field="description", max_length=MAX_DESCRIPTION
        )
    if base_unit is not None:
        base_unit = problems.check(
            cleaning.text, base_unit, field="base_unit", max_length=MAX_UNIT, required=True
        )
    new_list = (
        None
        if list_price is None
        else problems.check(cleaning.money, list_price, field="list_price", places=2)
    )
    new_cost = None
    if cost_price is not None:
        require_cost_viewer(actor, field="cost_price")
        new_cost = problems.check(cleaning.money, cost_price, field="cost_price", places=4)
    problems.raise_any()
    if specs is None and (skus or list_price is not None or cost_price is not None):
        # Prices here are for the SKUs a spec change adds; one SKU's price changes with sku_update.
        raise InvalidInput(
            _("SKU details and prices come with the specifications they add."),
            code="specs_required",
            field="specs",
        )

    product = locked_product(product_id)
    text_changed = False
    if code is not None and code != product.code:
        _check_code_free(code, exclude=product.pk)
        product.code, text_changed = code, True
    if name is not None and name != product.name:
        product.name, text_changed = name, True
    if brand is not None and brand != product.brand:
        product.brand, text_changed = brand, True
    if description is not None:
        product.description = description
    if base_unit is not None:
        product.base_unit = base_unit
    if not isinstance(category_id, Keep):
        product.category_id = _clean_category(category_id)
    if specs is not None:
        _apply_specs(actor, product, specs, skus, new_list, new_cost)
    if text_changed or specs is not None:
        # Each SKU carries its product's words, so they follow a rename.
        _refresh_search_text(product, list(product.skus.order_by("id")))
    product.updated_at = timezone.now()
    with constraint_errors():
        product.save()
    return product


def _set_status(actor: Actor, product_id: int, status: str) -> Product:
    require_manager(actor)
    product = locked_product(product_id)
    if product.status != status:
        product.status = status
        product.updated_at = timezone.now()
        product.save(update_fields=["status", "updated_at"])
    return product


@transaction.atomic
def product_archive(*, actor: Actor, product_id: int) -> Product:
    """Hide a product and its SKUs from everyone without catalog.manage; nothing is deleted."""
    return _set_status(actor, product_id, Status.ARCHIVED)


@transaction.atomic
def product_restore(*, actor: Actor, product_id: int) -> Product:
    return _set_status(actor, product_id, Status.ACTIVE)
