"""Field plans and work logs, read per actor: a rep's day plan with each stop's visited state,
customers behind their level's visit frequency, visit suggestions ranked from Sparrow's own
data, and work logs with their comments.

Whose: a rep sees their own, a manager also the reps of the teams they manage, owners and admins
everyone's (`visible_rep_ids`). These are people's working notes, so partner keys and jobs read
none of them (as `user.*` events never leave the workspace); only the visit frequencies, rules
of the workspace, are read by anyone in the field. Customers are read through the customers' row
rule and orders through the orders' rule of the person asking.

Suggestions. Each active customer the rep owns gets a score, the sum of four terms, each capped
at 3 so that no single one buries the others:

- reorder: days since the customer's last order / its usual reorder interval, the median gap
  between its last 13 order days within two years (sold orders, by order date); with a single
  order the interval is taken as 30 days, with none the term is 0. 1 means an order is due today.
- receivable: days since the oldest order it still owes money for became receivable (its first
  shipment, else its approval, as in receivables ageing) / 30. 0 when it owes nothing.
- unvisited: days since anyone last checked in there / 30; a customer never visited counts from
  the day it was created.
- follow-up: when the customer's latest visit set a follow-up date (跟进日期) that has come,
  1 + days past it / 30; 0 before it, or when no follow-up was set.

Ties go by customer name, then id. A customer with a score of 0 (ordered today on time, owes
nothing, visited today) is still listed, last.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from statistics import median
from typing import Any

from django.db.models import Count, F, Max, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from saas.accounts.access import require_person_scopes
from saas.accounts.actors import Actor, MissingActor
from saas.accounts.models import User
from saas.accounts.selectors import user_get
from saas.core.clock import day_bounds, tenant_date, tenant_today, tenant_zone
from saas.core.errors import DomainError, InvalidInput, NotFound
from saas.core.ids import clean_id, parse_id
from saas.core.paging import MAX_PAGE
from saas.customers.models import Customer
from saas.customers.visibility import visible_customers
from saas.fieldsales.access import FIELD_SCOPES, require_field_reader, visible_rep_ids
from saas.fieldsales.models import PlanStop, Visit, VisitFrequency, VisitPlan, WorkLog
from saas.finance.selectors.balances import order_balance
from saas.sales.models import SOLD_STATUSES
from saas.sales.selectors.visibility import visible_orders

# With one order there is no interval yet: a month is the usual guess.
DEFAULT_REORDER_DAYS = 30
REORDER_HISTORY = 13  # order days: 12 gaps
HISTORY_DAYS = 730  # ...within the last two years
TERM_CAP = Decimal(3)
MONTH_DAYS = Decimal(30)
# A list of logs spans at most about a quarter.
MAX_LOG_DAYS = 93


def field_person(actor: Actor) -> User:
    """The person asking: plans and logs are read by people in the field only."""
    return require_person_scopes(actor, *FIELD_SCOPES)


def field_rep(person: User, rep_id: Any = None, *, field: str = "rep_id") -> User:
    """The rep `rep_id` names (default the person) if the person sees their field data; a rep
    they do not see is not found, like one that does not exist."""
    wanted = person.pk if rep_id in (None, "") else parse_id(rep_id)
    reps = visible_rep_ids(person)
    if wanted is None or (reps is not None and wanted not in reps):
        raise NotFound(_("User not found."), field=field)
    if wanted == person.pk:
        return person
    try:
        return user_get(actor=person, user_id=wanted)
    except NotFound:
        raise NotFound(_("User not found."), field=field) from None


# --- plans -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlanStopView:
    position: int
    customer: Customer
    note: str
    visit: Visit | None  # the day's first check-in there, if any

    @property
    def visited(self) -> bool:
        return self.visit is not None


@dataclass(frozen=True)
class PlanView:
    rep: User
    day: date
    plan: VisitPlan | None  # None: nothing planned that day
    stops: list[PlanStopView]

    @property
    def visited_count(self) -> int:
        return sum(1 for stop in self.stops if stop.visited)


def happened(prefix: str = "") -> Coalesce:
    """When a check-in happened: the phone's captured time, else the server's. A check-in sent
    later from the outbox belongs to the day it was captured, as in the rep's field day."""
    return Coalesce(f"{prefix}captured_at", f"{prefix}checked_in_at")


def happened_between(start: datetime, end: datetime, prefix: str = "") -> Q:
    """The same rule as a filter, for aggregates over related visits."""
    captured, received = f"{prefix}captured_at", f"{prefix}checked_in_at"
    return Q(**{f"{captured}__gte": start, f"{captured}__lt": end}) | Q(
        **{f"{captured}__isnull": True, f"{received}__gte": start, f"{received}__lt": end}
    )


def day_visits(rep_id: int, day: date) -> QuerySet[Visit]:
    """The rep's check-ins of a day (the workspace's), in the order they happened."""
    start, end = day_bounds(day)
    return Visit.objects.filter(happened_between(start, end), rep_id=rep_id).order_by(happened(), "id")


def first_visits(rep_id: int, day: date, customer_ids: list[int]) -> dict[int, Visit]:
    """The rep's first check-in of the day at each of the customers, by customer."""
    if not customer_ids:
        return {}
    found: dict[int, Visit] = {}
    for visit in day_visits(rep_id, day).filter(customer_id__in=customer_ids):
        found.setdefault(visit.customer_id, visit)
    return found


def visit_plan(*, actor: Actor, rep_id: Any = None, day: date | None = None) -> PlanView:
    """A rep's plan for a day (default the caller, today), each stop with whether the rep has
    checked in there that day. The linked visit is used once the `field_plans` consumer set it;
    until then the day's check-ins answer, so the plan is right the moment a check-in lands."""
    rep = field_rep(field_person(actor), rep_id)
    on = day or tenant_today()
    plan = VisitPlan.objects.filter(rep=rep, day=on).select_related("planned_by").first()
    stops: list[PlanStop] = (
        list(plan.stops.select_related("customer", "visited_visit")) if plan is not None else []
    )
    seen = first_visits(rep.pk, on, [stop.customer_id for stop in stops])
    views = [
        PlanStopView(
            position=stop.position,
            customer=stop.customer,
            note=stop.note,
            visit=stop.visited_visit or seen.get(stop.customer_id),
        )
        for stop in stops
    ]
    return PlanView(rep=rep, day=on, plan=plan, stops=views)


# --- overdue by visit frequency ----------------------------------------------------------------


def visit_frequencies(*, actor: Actor) -> QuerySet[VisitFrequency]:
    """Every level's visit frequency (anyone in the field may read them)."""
    require_field_reader(actor)
    return VisitFrequency.objects.select_related("level").order_by("level__sort_order", "level_id")


@dataclass(frozen=True)
class OverdueCustomer:
    customer: Customer
    required: int  # visits a month its level asks for
    visits_this_month: int  # by anyone, this calendar month
    last_visit_at: datetime | None

    @property
    def missing(self) -> int:
        return self.required - self.visits_this_month


def month_bounds(on: date) -> tuple[datetime, datetime]:
    first = on.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return day_bounds(first)[0], day_bounds(following)[0]


def _customers_of(person: User, rep_id: Any) -> QuerySet[Customer]:
    """Active customers the person sees, owned by the rep named or, without one, by any rep whose
    field data the person sees."""
    customers = visible_customers(person).filter(is_active=True).select_related("owner", "level")
    if rep_id not in (None, ""):
        return customers.filter(owner=field_rep(person, rep_id))
    reps = visible_rep_ids(person)
    return customers.filter(owner__isnull=False) if reps is None else customers.filter(owner_id__in=reps)


def overdue_customers(*, actor: Actor, rep_id: Any = None, on: date | None = None) -> list[OverdueCustomer]:
    """Customers visited fewer times this month than their level's frequency asks (VisitFrequency),
    most visits missing first, then the longest unvisited, then by name. Without `rep_id`: a rep's
    own customers, a manager's teams', everyone's for owners and admins."""
    person = field_person(actor)
    required = dict(
        VisitFrequency.objects.filter(visits_per_month__gt=0).values_list("level_id", "visits_per_month")
    )
    if not required:
        return []
    start, end = month_bounds(on or tenant_today())
    customers = (
        _customers_of(person, rep_id)
        .filter(level_id__in=list(required))
        .annotate(
            month_visits=Count("visits", filter=happened_between(start, end, "visits__")),
            last_visit=Max(happened("visits__")),
        )
    )
    rows = []
    for customer in customers:
        wanted = required.get(customer.level_id or 0, 0)
        done: int = customer.month_visits  # type: ignore[attr-defined]
        if done < wanted:
            rows.append(OverdueCustomer(customer, wanted, done, customer.last_visit))  # type: ignore[attr-defined]
    never = datetime.min.replace(tzinfo=tenant_zone())
    rows.sort(key=lambda row: (-row.missing, row.last_visit_at or never, row.customer.name, row.customer.pk))
    return rows


# --- suggestions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class VisitSuggestion:
    customer: Customer
    score: Decimal
    days_since_last_order: int | None  # None: never ordered
    usual_reorder_days: int | None  # None: fewer than two orders
    oldest_unpaid_days: int | None  # None: owes nothing
    days_since_last_visit: int | None  # None: never visited
    last_visit_at: datetime | None
    follow_up_on: date | None = None  # set at the latest visit


def _term(value: Decimal) -> Decimal:
    return min(value, TERM_CAP)


def suggestion_score(
    *,
    days_since_order: int | None,
    usual_reorder_days: int | None,
    unpaid_days: int | None,
    unvisited_days: int,
    follow_up_overdue_days: int | None = None,
) -> Decimal:
    """The score of the module docstring, to two decimals. `follow_up_overdue_days`: days since
    the follow-up date (0 on the day), None when none is due."""
    reorder = Decimal(0)
    if days_since_order is not None:
        reorder = Decimal(days_since_order) / Decimal(usual_reorder_days or DEFAULT_REORDER_DAYS)
    receivable = Decimal(unpaid_days or 0) / MONTH_DAYS
    unvisited = Decimal(max(unvisited_days, 0)) / MONTH_DAYS
    follow_up = Decimal(0)
    if follow_up_overdue_days is not None and follow_up_overdue_days >= 0:
        follow_up = 1 + Decimal(follow_up_overdue_days) / MONTH_DAYS
    total = _term(reorder) + _term(receivable) + _term(unvisited) + _term(follow_up)
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def usual_interval(order_days: list[date]) -> int | None:
    """The median gap in days between consecutive order days (newest REORDER_HISTORY), or None."""
    days = sorted(set(order_days))[-REORDER_HISTORY:]
    gaps = [(later - earlier).days for earlier, later in zip(days, days[1:], strict=False)]
    return max(round(median(gaps)), 1) if gaps else None


def check_limit(limit: int) -> int:
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidInput(_("limit must be 1-%(n)d.") % {"n": MAX_PAGE}, code="page_invalid", field="limit")
    return limit


def visit_suggestions(
    *, actor: Actor, rep_id: Any = None, limit: int = 20, on: date | None = None
) -> list[VisitSuggestion]:
    """Which of the rep's customers to visit next, best first (the score is in the module docstring)."""
    person = field_person(actor)
    check_limit(limit)
    rep = field_rep(person, rep_id)
    today = on or tenant_today()
    zone = tenant_zone()
    customers = list(
        visible_customers(person)
        .filter(is_active=True, owner=rep)
        .select_related("owner", "level")
        .annotate(
            last_visit=Max(happened("visits__")),
            # The follow-up date the latest visit there set, if it set one.
            follow_up_on=Subquery(
                Visit.objects.filter(customer=OuterRef("pk"))
                .annotate(at=happened())
                .order_by("-at", "-id")
                .values("follow_up_on")[:1]
            ),
        )
    )
    ids = [customer.pk for customer in customers]
    # Unordered: the orders' default ordering would split the groups and the distinct days.
    sold = visible_orders(person).filter(customer_id__in=ids, status__in=SOLD_STATUSES).order_by()
    last_order = dict(
        sold.values("customer_id").annotate(last=Max("order_date")).values_list("customer_id", "last")
    )
    order_days: dict[int, list[date]] = defaultdict(list)
    recent = sold.filter(order_date__gte=today - timedelta(days=HISTORY_DAYS))
    for customer_id, day in recent.values_list("customer_id", "order_date").distinct():
        order_days[customer_id].append(day)
    unpaid_since = dict(
        sold.annotate(balance=order_balance())
        .filter(balance__gt=0)
        .values("customer_id")
        .annotate(since=Min(Coalesce(F("shipped_at"), F("approved_at"))))
        .values_list("customer_id", "since")
    )
    rows = []
    for customer in customers:
        ordered = last_order.get(customer.pk)
        since_order = (today - ordered).days if ordered is not None else None
        usual = usual_interval(order_days.get(customer.pk, []))
        since = unpaid_since.get(customer.pk)
        unpaid = max((today - tenant_date(since, zone)).days, 0) if since is not None else None
        last_visit: datetime | None = customer.last_visit  # type: ignore[attr-defined]
        since_visit = (today - tenant_date(last_visit, zone)).days if last_visit is not None else None
        unvisited = (
            since_visit if since_visit is not None else (today - tenant_date(customer.created_at, zone)).days
        )
        follow_up: date | None = customer.follow_up_on  # type: ignore[attr-defined]
        score = suggestion_score(
            days_since_order=since_order,
            usual_reorder_days=usual,
            unpaid_days=unpaid,
            unvisited_days=unvisited,
            follow_up_overdue_days=(today - follow_up).days if follow_up is not None else None,
        )
        rows.append(
            VisitSuggestion(customer, score, since_order, usual, unpaid, since_visit, last_visit, follow_up)
        )
    rows.sort(key=lambda row: (-row.score, row.customer.name, row.customer.pk))
    return rows[:limit]


# --- work logs ---------------------------------------------------------------------------------


def visible_work_logs(actor: Actor) -> QuerySet[WorkLog]:
    """Work logs of the reps whose field data the person sees."""
    reps = visible_rep_ids(field_person(actor))
    logs = WorkLog.objects.select_related("rep")
    return logs if reps is None else logs.filter(rep_id__in=reps)


def with_comments(logs: QuerySet[WorkLog]) -> QuerySet[WorkLog]:
    return logs.prefetch_related("comments__author")


def work_log(*, actor: Actor, rep_id: Any = None, day: date | None = None) -> WorkLog | None:
    """A rep's log of a day (default the caller, today), with its comments; None when unwritten."""
    rep = field_rep(field_person(actor), rep_id)
    return with_comments(visible_work_logs(actor)).filter(rep=rep, day=day or tenant_today()).first()


def work_log_get(*, actor: Actor, log_id: Any) -> WorkLog:
    pk = clean_id(log_id, "id", _("Work log not found."))
    found = with_comments(visible_work_logs(actor)).filter(pk=pk).first()
    if found is None:
        raise NotFound(_("Work log not found."), field="id")
    return found


def work_logs(
    *, actor: Actor, rep_id: Any = None, first: date | None = None, last: date | None = None
) -> QuerySet[WorkLog]:
    """Logs from `first` to `last` (default the last 7 days, at most 93), newest day first; of one
    rep, or without `rep_id` of every rep whose field data the caller sees."""
    person = field_person(actor)
    last = last or tenant_today()
    first = first or max(last, date.min + timedelta(days=6)) - timedelta(days=6)
    if first > last:
        raise InvalidInput(_("The first day is after the last."), code="range_invalid", field="from")
    if (last - first).days >= MAX_LOG_DAYS:
        raise InvalidInput(
            _("At most %(n)d days at a time.") % {"n": MAX_LOG_DAYS}, code="range_too_long", field="to"
        )
    logs = visible_work_logs(person).filter(day__gte=first, day__lte=last)
    if rep_id not in (None, ""):
        logs = logs.filter(rep=field_rep(person, rep_id))
    return with_comments(logs).order_by("-day", "rep_id")


def work_log_visible(user: User, log_id: int) -> bool:
    """Whether the person sees the log (the notification inbox asks, through saas/core/object_visibility)."""
    try:
        return visible_work_logs(user).filter(pk=log_id).exists()
    except (DomainError, MissingActor):
        return False
