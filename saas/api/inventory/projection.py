"""The shapes of warehouses and stock levels as the lists' plain rows carry them
(saas/api/projection.py): the stockLevels list."""

from __future__ import annotations

from saas.api.catalog.projection import SKU_ROWS
from saas.api.inventory.types import StockLevelType, WarehouseType
from saas.api.projection import One, Shape, columns
from saas.inventory.models import StockLevel

# bins are read through the model path.
WAREHOUSE = Shape(WarehouseType, columns("code", "name", "address", "is_active"))
STOCK_LEVEL_ROWS = Shape(
    StockLevelType,
    {
        **columns("on_hand", "reserved", "available", "in_transit", "min_qty", "max_qty", "reorder_point"),
        **columns("updated_at", "avg_cost"),
        "isLow": ("available", "reorder_point", "min_qty"),
    },
    one={"sku": One("sku", SKU_ROWS), "warehouse": One("warehouse", WAREHOUSE)},
    always=("updated_at",),
    methods={"low_threshold": StockLevel.low_threshold},
)
