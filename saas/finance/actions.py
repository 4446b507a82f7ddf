"""What may be done next to an invoice or a receipt, for `availableActions` (see saas/sales/actions.py)."""

from __future__ import annotations

from enum import StrEnum

from saas.accounts import scopes
from saas.accounts.actors import Actor
from saas.core.transitions import Action, available_actions
from saas.finance.models import Invoice, InvoiceStatus, Receipt, ReceiptKind
from saas.finance.services.invoices import INVOICE_FLOW
from saas.finance.services.receipts import RECEIPT_EVENTS, RECORDED, VOID

S = InvoiceStatus

# Recording money is one scope (require_finance_manager, saas/finance/services/receivables.py).
MONEY = (scopes.FINANCE_MANAGE,)


class InvoiceAction(StrEnum):
    ISSUE = "issue"
    VOID = "void"


INVOICE_ACTIONS = (
    Action(InvoiceAction.ISSUE, MONEY, to=S.ISSUED),
    Action(InvoiceAction.VOID, MONEY, to=S.VOID),
)


def invoice_actions(invoice: Invoice, actor: Actor) -> list[str]:
    return available_actions(INVOICE_FLOW, INVOICE_ACTIONS, str(invoice.status), actor)


class ReceiptAction(StrEnum):
    ALLOCATE = "allocate"
    VOID = "void"


RECEIPT_ACTIONS = (
    Action(ReceiptAction.ALLOCATE, MONEY, during=(RECORDED,)),
    Action(ReceiptAction.VOID, MONEY, to=VOID),
)


def receipt_actions(receipt: Receipt, actor: Actor) -> list[str]:
    """A receipt has no status column: is_void is its status. Only a payment can be allocated."""
    offered = available_actions(RECEIPT_EVENTS, RECEIPT_ACTIONS, VOID if receipt.is_void else RECORDED, actor)
    if receipt.kind != ReceiptKind.PAYMENT:
        offered = [name for name in offered if name != ReceiptAction.ALLOCATE]
    return offered
