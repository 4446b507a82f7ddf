"""The workspace's catalogue index, built once per catalogue version and kept in process memory.

The version is read in one query on every parse: row counts and the latest `updated_at` of
products and SKUs (the catalog services move `updated_at` on every change a row shows: names,
specs, status, codes, barcodes, and a product's pack units through the product, saas/core/sync),
the pack units' count and last id, and the aliases' count and last `updated_at` (a pick moves
it). A change anywhere gives a new version, and the next parse builds a new index; nothing has
to remember to invalidate it.

The cache is per process and keyed by the schema, so one workspace's index never serves another;
it keeps the indexes of the last `MAX_WORKSPACES` workspaces that parsed. An automaton is a
Python object: Redis would cost its unpickling on every request, which is most of a build.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from decimal import Decimal

from django.db import connection

from saas.catalog.models import SKU, PackUnit, Product, Status
from saas.messaging.alias_models import ProductAlias
from saas.messaging.order_text.catalogue import (
    AliasFacts,
    CatalogueFacts,
    CatalogueIndex,
    PackFacts,
    ProductFacts,
    SkuFacts,
    build_index,
)

MAX_WORKSPACES = 32

_lock = threading.Lock()
_indexes: OrderedDict[str, tuple[Hashable, CatalogueIndex]] = OrderedDict()


_VERSION_SQL = (
    "SELECT (SELECT count(*) FROM {product}), (SELECT max(updated_at) FROM {product}),"
    " (SELECT count(*) FROM {sku}), (SELECT max(updated_at) FROM {sku}),"
    " (SELECT count(*) FROM {pack}), (SELECT max(id) FROM {pack}),"
    " (SELECT count(*) FROM {alias}), (SELECT max(updated_at) FROM {alias})"
)


def catalogue_version() -> Hashable:
    tables = {
        "product": Product._meta.db_table,
        "sku": SKU._meta.db_table,
        "pack": PackUnit._meta.db_table,
        "alias": ProductAlias._meta.db_table,
    }
    sql = _VERSION_SQL.format(**tables)  # noqa: S608  (table names from the models, never input)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return tuple(row) if row else ()


def catalogue_facts() -> CatalogueFacts:
    """Active products and SKUs, pack units and aliases, as plain values (four queries)."""
    products = tuple(
        ProductFacts(pk, code, name, brand, base_unit, tuple(spec_names or ()), category_id)
        for pk, code, name, brand, base_unit, spec_names, category_id in Product.objects.filter(
            status=Status.ACTIVE
        ).values_list("id", "code", "name", "brand", "base_unit", "spec_names", "category_id")
    )
    order = {product.pk: product.spec_names for product in products}
    skus = []
    for pk, code, barcode, product_id, spec_values in SKU.objects.filter(
        status=Status.ACTIVE, product__status=Status.ACTIVE
    ).values_list("id", "code", "barcode", "product_id", "spec_values"):
        values = dict(spec_values or {})
        names = [name for name in order.get(product_id, ()) if name in values]
        names += [name for name in values if name not in names]
        specs = tuple((str(name), str(values[name])) for name in names)
        skus.append(SkuFacts(pk, code, barcode, product_id, specs))
    packs = tuple(
        PackFacts(pk, product_id, name, Decimal(factor))
        for pk, product_id, name, factor in PackUnit.objects.values_list("id", "product_id", "name", "factor")
    )
    aliases = tuple(
        AliasFacts(text, sku_id, times_used, distributor_id)
        for text, sku_id, times_used, distributor_id in ProductAlias.objects.values_list(
            "text", "sku_id", "times_used", "distributor_id"
        )
    )
    return CatalogueFacts(products=products, skus=tuple(skus), packs=packs, aliases=aliases)


def workspace_index() -> CatalogueIndex:
    """The current workspace's index: the cached one while the catalogue is unchanged."""
    schema = connection.schema_name  # type: ignore[attr-defined]
    version = catalogue_version()
    with _lock:
        cached = _indexes.get(schema)
        if cached is not None and cached[0] == version:
            _indexes.move_to_end(schema)
            return cached[1]
    index = build_index(catalogue_facts())
    with _lock:
        _indexes[schema] = (version, index)
        _indexes.move_to_end(schema)
        while len(_indexes) > MAX_WORKSPACES:
            _indexes.popitem(last=False)
    return index


def forget_all() -> None:
    """Drops every cached index (tests, and a process that wants its memory back)."""
    with _lock:
        _indexes.clear()
