"""A rep's targets and progress in GraphQL (我的目标)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.types import Info

from saas.api.accounts.types import UserType
from saas.api.choices import model_value
from saas.api.fieldsales.rankings import RankingMetric, TargetPeriodEnum
from saas.api.permissions import current_actor
from saas.fieldsales.target_progress import TargetProgress, field_targets


@strawberry.type(description="One metric of a rep's targets: the target and what is reached so far.")
class FieldTargetProgress:
    metric: RankingMetric = strawberry.field(description="What is counted (as the rankings count it).")
    value: Decimal = strawberry.field(description="Reached so far in the period (the daily rollup).")
    target: Decimal | None = strawberry.field(description="The rep's target; null without one.")
    completion_rate: Decimal | None = strawberry.field(
        description="value / target (1 is 100%); null without a target."
    )


@strawberry.type(description="A rep's targets for a month or quarter, and how far along they are.")
class FieldTargets:
    rep: UserType = strawberry.field(description="Whose targets.")
    period: TargetPeriodEnum = strawberry.field(description="Month or quarter.")
    first_day: date = strawberry.field(description="The period's first day.")
    last_day: date = strawberry.field(description="The period's last day.")
    elapsed_share: Decimal = strawberry.field(
        description="Days gone, today included, over the period's days (0 to 1): on pace when "
        "completionRate is at least this."
    )
    metrics: list[FieldTargetProgress] = strawberry.field(
        description="Sales amount, collections, new customers and visits, in that order."
    )

    @classmethod
    def of(cls, progress: TargetProgress) -> FieldTargets:
        return cls(
            rep=progress.rep,  # type: ignore[arg-type]
            period=TargetPeriodEnum(progress.period),
            first_day=progress.first_day,
            last_day=progress.last_day,
            elapsed_share=progress.elapsed_share,
            metrics=[
                FieldTargetProgress(
                    metric=RankingMetric(row.metric),
                    value=row.value,
                    target=row.target,
                    completion_rate=row.completion_rate,
                )
                for row in progress.metrics
            ],
        )


@strawberry.type
class TargetQueries:
    @strawberry.field(
        description="A rep's targets for the month or quarter and progress (default: the caller, this month)."
    )
    def field_targets(
        self,
        info: Info,
        rep_id: Annotated[
            strawberry.ID | None, strawberry.argument(description="The rep; the caller when null.")
        ] = None,
        period: Annotated[
            TargetPeriodEnum | None, strawberry.argument(description="MONTH when null.")
        ] = None,
        date: Annotated[
            date | None, strawberry.argument(description="A day in the period; today when null.")
        ] = None,
    ) -> FieldTargets:
        return FieldTargets.of(
            field_targets(
                actor=current_actor(info), rep_id=rep_id, period=model_value(period) or "month", on=date
            )
        )
