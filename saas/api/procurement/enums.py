"""The GraphQL enums of procurement: purchase order status, where a supplier return's goods come from.

Built from the models' TextChoices (saas/api/choices.py).
"""

from __future__ import annotations

from saas.api.choices import ChoiceEnum
from saas.procurement import models


class PurchaseOrderStatus(
    ChoiceEnum,
    choices=models.PurchaseOrderStatus,
    describe={
        "draft": "Being written (草稿).",
        "submitted": "Waiting for approval (待审批).",
        "approved": "Approved and sent to the supplier; goods expected (已批准).",
        "partly_received": "Some goods have arrived (部分到货).",
        "received": "Everything ordered has arrived (已到货).",
        "closed": "Closed with goods still outstanding (已关闭).",
        "cancelled": "Cancelled (已取消).",
    },
):
    """Where a purchase order is in its flow."""


class SupplierReturnSource(
    ChoiceEnum,
    choices=models.ReturnSource,
    describe={
        "rejected": "Refused at inspection; never entered stock.",
        "stock": "Taken out of stock; lowers what we owe the supplier.",
    },
):
    """Where the goods of a supplier return line come from."""
