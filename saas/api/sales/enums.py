"""The GraphQL enums of sales: order and quotation statuses, delivery methods, the credit policy.

Built from the models' TextChoices (saas/api/choices.py); shipping and reports import them too.
"""

from __future__ import annotations

from saas.api.choices import ChoiceEnum
from saas.sales import models


class SalesOrderStatus(
    ChoiceEnum,
    choices=models.OrderStatus,
    describe={
        "draft": "Being written (草稿); only its rep and managers see it.",
        "pending_review": "Submitted, waiting for a manager's approval (待审核).",
        "approved": "Approved; stock is being reserved.",
        "pending_purchase": "Approved, short of stock: waits for goods to arrive (待采购).",
        "pending_shipment": "Stock reserved, ready to ship (待发货).",
        "partly_shipped": "Some lines or quantities have left the warehouse (部分发货).",
        "pending_signback": "Shipped, waiting for the customer's signed delivery note (待签回).",
        "completed": "Delivered and signed for (已完成).",
        "cancelled": "Cancelled (已取消); its reservations are released.",
    },
):
    """Where a sales order is in its flow."""


class QuotationStatus(
    ChoiceEnum,
    choices=models.QuotationStatus,
    describe={
        "draft": "Being written (草稿).",
        "sent": "Sent to the customer (已发送).",
        "accepted": "The customer accepted it (已接受).",
        "rejected": "The customer turned it down (已拒绝).",
        "converted": "An order was made from it (已转订单).",
        "cancelled": "Withdrawn (已取消).",
    },
):
    """Where a quotation is in its flow."""


class DeliveryMethod(
    ChoiceEnum,
    choices=models.DeliveryMethod,
    describe={
        "express": "By express courier (快递).",
        "logistics": "By freight or logistics company (物流/货运).",
        "delivery": "Our own delivery to the door (送货上门).",
        "pickup": "The customer collects it (自提).",
    },
):
    """How an order's goods reach the customer."""


class CreditPolicy(
    ChoiceEnum,
    choices=models.CreditPolicy,
    describe={
        "off": "Credit limits are not checked.",
        "block": "Submitting an order over the customer's credit limit is refused.",
        "approval": "An order over the limit waits for a manager with orders.credit_override.",
    },
):
    """What happens when an order would take a customer over its credit limit."""
