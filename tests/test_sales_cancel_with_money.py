"""An order with money against it cannot be cancelled until the money is undone: otherwise the
receipt would stay while the order drops out of receivables."""

from __future__ import annotations

import pytest

from saas.core.errors import InvalidInput
from saas.finance.services import receipts
from saas.sales.models import OrderStatus
from saas.sales.services import order_cancel
from tests.fixtures.finance import fresh


def test_a_paid_order_is_cancelled_only_after_its_receipt_is_voided(books):
    order = books.selling.order([(books.shirt, "2")], status="approved")
    receipt = books.pay(books.customer, "50", [(order, "50")])

    with pytest.raises(InvalidInput) as refused:
        order_cancel(actor=books.selling.manager, order=order, reason="客户取消")
    assert refused.value.code == "order_has_money"
    assert fresh(order).status == OrderStatus.PENDING_SHIPMENT

    receipts.receipt_void(actor=books.finance, receipt_id=receipt.pk, note="录错")
    order_cancel(actor=books.selling.manager, order=order, reason="客户取消")
    assert fresh(order).status == OrderStatus.CANCELLED
