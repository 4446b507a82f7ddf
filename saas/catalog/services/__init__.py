"""The only code that changes the catalog: categories, products and SKUs, pack units, images.

Keyword-only, actor first, one transaction each; errors are typed with stable codes
(saas.core.errors). Import from here; the submodules are an implementation detail.
"""

from __future__ import annotations

from saas.catalog.services.categories import (
    category_create,
    category_delete,
    category_starter_apply,
    category_update,
)
from saas.catalog.services.images import product_image_add, product_image_delete
from saas.catalog.services.products import (
    ProductCreated,
    product_archive,
    product_create,
    product_restore,
    product_update,
)
from saas.catalog.services.skus import pack_unit_set, sku_update

__all__ = [
    "ProductCreated",
    "category_create",
    "category_delete",
    "category_starter_apply",
    "category_update",
    "pack_unit_set",
    "product_archive",
    "product_create",
    "product_image_add",
    "product_image_delete",
    "product_restore",
    "product_update",
    "sku_update",
]
