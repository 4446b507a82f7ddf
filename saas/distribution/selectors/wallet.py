"""Reads of the wallets: a distributor's entries and balances, for whoever may see that wallet —
the workspace's staff (distribution.view or finance.view) any wallet, a distributor's own people
their own only (another's is not found, like one that does not exist) — and the check that
every balance equals the sum of its entries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.actors import Actor, require_actor, user_of
from saas.core.errors import InvalidInput
from saas.core.ids import parse_id
from saas.distribution.access import distributor_not_found, require_wallet_viewer
from saas.distribution.models import (
    Distributor,
    DistributorMember,
    Wallet,
    WalletEntry,
    WalletKind,
    WalletPocket,
)


def readable_wallet(actor: Actor, distributor_id: Any, field: str = "distributor_id") -> Distributor:
    """The distributor whose wallet the actor may read: its own as a distributor's person, any
    with distribution.view or finance.view; not found or forbidden otherwise."""
    acting = require_actor(actor)
    pk = parse_id(distributor_id)
    person = user_of(acting)
    if person is not None and person.has_scope(scopes.DISTRIBUTOR_PORTAL):
        own = (
            DistributorMember.objects.filter(user_id=person.pk)
            .values_list("distributor_id", flat=True)
            .first()
        )
        if own is not None:  # a distributor's person reads its own wallet and nothing else
            if own != pk:
                raise distributor_not_found(field)
            return Distributor.objects.select_related("customer", "wallet").get(pk=own)
    require_wallet_viewer(acting)
    found = (
        Distributor.objects.select_related("customer", "wallet").filter(pk=pk).first()
        if pk is not None
        else None
    )
    if found is None:
        raise distributor_not_found(field)
    return found


def wallet_entries(
    *, actor: Actor, distributor_id: Any, kind: str | None = None, pocket: str | None = None
) -> QuerySet[WalletEntry]:
    """The wallet's entries, newest first."""
    distributor = readable_wallet(actor, distributor_id)
    queryset = WalletEntry.objects.filter(distributor=distributor).select_related("order")
    if kind not in (None, ""):
        if kind not in WalletKind.values:
            raise InvalidInput(_("Unknown kind."), code="kind_invalid", field="kind")
        queryset = queryset.filter(kind=kind)
    if pocket not in (None, ""):
        if pocket not in WalletPocket.values:
            raise InvalidInput(_("Unknown pocket."), code="pocket_invalid", field="pocket")
        queryset = queryset.filter(pocket=pocket)
    return queryset.order_by("-id")


@dataclass(frozen=True)
class WalletMismatch:
    distributor_id: int
    pocket: str
    balance_fen: int | None  # None: entries but no balance row
    ledger_fen: int


def wallet_mismatches() -> list[WalletMismatch]:
    """Every pocket whose balance is not the sum of its entries (an empty list when all agree).
    For the check command and tests: no actor, nothing leaves it but ids and numbers."""
    sums: dict[tuple[int, str], int] = defaultdict(int)
    for row in WalletEntry.objects.values("distributor_id", "pocket").annotate(total=Sum("amount_fen")):
        sums[(row["distributor_id"], row["pocket"])] = int(row["total"])
    found: list[WalletMismatch] = []
    seen: set[int] = set()
    for distributor_id, cash, rebate in Wallet.objects.values_list(
        "distributor_id", "cash_fen", "rebate_fen"
    ):
        seen.add(distributor_id)
        for pocket, balance in ((WalletPocket.CASH, cash), (WalletPocket.REBATE, rebate)):
            ledger = sums.get((distributor_id, pocket), 0)
            if balance != ledger:
                found.append(WalletMismatch(distributor_id, pocket, balance, ledger))
    for (distributor_id, stray), ledger in sorted(sums.items()):
        if distributor_id not in seen:
            found.append(WalletMismatch(distributor_id, stray, None, ledger))
    return found
