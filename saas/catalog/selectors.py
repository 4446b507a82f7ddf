"""Reads of the catalog for a user: what they may see, searched and prefetched.

Every signed-in active user reads active products and SKUs (sales need the catalog to sell);
archived ones only with catalog.manage; cost prices only with cost.view. No actor, no rows.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.actors import Actor, require_actor
from saas.catalog.models import SKU, Category, Product, ProductImage, Status
from saas.catalog.search_text import search_terms
from saas.core.errors import NotFound
from saas.core.sorting import sorted_by

MAX_BARCODE = 32


def can_manage(actor: Actor) -> bool:
    return require_actor(actor).has_scope(scopes.CATALOG_MANAGE)


def can_view_cost(actor: Actor) -> bool:
    """Sales roles see list prices and availability, not what the goods cost."""
    return require_actor(actor).has_scope(scopes.COST_VIEW)


def category_list(*, actor: Actor) -> QuerySet[Category]:
    require_actor(actor)
    return Category.objects.order_by("sort_order", "id")


def _visible_products(user: Actor) -> QuerySet[Product]:
    products = Product.objects.all()
    return products if can_manage(user) else products.filter(status=Status.ACTIVE)


def _visible_skus(user: Actor) -> QuerySet[SKU]:
    skus = SKU.objects.all()
    if can_manage(user):
        return skus
    return skus.filter(status=Status.ACTIVE, product__status=Status.ACTIVE)


def _matching(text_field: str, search: str) -> Q:
    condition = Q(pk__in=[])
    for term in search_terms(search):
        condition |= Q(**{f"{text_field}__contains": term})
    return condition


def _category_and_descendants(category_id: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for child, parent in Category.objects.values_list("id", "parent_id"):
        if parent is not None:
            children.setdefault(parent, []).append(child)
    found, level = [category_id], [category_id]
    while level:
        level = [child for node in level for child in children.get(node, []) if child not in found]
        found.extend(level)
    return found


# The columns the product list may be sorted on (the desktop table's headers), by API name.
PRODUCT_SORTS = {
    "code": "code",
    "name": "name",
    "brand": "brand",
    "category": "category__name",
    "created_at": "created_at",
}


def product_list(
    *,
    actor: Actor,
    search: str = "",
    category_id: int | None = None,
    status: str | None = None,
    sort: str | None = None,
    descending: bool = False,
) -> QuerySet[Product]:
    """Products the actor may see, newest first (or by a column of PRODUCT_SORTS), with SKUs,
    pack units and images prefetched.

    `search` matches names, codes and brands (also as pinyin and pinyin initials), spec values
    and SKU codes (all kept in search_text by the services), and a SKU barcode exactly.
    """
    user = require_actor(actor)
    products = _visible_products(user)
    if status is not None:
        products = products.filter(status=status)
    if category_id is not None:
        products = products.filter(category_id__in=_category_and_descendants(category_id))
    if search.strip():
        # The barcode look-up runs first, so the search is one OR of index conditions on
        # products (trigram + primary key) rather than a per-row subquery.
        barcode_matches = list(
            _visible_skus(user)
            .filter(barcode=search.strip()[:MAX_BARCODE])
            .values_list("product_id", flat=True)
        )
        products = products.filter(_matching("search_text", search) | Q(pk__in=barcode_matches))
    ordered = (
        products.order_by("-id")
        if sort is None
        else sorted_by(products, columns=PRODUCT_SORTS, key=sort, descending=descending)
    )
    return ordered.prefetch_related(
        Prefetch("skus", queryset=_visible_skus(user).order_by("id"), to_attr="visible_skus"),
        "pack_units",
        "images",
    )


def product_get(*, actor: Actor, product_id: int) -> Product:
    try:
        return product_list(actor=actor).get(pk=product_id)
    except Product.DoesNotExist as exc:
        raise NotFound(_("Product not found.")) from exc


def sku_list(
    *, actor: Actor, search: str = "", product_id: int | None = None, status: str | None = None
) -> QuerySet[SKU]:
    user = require_actor(actor)
    skus = _visible_skus(user).select_related("product")
    if product_id is not None:
        skus = skus.filter(product_id=product_id)
    if status is not None:
        skus = skus.filter(status=status)
    if search.strip():
        skus = skus.filter(_matching("search_text", search) | Q(barcode=search.strip()[:MAX_BARCODE]))
    return skus.order_by("product_id", "id")


def sku_by_barcode(*, actor: Actor, barcode: str) -> SKU | None:
    """The SKU a scanner read, or None: an unknown barcode is an answer, not an error."""
    code = (barcode or "").strip()
    if not code or len(code) > MAX_BARCODE:
        return None
    return sku_list(actor=actor).filter(barcode=code).first()


def product_image_get(*, actor: Actor, image_id: int) -> ProductImage:
    """An image of a product the actor may see; otherwise not found (the same for every tenant)."""
    user = require_actor(actor)
    try:
        return ProductImage.objects.filter(product__in=_visible_products(user)).get(pk=image_id)
    except ProductImage.DoesNotExist as exc:
        raise NotFound(_("Image not found.")) from exc
