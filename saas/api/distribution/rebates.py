"""Rebates and bonuses for the workspace (返利 / 业绩奖): volume and top-10 bonus rules
(distribution.view to read, distribution.manage to save), and the runs per closed period —
computed by the periodic job after the period closes in the workspace's time zone (or on
request), reviewed (approved), then posted to the rebate balances once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.types import Info

from saas.api.choices import model_value
from saas.api.distribution.rebate_types import (
    BonusMode,
    BonusRulePayload,
    BonusRuleType,
    RebateMeasure,
    RebatePeriodKind,
    RebateRunPage,
    RebateRunPayload,
    RebateRunStatus,
    RebateRunType,
    VolumeRebateRulePayload,
    VolumeRebateRuleType,
)
from saas.api.errors import run_service
from saas.api.permissions import current_actor
from saas.core.paging import check_page
from saas.distribution.selectors import rebates as selectors
from saas.distribution.services import rebate_runs, rebates

IncludeInactive = Annotated[bool, strawberry.argument(description="Also rules switched off.")]
RunId = Annotated[strawberry.ID, strawberry.argument(description="The run.")]


@strawberry.input(description="From a threshold on, a percent of the period's purchase amount.")
class VolumeRebateTierInput:
    threshold: Decimal = strawberry.field(description="Base units (3 decimals) or yuan (2), as measured.")
    rate_percent: Decimal = strawberry.field(description="More than 0, at most 100.")


@strawberry.input(description="A volume rebate rule, new (no ruleId) or changed, with all its tiers.")
class VolumeRebateRuleInput:
    rule_id: strawberry.ID | None = strawberry.field(default=None, description="The rule to change.")
    name: str = strawberry.field(description="At most 60 characters.")
    period_kind: RebatePeriodKind = strawberry.field(description="The period it measures.")  # type: ignore[valid-type]
    measure: RebateMeasure = strawberry.field(description="What its thresholds count.")  # type: ignore[valid-type]
    tiers: list[VolumeRebateTierInput] = strawberry.field(description="1 to 10 tiers.")
    level_id: strawberry.ID | None = strawberry.field(
        default=None, description="Only this level; null: every level without a rule of its own."
    )
    is_active: bool = strawberry.field(default=True, description="False: switched off, kept for history.")


@strawberry.input(description="A top-10 bonus rule, new (no ruleId) or changed.")
class BonusRuleInput:
    rule_id: strawberry.ID | None = strawberry.field(default=None, description="The rule to change.")
    name: str = strawberry.field(description="At most 60 characters.")
    period_kind: RebatePeriodKind = strawberry.field(description="The period it ranks.")  # type: ignore[valid-type]
    mode: BonusMode = strawberry.field(description="An amount per rank, or a pool.")  # type: ignore[valid-type]
    rank_amounts: list[Decimal] | None = strawberry.field(
        default=None, description="RANKS: yuan for rank 1, 2, … (up to ten)."
    )
    pool_amount: Decimal | None = strawberry.field(default=None, description="POOL: the yuan to share.")
    level_id: strawberry.ID | None = strawberry.field(
        default=None, description="Rank only this level; null: every level without a rule of its own."
    )
    is_active: bool = strawberry.field(default=True, description="False: switched off, kept for history.")


def _run(call: object) -> RebateRunPayload:
    found, errors = run_service(call)  # type: ignore[arg-type]
    return RebateRunPayload(run=RebateRunType.of(found) if found else None, errors=errors)


@strawberry.type
class RebateQueries:
    @strawberry.field(description="Volume rebate rules; for distribution.view.")
    def volume_rebate_rules(
        self, info: Info, include_inactive: IncludeInactive = False
    ) -> list[VolumeRebateRuleType]:
        rows = selectors.volume_rebate_rules(actor=current_actor(info), include_inactive=include_inactive)
        return [VolumeRebateRuleType.of(rule) for rule in rows]

    @strawberry.field(description="Top-10 bonus rules; for distribution.view.")
    def bonus_rules(self, info: Info, include_inactive: IncludeInactive = False) -> list[BonusRuleType]:
        rows = selectors.bonus_rules(actor=current_actor(info), include_inactive=include_inactive)
        return [BonusRuleType.of(rule) for rule in rows]

    @strawberry.field(description="Rebate runs, the latest period first; for distribution.view.")
    def rebate_runs(
        self,
        info: Info,
        period_kind: Annotated[
            RebatePeriodKind | None,  # type: ignore[valid-type]
            strawberry.argument(description="Only months or only quarters."),
        ] = None,
        status: RebateRunStatus | None = None,  # type: ignore[valid-type]
        limit: int = 20,
        offset: int = 0,
    ) -> RebateRunPage:
        check_page(limit, offset)
        rows = selectors.rebate_runs(
            actor=current_actor(info), period_kind=model_value(period_kind), status=model_value(status)
        )
        return RebateRunPage(
            total_count=rows.count(), items=[RebateRunType.of(run) for run in rows[offset : offset + limit]]
        )

    @strawberry.field(description="One rebate run with its lines; for distribution.view.")
    def rebate_run(self, info: Info, id: RunId) -> RebateRunType:
        return RebateRunType.of(selectors.rebate_run(actor=current_actor(info), run_id=id))


@strawberry.type
class RebateMutations:
    @strawberry.mutation(description="Save a volume rebate rule (distribution.manage).")
    def volume_rebate_rule_save(
        self,
        info: Info,
        input: Annotated[VolumeRebateRuleInput, strawberry.argument(description="The rule.")],
    ) -> VolumeRebateRulePayload:
        found, errors = run_service(
            lambda: rebates.volume_rule_save(
                actor=current_actor(info),
                rule=rebates.VolumeRuleInput(
                    rule_id=input.rule_id,
                    name=input.name,
                    period_kind=model_value(input.period_kind),
                    measure=model_value(input.measure),
                    tiers=[rebates.TierInput(t.threshold, t.rate_percent) for t in input.tiers],
                    level_id=input.level_id,
                    is_active=input.is_active,
                ),
            )
        )
        return VolumeRebateRulePayload(rule=VolumeRebateRuleType.of(found) if found else None, errors=errors)

    @strawberry.mutation(description="Save a top-10 bonus rule (distribution.manage).")
    def bonus_rule_save(
        self, info: Info, input: Annotated[BonusRuleInput, strawberry.argument(description="The rule.")]
    ) -> BonusRulePayload:
        found, errors = run_service(
            lambda: rebates.bonus_rule_save(
                actor=current_actor(info),
                rule=rebates.BonusRuleInput(
                    rule_id=input.rule_id,
                    name=input.name,
                    period_kind=model_value(input.period_kind),
                    mode=model_value(input.mode),
                    rank_amounts=list(input.rank_amounts or []),
                    pool_amount=input.pool_amount,
                    level_id=input.level_id,
                    is_active=input.is_active,
                ),
            )
        )
        return BonusRulePayload(rule=BonusRuleType.of(found) if found else None, errors=errors)

    @strawberry.mutation(
        description="Compute (or compute again, while a draft) the run of a period that has closed "
        "(distribution.manage); the periodic job does this itself after each period."
    )
    def rebate_run_compute(
        self,
        info: Info,
        period_kind: Annotated[
            RebatePeriodKind,  # type: ignore[valid-type]
            strawberry.argument(description="Month or quarter."),
        ],
        period_start: Annotated[date, strawberry.argument(description="The period's first day.")],
    ) -> RebateRunPayload:
        return _run(
            lambda: rebate_runs.rebate_run_compute(
                actor=current_actor(info), period_kind=model_value(period_kind), period_start=period_start
            )
        )

    @strawberry.mutation(description="Approve a reviewed draft run (distribution.manage).")
    def rebate_run_approve(
        self,
        info: Info,
        id: RunId,
        note: Annotated[str | None, strawberry.argument(description="The reviewer's note.")] = None,
    ) -> RebateRunPayload:
        return _run(
            lambda: rebate_runs.rebate_run_approve(actor=current_actor(info), run_id=id, note=note or "")
        )

    @strawberry.mutation(
        description="Credit an approved run's lines to the rebate balances, once. Finance's act: "
        "finance.manage (a key: finance:write too), finance_required without it."
    )
    def rebate_run_post(self, info: Info, id: RunId) -> RebateRunPayload:
        return _run(lambda: rebate_runs.rebate_run_post(actor=current_actor(info), run_id=id))
