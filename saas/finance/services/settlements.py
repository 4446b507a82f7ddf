"""Settling a customer return in money (退货结算): the finance side of a return.

The goods side (request, approval, receiving back into stock) is sales' (sales.services.returns);
receiving already credits the order and settles a credit return. A refund return waits in
`received` until finance pays the money back here, as a refund receipt against the order.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp
from saas.core.errors import InvalidInput
from saas.finance.models import Receipt
from saas.finance.services.receipts import MoneyDetails, clean_money_details, refund_to_order
from saas.finance.services.receivables import require_finance_manager
from saas.sales.models import ReturnStatus, SalesOrder, SalesReturn, Settlement
from saas.sales.services.returns import RETURN_FLOW, locked_return


@transaction.atomic
def return_settle(
    *, actor: Actor, return_id: Any, settlement: str | None = None, details: MoneyDetails | None = None
) -> tuple[SalesReturn, Receipt | None]:
    """Settle a received return: pay a refund (a refund receipt against the order), or take it
    as credit on the order (already applied when the goods came back)."""
    require_finance_manager(actor)
    method, refunded_on, reference, note = clean_money_details(details or MoneyDetails(), "refundedOn")
    if settlement is not None and settlement not in Settlement.values:
        raise InvalidInput(_("Choose refund or credit."), code="settlement_invalid", field="settlement")
    sales_return = locked_return(actor, return_id)
    if not RETURN_FLOW.can_move(sales_return.status, ReturnStatus.SETTLED):
        # raises transition_invalid
        RETURN_FLOW.move(by=actor_stamp(actor), document=sales_return, to=ReturnStatus.SETTLED)
    if settlement is not None and settlement != sales_return.settlement:
        sales_return.settlement = settlement
        sales_return.save(update_fields=["settlement"])
    refund = None
    if sales_return.settlement == Settlement.REFUND:
        order = (
            SalesOrder.objects.select_for_update().select_related("customer").get(pk=sales_return.order_id)
        )
        refund = refund_to_order(
            actor=actor,
            order=order,
            amount=sales_return.amount,
            method=method,
            refunded_on=refunded_on,
            reference=reference,
            note=note or sales_return.number,
        )
    # The settle event names the refund receipt: that is how a refund knows it settles a return.
    RETURN_FLOW.move(
        by=actor_stamp(actor),
        document=sales_return,
        to=ReturnStatus.SETTLED,
        note=refund.number if refund else note,
    )
    return sales_return, refund
