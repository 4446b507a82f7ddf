"""Consumers of sales events for portal orders paid from a wallet (registered in apps.py).

- `distribution_wallet_receipt` (sales_order.approved): the wallet already paid the order, so
  finance records it paid too — one receipt (method other, reference WALLET-<order number>)
  allocated to the order. Receivables, statements and the credit check then see the order as
  paid, not owed. Until the job runs the order reads as owed: the credit check errs on the
  safe side.
- `distribution_wallet_refund` (sales_order.cancelled): what the wallet paid goes back to it,
  cash and rebate as they were paid, once. An approved order's receipt must be voided before
  the order can be cancelled (sales refuses to cancel an order with money against it), so the
  money leaves finance before it returns to the wallet.
- `distribution_wallet_return_refund` (return.received): goods of such an order came back, so the
  wallet gets back what it paid for them, with finance's refund receipt in the same transaction
  (services/return_refund.py says why received is the moment, and the rule for how much).

Each acts at most once: the fan-out claims each event per consumer, the receipt carries an
idempotency key, and the refunds look for an earlier refund under the wallet's lock.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils.translation import gettext as _

from saas.accounts.actors import System
from saas.core.errors import DomainError
from saas.core.models import LoggedEvent
from saas.distribution.models import DistributorOrder, PayWith, Wallet, WalletEntry, WalletKind, WalletPocket
from saas.distribution.services.common import WALLET_FINANCE, from_fen
from saas.distribution.services.return_refund import wallet_refund_return
from saas.distribution.services.wallet import Posting, wallet_post
from saas.finance.models import PaymentMethod
from saas.finance.services.receipts import MoneyDetails, receipt_record
from saas.finance.services.receivables import OrderAmount

logger = logging.getLogger(__name__)


def _wallet_order(record: LoggedEvent) -> DistributorOrder | None:
    placed = (
        DistributorOrder.objects.select_related("order")
        .filter(order_id=record.object_id or 0, pay_with=PayWith.WALLET)
        .first()
    )
    if placed is None or placed.cash_fen + placed.rebate_fen <= 0:
        return None
    return placed


def wallet_payment_receipt(record: LoggedEvent) -> None:
    """sales_order.approved: record the wallet's payment of a portal order as its receipt."""
    placed = _wallet_order(record)
    if placed is None:
        return
    order = placed.order
    paid = from_fen(placed.cash_fen + placed.rebate_fen)
    try:
        with transaction.atomic():
            receipt_record(
                actor=WALLET_FINANCE,
                customer_id=order.customer_id,
                amount=paid,
                details=MoneyDetails(
                    method=PaymentMethod.OTHER,
                    reference=f"WALLET-{order.number}",
                    note=_("Paid from the distributor's wallet"),
                ),
                allocations=[OrderAmount(order_id=order.pk, amount=paid)],
                idempotency_key=f"wallet-order-{order.pk}",
            )
    except DomainError:
        # The order moved on before the job ran (cancelled, or paid by hand): nothing to record,
        # and retrying would not change that.
        logger.warning("wallet payment of order %s not recorded in finance", order.pk, exc_info=True)


def wallet_refund(record: LoggedEvent) -> None:
    """sales_order.cancelled: give the wallet back what it paid for the order, once."""
    placed = _wallet_order(record)
    if placed is None:
        return
    with transaction.atomic():
        Wallet.objects.select_for_update().filter(distributor_id=placed.distributor_id).values_list(
            "pk", flat=True
        ).get()
        if WalletEntry.objects.filter(
            order_id=placed.order_id, kind=WalletKind.REFUND, reference=placed.order.number
        ).exists():
            return
        postings = [
            Posting(WalletKind.REFUND, pocket, fen)
            for pocket, fen in (
                (WalletPocket.CASH, placed.cash_fen),
                (WalletPocket.REBATE, placed.rebate_fen),
            )
            if fen
        ]
        wallet_post(
            actor=System(reason="order cancelled"),
            distributor_id=placed.distributor_id,
            postings=postings,
            reference=placed.order.number,
            order=placed.order,
            note=_("Order %(number)s cancelled") % {"number": placed.order.number},
        )


def wallet_return_refund(record: LoggedEvent) -> None:
    """return.received: give the wallet back what it paid for the goods that came back, once."""
    if not record.object_id:
        return
    try:
        wallet_refund_return(return_id=record.object_id)
    except DomainError:
        # Finance refused the refund (the money went back another way, or the wallet's payment
        # never reached finance): the wallet is not credited either, and retrying changes nothing.
        logger.warning("wallet refund of return %s not recorded", record.object_id, exc_info=True)
