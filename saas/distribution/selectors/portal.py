"""Reads of the portal: what a distributor's person sees — its own distributor, its catalogue at
its prices and the categories its level may see, a priced cart, its own orders with their
shipments. Everything starts from `portal_membership(actor)`,
which refuses anyone who is not a member of a distributor (`not_a_distributor`), so no filter
or id can reach another distributor's rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.catalog.models import SKU, Category, Product, Status
from saas.catalog.search_text import search_terms
from saas.core.clock import tenant_today
from saas.core.errors import Forbidden, NotFound
from saas.core.ids import parse_id
from saas.core.paging import check_page
from saas.distribution.access import portal_membership
from saas.distribution.lines import OrderLineInput, clean_order_lines
from saas.distribution.models import Distributor, DistributorOrder, LevelCatalogEntry
from saas.distribution.pricing import LinePrice, price_book, price_lines, price_sku
from saas.inventory.availability import AvailabilityBand, availability_list
from saas.sales.models import SalesOrderLine
from saas.shipping.models import Shipment, ShipmentStatus

MAX_CART_LINES = 1000
MAX_BARCODE = 32


def my_distributor(*, actor: Actor) -> Distributor:
    """The caller's own distributor, with its level, customer and wallet."""
    _user, distributor = portal_membership(actor)
    return Distributor.objects.select_related("customer", "level", "wallet").get(pk=distributor.pk)


@dataclass(frozen=True)
class CatalogItem:
    price: LinePrice  # at one base unit
    availability: AvailabilityBand | None  # None: the workspace shows distributors nothing


@dataclass(frozen=True)
class CatalogPage:
    total_count: int
    items: list[CatalogItem]


def _bands(actor: Actor, skus: Sequence[SKU]) -> dict[int, AvailabilityBand | None]:
    try:
        bands = availability_list(actor=actor, product_ids=sorted({sku.product_id for sku in skus}))
    except Forbidden:  # a role without even the availability scope sees no stock at all
        return {}
    return {sku_id: band for _product_band, per_sku in bands.values() for sku_id, band in per_sku.items()}


def distributor_catalog(
    *, actor: Actor, search: str = "", category_id: Any = None, limit: int = 20, offset: int = 0
) -> CatalogPage:
    """The SKUs the caller's level may order (active ones), at its prices for one base unit, in
    product order; `search` as the catalogue's (names, codes, pinyin, spec values, a barcode),
    `category_id` with its subcategories. A fixed number of queries per page."""
    user, distributor = portal_membership(actor)
    check_page(limit, offset)
    book = price_book(distributor, on=tenant_today())
    skus = SKU.objects.filter(status=Status.ACTIVE, product__status=Status.ACTIVE).filter(
        book.allowed_sku_filter()
    )
    if category_id not in (None, ""):
        pk = parse_id(category_id)
        if pk is None or pk not in book.parents:
            raise NotFound(_("Category not found."), field="category_id")
        inside = [node for node in book.parents if pk in book.category_chain(node)]
        skus = skus.filter(product__category_id__in=inside)
    search = (search or "").strip()
    if search:
        condition = Q(barcode=search[:MAX_BARCODE])
        for term in search_terms(search):
            condition |= Q(search_text__contains=term)
        skus = skus.filter(condition)
    total = skus.count()
    page = list(skus.select_related("product").order_by("product_id", "id")[offset : offset + limit])
    bands = _bands(user, page)
    return CatalogPage(
        total_count=total,
        items=[
            CatalogItem(price=price_sku(book, sku, Decimal(1)), availability=bands.get(sku.pk))
            for sku in page
        ],
    )


@dataclass(frozen=True)
class PortalCategory:
    pk: int
    name: str
    parent_id: int | None
    path: list[str]  # names from the top level down, ancestors the level may not see included


def distributor_categories(*, actor: Actor) -> list[PortalCategory]:
    """The categories the caller's level may see, in tree order: those of its catalogue entries
    with their subcategories, and the category of each product it may see on its own (a level
    without entries sees every category). Three queries."""
    _user, distributor = portal_membership(actor)
    rows = list(Category.objects.order_by("sort_order", "id").values_list("id", "parent_id", "name"))
    parents = {pk: parent for pk, parent, _name in rows}
    names = {pk: name for pk, _parent, name in rows}

    def chain(pk: int) -> list[int]:
        found: list[int] = []
        node: int | None = pk
        while node is not None and node not in found:  # cycle-safe, as pricing's walk
            found.append(node)
            node = parents.get(node)
        return found

    entries = list(
        LevelCatalogEntry.objects.filter(level_id=distributor.level_id).values_list(
            "category_id", "product_id"
        )
    )
    if entries:
        allowed = {category for category, _product in entries if category is not None}
        products = [product for _category, product in entries if product is not None]
        visible = {pk for pk in parents if allowed.intersection(chain(pk))}
        if products:
            visible.update(
                Product.objects.filter(pk__in=products, status=Status.ACTIVE, category__isnull=False)
                .values_list("category_id", flat=True)
                .distinct()
            )
    else:
        visible = set(parents)
    children: dict[int | None, list[int]] = {}
    for pk, parent, _name in rows:
        children.setdefault(parent, []).append(pk)
    ordered: list[PortalCategory] = []
    seen: set[int] = set()
    stack = list(reversed(children.get(None, [])))
    while stack:
        pk = stack.pop()
        if pk in seen:
            continue
        seen.add(pk)
        if pk in visible:
            path = [names[node] for node in reversed(chain(pk))]
            ordered.append(PortalCategory(pk=pk, name=names[pk], parent_id=parents[pk], path=path))
        stack.extend(reversed(children.get(pk, [])))
    return ordered


@dataclass
class PricedCart:
    lines: list[LinePrice]
    _skus: dict[int, SKU] | None = None

    def sku(self, pk: int) -> SKU | None:
        """A line's SKU with its product: all of the cart's are read in one query, the first
        time one is asked for (pricing itself reads plain values only)."""
        if self._skus is None:
            self._skus = SKU.objects.select_related("product").in_bulk({line.sku_id for line in self.lines})
        return self._skus.get(pk)


def cart_price(*, actor: Actor, lines: Sequence[OrderLineInput]) -> PricedCart:
    """A cart of up to MAX_CART_LINES lines priced as an order placed today would be, each with
    its problem (not allowed, off the case) instead of refusing the cart."""
    _user, distributor = portal_membership(actor)
    pairs = clean_order_lines(lines, max_lines=MAX_CART_LINES)
    return PricedCart(lines=price_lines(distributor, pairs, on=tenant_today()))


SHIPMENTS_SHOWN = (ShipmentStatus.SHIPPED, ShipmentStatus.SIGNED)


def my_orders(*, actor: Actor) -> QuerySet[DistributorOrder]:
    """The caller's distributor's portal orders, newest first, with their lines and the
    shipments that have left (shipped or signed for, oldest first) as `order.portal_shipments`:
    a package still being packed may yet change or be cancelled."""
    _user, distributor = portal_membership(actor)
    lines = SalesOrderLine.objects.select_related("sku").order_by("line_no")
    shipments = (
        Shipment.objects.filter(status__in=SHIPMENTS_SHOWN)
        .select_related("carrier")
        .order_by("shipped_at", "id")
    )
    return (
        DistributorOrder.objects.filter(distributor=distributor)
        .select_related("order")
        .prefetch_related(
            Prefetch("order__lines", queryset=lines),
            Prefetch("order__shipments", queryset=shipments, to_attr="portal_shipments"),
        )
        .order_by("-id")
    )


def my_order(*, actor: Actor, order_id: Any) -> DistributorOrder:
    """One of the caller's distributor's orders by its sales order id; another's is not found."""
    pk = parse_id(order_id)
    found = my_orders(actor=actor).filter(order_id=pk).first() if pk is not None else None
    if found is None:
        raise NotFound(_("Sales order not found."), field="id")
    return found
