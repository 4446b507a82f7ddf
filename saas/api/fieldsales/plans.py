"""Visit plans, visit frequencies, overdue customers, visit suggestions and work logs in GraphQL."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.types import Info

from saas.api.accounts.types import UserType
from saas.api.customers.types import CustomerLevelType, CustomerType
from saas.api.errors import FieldError, run_service
from saas.api.permissions import current_actor
from saas.core.errors import NotFound
from saas.fieldsales import logs, plan_selectors, plans
from saas.fieldsales.models import VisitFrequency, WorkLog, WorkLogComment
from saas.fieldsales.plan_selectors import OverdueCustomer, PlanView, VisitSuggestion


def _id(pk: int | None) -> strawberry.ID | None:
    return strawberry.ID(str(pk)) if pk is not None else None


@strawberry.type(name="VisitPlanStop", description="A customer in a day's plan.")
class VisitPlanStopType:
    position: int = strawberry.field(description="Its place in the route: 1, 2, 3…")
    customer: CustomerType = strawberry.field(description="Whom to visit.")
    note: str = strawberry.field(description="What to do there; empty for none.")
    visited: bool = strawberry.field(description="The rep checked in there that day.")
    visit_id: strawberry.ID | None = strawberry.field(description="The day's first check-in there.")
    visited_at: datetime | None = strawberry.field(
        description="When that check-in happened (the phone's time for one sent later); null until then."
    )


@strawberry.type(name="VisitPlan", description="A rep's plan for a day: the customers to visit, in order.")
class VisitPlanType:
    id: strawberry.ID | None = strawberry.field(description="Null when nothing is planned for the day.")
    rep: UserType = strawberry.field(description="Whose day.")
    date: date = strawberry.field(description="The day, in the workspace's time zone.")
    planned_by: UserType | None = strawberry.field(description="Who set the plan last: the rep or a manager.")
    updated_at: datetime | None = strawberry.field(description="When the plan was set last.")
    stops: list[VisitPlanStopType] = strawberry.field(description="The customers in visiting order.")
    visited_count: int = strawberry.field(description="How many of the stops were visited.")

    @classmethod
    def of(cls, view: PlanView) -> VisitPlanType:
        plan = view.plan
        return cls(
            id=_id(plan.pk if plan is not None else None),
            rep=view.rep,  # type: ignore[arg-type]
            date=view.day,
            planned_by=plan.planned_by if plan is not None else None,  # type: ignore[arg-type]
            updated_at=plan.updated_at if plan is not None else None,
            stops=[
                VisitPlanStopType(
                    position=stop.position,
                    customer=stop.customer,  # type: ignore[arg-type]
                    note=stop.note,
                    visited=stop.visited,
                    visit_id=_id(stop.visit.pk) if stop.visit is not None else None,
                    visited_at=(stop.visit.captured_at or stop.visit.checked_in_at) if stop.visit else None,
                )
                for stop in view.stops
            ],
            visited_count=view.visited_count,
        )


@strawberry.type(name="VisitFrequency", description="How often customers of a level should be visited.")
class VisitFrequencyType:
    level: CustomerLevelType = strawberry.field(description="The customer level (客户等级).")
    visits_per_month: int = strawberry.field(description="Visits a calendar month; 0: no rule.")

    @classmethod
    def of(cls, row: VisitFrequency) -> VisitFrequencyType:
        return cls(level=row.level, visits_per_month=row.visits_per_month)  # type: ignore[arg-type]


@strawberry.type(
    name="OverdueCustomer", description="A customer visited fewer times this month than its level asks."
)
class OverdueCustomerType:
    customer: CustomerType = strawberry.field(description="The customer.")
    required_visits: int = strawberry.field(description="Visits a month its level asks for.")
    visits_this_month: int = strawberry.field(description="Check-ins there this calendar month, by anyone.")
    last_visit_at: datetime | None = strawberry.field(description="The last check-in there; null: never.")

    @classmethod
    def of(cls, row: OverdueCustomer) -> OverdueCustomerType:
        return cls(
            customer=row.customer,  # type: ignore[arg-type]
            required_visits=row.required,
            visits_this_month=row.visits_this_month,
            last_visit_at=row.last_visit_at,
        )


@strawberry.type(
    name="VisitSuggestion",
    description="A customer worth visiting, with the facts its score adds up (reorder due, money owed, "
    "time since the last visit; each term at most 3).",
)
class VisitSuggestionType:
    customer: CustomerType = strawberry.field(description="The customer.")
    score: Decimal = strawberry.field(
        description="Higher first: days since the last order / the usual reorder interval, plus the oldest "
        "unpaid order's age / 30, plus days since the last visit / 30, plus 1 + days past a follow-up date "
        "the latest visit set, each capped at 3."
    )
    days_since_last_order: int | None = strawberry.field(description="Null: never ordered.")
    usual_reorder_days: int | None = strawberry.field(
        description="The median gap between its order days; null with fewer than two orders (30 is used)."
    )
    oldest_unpaid_days: int | None = strawberry.field(
        description="Days since its oldest order still owing money became receivable; null: owes nothing."
    )
    days_since_last_visit: int | None = strawberry.field(description="Null: never visited.")
    last_visit_at: datetime | None = strawberry.field(description="The last check-in there by anyone.")
    follow_up_on: date | None = strawberry.field(
        description="The follow-up date the latest visit there set; null for none."
    )

    @classmethod
    def of(cls, row: VisitSuggestion) -> VisitSuggestionType:
        return cls(
            customer=row.customer,  # type: ignore[arg-type]
            score=row.score,
            days_since_last_order=row.days_since_last_order,
            usual_reorder_days=row.usual_reorder_days,
            oldest_unpaid_days=row.oldest_unpaid_days,
            days_since_last_visit=row.days_since_last_visit,
            last_visit_at=row.last_visit_at,
            follow_up_on=row.follow_up_on,
        )


@strawberry.type(name="WorkLogComment", description="A manager's comment (点评) on a work log.")
class WorkLogCommentType:
    id: strawberry.ID
    author: UserType = strawberry.field(description="The manager who wrote it.")
    text: str = strawberry.field(description="The comment.")
    created_at: datetime = strawberry.field(description="When it was written.")

    @classmethod
    def of(cls, row: WorkLogComment) -> WorkLogCommentType:
        return cls(
            id=strawberry.ID(str(row.pk)),
            author=row.author,  # type: ignore[arg-type]
            text=row.text,
            created_at=row.created_at,
        )


@strawberry.type(
    name="WorkLog",
    description="A rep's daily report (业务日志): their text and the day's numbers as they were when it was "
    "written.",
)
class WorkLogType:
    id: strawberry.ID
    rep: UserType = strawberry.field(description="Whose report.")
    date: date = strawberry.field(description="The day it reports, in the workspace's time zone.")
    text: str = strawberry.field(description="What the rep wrote.")
    submitted_at: datetime = strawberry.field(description="When it was last written.")
    visits: int = strawberry.field(description="Check-ins that day.")
    customers_visited: int = strawberry.field(description="Customers checked in at that day.")
    orders_created: int = strawberry.field(description="The rep's orders created that day (not cancelled).")
    orders_amount: Decimal = strawberry.field(description="Their total.")
    orders_approved: int = strawberry.field(description="The rep's orders approved that day.")
    approved_amount: Decimal = strawberry.field(description="Their total.")
    receipts: int = strawberry.field(description="Receipts that day from the rep's customers (not void).")
    collections: Decimal = strawberry.field(description="Money received that day (回款), refunds taken off.")
    comments: list[WorkLogCommentType] = strawberry.field(description="Managers' comments, oldest first.")

    @classmethod
    def of(cls, log: WorkLog) -> WorkLogType:
        return cls(
            id=strawberry.ID(str(log.pk)),
            rep=log.rep,  # type: ignore[arg-type]
            date=log.day,
            text=log.text,
            submitted_at=log.submitted_at,
            visits=log.visits,
            customers_visited=log.customers_visited,
            orders_created=log.orders_created,
            orders_amount=log.orders_amount,
            orders_approved=log.orders_approved,
            approved_amount=log.approved_amount,
            receipts=log.receipts,
            collections=log.collections,
            comments=[WorkLogCommentType.of(comment) for comment in log.comments.all()],
        )


@strawberry.type(description="A day's plan after a change.")
class VisitPlanPayload:
    plan: VisitPlanType | None = strawberry.field(description="The plan; null when refused.")
    errors: list[FieldError] = strawberry.field(description="Why it was refused; empty on success.")


@strawberry.type(description="A level's visit frequency after a change.")
class VisitFrequencyPayload:
    frequency: VisitFrequencyType | None = strawberry.field(description="The frequency; null when refused.")
    errors: list[FieldError] = strawberry.field(description="Why it was refused; empty on success.")


@strawberry.type(description="A work log after a change.")
class WorkLogPayload:
    log: WorkLogType | None = strawberry.field(description="The log; null when refused.")
    errors: list[FieldError] = strawberry.field(description="Why it was refused; empty on success.")


@strawberry.type
class PlanQueries:
    @strawberry.field(
        description="A rep's plan for a day with each stop's visited state (default the caller, today). "
        "A rep sees their own, a manager their teams' reps'."
    )
    def visit_plan(
        self, info: Info, rep_id: strawberry.ID | None = None, date: date | None = None
    ) -> VisitPlanType:
        return VisitPlanType.of(plan_selectors.visit_plan(actor=current_actor(info), rep_id=rep_id, day=date))

    @strawberry.field(description="How often customers of each level should be visited.")
    def visit_frequencies(self, info: Info) -> list[VisitFrequencyType]:
        return [
            VisitFrequencyType.of(row) for row in plan_selectors.visit_frequencies(actor=current_actor(info))
        ]

    @strawberry.field(
        description="Customers visited fewer times this month than their level's frequency asks, most "
        "visits missing first."
    )
    def overdue_customers(self, info: Info, rep_id: strawberry.ID | None = None) -> list[OverdueCustomerType]:
        rows = plan_selectors.overdue_customers(actor=current_actor(info), rep_id=rep_id)
        return [OverdueCustomerType.of(row) for row in rows]

    @strawberry.field(description="The rep's customers ranked by how much a visit is due, best first.")
    def visit_suggestions(
        self, info: Info, rep_id: strawberry.ID | None = None, limit: int = 20
    ) -> list[VisitSuggestionType]:
        rows = plan_selectors.visit_suggestions(actor=current_actor(info), rep_id=rep_id, limit=limit)
        return [VisitSuggestionType.of(row) for row in rows]

    @strawberry.field(description="A rep's work log of a day with its comments; null when not written.")
    def work_log(
        self, info: Info, rep_id: strawberry.ID | None = None, date: date | None = None
    ) -> WorkLogType | None:
        log = plan_selectors.work_log(actor=current_actor(info), rep_id=rep_id, day=date)
        return WorkLogType.of(log) if log is not None else None

    @strawberry.field(
        description="One work log by id (where a comment's notification leads); null when not yours to see."
    )
    def work_log_get(self, info: Info, id: strawberry.ID) -> WorkLogType | None:
        try:
            log = plan_selectors.work_log_get(actor=current_actor(info), log_id=id)
        except NotFound:
            return None
        return WorkLogType.of(log)

    @strawberry.field(
        description="Work logs over a span of days, newest first, of one rep or of all the caller sees."
    )
    def work_logs(
        self,
        info: Info,
        rep_id: strawberry.ID | None = None,
        date_from: Annotated[date | None, strawberry.argument(name="from")] = None,
        date_to: Annotated[date | None, strawberry.argument(name="to")] = None,
    ) -> list[WorkLogType]:
        found = plan_selectors.work_logs(
            actor=current_actor(info), rep_id=rep_id, first=date_from, last=date_to
        )
        return [WorkLogType.of(log) for log in found]


@strawberry.type
class PlanMutations:
    @strawberry.mutation(
        description="Plan a day (today or up to 31 days ahead): the customers in visiting order, the whole "
        "new list. A rep plans their own day; a manager may plan a rep's of their team (repId)."
    )
    def visit_plan_set(
        self,
        info: Info,
        date: date,
        customer_ids: list[strawberry.ID],
        rep_id: strawberry.ID | None = None,
        notes: list[str] | None = None,
    ) -> VisitPlanPayload:
        actor = current_actor(info)
        plan, errors = run_service(
            lambda: plans.visit_plan_set(
                actor=actor, day=date, customer_ids=list(customer_ids), rep_id=rep_id, notes=notes
            )
        )
        if plan is None:
            return VisitPlanPayload(plan=None, errors=errors)
        view = plan_selectors.visit_plan(actor=actor, rep_id=plan.rep_id, day=plan.day)
        return VisitPlanPayload(plan=VisitPlanType.of(view), errors=[])

    @strawberry.mutation(
        description="How many visits a month customers of a level should get (field.manage)."
    )
    def visit_frequency_set(
        self, info: Info, level_id: strawberry.ID, visits_per_month: int
    ) -> VisitFrequencyPayload:
        row, errors = run_service(
            lambda: plans.visit_frequency_set(
                actor=current_actor(info), level_id=level_id, visits_per_month=visits_per_month
            )
        )
        return VisitFrequencyPayload(frequency=VisitFrequencyType.of(row) if row else None, errors=errors)

    @strawberry.mutation(
        description="Write the caller's work log of today or yesterday: the text, with the day's visits, "
        "orders and collections filled in. Writing again replaces the text and refreshes the numbers."
    )
    def work_log_write(self, info: Info, date: date, text: str) -> WorkLogPayload:
        log, errors = run_service(lambda: logs.work_log_write(actor=current_actor(info), day=date, text=text))
        return WorkLogPayload(log=WorkLogType.of(log) if log else None, errors=errors)

    @strawberry.mutation(
        description="Comment on a rep's work log (a manager who sees the rep's field data); the rep is notified."
    )
    def work_log_comment(self, info: Info, id: strawberry.ID, text: str) -> WorkLogPayload:
        actor = current_actor(info)
        comment, errors = run_service(lambda: logs.work_log_comment(actor=actor, log_id=id, text=text))
        if comment is None:
            return WorkLogPayload(log=None, errors=errors)
        log = plan_selectors.work_log_get(actor=actor, log_id=comment.log_id)  # with the new comment
        return WorkLogPayload(log=WorkLogType.of(log), errors=[])
