"""What the distribution services share: the settings row (and the network's lock), finding
distributors and levels, and money in yuan and fen."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.actors import System
from saas.core.errors import InvalidInput, NotFound
from saas.core.ids import parse_id
from saas.core.inputs import clean_decimal, too_precise
from saas.distribution.access import distributor_not_found
from saas.distribution.models import DistributionSettings, Distributor, DistributorLevel
from saas.distribution.workspace_settings import distribution_settings

CENT = Decimal("0.01")
# 10^11 yuan: what a money column (16 digits, 2 decimals) holds with room for sums.
MAX_MONEY = Decimal("100000000000")
# The job that keeps finance's books in step with the wallets: a portal order's wallet payment
# recorded as its receipt, goods returned refunded to the wallet.
WALLET_FINANCE = System(
    reason="distributor wallet",
    scopes=frozenset({scopes.FINANCE_MANAGE, scopes.ORDERS_VIEW_ALL, scopes.CUSTOMERS_VIEW_ALL}),
)


def network_lock() -> DistributionSettings:
    """Lock the settings row until the transaction ends: changes of the network's shape (creating
    under a parent, moving) are weighed one after the other, so two of them never make a cycle."""
    return DistributionSettings.objects.select_for_update().get(pk=distribution_settings().pk)


def find_distributor(
    distributor_id: Any, field: str = "distributor_id", *, lock: bool = False
) -> Distributor:
    """For callers that already checked the actor may see the whole network."""
    pk = parse_id(distributor_id)
    queryset = Distributor.objects.select_related("customer", "level")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    found = queryset.filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise distributor_not_found(field)
    return found


def find_level(level_id: Any, field: str = "level_id") -> DistributorLevel:
    pk = parse_id(level_id)
    found = DistributorLevel.objects.filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise NotFound(_("Level not found."), field=field)
    return found


def clean_money(value: Any, field: str) -> Decimal:
    """Yuan: zero or more, in cents (a credit limit, a minimum order)."""
    amount = clean_decimal(value, field, "amount_invalid")
    if amount < 0 or amount >= MAX_MONEY or too_precise(amount, 2):
        raise InvalidInput(
            _("Amounts are zero or more, with at most 2 decimals."), code="amount_invalid", field=field
        )
    return amount.quantize(CENT)


def to_fen(amount: Decimal) -> int:
    return int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def from_fen(fen: int) -> Decimal:
    return (Decimal(fen) / 100).quantize(CENT)
