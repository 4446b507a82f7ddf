"""The shapes of products and SKUs as the lists' plain rows carry them (saas/api/projection.py):
the products and skus lists, and the SKU of every stock level."""

from __future__ import annotations

from saas.api.catalog.types import ProductType, SkuType
from saas.api.projection import Many, One, Shape, columns
from saas.catalog.models import SKU

SPEC_ORDER = ("spec_values", "product__spec_names")
PRODUCT_FIELDS = {
    **columns("code", "name", "brand", "description", "base_unit", "spec_names", "status"),
    **columns("created_at", "updated_at", "category_id"),
    "specs": ("spec_options", "spec_names"),
    # The category resolves from the request's category index by this id.
    "category": ("category_id",),
}
# A SKU's product, without its SKUs (those come with the products list).
SKU_PRODUCT = Shape(ProductType, PRODUCT_FIELDS)
SKU_ROWS = Shape(
    SkuType,
    {
        **columns("code", "barcode", "list_price", "created_at", "updated_at", "status", "cost_price"),
        **columns("product_id"),
        "specValues": SPEC_ORDER,
        "specLabel": SPEC_ORDER,
        "name": ("product__name",),
        "baseUnit": ("product__base_unit",),
        "productCode": ("product__code",),
    },
    one={"product": One("product", SKU_PRODUCT)},
    always=("updated_at",),
)
# pack units and images are read through the model path.
PRODUCT_ROWS = Shape(
    ProductType,
    PRODUCT_FIELDS,
    many={"skus": Many("visible_skus", SKU, "product_id", SKU_ROWS)},
    always=("updated_at",),
)
