"""Price lists (writes): a level's or a distributor's list, saved as a new dated version, and the
workspace's distribution settings (the rebate cap, the warehouse orders ship from).

A list is never edited in place: saving writes version n+1, in force from `effective_from`
(today or later: what was charged before stays as it was). Each item prices one SKU or one
category with one or more quantity breaks, each a fixed price or a percent off the list price,
and an optional case quantity. Precedence when pricing: saas/distribution/pricing.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp, user_of
from saas.catalog.models import SKU, Category
from saas.core.clock import tenant_today
from saas.core.errors import FieldProblem, InvalidInput, NotFound
from saas.core.idempotency import run_once
from saas.core.ids import parse_id
from saas.core.inputs import clean_date, clean_text, parse_decimal, too_precise
from saas.distribution.access import require_network_manager
from saas.distribution.models import DistributionSettings, DistributorLevel, PriceList, PriceRule
from saas.distribution.services.common import distribution_settings, find_distributor, find_level
from saas.inventory.models import Warehouse
from saas.inventory.services.common import MAX_QUANTITY
from saas.sales.services.inputs import clean_price, clean_rate

MAX_ITEMS = 500  # SKUs and categories per list
MAX_BREAKS = 10  # quantity breaks per SKU or category
MAX_CASE = 100_000


@dataclass(frozen=True)
class PriceBreakInput:
    """From `min_quantity` base units on: a fixed price, or a percent off the list price."""

    min_quantity: Any = 1
    fixed_price: Any = None
    discount_percent: Any = None


@dataclass(frozen=True)
class PriceItemInput:
    """The prices of one SKU or one category (with its subcategories) in a list."""

    sku_id: Any = None
    category_id: Any = None
    case_quantity: Any = None
    breaks: Sequence[PriceBreakInput] = field(default_factory=tuple)


def _problem(problems: list[FieldProblem], path: str, code: str, message: str) -> None:
    problems.append(FieldProblem(path, code, message))


def _clean_break(problems: list[FieldProblem], path: str, item: PriceBreakInput) -> PriceRule | None:
    before = len(problems)
    minimum = parse_decimal(item.min_quantity)
    if minimum is None or minimum <= 0 or minimum > MAX_QUANTITY or too_precise(minimum):
        _problem(
            problems,
            f"{path}.min_quantity",
            "quantity_invalid",
            _("Quantities are positive, with at most 3 decimals."),
        )
    fixed = discount = None
    if (item.fixed_price in (None, "")) == (item.discount_percent in (None, "")):
        _problem(
            problems, path, "price_required", _("Give either a fixed price or a discount off the list price.")
        )
    elif item.fixed_price not in (None, ""):
        try:
            fixed = clean_price(item.fixed_price, f"{path}.fixed_price")
        except InvalidInput as exc:
            problems.extend(exc.problems)
    else:
        try:
            discount = clean_rate(item.discount_percent, f"{path}.discount_percent")
        except InvalidInput as exc:
            problems.extend(exc.problems)
        if discount is not None and discount >= 100:
            _problem(
                problems,
                f"{path}.discount_percent",
                "rate_invalid",
                _("A discount is less than 100 percent."),
            )
    if len(problems) > before or minimum is None:
        return None
    return PriceRule(min_quantity=minimum, fixed_price=fixed, discount_percent=discount)


def _clean_case(problems: list[FieldProblem], path: str, value: Any) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_CASE:
        _problem(
            problems,
            path,
            "case_quantity_invalid",
            _("A case holds 1 to %(n)d base units.") % {"n": MAX_CASE},
        )
        return None
    return value


def clean_items(items: Sequence[PriceItemInput]) -> list[PriceRule]:
    """Every item checked, all problems reported at once (`items.3.breaks.0.fixed_price`)."""
    if len(items) > MAX_ITEMS:
        raise InvalidInput(
            _("At most %(n)d SKUs and categories per list.") % {"n": MAX_ITEMS},
            code="too_many_lines",
            field="items",
        )
    sku_ids = {pk for pk in (parse_id(item.sku_id) for item in items) if pk is not None}
    category_ids = {pk for pk in (parse_id(item.category_id) for item in items) if pk is not None}
    skus = set(SKU.objects.filter(pk__in=sku_ids).values_list("pk", flat=True)) if sku_ids else set()
    categories = (
        set(Category.objects.filter(pk__in=category_ids).values_list("pk", flat=True))
        if category_ids
        else set()
    )
    problems: list[FieldProblem] = []
    rules: list[PriceRule] = []
    seen: set[tuple[str, int]] = set()
    for index, item in enumerate(items):
        path = f"items.{index}"
        has_sku, has_category = item.sku_id not in (None, ""), item.category_id not in (None, "")
        target: tuple[str, int] | None = None
        if has_sku == has_category:
            _problem(problems, path, "target_required", _("Name either a SKU or a category."))
        elif has_sku:
            pk = parse_id(item.sku_id)
            if pk is None or pk not in skus:
                _problem(problems, f"{path}.sku_id", "not_found", _("Product not found or archived."))
            else:
                target = ("sku", pk)
        else:
            pk = parse_id(item.category_id)
            if pk is None or pk not in categories:
                _problem(problems, f"{path}.category_id", "not_found", _("Category not found."))
            else:
                target = ("category", pk)
        if target is not None and target in seen:
            _problem(problems, path, "duplicate_target", _("This SKU or category is already in the list."))
        elif target is not None:
            seen.add(target)
        case = _clean_case(problems, f"{path}.case_quantity", item.case_quantity)
        if not 1 <= len(item.breaks) <= MAX_BREAKS:
            _problem(
                problems,
                f"{path}.breaks",
                "breaks_invalid",
                _("Give 1 to %(n)d quantity breaks.") % {"n": MAX_BREAKS},
            )
            continue
        minimums: set[Decimal] = set()
        for number, step in enumerate(item.breaks):
            rule = _clean_break(problems, f"{path}.breaks.{number}", step)
            if rule is None:
                continue
            if rule.min_quantity in minimums:
                _problem(
                    problems,
                    f"{path}.breaks.{number}.min_quantity",
                    "duplicate_break",
                    _("Two breaks start at this quantity."),
                )
            minimums.add(rule.min_quantity)
            if target is not None:
                rule.case_quantity = case
                if target[0] == "sku":
                    rule.sku_id = target[1]
                else:
                    rule.category_id = target[1]
                rules.append(rule)
    if problems:
        raise InvalidInput(problems=problems)
    return rules


def price_list_save(
    *,
    actor: Actor,
    level_id: Any = None,
    distributor_id: Any = None,
    name: str,
    effective_from: Any,
    items: Sequence[PriceItemInput],
    note: str = "",
    idempotency_key: str | None = None,
) -> PriceList:
    """A new version of a level's or a distributor's price list, in force from `effective_from`
    (today or later). Earlier versions stay, as the prices charged while they were in force."""
    user = require_network_manager(actor)
    if (level_id in (None, "")) == (distributor_id in (None, "")):
        raise InvalidInput(
            _("A price list belongs to a level or to a distributor."), code="owner_required", field="level_id"
        )
    cleaned_name = clean_text(name, "name", 60, required=True)
    cleaned_note = clean_text(note, "note", 200)
    starts = clean_date(effective_from, "effective_from")
    if starts is None:
        raise InvalidInput(_("This field is required."), code="required", field="effective_from")
    if starts < tenant_today():
        raise InvalidInput(
            _("A price list takes effect today or later; the past stays as it was charged."),
            code="date_in_past",
            field="effective_from",
        )
    rules = clean_items(list(items))

    def write() -> dict[str, int]:
        owner: dict[str, Any]
        if level_id not in (None, ""):
            level = find_level(level_id)
            DistributorLevel.objects.select_for_update().filter(pk=level.pk).values_list(
                "pk", flat=True
            ).get()
            owner = {"level": level}
        else:
            owner = {"distributor": find_distributor(distributor_id, lock=True)}
        last = PriceList.objects.filter(**owner).aggregate(last=Max("version"))["last"] or 0
        price_list = PriceList.objects.create(
            **owner,
            name=cleaned_name,
            effective_from=starts,
            version=last + 1,
            note=cleaned_note,
            created_by=user_of(user),
        )
        for rule in rules:
            rule.price_list = price_list
        PriceRule.objects.bulk_create(rules)
        return {"pk": price_list.pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(user), key=idempotency_key, operation="price_list_save", write=write
        )
    return PriceList.objects.select_related("level", "distributor__customer").get(pk=result["pk"])


@transaction.atomic
def distribution_settings_update(
    *, actor: Actor, rebate_cap_percent: Any = None, warehouse_id: Any = None
) -> DistributionSettings:
    """The rebate cap (percent of an order rebates may pay) and the warehouse orders ship from."""
    require_network_manager(actor)
    row = DistributionSettings.objects.select_for_update().get(pk=distribution_settings().pk)
    if rebate_cap_percent not in (None, ""):
        row.rebate_cap_percent = clean_rate(rebate_cap_percent, "rebate_cap_percent")
    if warehouse_id not in (None, ""):
        pk = parse_id(warehouse_id)
        warehouse = Warehouse.objects.filter(pk=pk, is_active=True).first() if pk is not None else None
        if warehouse is None:
            raise NotFound(_("Warehouse not found."), field="warehouse_id")
        row.warehouse = warehouse
    row.save()
    return row
