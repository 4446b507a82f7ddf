"""Goods returned from a portal order paid from the wallet: the wallet gets its money back (退货退款到钱包).

When: on `return.received` (the consumer `distribution_wallet_return_refund`). That is when money
is owed back: the goods are in stock again and sales has taken their value off the order
(`returned_amount`), so the order reads as overpaid by it whatever the return's settlement.
Approved is too early (an approved return may still be cancelled, and no event says so);
settled is no moment of its own for a wallet order (a credit return is settled as it is received,
and no event marks a refund return's settlement) — refunding to the wallet *is* its settlement.

How much (the rule, in fen, exact over any number of partial returns):

- Returns take off first what the wallet did not pay — the part of an order revised upwards after
  it was placed, owed on credit — and then what it paid: with P paid from the wallet, U = total − P
  (never below 0) and R the value of the order's returns received so far, the wallet is owed
  W(R) = min(max(R − U, 0), P) in all. A return's refund is W(R up to it) − W(R before it),
  returns taken in the order they were received, so a wallet never gets back more than it paid.
- The refund goes back to the pockets pro rata of how the order was paid: the rebate pocket's share
  of W is ⌊W × rebate paid ÷ P⌋, the rest is cash. Taken cumulatively, so whole returns give back
  exactly the cash and the rebate paid, to the fen.

Finance moves with the wallet, in the same transaction: a refund receipt against the order
(method other, reference WALLET-<return number>) lowers what the order has received, so the
order no longer reads as overpaid and nobody pays the same money back twice; a refund return
waiting in `received` is settled by it (the settle event names the receipt, as finance's own
`return_settle` does, so the receipt cannot be voided under it). When finance refuses the refund
(it already paid the money back another way, or never saw the wallet's payment), neither moves.

Once per return: under the wallet's lock, a refund entry naming the return ends it.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from saas.accounts.actors import System, actor_stamp
from saas.core.clock import tenant_today
from saas.distribution.models import DistributorOrder, PayWith, Wallet, WalletEntry, WalletKind, WalletPocket
from saas.distribution.services.common import WALLET_FINANCE, from_fen, to_fen
from saas.distribution.services.wallet import Posting, wallet_post
from saas.finance.models import PaymentMethod
from saas.finance.services.receipts import refund_to_order
from saas.sales.models import ReturnStatus, SalesOrder, SalesReturn
from saas.sales.services.returns import RETURN_FLOW

BACK_IN = (ReturnStatus.RECEIVED, ReturnStatus.SETTLED)


def owed_to_wallet(returned_fen: int, *, total_fen: int, paid_fen: int) -> int:
    """W(R): what the wallet is owed back in all once goods worth `returned_fen` came back."""
    unpaid = max(total_fen - paid_fen, 0)
    return min(max(returned_fen - unpaid, 0), paid_fen)


def _returned_up_to(sales_return: SalesReturn) -> tuple[int, int]:
    """The value (fen) of the order's returns received before this one, and up to it."""
    rows = SalesReturn.objects.filter(order_id=sales_return.order_id, status__in=BACK_IN).values_list(
        "pk", "received_at", "created_at", "amount"
    )
    key = (sales_return.received_at or sales_return.created_at, sales_return.pk)
    before = sum(
        to_fen(amount) for pk, received, created, amount in rows if ((received or created), pk) < key
    )
    return before, before + to_fen(sales_return.amount)


def wallet_refund_return(*, return_id: int) -> list[WalletEntry]:
    """Give the wallet back what it paid for the received return's goods, once; the entries
    written (none when the order was not paid from the wallet or nothing is owed to it).
    A finance refusal is raised (a DomainError) with nothing written."""
    with transaction.atomic():
        # Locks in the order sales and finance take them: the return, its order, then the wallet.
        sales_return = (
            SalesReturn.objects.select_for_update(of=("self",))
            .filter(pk=return_id, status__in=BACK_IN)
            .first()
        )
        if sales_return is None:
            return []
        placed = DistributorOrder.objects.filter(
            order_id=sales_return.order_id, pay_with=PayWith.WALLET
        ).first()
        paid = placed.cash_fen + placed.rebate_fen if placed is not None else 0
        if placed is None or paid <= 0:
            return []
        order = (
            SalesOrder.objects.select_for_update(of=("self",))
            .select_related("customer")
            .get(pk=sales_return.order_id)
        )
        Wallet.objects.select_for_update().filter(distributor_id=placed.distributor_id).values_list(
            "pk", flat=True
        ).get()
        if WalletEntry.objects.filter(
            order_id=order.pk, kind=WalletKind.REFUND, reference=sales_return.number
        ).exists():
            return []
        before, upto = _returned_up_to(sales_return)
        total = to_fen(order.total_amount)
        owed_before = owed_to_wallet(before, total_fen=total, paid_fen=paid)
        owed_upto = owed_to_wallet(upto, total_fen=total, paid_fen=paid)
        refund = owed_upto - owed_before
        if refund <= 0:
            return []
        rebate = owed_upto * placed.rebate_fen // paid - owed_before * placed.rebate_fen // paid
        receipt = refund_to_order(
            actor=WALLET_FINANCE,
            order=order,
            amount=from_fen(refund),
            method=PaymentMethod.OTHER,
            refunded_on=tenant_today(),
            reference=f"WALLET-{sales_return.number}",
            note=_("Refunded to the distributor's wallet"),
        )
        if sales_return.status == ReturnStatus.RECEIVED:
            RETURN_FLOW.move(
                by=actor_stamp(WALLET_FINANCE),
                document=sales_return,
                to=ReturnStatus.SETTLED,
                note=receipt.number,
            )
        postings = [
            Posting(WalletKind.REFUND, pocket, fen)
            for pocket, fen in ((WalletPocket.CASH, refund - rebate), (WalletPocket.REBATE, rebate))
            if fen
        ]
        return wallet_post(
            actor=System(reason="goods returned"),
            distributor_id=placed.distributor_id,
            postings=postings,
            reference=sales_return.number,
            order=order,
            note=_("Return %(number)s of order %(order)s")
            % {"number": sales_return.number, "order": order.number},
        )
