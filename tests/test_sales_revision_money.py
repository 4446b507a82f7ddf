"""An approved order's edit respects the money around it: it cannot drop below what was received
or invoiced, and a raise is weighed against the customer's credit limit like a new order."""

from __future__ import annotations

from decimal import Decimal

import pytest

from saas.core.errors import Forbidden, InvalidInput
from saas.customers.models import Customer
from saas.sales import services
from saas.sales.models import CreditPolicy
from saas.sales.services.lines import LineInput
from tests.fixtures.finance import fresh
from tests.fixtures.sales import sales_settings_set


def _set_quantity(actor, order, quantity: str):
    line = order.lines.get()
    return services.order_update(
        actor=actor, order=order, lines=[LineInput(line.sku_id, quantity, line_id=line.pk)], note="改数量"
    )


def test_an_edit_cannot_drop_below_what_was_received(books):
    order = books.selling.order([(books.shirt, "4")], status="approved")  # 236.00
    books.pay(books.customer, "200", [(order, "200")])
    with pytest.raises(InvalidInput) as refused:
        _set_quantity(books.selling.rep, fresh(order), "2")  # 118.00 < 200 received
    assert refused.value.code == "total_below_paid"
    assert fresh(order).lines.get().quantity == 4 and fresh(order).revision == 0
    assert _set_quantity(books.selling.rep, fresh(order), "5").total_amount == Decimal("295.00")


@pytest.mark.parametrize(
    ("policy", "actor", "outcome"),
    [
        (CreditPolicy.BLOCK, "manager", "credit_limit_exceeded"),
        (CreditPolicy.APPROVAL, "sales", "credit_override_required"),
        (CreditPolicy.APPROVAL, "manager", None),
        (CreditPolicy.OFF, "sales", None),
    ],
)
def test_raising_an_approved_order_is_weighed_against_the_credit_limit(selling, policy, actor, outcome):
    order = selling.order([(selling.shirt, "1")], status="approved")  # 59.00
    Customer.objects.filter(pk=order.customer_id).update(credit_limit=Decimal("100"))
    sales_settings_set(credit_policy=policy)
    user = selling.rep if actor == "sales" else selling.manager
    if outcome is None:
        assert _set_quantity(user, order, "3").total_amount == Decimal("177.00")
        return
    with pytest.raises((InvalidInput, Forbidden)) as refused:
        _set_quantity(user, order, "3")
    assert refused.value.code == outcome
    assert fresh(order).total_amount == Decimal("59.00") and fresh(order).revision == 0
