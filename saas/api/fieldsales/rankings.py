"""Rankings, targets, teams and regions in GraphQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry
from strawberry.types import Info

from saas.api.choices import ChoiceEnum, model_value
from saas.api.errors import FieldError, run_service
from saas.api.permissions import current_actor
from saas.fieldsales import selectors, teams
from saas.fieldsales.models import Dimension, FieldTarget, Metric, TargetPeriod, Team


class RankingPeriod(
    ChoiceEnum,
    choices=["day", "week", "month", "quarter"],
    describe={
        "day": "The day (the workspace's time zone).",
        "week": "Monday to Sunday.",
        "month": "The calendar month.",
        "quarter": "The calendar quarter.",
    },
):
    """The span a ranking adds up."""


class RankingDimension(
    ChoiceEnum,
    choices=Dimension,
    describe={
        "rep": "Each rep.",
        "team": "Each team (its members' sum).",
        "region": "Each region (its teams').",
    },
):
    """Who is ranked."""


class RankingMetric(
    ChoiceEnum,
    choices=Metric,
    describe={
        "sales_amount": "Totals of orders approved in the span that still count as sold.",
        "collections": "Money received from the reps' customers (回款), refunds taken off.",
        "new_customers": "Customers created for the rep.",
        "visits": "Check-ins at customers.",
    },
):
    """What a ranking counts."""


class RankingOrder(
    ChoiceEnum,
    choices=[selectors.RANK_BY_VALUE, selectors.RANK_BY_COMPLETION],
    describe={
        "value": "The highest value first.",
        "completion_rate": "The highest value / target first; those without a target last.",
    },
):
    """What a ranking is ordered by."""


class TargetPeriodEnum(
    ChoiceEnum,
    choices=TargetPeriod,
    describe={"month": "A calendar month.", "quarter": "A calendar quarter."},
):
    """The span of a target."""


@strawberry.type(name="RankingRow", description="One place in a ranking.")
class RankingRowType:
    rank: int = strawberry.field(
        description="1 for the top; equal values share a rank and the next skips (1, 1, 3)."
    )
    id: strawberry.ID = strawberry.field(description="The rep's, team's or region's id.")
    name: str = strawberry.field(description="Their name.")
    value: Decimal = strawberry.field(description="What they reached in the span.")
    target: Decimal | None = strawberry.field(
        description="Their target for the month or quarter; null without one."
    )
    completion_rate: Decimal | None = strawberry.field(
        description="value / target (1 is 100%); null without a target."
    )


@strawberry.type(name="Region", description="A sales region.")
class RegionType:
    id: strawberry.ID
    name: str = strawberry.field(description="Such as 华东区.")


@strawberry.type(name="Team", description="A sales team and its manager.")
class TeamType:
    id: strawberry.ID
    name: str = strawberry.field(description="The team's name.")
    region_id: strawberry.ID | None = strawberry.field(description="Its region.")
    manager_id: strawberry.ID | None = strawberry.field(description="Who sees the team's field data.")
    member_ids: list[strawberry.ID] = strawberry.field(description="Its reps.")

    @classmethod
    def of(cls, team: Team) -> TeamType:
        return cls(
            id=strawberry.ID(str(team.pk)),
            name=team.name,
            region_id=strawberry.ID(str(team.region_id)) if team.region_id else None,
            manager_id=strawberry.ID(str(team.manager_id)) if team.manager_id else None,
            member_ids=[strawberry.ID(str(m.user_id)) for m in team.members.all()],
        )


@strawberry.type(name="FieldTarget", description="A month's or quarter's target.")
class FieldTargetType:
    period: TargetPeriodEnum = strawberry.field(description="Month or quarter.")
    starts_on: date = strawberry.field(description="Its first day.")
    dimension: RankingDimension = strawberry.field(description="Rep, team or region.")
    subject_id: strawberry.ID = strawberry.field(description="Whose target.")
    metric: RankingMetric = strawberry.field(description="What it counts.")
    value: Decimal = strawberry.field(description="The goal.")

    @classmethod
    def of(cls, row: FieldTarget) -> FieldTargetType:
        return cls(
            period=TargetPeriodEnum(row.period),
            starts_on=row.starts_on,
            dimension=RankingDimension(row.dimension),
            subject_id=strawberry.ID(str(row.subject_id)),
            metric=RankingMetric(row.metric),
            value=row.value,
        )


@strawberry.type(description="A region after a change.")
class RegionPayload:
    region: RegionType | None = strawberry.field(description="The region; null when refused.")
    errors: list[FieldError] = strawberry.field(description="Why it was refused; empty on success.")


@strawberry.type(description="A team after a change.")
class TeamPayload:
    team: TeamType | None = strawberry.field(description="The team; null when refused.")
    errors: list[FieldError] = strawberry.field(description="Why it was refused; empty on success.")


@strawberry.type(description="A target after a change.")
class FieldTargetPayload:
    target: FieldTargetType | None = strawberry.field(description="The target; null when refused.")
    errors: list[FieldError] = strawberry.field(description="Why it was refused; empty on success.")


@strawberry.type
class RankingQueries:
    @strawberry.field(
        description="A ranking over the span containing `date` (default today, the workspace's time zone), "
        "from the daily rollup. Everyone in the field sees it."
    )
    def field_rankings(
        self,
        info: Info,
        period: RankingPeriod,
        dimension: RankingDimension,
        metric: RankingMetric | None = None,
        date: date | None = None,
        rank_by: RankingOrder | None = None,
    ) -> list[RankingRowType]:
        rows = selectors.field_rankings(
            actor=current_actor(info),
            period=model_value(period),
            dimension=model_value(dimension),
            metric=model_value(metric) or Metric.SALES_AMOUNT,
            on=date,
            by=model_value(rank_by) or selectors.RANK_BY_VALUE,
        )
        return [
            RankingRowType(
                rank=row.rank,
                id=strawberry.ID(str(row.subject_id)),
                name=row.name,
                value=row.value,
                target=row.target,
                completion_rate=row.completion_rate,
            )
            for row in rows
        ]

    @strawberry.field(description="The sales regions.")
    def regions(self, info: Info) -> list[RegionType]:
        return [
            RegionType(id=strawberry.ID(str(r.pk)), name=r.name)
            for r in selectors.regions(actor=current_actor(info))
        ]

    @strawberry.field(description="The sales teams with their managers and reps.")
    def teams(self, info: Info) -> list[TeamType]:
        return [TeamType.of(team) for team in selectors.teams(actor=current_actor(info))]


@strawberry.type
class RankingMutations:
    @strawberry.mutation(description="Add a sales region (owners and admins).")
    def region_create(self, info: Info, name: str) -> RegionPayload:
        region, errors = run_service(lambda: teams.region_create(actor=current_actor(info), name=name))
        return RegionPayload(
            region=RegionType(id=strawberry.ID(str(region.pk)), name=region.name) if region else None,
            errors=errors,
        )

    @strawberry.mutation(description="Add a sales team with its region and manager (owners and admins).")
    def team_create(
        self,
        info: Info,
        name: str,
        region_id: strawberry.ID | None = None,
        manager_id: strawberry.ID | None = None,
    ) -> TeamPayload:
        team, errors = run_service(
            lambda: teams.team_create(
                actor=current_actor(info), name=name, region_id=region_id, manager_id=manager_id
            )
        )
        return TeamPayload(team=TeamType.of(team) if team else None, errors=errors)

    @strawberry.mutation(description="A team's reps, the whole new set (a rep leaves any other team).")
    def team_members_set(
        self, info: Info, team_id: strawberry.ID, user_ids: list[strawberry.ID]
    ) -> TeamPayload:
        team, errors = run_service(
            lambda: teams.team_members_set(
                actor=current_actor(info), team_id=team_id, user_ids=list(user_ids)
            )
        )
        return TeamPayload(team=TeamType.of(team) if team else None, errors=errors)

    @strawberry.mutation(
        description="Set a month's or quarter's target for a rep, team or region (field.manage)."
    )
    def field_target_set(
        self,
        info: Info,
        period: TargetPeriodEnum,
        date: date,
        dimension: RankingDimension,
        subject_id: strawberry.ID,
        metric: RankingMetric,
        value: Decimal,
    ) -> FieldTargetPayload:
        target, errors = run_service(
            lambda: teams.field_target_set(
                actor=current_actor(info),
                period=model_value(period),
                on=date,
                dimension=model_value(dimension),
                subject_id=subject_id,
                metric=model_value(metric),
                value=value,
            )
        )
        return FieldTargetPayload(target=FieldTargetType.of(target) if target else None, errors=errors)
