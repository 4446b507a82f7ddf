"""The team's day at a glance in GraphQL: fieldTeamDay, one row per rep the caller follows."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.types import Info

from saas.api.accounts.types import UserType
from saas.api.customers.types import CustomerType
from saas.api.permissions import current_actor
from saas.core.clock import tenant_today
from saas.fieldsales.models import Visit
from saas.fieldsales.team_day import RepDay, field_team_day


@strawberry.type(
    name="FieldTeamVisit", description="A rep's last check-in of the day, as the team's day shows it."
)
class FieldTeamVisitType:
    id: strawberry.ID
    checked_in_at: datetime = strawberry.field(description="When the server received the check-in.")
    captured_at: datetime | None = strawberry.field(description="When the phone says it happened.")
    captured_offline: bool = strawberry.field(
        description="Captured offline and sent later from the outbox: capturedAt is when it happened."
    )
    latitude: Decimal | None = strawberry.field(description="WGS-84 latitude of the check-in.")
    longitude: Decimal | None = strawberry.field(description="WGS-84 longitude of the check-in.")
    out_of_range: bool = strawberry.field(description="The position was out of the customer's range.")
    customer: CustomerType = strawberry.field(description="Where the rep checked in.")

    @classmethod
    def of(cls, visit: Visit) -> FieldTeamVisitType:
        return cls(
            id=strawberry.ID(str(visit.pk)),
            checked_in_at=visit.checked_in_at,
            captured_at=visit.captured_at,
            captured_offline=visit.captured_offline,
            latitude=visit.latitude,
            longitude=visit.longitude,
            out_of_range=visit.out_of_range,
            customer=visit.customer,  # type: ignore[arg-type]
        )


@strawberry.type(name="FieldTeamRepDay", description="One rep's day in numbers, for the team's day.")
class FieldTeamRepDayType:
    rep: UserType = strawberry.field(description="The rep.")
    team_ids: list[strawberry.ID] = strawberry.field(description="The teams the rep is in (at most one).")
    visit_count: int = strawberry.field(
        description="Check-ins that day (an offline one on the day it was captured)."
    )
    customer_count: int = strawberry.field(description="Distinct customers checked in at.")
    out_of_range_count: int = strawberry.field(description="Check-ins out of the customer's range.")
    offline_count: int = strawberry.field(description="Check-ins captured offline and sent later.")
    distance_travelled_meters: int = strawberry.field(
        description="Straight lines from one check-in to the next (no background tracking)."
    )
    last_visit: FieldTeamVisitType | None = strawberry.field(
        description="The day's latest check-in (who is where); null without one."
    )
    orders_count: int = strawberry.field(
        description="The rep's orders approved that day that still count as sold (as the rankings count sales)."
    )
    orders_amount: Decimal = strawberry.field(description="Those orders' totals.")
    collections_amount: Decimal = strawberry.field(
        description="Money received that day from the rep's customers (回款), refunds taken off, as the rankings count it."
    )

    @classmethod
    def of(cls, row: RepDay) -> FieldTeamRepDayType:
        return cls(
            rep=row.rep,  # type: ignore[arg-type]
            team_ids=[strawberry.ID(str(team_id)) for team_id in row.team_ids],
            visit_count=row.visit_count,
            customer_count=row.customer_count,
            out_of_range_count=row.out_of_range_count,
            offline_count=row.offline_count,
            distance_travelled_meters=row.distance_travelled_m,
            last_visit=FieldTeamVisitType.of(row.last_visit) if row.last_visit is not None else None,
            orders_count=row.orders_count,
            orders_amount=row.orders_amount,
            collections_amount=row.collections_amount,
        )


@strawberry.type(
    name="FieldTeamDay", description="The team's day at a glance: one row per rep the caller follows."
)
class FieldTeamDayType:
    date: date = strawberry.field(description="The day, in the workspace's time zone.")
    reps: list[FieldTeamRepDayType] = strawberry.field(description="The reps in name order.")


@strawberry.type
class TeamDayQueries:
    @strawberry.field(
        description="The day of every rep the caller follows (themselves; their teams' reps with "
        "field.view_team; everyone in the field with field.view_all): visits, last check-in, orders "
        "and collections, in one call."
    )
    def field_team_day(
        self,
        info: Info,
        date: Annotated[
            date | None,
            strawberry.argument(description="The day, in the workspace's time zone; default today."),
        ] = None,
    ) -> FieldTeamDayType:
        on = date or tenant_today()
        rows = field_team_day(actor=current_actor(info), day=on)
        return FieldTeamDayType(date=on, reps=[FieldTeamRepDayType.of(row) for row in rows])
