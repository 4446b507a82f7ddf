"""The what-if preview of a changed rule set: replayed on the last settled month before it is
saved, it shows each distributor's settled total beside what the new rules would have paid.
It only reads: nothing is written, locked or queued.

The replay takes the month's facts as they were recorded — each completed order line (with the
buyer's parent and grandparent of that day) and each return that landed in the month — and
computes accruals and clawbacks under the new rules exactly as the accrual and clawback do
(commission_engine). Old totals are the settled statements (what was paid, whichever rule
version each entry used). Both are read in chunks and summed per distributor, so memory stays
small whatever the month's size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.core.errors import InvalidInput
from saas.distribution.access import require_network_viewer
from saas.distribution.commission_engine import Earner, RuleBook, SaleFacts, clawback
from saas.distribution.commission_models import (
    CommissionReturn,
    CommissionSale,
    CommissionSettlement,
    CommissionStatement,
)
from saas.distribution.commission_rules import (
    CommissionRuleInput,
    category_parents,
    clean_commission_rules,
    clean_max_depth,
)
from saas.distribution.models import Distributor

CHUNK = 5000
FACTS = ("category_id", "parent_id", "parent_level_id", "grandparent_id", "grandparent_level_id")


@dataclass(frozen=True)
class WhatIfRow:
    distributor_id: int
    name: str
    old_fen: int
    new_fen: int

    @property
    def change_fen(self) -> int:
        return self.new_fen - self.old_fen


@dataclass(frozen=True)
class WhatIf:
    settlement: CommissionSettlement
    month: date
    old_total_fen: int
    new_total_fen: int
    rows: list[WhatIfRow]  # the biggest changes first


def _facts(quantity: Decimal, revenue: Decimal, cost: Decimal, snapshot: Sequence[Any]) -> SaleFacts:
    category_id, parent_id, parent_level, grandparent_id, grandparent_level = snapshot
    earners = []
    if parent_id is not None:
        earners.append(Earner(1, parent_id, parent_level))
    if grandparent_id is not None:
        earners.append(Earner(2, grandparent_id, grandparent_level))
    return SaleFacts(quantity, revenue, cost, category_id, tuple(earners))


def replay(book: RuleBook, period_id: int) -> dict[int, int]:
    """Each earner's total for the period's facts under `book`, in fen."""
    totals: dict[int, int] = defaultdict(int)
    sales = CommissionSale.objects.filter(period_id=period_id).order_by("id")
    for row in sales.values_list("quantity", "revenue", "cost", *FACTS).iterator(chunk_size=CHUNK):
        for share in book.shares(_facts(row[0], row[1], row[2], row[3:])):
            totals[share.earner.distributor_id] += share.commission_fen
    returns = CommissionReturn.objects.filter(period_id=period_id).order_by("id")
    columns = ("quantity", "returned_before", "sale__quantity", "sale__revenue", "sale__cost")
    for row in returns.values_list(*columns, *(f"sale__{name}" for name in FACTS)).iterator(chunk_size=CHUNK):
        quantity, before, sold = row[0], row[1], row[2]
        for share in book.shares(_facts(sold, row[3], row[4], row[5:])):
            taken = clawback(
                base=share.base_amount,
                rate_percent=share.rule.rate_percent,
                quantity=sold,
                returned_before=before,
                returned=quantity,
            )
            totals[share.earner.distributor_id] += taken.commission_fen
    return totals


def commission_what_if(
    *, actor: Actor, rules: Sequence[CommissionRuleInput], max_depth: Any = None
) -> WhatIf:
    """The rules (checked as saving checks them) replayed on the last settled month."""
    require_network_viewer(actor)
    depth = clean_max_depth(max_depth)
    specs = clean_commission_rules(rules, max_depth=depth)
    settlement = CommissionSettlement.objects.select_related("period").order_by("-period__month").first()
    if settlement is None:
        raise InvalidInput(
            _("No month is settled yet: there is nothing to replay the rules on."),
            code="no_settled_period",
            field=None,
        )
    new = replay(RuleBook(rules=specs, max_depth=depth, parents=category_parents()), settlement.period_id)
    old = dict(
        CommissionStatement.objects.filter(settlement=settlement).values_list("distributor_id", "total_fen")
    )
    ids = set(old) | set(new)
    names = dict(Distributor.objects.filter(pk__in=ids).values_list("id", "customer__name"))
    rows = [WhatIfRow(pk, names.get(pk, ""), old.get(pk, 0), new.get(pk, 0)) for pk in ids]
    rows.sort(key=lambda row: (-abs(row.change_fen), row.distributor_id))
    return WhatIf(
        settlement=settlement,
        month=settlement.period.month,
        old_total_fen=sum(old.values()),
        new_total_fen=sum(new.values()),
        rows=rows,
    )
