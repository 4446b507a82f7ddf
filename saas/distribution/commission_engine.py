"""How commission rules apply to a sale, as pure functions (no database): the accrual, the
clawback, the settlement and the what-if preview all compute through here.

A sale is one completed order line of a distributor (the buyer). Who earns on it: the buyer's
parent (depth 1) and grandparent (depth 2) as they were when the order completed, if active,
never deeper (LAWFUL_MAX_DEPTH) and never past the rule set's own `max_depth`. Recruiting a
distributor earns nothing: there is no rule for it, only for goods sold.

Which rule prices an earner's share (first match wins), as pricing does for categories:

1. a rule for the sale's category beats one for its parent category, and so on up; a rule for
   no category comes last;
2. for the same category, a rule for the earner's level beats a rule for any level.

The base is the line's revenue (its amount for the goods shipped, tax included) or its margin
(that revenue less the cost of those goods at shipment, never below zero: the profit report's
definition). Commission = base × rate, rounded half up to the fen.

A return of part of a line takes back exactly what the returned part earned: the commission on
what is kept after the return, less the commission on what was kept before it, each computed
the same way from the pro-rata base. So returns of a whole line, in any number of parts, take
back to the fen what it earned, and the ledger never drifts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from saas.distribution.commission_models import LAWFUL_MAX_DEPTH, CommissionBasis

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class RuleSpec:
    """A rule as the engine needs it; `rule_id` is None for a what-if rule never saved."""

    rule_id: int | None
    depth: int
    level_id: int | None
    category_id: int | None
    basis: str
    rate_percent: Decimal


@dataclass(frozen=True)
class Earner:
    depth: int
    distributor_id: int
    level_id: int | None


@dataclass(frozen=True)
class SaleFacts:
    quantity: Decimal  # base units shipped
    revenue: Decimal  # tax included
    cost: Decimal  # of the goods shipped, at shipment
    category_id: int | None
    earners: tuple[Earner, ...]


@dataclass(frozen=True)
class Share:
    """What one earner gets on one sale, and by which rule."""

    earner: Earner
    rule: RuleSpec
    base_amount: Decimal
    commission_fen: int


@dataclass
class RuleBook:
    """A rule set ready to apply: rules by (depth, level, category), the category tree."""

    rules: Iterable[RuleSpec]
    max_depth: int
    parents: Mapping[int, int | None]
    version: int = 0
    _index: dict[tuple[int, int | None, int | None], RuleSpec] = field(default_factory=dict)
    _chains: dict[int | None, tuple[int | None, ...]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.max_depth = min(self.max_depth, LAWFUL_MAX_DEPTH)
        for rule in self.rules:
            if 1 <= rule.depth <= self.max_depth:
                self._index[(rule.depth, rule.level_id, rule.category_id)] = rule

    def chain(self, category_id: int | None) -> tuple[int | None, ...]:
        """The category, its ancestors nearest first, then None (no category)."""
        found = self._chains.get(category_id)
        if found is None:
            nodes: list[int | None] = []
            node = category_id
            while node is not None and node not in nodes:
                nodes.append(node)
                node = self.parents.get(node)
            found = self._chains[category_id] = (*nodes, None)
        return found

    def rule_for(self, depth: int, level_id: int | None, category_id: int | None) -> RuleSpec | None:
        for node in self.chain(category_id):
            for level in (level_id, None):
                rule = self._index.get((depth, level, node))
                if rule is not None:
                    return rule
        return None

    def shares(self, sale: SaleFacts) -> list[Share]:
        """Each earner's commission on the sale (earners no rule pays, or paid 0 fen, left out)."""
        found = []
        for earner in sale.earners:
            if not 1 <= earner.depth <= self.max_depth:
                continue
            rule = self.rule_for(earner.depth, earner.level_id, sale.category_id)
            if rule is None:
                continue
            base = base_amount(rule.basis, sale.revenue, sale.cost)
            fen = commission_fen(base, rule.rate_percent)
            if fen > 0:
                found.append(Share(earner, rule, base, fen))
        return found


def base_amount(basis: str, revenue: Decimal, cost: Decimal) -> Decimal:
    if basis == CommissionBasis.MARGIN:
        return max(revenue - cost, Decimal(0)).quantize(CENT, rounding=ROUND_HALF_UP)
    return Decimal(revenue).quantize(CENT, rounding=ROUND_HALF_UP)


def commission_fen(base: Decimal, rate_percent: Decimal) -> int:
    """base (yuan) × rate %, in fen, rounded half up."""
    return int((base * rate_percent).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def kept_base(base: Decimal, quantity: Decimal, kept: Decimal) -> Decimal:
    """The base of the part of a line still kept (pro rata by quantity), to the cent."""
    if kept >= quantity:
        return base
    if kept <= 0:
        return Decimal("0.00")
    return (base * kept / quantity).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Clawback:
    base_amount: Decimal  # negative: the base of the goods that came back
    commission_fen: int  # negative or zero


def clawback(
    *, base: Decimal, rate_percent: Decimal, quantity: Decimal, returned_before: Decimal, returned: Decimal
) -> Clawback:
    """What a return of `returned` units takes back from an accrual on `quantity` units with
    `base`, after `returned_before` units came back already."""
    before = kept_base(base, quantity, quantity - returned_before)
    after = kept_base(base, quantity, quantity - returned_before - returned)
    fen = commission_fen(after, rate_percent) - commission_fen(before, rate_percent)
    return Clawback(base_amount=after - before, commission_fen=fen)
