"""Types of profit sharing (分销分润): rule sets, settlements, statements and their lines, the
what-if preview. Money is Decimal yuan (the ledger keeps integer fen); each statement line names
the order line, SKU, quantity, base, rule and rate its commission comes from.

A line's base on a margin rule is the sale's revenue less its cost, so it shows the workspace's
cost: it is null for callers without cost.view (distributors among them)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import strawberry
from strawberry.types import Info

from saas.api.choices import ChoiceEnum
from saas.api.errors import FieldError
from saas.api.permissions import current_actor
from saas.api.restricted import FieldRule, restricted
from saas.catalog.selectors import can_view_cost
from saas.core.paging import check_page
from saas.distribution import commission_models as models
from saas.distribution.commission_models import LAWFUL_MAX_DEPTH
from saas.distribution.selectors.commission_whatif import WhatIf
from saas.distribution.selectors.commissions import settlement_statements, statement_lines
from saas.distribution.services.common import from_fen


def _id(pk: int | None) -> strawberry.ID | None:
    return None if pk is None else strawberry.ID(str(pk))


class CommissionBasis(
    ChoiceEnum,
    choices=models.CommissionBasis,
    describe={
        "revenue": "The line's amount for the goods shipped, tax included.",
        "margin": "That amount less the cost of the goods shipped (at shipment); never below 0.",
    },
):
    """What a commission rate applies to: goods sold, never recruiting."""


class CommissionEntryKind(
    ChoiceEnum,
    choices=models.EntryKind,
    describe={
        "accrual": "An order completed: its shipped goods earned this.",
        "clawback": "Goods came back: what they earned is taken back (negative).",
    },
):
    """Whether a commission line adds or takes back."""


class CommissionSettlementStatus(
    ChoiceEnum,
    choices=models.SettlementStatus,
    describe={
        "draft": "Computed and the month locked; under review, not yet in the wallets.",
        "posted": "Credited to the wallets (once).",
    },
):
    """Where a settlement is."""


MARGIN_BASE = FieldRule(
    code="commission_margin",
    note="On a margin rule it reveals the cost: null unless the caller holds cost.view.",
    allows=lambda actor, row: row.basis != models.CommissionBasis.MARGIN or can_view_cost(actor),
    per_row=True,
)


@strawberry.type(name="CommissionRule", description="What an earner gets on its downline's goods sold.")
class CommissionRuleType:
    id: strawberry.ID
    depth: int = strawberry.field(description="1: the buyer's parent earns; 2: its grandparent.")
    basis: CommissionBasis = strawberry.field(description="Revenue or margin.")  # type: ignore[valid-type]
    rate_percent: Decimal = strawberry.field(description="Percent of the basis.")
    level_id: strawberry.ID | None = strawberry.field(description="The earner's level; null: any level.")
    level_name: str | None = strawberry.field(description="That level's name.")
    category_id: strawberry.ID | None = strawberry.field(
        description="Goods of this category and its subcategories; null: every category."
    )
    category_name: str | None = strawberry.field(description="That category's name.")

    @classmethod
    def of(cls, rule: models.CommissionRule) -> CommissionRuleType:
        return cls(
            id=strawberry.ID(str(rule.pk)),
            depth=rule.depth,
            basis=CommissionBasis(rule.basis),
            rate_percent=rule.rate_percent,
            level_id=_id(rule.level_id),
            level_name=rule.level.name if rule.level else None,
            category_id=_id(rule.category_id),
            category_name=rule.category.name if rule.category else None,
        )


@strawberry.type(
    name="CommissionRuleSet",
    description="One saved version of the commission rules; the newest is in force for orders that "
    "complete after it was saved.",
)
class CommissionRuleSetType:
    version: int = strawberry.field(description="1, 2, 3… in the order saved.")
    max_depth: int = strawberry.field(description="How many levels up this workspace pays: 1 or 2.")
    lawful_max_depth: int = strawberry.field(
        description="The most the law allows (2: the direct parent and the grandparent; 团队计酬)."
    )
    note: str = strawberry.field(description="Why it changed.")
    created_at: datetime
    rules: list[CommissionRuleType] = strawberry.field(description="Its rules, by depth.")

    @classmethod
    def of(cls, rule_set: models.CommissionRuleSet) -> CommissionRuleSetType:
        return cls(
            version=rule_set.version,
            max_depth=rule_set.max_depth,
            lawful_max_depth=LAWFUL_MAX_DEPTH,
            note=rule_set.note,
            created_at=rule_set.created_at,
            rules=[CommissionRuleType.of(rule) for rule in rule_set.rules.all()],
        )


@strawberry.type(
    name="CommissionLine", description="One line of a statement: one order line, one earner, one rule."
)
class CommissionLineType:
    id: strawberry.ID
    kind: CommissionEntryKind = strawberry.field(description="Accrual or clawback.")  # type: ignore[valid-type]
    order_id: strawberry.ID = strawberry.field(description="The sales order.")
    order_number: str = strawberry.field(description="Its number.")
    line_no: int = strawberry.field(description="The order line's number.")
    sku_id: strawberry.ID = strawberry.field(description="The SKU sold.")
    sku_code: str = strawberry.field(description="Its code.")
    buyer_id: strawberry.ID = strawberry.field(description="The distributor who bought the goods.")
    buyer_name: str = strawberry.field(description="Its name.")
    depth: int = strawberry.field(description="How far up from the buyer the earner is: 1 or 2.")
    quantity: Decimal = strawberry.field(description="Base units shipped (accrual) or returned (clawback).")
    basis: CommissionBasis = strawberry.field(description="What the rate applied to.")  # type: ignore[valid-type]
    rule_id: strawberry.ID = strawberry.field(description="The rule used.")
    rule_version: int = strawberry.field(description="The rule set version it belongs to.")
    rate_percent: Decimal = strawberry.field(description="Its rate.")
    commission: Decimal = strawberry.field(description="Yuan, negative on a clawback: base × rate.")
    return_number: str | None = strawberry.field(description="The return that took it back, if any.")
    booked_on: date = strawberry.field(description="The day the order completed or the goods came back.")
    moved_from: date | None = strawberry.field(
        description="The settled month it belonged to, when it landed in this later month."
    )
    _base: strawberry.Private[Decimal]

    @strawberry.field(
        description="What the rate applied to, in yuan (negative on a clawback).",
        extensions=restricted(MARGIN_BASE),
    )
    def base_amount(self) -> Decimal | None:
        return self._base

    @classmethod
    def of(cls, entry: models.CommissionEntry) -> CommissionLineType:
        sale = entry.sale
        returned = entry.returned
        return cls(
            id=strawberry.ID(str(entry.pk)),
            kind=CommissionEntryKind(entry.kind),
            order_id=strawberry.ID(str(sale.order_id)),
            order_number=sale.order.number,
            line_no=sale.order_line.line_no,
            sku_id=strawberry.ID(str(sale.sku_id)),
            sku_code=sale.sku.code,
            buyer_id=strawberry.ID(str(sale.buyer_id)),
            buyer_name=sale.buyer.customer.name,
            depth=entry.depth,
            quantity=entry.quantity,
            basis=CommissionBasis(entry.basis),
            rule_id=strawberry.ID(str(entry.rule_id)),
            rule_version=entry.rule_version,
            rate_percent=entry.rate_percent,
            commission=from_fen(entry.commission_fen),
            return_number=returned.sales_return.number if returned else None,
            booked_on=entry.booked_on,
            moved_from=entry.moved_from,
            _base=entry.base_amount,
        )


@strawberry.type
class CommissionLinePage:
    total_count: int = strawberry.field(description="The statement's lines.")
    items: list[CommissionLineType] = strawberry.field(description="The lines of this page, in order.")


def _page(limit: int, offset: int) -> None:
    check_page(limit, offset)


@strawberry.type(name="CommissionStatement", description="One distributor's commissions of a settled month.")
class CommissionStatementType:
    id: strawberry.ID
    settlement_id: strawberry.ID = strawberry.field(description="The settlement it belongs to.")
    settlement_number: str = strawberry.field(description="Its number, CS-2026-000001.")
    month: date = strawberry.field(description="The month settled (its first day).")
    status: CommissionSettlementStatus = strawberry.field(  # type: ignore[valid-type]
        description="The settlement's status."
    )
    distributor_id: strawberry.ID = strawberry.field(description="The distributor who earned it.")
    distributor_name: str = strawberry.field(description="Its name.")
    total: Decimal = strawberry.field(description="The sum of its lines, in yuan; negative when it owes.")
    line_count: int = strawberry.field(description="How many lines it sums.")
    wallet_entry_id: strawberry.ID | None = strawberry.field(
        description="The wallet's commission entry once posted (null before, or for a total of 0)."
    )
    _statement: strawberry.Private[models.CommissionStatement]

    @strawberry.field(description="The lines it sums, in order.")
    def lines(self, limit: int = 50, offset: int = 0) -> CommissionLinePage:
        _page(limit, offset)
        rows = statement_lines(self._statement)
        return CommissionLinePage(
            total_count=self._statement.line_count,
            items=[CommissionLineType.of(entry) for entry in rows[offset : offset + limit]],
        )

    @classmethod
    def of(cls, statement: models.CommissionStatement) -> CommissionStatementType:
        settlement = statement.settlement
        return cls(
            id=strawberry.ID(str(statement.pk)),
            settlement_id=strawberry.ID(str(settlement.pk)),
            settlement_number=settlement.number,
            month=settlement.period.month,
            status=CommissionSettlementStatus(settlement.status),
            distributor_id=strawberry.ID(str(statement.distributor_id)),
            distributor_name=statement.distributor.customer.name,
            total=from_fen(statement.total_fen),
            line_count=statement.line_count,
            wallet_entry_id=_id(statement.wallet_entry_id),
            _statement=statement,
        )


@strawberry.type
class CommissionStatementPage:
    total_count: int = strawberry.field(description="Statements with the same filters.")
    items: list[CommissionStatementType] = strawberry.field(description="The statements of this page.")


def statement_page(rows: Any, limit: int, offset: int) -> CommissionStatementPage:
    _page(limit, offset)
    return CommissionStatementPage(
        total_count=rows.count(),
        items=[CommissionStatementType.of(statement) for statement in rows[offset : offset + limit]],
    )


@strawberry.type(
    name="CommissionSettlement",
    description="The settlement of one month: a statement per earner, reviewed, then posted once.",
)
class CommissionSettlementType:
    id: strawberry.ID
    number: str = strawberry.field(description="CS-2026-000001.")
    month: date = strawberry.field(description="The month settled (its first day); locked since.")
    status: CommissionSettlementStatus = strawberry.field(  # type: ignore[valid-type]
        description="Draft under review, or posted."
    )
    statement_count: int = strawberry.field(description="Distributors with a statement.")
    line_count: int = strawberry.field(description="Commission lines in all statements.")
    total: Decimal = strawberry.field(description="All statements' totals, in yuan.")
    created_at: datetime
    posted_at: datetime | None = strawberry.field(description="When it was credited to the wallets.")

    @strawberry.field(description="Its statements, in network order.")
    def statements(
        self,
        info: Info,
        limit: int = 20,
        offset: int = 0,
        distributor_id: strawberry.ID | None = None,
    ) -> CommissionStatementPage:
        rows = settlement_statements(
            actor=current_actor(info), settlement_id=self.id, distributor_id=distributor_id
        )
        return statement_page(rows, limit, offset)

    @classmethod
    def of(cls, settlement: models.CommissionSettlement) -> CommissionSettlementType:
        return cls(
            id=strawberry.ID(str(settlement.pk)),
            number=settlement.number,
            month=settlement.period.month,
            status=CommissionSettlementStatus(settlement.status),
            statement_count=settlement.statement_count,
            line_count=settlement.line_count,
            total=from_fen(settlement.total_fen),
            created_at=settlement.created_at,
            posted_at=settlement.posted_at,
        )


@strawberry.type
class CommissionSettlementPage:
    total_count: int = strawberry.field(description="Settlements with the same filters.")
    items: list[CommissionSettlementType] = strawberry.field(description="Newest month first.")


@strawberry.type(name="CommissionWhatIfRow", description="One distributor: settled, and under the new rules.")
class CommissionWhatIfRowType:
    distributor_id: strawberry.ID = strawberry.field(description="The distributor.")
    distributor_name: str = strawberry.field(description="Its name.")
    old_total: Decimal = strawberry.field(description="What its statement settled at, in yuan.")
    new_total: Decimal = strawberry.field(description="What the new rules would have paid, in yuan.")
    change: Decimal = strawberry.field(description="New less old.")


@strawberry.type(
    name="CommissionWhatIf",
    description="Changed rules replayed on the last settled month; nothing was written.",
)
class CommissionWhatIfType:
    settlement_id: strawberry.ID = strawberry.field(description="The settlement replayed.")
    month: date = strawberry.field(description="Its month.")
    old_total: Decimal = strawberry.field(description="All statements as settled, in yuan.")
    new_total: Decimal = strawberry.field(description="Under the new rules, in yuan.")
    total_count: int = strawberry.field(description="Distributors in either.")
    rows: list[CommissionWhatIfRowType] = strawberry.field(
        description="The page asked for, the biggest changes first."
    )

    @classmethod
    def of(cls, found: WhatIf, limit: int, offset: int) -> CommissionWhatIfType:
        return cls(
            settlement_id=strawberry.ID(str(found.settlement.pk)),
            month=found.month,
            old_total=from_fen(found.old_total_fen),
            new_total=from_fen(found.new_total_fen),
            total_count=len(found.rows),
            rows=[
                CommissionWhatIfRowType(
                    distributor_id=strawberry.ID(str(row.distributor_id)),
                    distributor_name=row.name,
                    old_total=from_fen(row.old_fen),
                    new_total=from_fen(row.new_fen),
                    change=from_fen(row.change_fen),
                )
                for row in found.rows[offset : offset + limit]
            ],
        )


@strawberry.type
class CommissionRuleSetPayload:
    rule_set: CommissionRuleSetType | None = strawberry.field(description="The version saved.")
    errors: list[FieldError]


@strawberry.type
class CommissionSettlementPayload:
    settlement: CommissionSettlementType | None = strawberry.field(description="The settlement.")
    errors: list[FieldError]
