"""What may be done next to a sales order, a quotation or a return, for `availableActions`.

Computed from each document's transition table (saas/sales/services) and the caller's scopes, so
clients stop re-implementing the flow: a button is shown when its action is listed. The services
still check everything else (money against an order, quantities left to ship or return).
"""

from __future__ import annotations

from enum import StrEnum

from saas.accounts import scopes
from saas.accounts.actors import Actor
from saas.core.transitions import Action, available_actions
from saas.sales.models import OrderStatus, Quotation, QuotationStatus, ReturnStatus, SalesOrder, SalesReturn
from saas.sales.services.quotations import QUOTATION_FLOW
from saas.sales.services.returns import RETURN_FLOW
from saas.sales.services.workflow import ORDER_FLOW

S = OrderStatus


class OrderAction(StrEnum):
    EDIT = "edit"
    SUBMIT = "submit"
    APPROVE = "approve"
    REJECT = "reject"
    CANCEL = "cancel"
    RETRY_RESERVATION = "retry_reservation"
    SHIP = "ship"
    SIGN_BACK = "sign_back"
    ADD_EXPENSE = "add_expense"
    RECORD_RECEIPT = "record_receipt"
    REQUEST_RETURN = "request_return"


_REVISABLE = (S.PENDING_PURCHASE, S.PENDING_SHIPMENT, S.PARTLY_SHIPPED)
_SOLD = (
    S.APPROVED,
    S.PENDING_PURCHASE,
    S.PENDING_SHIPMENT,
    S.PARTLY_SHIPPED,
    S.PENDING_SIGNBACK,
    S.COMPLETED,
)

ORDER_ACTIONS = (
    # Changed freely before approval; afterwards the unshipped lines as a revision.
    Action(OrderAction.EDIT, (scopes.ORDERS_EDIT,), during=(S.DRAFT, S.PENDING_REVIEW, *_REVISABLE)),
    Action(OrderAction.SUBMIT, (scopes.ORDERS_EDIT,), to=S.PENDING_REVIEW),
    Action(OrderAction.APPROVE, (scopes.ORDERS_REVIEW,), to=S.APPROVED),
    Action(OrderAction.REJECT, (scopes.ORDERS_REVIEW,), during=(S.PENDING_REVIEW,)),
    Action(OrderAction.CANCEL, (scopes.ORDERS_EDIT, scopes.ORDERS_REVIEW), to=S.CANCELLED),
    Action(
        OrderAction.RETRY_RESERVATION,
        (scopes.ORDERS_EDIT, scopes.ORDERS_REVIEW),
        during=(S.PENDING_PURCHASE,),
    ),
    # Goods go out only once all are reserved (saas.shipping.services.shipments.SHIPPABLE_ORDERS).
    Action(OrderAction.SHIP, (scopes.SHIPPING_MANAGE,), during=(S.PENDING_SHIPMENT, S.PARTLY_SHIPPED)),
    Action(OrderAction.SIGN_BACK, (scopes.SHIPPING_MANAGE, scopes.ORDERS_EDIT), during=(S.PENDING_SIGNBACK,)),
    Action(
        OrderAction.ADD_EXPENSE,
        (scopes.ORDERS_EDIT, scopes.FINANCE_MANAGE),
        during=tuple(s for s in S if s != S.CANCELLED),
    ),
    Action(OrderAction.RECORD_RECEIPT, (scopes.FINANCE_MANAGE,), during=_SOLD),
    Action(
        OrderAction.REQUEST_RETURN,
        (scopes.ORDERS_EDIT,),
        during=(S.PARTLY_SHIPPED, S.PENDING_SIGNBACK, S.COMPLETED),
    ),
)


def order_actions(order: SalesOrder, actor: Actor) -> list[str]:
    return available_actions(ORDER_FLOW, ORDER_ACTIONS, str(order.status), actor)


Q = QuotationStatus


class QuotationAction(StrEnum):
    EDIT = "edit"
    SEND = "send"
    ACCEPT = "accept"
    REJECT = "reject"
    CONVERT = "convert"
    CANCEL = "cancel"


QUOTATION_ACTIONS = (
    Action(QuotationAction.EDIT, (scopes.ORDERS_EDIT,), during=(Q.DRAFT,)),
    Action(QuotationAction.SEND, (scopes.ORDERS_EDIT,), to=Q.SENT),
    Action(QuotationAction.ACCEPT, (scopes.ORDERS_EDIT,), to=Q.ACCEPTED),
    Action(QuotationAction.REJECT, (scopes.ORDERS_EDIT,), to=Q.REJECTED),
    Action(QuotationAction.CONVERT, (scopes.ORDERS_EDIT,), to=Q.CONVERTED),
    Action(QuotationAction.CANCEL, (scopes.ORDERS_EDIT,), to=Q.CANCELLED),
)


def quotation_actions(quotation: Quotation, actor: Actor) -> list[str]:
    return available_actions(QUOTATION_FLOW, QUOTATION_ACTIONS, str(quotation.status), actor)


R = ReturnStatus


class ReturnAction(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"
    CANCEL = "cancel"
    RECEIVE = "receive"


RETURN_ACTIONS = (
    Action(ReturnAction.APPROVE, (scopes.ORDERS_REVIEW,), to=R.APPROVED),
    Action(ReturnAction.REJECT, (scopes.ORDERS_REVIEW,), to=R.REJECTED),
    Action(ReturnAction.CANCEL, (scopes.ORDERS_EDIT, scopes.ORDERS_REVIEW), to=R.CANCELLED),
    Action(ReturnAction.RECEIVE, (scopes.INVENTORY_MANAGE,), to=R.RECEIVED),
)


def return_actions(sales_return: SalesReturn, actor: Actor) -> list[str]:
    return available_actions(RETURN_FLOW, RETURN_ACTIONS, str(sales_return.status), actor)
