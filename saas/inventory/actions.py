"""What may be done next to a transfer or a stocktake, for `availableActions` (see saas/sales/actions.py)."""

from __future__ import annotations

from enum import StrEnum

from saas.accounts import scopes
from saas.accounts.actors import Actor
from saas.core.transitions import Action, available_actions
from saas.inventory.models import StocktakeStatus, TransferStatus
from saas.inventory.services.stocktakes import STOCKTAKE_FLOW
from saas.inventory.services.transfers import TRANSFER_FLOW

# Every stock document is the inventory manager's (require_inventory_manager, services/common.py).
STOCK = (scopes.INVENTORY_MANAGE,)


class StockDocumentAction(StrEnum):
    RECEIVE = "receive"
    COUNT = "count"
    APPROVE = "approve"
    CANCEL = "cancel"


TRANSFER_ACTIONS = (
    Action(StockDocumentAction.RECEIVE, STOCK, to=TransferStatus.RECEIVED),
    Action(StockDocumentAction.CANCEL, STOCK, to=TransferStatus.CANCELLED),
)

STOCKTAKE_ACTIONS = (
    Action(StockDocumentAction.COUNT, STOCK, during=(StocktakeStatus.COUNTING,)),
    Action(StockDocumentAction.APPROVE, STOCK, to=StocktakeStatus.APPROVED),
    Action(StockDocumentAction.CANCEL, STOCK, to=StocktakeStatus.CANCELLED),
)


def transfer_actions(status: str, actor: Actor) -> list[str]:
    return available_actions(TRANSFER_FLOW, TRANSFER_ACTIONS, status, actor)


def stocktake_actions(status: str, actor: Actor) -> list[str]:
    return available_actions(STOCKTAKE_FLOW, STOCKTAKE_ACTIONS, status, actor)
