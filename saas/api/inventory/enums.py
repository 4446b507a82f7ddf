"""The GraphQL enums of inventory: movement kinds, stock entries, transfers, stocktakes and the
one document shape the stock screens list.

Built from the models' TextChoices (saas/api/choices.py); the document kinds and the entry's
`posted` status belong to the API's `StockDocument` shape, so they are named here, once.
"""

from __future__ import annotations

from saas.api.choices import ChoiceEnum
from saas.inventory import models

TRANSFER, STOCKTAKE, STOCK_ENTRY = "transfer", "stocktake", "stock_entry"
POSTED = "posted"  # a stock entry is posted when it is created


class StockMovementKind(
    ChoiceEnum,
    choices=models.MovementKind,
    describe={
        "receipt": "Goods received from a supplier (采购入库).",
        "shipment": "Goods shipped to a customer (销售出库).",
        "transfer_out": "Left for another warehouse (调拨出库).",
        "transfer_in": "Arrived from another warehouse (调拨入库).",
        "adjustment": "A manual stock entry (其他出入库).",
        "stocktake": "A stocktake difference (盘点).",
        "return_in": "A customer return back in stock (销售退货).",
        "return_out": "Goods returned to a supplier (采购退货).",
        "reserve": "Reserved for an order; on hand unchanged (预留).",
        "release": "A reservation released (释放预留).",
    },
):
    """What moved stock."""


class StockEntryDirection(
    ChoiceEnum,
    choices=models.StockEntryDirection,
    describe={"in": "Into stock (入库).", "out": "Out of stock (出库)."},
):
    """Which way a manual stock entry moves goods."""


class StockEntryReason(
    ChoiceEnum,
    choices=models.StockEntryReason,
    describe={
        "opening": "Opening balance when the workspace starts (期初).",
        "found": "Found goods (盘盈).",
        "gift": "A gift, in or out (赠品).",
        "sample": "Samples (样品).",
        "damaged": "Damaged goods written off (报损).",
        "lost": "Lost goods (丢失).",
        "internal_use": "Used inside the company (内部领用).",
        "other": "Any other reason, in the note.",
    },
):
    """Why a manual stock entry was made."""


class TransferStatus(
    ChoiceEnum,
    choices=models.TransferStatus,
    describe={
        "in_transit": "Left the source warehouse, not yet received (在途).",
        "received": "Received at the destination (已收货).",
        "cancelled": "Cancelled; the goods went back (已取消).",
    },
):
    """Where a transfer between warehouses is."""


class StocktakeStatus(
    ChoiceEnum,
    choices=models.StocktakeStatus,
    describe={
        "counting": "Being counted (盘点中).",
        "approved": "Approved; differences posted (已审核).",
        "cancelled": "Cancelled (已取消).",
    },
):
    """Where a stocktake is."""


class StockDocumentKind(
    ChoiceEnum,
    choices=(TRANSFER, STOCKTAKE, STOCK_ENTRY),
    describe={
        TRANSFER: "A transfer between warehouses (调拨单).",
        STOCKTAKE: "A stocktake (盘点单).",
        STOCK_ENTRY: "A manual stock-in or stock-out (其他出入库单).",
    },
):
    """Which stock document a StockDocument is."""


class StockDocumentStatus(
    ChoiceEnum,
    choices=(*models.TransferStatus, *models.StocktakeStatus, POSTED),
    describe={
        "in_transit": "A transfer on its way.",
        "received": "A transfer received.",
        "cancelled": "A transfer or stocktake cancelled.",
        "counting": "A stocktake being counted.",
        "approved": "A stocktake approved.",
        POSTED: "A stock entry: posted when created.",
    },
):
    """A stock document's status: a transfer's, a stocktake's, or POSTED for a stock entry."""
