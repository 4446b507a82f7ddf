"""The distributors' wallets (钱包): an append-only ledger in integer fen, and its balance row.

An entry's amount is signed from the distributor's side: positive, the workspace owes the
distributor more (a prepayment received, a rebate, a refund); negative, less (an order paid, a
payout made). Two pockets are kept apart: cash (prepayments, commissions) and rebates, which pay
at most the workspace's cap of an order. `Wallet` holds each pocket's balance; the services
change it in the transaction that appends the entry, under the row's lock, so a balance always
equals the sum of its entries (`sparrow distribution-wallet-check` proves it). The database
refuses UPDATE and DELETE of entries (migration 0002): a mistake is corrected by an adjustment.
Sparrow records money; it never moves it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from saas.core.audit import actor_kind_field, actor_label_field


class WalletKind(models.TextChoices):
    PREPAYMENT = "prepayment", "prepayment"  # money the distributor paid in (预付款), recorded by finance
    ORDER_PAYMENT = "order_payment", "order_payment"  # an order paid from the wallet
    REBATE = "rebate", "rebate"  # a volume rebate or bonus credited (返利)
    COMMISSION = "commission", "commission"  # profit sharing credited (分润)
    PAYOUT = "payout", "payout"  # money the workspace paid out to the distributor (提现)
    ADJUSTMENT = "adjustment", "adjustment"  # a correction by finance, with its reason
    REFUND = "refund", "refund"  # an order's wallet payment given back (cancelled, or goods returned)


class WalletPocket(models.TextChoices):
    CASH = "cash", "cash"
    REBATE = "rebate", "rebate"


class Wallet(models.Model):
    """One distributor's balances, kept equal to the sum of its entries by the services."""

    distributor = models.OneToOneField(
        "distribution.Distributor", on_delete=models.PROTECT, related_name="wallet"
    )
    cash_fen = models.BigIntegerField(default=0)
    rebate_fen = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.distributor_id}: cash {self.cash_fen} rebate {self.rebate_fen}"


class WalletEntry(models.Model):
    number = models.CharField(max_length=30, unique=True)  # WE-2026-000123
    distributor = models.ForeignKey(
        "distribution.Distributor", on_delete=models.PROTECT, related_name="wallet_entries"
    )
    kind = models.CharField(max_length=15, choices=WalletKind.choices)
    pocket = models.CharField(max_length=10, choices=WalletPocket.choices, default=WalletPocket.CASH)
    amount_fen = models.BigIntegerField()
    balance_after_fen = models.BigIntegerField()  # the pocket's balance after this entry
    # The document behind it: a bank serial, a payout voucher, an order number.
    reference = models.CharField(max_length=60, blank=True)
    order = models.ForeignKey(
        "sales.SalesOrder", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(max_length=200, blank=True)
    # The person who recorded it; None when a job did (see actor_kind, actor_label).
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    actor_kind = actor_kind_field()
    actor_label = actor_label_field()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount_fen=0), name="walletentry_amount_not_zero"),
        ]
        indexes = [
            models.Index(fields=["distributor", "-id"], name="walletentry_distributor_idx"),
            models.Index(fields=["order"], name="walletentry_order_idx", condition=Q(order__isnull=False)),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.kind} {self.amount_fen}"
