"""What may be done next to a shipment, for `availableActions` (see saas/sales/actions.py)."""

from __future__ import annotations

from enum import StrEnum

from saas.accounts import scopes
from saas.accounts.actors import Actor
from saas.core.transitions import Action, available_actions
from saas.shipping.models import ShipmentStatus
from saas.shipping.services.shipments import SHIPMENT_FLOW

S = ShipmentStatus


class ShipmentAction(StrEnum):
    SHIP = "ship"
    CANCEL = "cancel"
    UPDATE_TRACKING = "update_tracking"
    SIGN_BACK = "sign_back"


# The scopes are those of require_shipper and require_signback_recorder (saas/shipping/access.py).
SHIPMENT_ACTIONS = (
    Action(ShipmentAction.SHIP, (scopes.SHIPPING_MANAGE,), to=S.SHIPPED),
    Action(ShipmentAction.CANCEL, (scopes.SHIPPING_MANAGE,), to=S.CANCELLED),
    Action(ShipmentAction.UPDATE_TRACKING, (scopes.SHIPPING_MANAGE,), during=(S.PACKING, S.SHIPPED)),
    Action(ShipmentAction.SIGN_BACK, (scopes.SHIPPING_MANAGE, scopes.ORDERS_EDIT), to=S.SIGNED),
)


def shipment_actions(status: str, actor: Actor) -> list[str]:
    """By status: the API's shipment is a view built from the row, which keeps only its status."""
    return available_actions(SHIPMENT_FLOW, SHIPMENT_ACTIONS, status, actor)
