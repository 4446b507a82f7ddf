"""The effective price of a distributor's order lines: `price_lines(distributor, lines, on=day)`.

Which rule prices a line (SKU, quantity in base units), first match wins:

1. The distributor's own price list beats its level's list; of each, the version in force on
   `on` (the latest `effective_from` on or before it, the highest version among equal dates).
2. Within a list, a rule for the SKU beats a rule for its product's category, and the nearest
   category beats its ancestors (女装/衬衫 before 女装).
3. Of that target's rules (one SKU or one category in one list), the highest quantity break the
   line reaches (`min_quantity` ≤ quantity) applies. A target none of whose breaks the line
   reaches is passed over, and the next target in this order prices the line.
4. No rule applies: the SKU's list price.

A fixed price is per base unit, tax included; a discount is percent off the SKU's list price,
rounded to the cent. The case quantity a line's quantity must be a multiple of is the first one
set, in the same order of targets, whatever the quantity. Whether the distributor may see and
order the SKU at all is its level's catalogue (`LevelCatalogEntry`; no entries: every active
product). `price_rule` explains the outcome: "市代价目表 2026-12-01 · 满100件 · 9.0折".

Cost: a fixed number of queries whatever the number of lines (the two lists in force, their
rules, the categories, the level's catalogue, the SKUs), then dictionary look-ups; a price book
is built once and may price many carts (`price_book`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from saas.catalog.models import SKU, Category, Status
from saas.distribution.models import Distributor, LevelCatalogEntry, PriceList, PriceRule

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
NOT_FOUND, NOT_ALLOWED, CASE_MULTIPLE = "not_found", "not_allowed", "case_multiple"


@dataclass(frozen=True)
class Rule:
    min_quantity: Decimal
    fixed_price: Decimal | None
    discount_percent: Decimal | None
    case_quantity: int | None


@dataclass(frozen=True)
class ListRules:
    """One price list in force, its rules by target, each target's breaks highest first."""

    price_list: PriceList
    by_sku: dict[int, list[Rule]]
    by_category: dict[int, list[Rule]]


@dataclass
class PriceBook:
    """Everything pricing needs for one distributor on one day, read once."""

    lists: tuple[ListRules, ...]  # the distributor's list first, then the level's
    parents: dict[int, int | None]
    category_names: dict[int, str]
    allowed_products: frozenset[int] | None  # None: the level may order every active product
    allowed_categories: frozenset[int]
    _chains: dict[int, tuple[int, ...]] = field(default_factory=dict)

    def category_chain(self, category_id: int | None) -> tuple[int, ...]:
        """The category and its ancestors, nearest first (a cycle-safe walk)."""
        if category_id is None:
            return ()
        chain = self._chains.get(category_id)
        if chain is None:
            found: list[int] = []
            node: int | None = category_id
            while node is not None and node not in found:
                found.append(node)
                node = self.parents.get(node)
            chain = self._chains[category_id] = tuple(found)
        return chain

    def category_allowed(self, category_id: int | None) -> bool:
        """The category, or one of its ancestors, is in the level's catalogue."""
        return any(node in self.allowed_categories for node in self.category_chain(category_id))

    def allows(self, product_id: int, category_id: int | None) -> bool:
        if self.allowed_products is None:
            return True
        return product_id in self.allowed_products or self.category_allowed(category_id)

    def allowed_sku_filter(self) -> Q:
        """The level's catalogue as a filter on SKUs, for catalogue pages."""
        if self.allowed_products is None:
            return Q()
        categories = sorted(pk for pk in self.parents if self.category_allowed(pk))
        return Q(product_id__in=sorted(self.allowed_products)) | Q(product__category_id__in=categories)


@dataclass(frozen=True)
class LinePrice:
    """What one line costs the distributor, and why; `problem` says why it cannot be ordered."""

    sku_id: int
    quantity: Decimal
    list_price: Decimal
    unit_price: Decimal
    price_rule: str
    case_quantity: int | None
    problem: str | None = None
    sku: SKU | None = None


def _effective(distributor: Distributor, on: date, *, own: bool) -> PriceList | None:
    owner: dict[str, Any] = {"distributor_id": distributor.pk} if own else {"level_id": distributor.level_id}
    return (
        PriceList.objects.filter(**owner, effective_from__lte=on)
        .order_by("-effective_from", "-version")
        .first()
    )


def price_book(distributor: Distributor, *, on: date) -> PriceBook:
    """Read the lists in force on `on`, their rules, the categories and the level's catalogue."""
    lists = [
        pl for pl in (_effective(distributor, on, own=True), _effective(distributor, on, own=False)) if pl
    ]
    by_list: dict[int, tuple[dict[int, list[Rule]], dict[int, list[Rule]]]] = {
        pl.pk: (defaultdict(list), defaultdict(list)) for pl in lists
    }
    if lists:
        for list_id, sku_id, category_id, minimum, fixed, discount, case in PriceRule.objects.filter(
            price_list_id__in=list(by_list)
        ).values_list(
            "price_list_id",
            "sku_id",
            "category_id",
            "min_quantity",
            "fixed_price",
            "discount_percent",
            "case_quantity",
        ):
            by_sku, by_category = by_list[list_id]
            target = by_sku[sku_id] if sku_id is not None else by_category[category_id]
            target.append(Rule(minimum, fixed, discount, case))
    for by_sku, by_category in by_list.values():
        for rules in (*by_sku.values(), *by_category.values()):
            rules.sort(key=lambda rule: rule.min_quantity, reverse=True)
    parents: dict[int, int | None] = {}
    names: dict[int, str] = {}
    for pk, parent_id, name in Category.objects.values_list("id", "parent_id", "name"):
        parents[pk], names[pk] = parent_id, name
    products: set[int] = set()
    categories: set[int] = set()
    entries = list(
        LevelCatalogEntry.objects.filter(level_id=distributor.level_id).values_list(
            "category_id", "product_id"
        )
    )
    for category_id, product_id in entries:
        if category_id is not None:
            categories.add(category_id)
        if product_id is not None:
            products.add(product_id)
    return PriceBook(
        lists=tuple(ListRules(pl, dict(by_list[pl.pk][0]), dict(by_list[pl.pk][1])) for pl in lists),
        parents=parents,
        category_names=names,
        allowed_products=frozenset(products) if entries else None,
        allowed_categories=frozenset(categories),
    )


def number_text(value: Decimal) -> str:
    """100.000 → "100", 2.500 → "2.5"."""
    return format(value.normalize(), "f")


def discount_text(percent: Decimal) -> str:
    """Chinese prices a discount as the share of the list price in tenths (10 % off is 9.0折,
    15 % off 8.5折); other languages as percent off."""
    if (translation.get_language() or "zh-hans").lower().startswith("zh"):
        tenths = (HUNDRED - percent) / 10
        shown = (
            tenths.quantize(Decimal("0.1"))
            if tenths == tenths.quantize(Decimal("0.1"))
            else tenths.normalize()
        )
        return f"{format(shown, 'f')}折"
    return _("%(percent)s%% off") % {"percent": number_text(percent)}


def _explain(book: PriceBook, price_list: PriceList, category_id: int | None, rule: Rule, unit: str) -> str:
    parts = [f"{price_list.name} {price_list.effective_from.isoformat()}"]
    if category_id is not None:
        parts.append(_("category %(name)s") % {"name": book.category_names.get(category_id, "")})
    if rule.min_quantity > 1:
        parts.append(
            _("from %(quantity)s %(unit)s") % {"quantity": number_text(rule.min_quantity), "unit": unit}
        )
    if rule.fixed_price is not None:
        parts.append(_("fixed price"))
    else:
        parts.append(discount_text(Decimal(rule.discount_percent or 0)))
    return " · ".join(parts)


def _price(rule: Rule, list_price: Decimal) -> Decimal:
    if rule.fixed_price is not None:
        return Decimal(rule.fixed_price).quantize(CENT, rounding=ROUND_HALF_UP)
    share = (HUNDRED - Decimal(rule.discount_percent or 0)) / HUNDRED
    return (list_price * share).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class SkuFacts:
    """What pricing needs of a SKU and its product, read as plain values (a 1,000-line cart
    builds no model instances)."""

    pk: int
    active: bool  # the SKU and its product are both active
    list_price: Decimal
    product_id: int
    category_id: int | None
    base_unit: str

    @classmethod
    def of(cls, sku: SKU) -> SkuFacts:
        """From a SKU with its product loaded."""
        product = sku.product
        return cls(
            pk=sku.pk,
            active=sku.status == Status.ACTIVE and product.status == Status.ACTIVE,
            list_price=Decimal(sku.list_price),
            product_id=product.pk,
            category_id=product.category_id,
            base_unit=product.base_unit,
        )


def sku_facts(sku_ids: set[int]) -> dict[int, SkuFacts]:
    """The facts of these SKUs (unknown ids are left out), in one query."""
    rows = SKU.objects.filter(pk__in=sku_ids).values_list(
        "pk",
        "status",
        "list_price",
        "product_id",
        "product__status",
        "product__category_id",
        "product__base_unit",
    )
    return {
        pk: SkuFacts(pk, status == product_status == Status.ACTIVE, Decimal(price), product, category, unit)
        for pk, status, price, product, product_status, category, unit in rows
    }


def price_sku(book: PriceBook, sku: SkuFacts | SKU, quantity: Decimal) -> LinePrice:
    """One SKU (facts, or a SKU with its product loaded, which the result then carries) at
    `quantity`, by the book."""
    instance = sku if isinstance(sku, SKU) else None
    facts = SkuFacts.of(sku) if isinstance(sku, SKU) else sku
    list_price = facts.list_price
    if not facts.active:
        return LinePrice(facts.pk, quantity, list_price, list_price, "", None, NOT_FOUND, instance)
    if not book.allows(facts.product_id, facts.category_id):
        return LinePrice(facts.pk, quantity, list_price, list_price, "", None, NOT_ALLOWED, instance)
    chain = book.category_chain(facts.category_id)
    chosen: tuple[ListRules, int | None, Rule] | None = None
    case: int | None = None
    for rules in book.lists:
        targets: list[tuple[int | None, list[Rule]]] = [(None, rules.by_sku.get(facts.pk, []))]
        targets += [(node, rules.by_category.get(node, [])) for node in chain]
        for category_id, breaks in targets:
            if case is None:
                case = next((rule.case_quantity for rule in breaks if rule.case_quantity), None)
            if chosen is None:
                reached = next((rule for rule in breaks if rule.min_quantity <= quantity), None)
                if reached is not None:
                    chosen = (rules, category_id, reached)
    if chosen is None:
        price, text = list_price, _("List price")
    else:
        rules, category_id, rule = chosen
        price = _price(rule, list_price)
        text = _explain(book, rules.price_list, category_id, rule, facts.base_unit)
    problem = CASE_MULTIPLE if case and quantity % case != 0 else None
    return LinePrice(facts.pk, quantity, list_price, price, text, case, problem, instance)


def price_lines(
    distributor: Distributor,
    lines: Sequence[tuple[int, Decimal]],
    *,
    on: date,
    book: PriceBook | None = None,
) -> list[LinePrice]:
    """Each (SKU id, quantity in base units) priced for the distributor on `on`, in order
    (`sku` is not loaded: callers that show SKUs read them themselves).

    An unknown or archived SKU comes back with problem `not_found` (its prices zero), one its
    level may not order with `not_allowed`, a quantity off the case with `case_multiple`.
    """
    book = book or price_book(distributor, on=on)
    facts = sku_facts({sku_id for sku_id, _qty in lines})
    result = []
    for sku_id, quantity in lines:
        found = facts.get(sku_id)
        if found is None:
            result.append(LinePrice(sku_id, quantity, Decimal(0), Decimal(0), "", None, NOT_FOUND))
        else:
            result.append(price_sku(book, found, quantity))
    return result
