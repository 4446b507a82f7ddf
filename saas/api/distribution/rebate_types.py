"""Types of rebates and bonuses (返利 / 业绩奖): volume rules with tiers, top-10 bonus rules, the
runs that compute them per closed period and their lines. Money is Decimal yuan."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry

from saas.api.choices import ChoiceEnum
from saas.api.errors import FieldError
from saas.core.paging import check_page
from saas.distribution import rebate_models as models
from saas.distribution.selectors.rebates import run_lines
from saas.distribution.services.common import from_fen


def _id(pk: int | None) -> strawberry.ID | None:
    return None if pk is None else strawberry.ID(str(pk))


class RebatePeriodKind(
    ChoiceEnum,
    choices=models.PeriodKind,
    describe={
        "month": "A calendar month in the workspace's time zone.",
        "quarter": "A calendar quarter in the workspace's time zone.",
    },
):
    """The period a rebate or bonus rule measures."""


class RebateMeasure(
    ChoiceEnum,
    choices=models.RebateMeasure,
    describe={
        "quantity": "Base units bought in the period.",
        "amount": "Yuan bought in the period, tax included.",
    },
):
    """What a volume rebate's thresholds count."""


class BonusMode(
    ChoiceEnum,
    choices=models.BonusMode,
    describe={
        "ranks": "A fixed amount per rank; tied distributors split the ranks they cover evenly.",
        "pool": "One pool shared by the top ten in proportion to their quantity.",
    },
):
    """How a top-10 bonus pays."""


class RebateRunStatus(
    ChoiceEnum,
    choices=models.RunStatus,
    describe={
        "draft": "Computed; computed again on request until reviewed.",
        "approved": "Reviewed; waits to be posted.",
        "posted": "Credited to the rebate balances (once).",
    },
):
    """Where a rebate run is."""


class RebateLineKind(
    ChoiceEnum,
    choices=models.RebateLineKind,
    describe={"volume": "A volume rebate (返利).", "bonus": "A top-10 bonus (业绩奖)."},
):
    """What a rebate line pays."""


@strawberry.type(
    name="VolumeRebateTier", description="From a threshold on, a percent of the period's amount."
)
class VolumeRebateTierType:
    threshold: Decimal = strawberry.field(description="Base units or yuan, as the rule measures.")
    rate_percent: Decimal = strawberry.field(description="Percent of the whole period's purchase amount.")


@strawberry.type(
    name="VolumeRebateRule",
    description="返利: the highest tier a distributor's purchases of a period reach pays its rate on "
    "all of that period's purchases.",
)
class VolumeRebateRuleType:
    id: strawberry.ID
    name: str = strawberry.field(description="Shown on the lines it pays.")
    period_kind: RebatePeriodKind = strawberry.field(description="The period it measures.")  # type: ignore[valid-type]
    measure: RebateMeasure = strawberry.field(description="What its thresholds count.")  # type: ignore[valid-type]
    level_id: strawberry.ID | None = strawberry.field(
        description="Only distributors of this level; null: every level without a rule of its own."
    )
    is_active: bool = strawberry.field(
        description="False: kept for the runs that used it, no longer applied."
    )
    tiers: list[VolumeRebateTierType] = strawberry.field(description="Lowest threshold first.")

    @classmethod
    def of(cls, rule: models.VolumeRebateRule) -> VolumeRebateRuleType:
        return cls(
            id=strawberry.ID(str(rule.pk)),
            name=rule.name,
            period_kind=RebatePeriodKind(rule.period_kind),
            measure=RebateMeasure(rule.measure),
            level_id=_id(rule.level_id),
            is_active=rule.is_active,
            tiers=[
                VolumeRebateTierType(threshold=t.threshold, rate_percent=t.rate_percent)
                for t in rule.tiers.all()
            ],
        )


@strawberry.type(
    name="BonusRule", description="业绩奖: the top ten distributors of a period by purchase quantity."
)
class BonusRuleType:
    id: strawberry.ID
    name: str = strawberry.field(description="Shown on the lines it pays.")
    period_kind: RebatePeriodKind = strawberry.field(description="The period it ranks.")  # type: ignore[valid-type]
    mode: BonusMode = strawberry.field(description="An amount per rank, or a pool.")  # type: ignore[valid-type]
    rank_amounts: list[Decimal] = strawberry.field(description="RANKS: yuan for rank 1, 2, … (up to ten).")
    pool_amount: Decimal = strawberry.field(description="POOL: yuan shared by the ranked.")
    level_id: strawberry.ID | None = strawberry.field(
        description="Ranks distributors of this level; null: every level without a rule of its own."
    )
    is_active: bool = strawberry.field(
        description="False: kept for the runs that used it, no longer applied."
    )

    @classmethod
    def of(cls, rule: models.BonusRule) -> BonusRuleType:
        return cls(
            id=strawberry.ID(str(rule.pk)),
            name=rule.name,
            period_kind=RebatePeriodKind(rule.period_kind),
            mode=BonusMode(rule.mode),
            rank_amounts=[Decimal(amount) for amount in rule.rank_amounts],
            pool_amount=rule.pool_amount,
            level_id=_id(rule.level_id),
            is_active=rule.is_active,
        )


@strawberry.type(name="RebateLine", description="What one distributor gets from one rule in a run, and why.")
class RebateLineType:
    id: strawberry.ID
    run_id: strawberry.ID = strawberry.field(description="The run.")
    run_number: str = strawberry.field(description="Its number, RB-2026-000001.")
    period_kind: RebatePeriodKind = strawberry.field(description="Month or quarter.")  # type: ignore[valid-type]
    period_start: date = strawberry.field(description="The period's first day.")
    kind: RebateLineKind = strawberry.field(description="Volume rebate or bonus.")  # type: ignore[valid-type]
    distributor_id: strawberry.ID = strawberry.field(description="Who gets it.")
    distributor_name: str = strawberry.field(description="Its name.")
    rule_name: str = strawberry.field(description="The rule that pays it, as it was named then.")
    purchase_quantity: Decimal = strawberry.field(
        description="Base units bought in the period: completed orders less goods received back."
    )
    purchase_amount: Decimal = strawberry.field(description="Their amount in yuan, tax included.")
    tier_threshold: Decimal | None = strawberry.field(description="Volume: the highest tier reached.")
    rate_percent: Decimal | None = strawberry.field(description="Volume: that tier's rate.")
    rank: int | None = strawberry.field(description="Bonus: the rank, shared by equal quantities.")
    tied: int | None = strawberry.field(description="Bonus: how many share the rank.")
    amount: Decimal = strawberry.field(description="Yuan credited to the rebate balance.")
    wallet_entry_id: strawberry.ID | None = strawberry.field(
        description="The wallet's rebate entry, once posted."
    )

    @classmethod
    def of(cls, line: models.RebateLine) -> RebateLineType:
        run = line.run
        return cls(
            id=strawberry.ID(str(line.pk)),
            run_id=strawberry.ID(str(run.pk)),
            run_number=run.number,
            period_kind=RebatePeriodKind(run.period_kind),
            period_start=run.period_start,
            kind=RebateLineKind(line.kind),
            distributor_id=strawberry.ID(str(line.distributor_id)),
            distributor_name=line.distributor.customer.name,
            rule_name=line.rule_name,
            purchase_quantity=line.purchase_quantity,
            purchase_amount=line.purchase_amount,
            tier_threshold=line.tier_threshold,
            rate_percent=line.rate_percent,
            rank=line.rank,
            tied=line.tied,
            amount=from_fen(line.amount_fen),
            wallet_entry_id=_id(line.wallet_entry_id),
        )


@strawberry.type
class RebateLinePage:
    total_count: int = strawberry.field(description="Lines with the same filters.")
    items: list[RebateLineType] = strawberry.field(description="The lines of this page.")


@strawberry.type(
    name="RebateRun", description="One period's rebates and bonuses: computed, reviewed, posted."
)
class RebateRunType:
    id: strawberry.ID
    number: str = strawberry.field(description="RB-2026-000001.")
    period_kind: RebatePeriodKind = strawberry.field(description="Month or quarter.")  # type: ignore[valid-type]
    period_start: date = strawberry.field(description="The period's first day.")
    period_end: date = strawberry.field(description="Its last day.")
    status: RebateRunStatus = strawberry.field(description="Draft, approved or posted.")  # type: ignore[valid-type]
    line_count: int = strawberry.field(description="Lines it pays.")
    total: Decimal = strawberry.field(description="Yuan it pays in all.")
    computed_at: datetime = strawberry.field(description="When it was last computed.")
    computed_by: str = strawberry.field(description="Who computed it (a person, or the periodic job).")
    review_note: str = strawberry.field(description="The reviewer's note.")
    approved_at: datetime | None = strawberry.field(description="When it was reviewed.")
    posted_at: datetime | None = strawberry.field(description="When it was credited.")
    _run: strawberry.Private[models.RebateRun]

    @strawberry.field(description="Its lines: by kind, then rank, then network order.")
    def lines(
        self, limit: int = 50, offset: int = 0, distributor_id: strawberry.ID | None = None
    ) -> RebateLinePage:
        check_page(limit, offset)
        rows = run_lines(self._run, distributor_id=distributor_id)
        return RebateLinePage(
            total_count=rows.count(),
            items=[RebateLineType.of(line) for line in rows[offset : offset + limit]],
        )

    @classmethod
    def of(cls, run: models.RebateRun) -> RebateRunType:
        return cls(
            id=strawberry.ID(str(run.pk)),
            number=run.number,
            period_kind=RebatePeriodKind(run.period_kind),
            period_start=run.period_start,
            period_end=run.period_end,
            status=RebateRunStatus(run.status),
            line_count=run.line_count,
            total=from_fen(run.total_fen),
            computed_at=run.computed_at,
            computed_by=run.computed_by_label,
            review_note=run.review_note,
            approved_at=run.approved_at,
            posted_at=run.posted_at,
            _run=run,
        )


@strawberry.type
class RebateRunPage:
    total_count: int = strawberry.field(description="Runs with the same filters.")
    items: list[RebateRunType] = strawberry.field(description="The latest period first.")


@strawberry.type
class VolumeRebateRulePayload:
    rule: VolumeRebateRuleType | None = strawberry.field(description="The rule saved.")
    errors: list[FieldError]


@strawberry.type
class BonusRulePayload:
    rule: BonusRuleType | None = strawberry.field(description="The rule saved.")
    errors: list[FieldError]


@strawberry.type
class RebateRunPayload:
    run: RebateRunType | None = strawberry.field(description="The run.")
    errors: list[FieldError]
