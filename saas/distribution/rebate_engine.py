"""How rebates and bonuses are computed from a period's purchases, as pure functions.

Purchases of a distributor in a period (one definition for rebates and bonuses, computed in
services/purchases.py): the goods shipped on its orders that completed in the period (shipped
base units, and their amount tax included), less the goods of its returns received in the
period, whichever period their orders completed in; never below zero. Only completed orders
count, as for commissions: an order still on its way may yet come back or be cancelled.

Volume rebate (返利): the highest tier whose threshold the period's quantity (or amount)
reaches applies, at its rate, to the whole period's purchase amount — not only to the part
above the threshold. A rate is percent of the amount; the rebate is rounded half up to the fen.

Top-10 bonus (业绩奖) by purchase quantity: distributors are ranked by quantity, highest first;
those with nothing bought are not ranked. Ties: equal quantities share a rank, and the next rank
is skipped (1, 2, 2, 4). In RANKS mode the tied share the amounts of the ranks they cover
(within the top ten), split evenly; in POOL mode everyone ranked within the top ten shares the
pool in proportion to their quantity (equal quantities, equal shares). Each share is rounded
down to the fen; the few fen left over stay with the workspace, so no one is paid more than
their share and the run never pays more than the rule offers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from saas.distribution.rebate_models import TOP_RANKS, BonusMode, RebateMeasure


@dataclass(frozen=True)
class Purchase:
    distributor_id: int
    level_id: int | None
    quantity: Decimal
    amount: Decimal


@dataclass(frozen=True)
class Tier:
    threshold: Decimal
    rate_percent: Decimal


@dataclass(frozen=True)
class VolumeRebate:
    tier: Tier
    amount_fen: int


@dataclass(frozen=True)
class BonusShare:
    purchase: Purchase
    rank: int
    tied: int
    amount_fen: int


def volume_rebate(measure: str, tiers: Sequence[Tier], purchase: Purchase) -> VolumeRebate | None:
    """The highest tier reached and its rebate on the period's amount; None below every tier."""
    value = purchase.quantity if measure == RebateMeasure.QUANTITY else purchase.amount
    reached = [tier for tier in tiers if tier.threshold <= value]
    if not reached:
        return None
    tier = max(reached, key=lambda found: found.threshold)
    fen = int((purchase.amount * tier.rate_percent).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return VolumeRebate(tier, fen) if fen > 0 else None


def ranked(purchases: Sequence[Purchase]) -> list[tuple[int, list[Purchase]]]:
    """(rank, the purchases sharing it) within the top ten, by quantity; ties skip ranks."""
    order = sorted((p for p in purchases if p.quantity > 0), key=lambda p: (-p.quantity, p.distributor_id))
    groups: list[tuple[int, list[Purchase]]] = []
    position = 0
    while position < len(order):
        rank = position + 1
        if rank > TOP_RANKS:
            break
        group = [p for p in order[position:] if p.quantity == order[position].quantity]
        groups.append((rank, group))
        position += len(group)
    return groups


def bonus_shares(
    mode: str, purchases: Sequence[Purchase], *, rank_fen: Sequence[int] = (), pool_fen: int = 0
) -> list[BonusShare]:
    groups = ranked(purchases)
    shares: list[BonusShare] = []
    if mode == BonusMode.POOL:
        total = sum((p.quantity for _rank, group in groups for p in group), Decimal(0))
        for rank, group in groups:
            for purchase in group:
                fen = int((Decimal(pool_fen) * purchase.quantity / total).to_integral_value(ROUND_DOWN))
                if fen > 0:
                    shares.append(BonusShare(purchase, rank, len(group), fen))
        return shares
    for rank, group in groups:
        covered = range(rank, min(rank + len(group) - 1, TOP_RANKS) + 1)
        pot = sum(rank_fen[r - 1] for r in covered if r - 1 < len(rank_fen))
        fen = pot // len(group)
        if fen > 0:
            shares.extend(BonusShare(purchase, rank, len(group), fen) for purchase in group)
    return shares
