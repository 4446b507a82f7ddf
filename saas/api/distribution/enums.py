"""The GraphQL enums of distribution, from the models' choices (saas/api/choices.py)."""

from __future__ import annotations

from saas.api.choices import ChoiceEnum
from saas.distribution import models


class DistributorStatus(
    ChoiceEnum,
    choices=models.DistributorStatus,
    describe={
        "active": "Orders in the portal.",
        "suspended": "Orders nothing; its history and wallet stay.",
    },
):
    """Whether a distributor may order."""


class DistributorPayWith(
    ChoiceEnum,
    choices=models.PayWith,
    describe={
        "wallet": "From the wallet: rebates up to the workspace's cap, the rest from the cash balance.",
        "credit": "On credit, within the distributor's credit limit.",
    },
):
    """How a distributor pays an order."""


class WalletKind(
    ChoiceEnum,
    choices=models.WalletKind,
    describe={
        "prepayment": "Money the distributor paid in (预付款), recorded by finance.",
        "order_payment": "An order paid from the wallet.",
        "rebate": "A rebate or bonus credited (返利).",
        "commission": "Profit sharing credited (分润).",
        "payout": "Money paid out to the distributor (提现), recorded by finance.",
        "adjustment": "A correction by finance, with its reason.",
        "refund": "An order's wallet payment given back.",
    },
):
    """What a wallet entry records."""


class WalletPocket(
    ChoiceEnum,
    choices=models.WalletPocket,
    describe={
        "cash": "Prepayments and commissions: pays any part of an order.",
        "rebate": "Rebates: pay at most the workspace's cap of an order.",
    },
):
    """Which balance of a wallet an entry moves."""
