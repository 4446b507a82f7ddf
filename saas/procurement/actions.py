"""What may be done next to a purchase order, for `availableActions` (see saas/sales/actions.py)."""

from __future__ import annotations

from enum import StrEnum

from saas.accounts import scopes
from saas.accounts.actors import Actor
from saas.core.transitions import Action, available_actions
from saas.procurement.models import PurchaseOrder, PurchaseOrderStatus
from saas.procurement.services.orders import PO_FLOW

S = PurchaseOrderStatus


class PurchaseOrderAction(StrEnum):
    EDIT = "edit"
    SUBMIT = "submit"
    APPROVE = "approve"
    REOPEN = "reopen"
    CANCEL = "cancel"
    RECEIVE = "receive"
    CLOSE = "close"


PURCHASE_ORDER_ACTIONS = (
    Action(PurchaseOrderAction.EDIT, (scopes.PURCHASING_MANAGE,), during=(S.DRAFT,)),
    Action(PurchaseOrderAction.SUBMIT, (scopes.PURCHASING_MANAGE,), to=S.SUBMITTED),
    Action(PurchaseOrderAction.APPROVE, (scopes.PURCHASING_MANAGE,), to=S.APPROVED),
    Action(PurchaseOrderAction.REOPEN, (scopes.PURCHASING_MANAGE,), during=(S.SUBMITTED,)),
    Action(PurchaseOrderAction.CANCEL, (scopes.PURCHASING_MANAGE,), to=S.CANCELLED),
    Action(
        PurchaseOrderAction.RECEIVE,
        (scopes.PURCHASING_MANAGE, scopes.INVENTORY_MANAGE),
        during=(S.APPROVED, S.PARTLY_RECEIVED),
    ),
    Action(PurchaseOrderAction.CLOSE, (scopes.PURCHASING_MANAGE,), to=S.CLOSED),
)


def purchase_order_actions(order: PurchaseOrder, actor: Actor) -> list[str]:
    return available_actions(PO_FLOW, PURCHASE_ORDER_ACTIONS, str(order.status), actor)
