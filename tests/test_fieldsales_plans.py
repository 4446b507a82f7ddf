"""Visit plans, visit frequencies, overdue customers and visit suggestions: a rep plans a day and
the plan shows where they checked in, a manager plans for the team, who may see and change which
plan, the codes of bad plans, and the overdue list and suggestions ranked from controlled data."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db.models import F
from django.utils import timezone

from saas.accounts.models import Role, User
from saas.core.clock import tenant_now, tenant_today
from saas.core.errors import InvalidInput
from saas.customers.models import Customer, CustomerLevel
from saas.fieldsales.models import PlanStop, Team, TeamMember, Visit, VisitPlan
from saas.fieldsales.plan_selectors import (
    overdue_customers,
    suggestion_score,
    usual_interval,
    visit_plan,
    visit_suggestions,
)
from saas.fieldsales.plans import visit_frequency_set, visit_plan_set
from saas.fieldsales.services import visit_check_in
from saas.sales.models import SalesOrder
from tests.fixtures.events import deliver_events
from tests.fixtures.sales import sales_customer
from tests.fixtures.tenants import client_for, graphql

PLAN_SET = """
mutation($date: Date!, $customers: [ID!]!, $rep: ID, $notes: [String!]) {
  visitPlanSet(date: $date, customerIds: $customers, repId: $rep, notes: $notes) {
    plan { id rep { id } plannedBy { id } stops { position customer { id } note visited } visitedCount }
    errors { field code }
  }
}"""
PLAN = """
query($rep: ID, $date: Date) {
  visitPlan(repId: $rep, date: $date) {
    id rep { id } date visitedCount stops { position customer { id } visited visitId visitedAt }
  }
}"""
FREQUENCY_SET = """
mutation($level: ID!, $n: Int!) {
  visitFrequencySet(levelId: $level, visitsPerMonth: $n) {
    frequency { level { id code } visitsPerMonth } errors { field code }
  }
}"""
OVERDUE = """
query($rep: ID) {
  overdueCustomers(repId: $rep) { customer { id } requiredVisits visitsThisMonth lastVisitAt }
}"""
SUGGESTIONS = """
query($rep: ID, $limit: Int) {
  visitSuggestions(repId: $rep, limit: $limit) {
    customer { id } score daysSinceLastOrder usualReorderDays oldestUnpaidDays daysSinceLastVisit
  }
}"""


def _person(email: str, role: str, name: str) -> User:
    user = User.objects.create_user(email=email, password="x" * 12, full_name=name)
    user.roles.set(Role.objects.filter(code=role))
    return user


@pytest.fixture
def field(selling):
    """Alpha's rep with three customers, in the team of alpha's manager; a second rep outside
    the team with a customer of their own; a manager of another (empty) team."""
    rep, manager = selling.rep, selling.manager
    team = Team.objects.create(name="一组", manager=manager)
    TeamMember.objects.create(team=team, user=rep)
    other_rep = _person("rep2@alpha.test", "sales", "李销售")
    other_manager = _person("manager2@alpha.test", "manager", "赵经理")
    Team.objects.create(name="二组", manager=other_manager)
    customers = [
        selling.customer,
        sales_customer(owner=rep, name="湖滨超市"),
        sales_customer(owner=rep, name="龙井茶行"),
    ]
    theirs = sales_customer(owner=other_rep, name="李的客户")
    return selling, rep, manager, other_rep, other_manager, customers, theirs


def _set(client, customers, *, day=None, rep=None, notes=None):
    variables = {"date": str(day or tenant_today()), "customers": [str(c.pk) for c in customers]}
    if rep is not None:
        variables["rep"] = str(rep.pk)
    if notes is not None:
        variables["notes"] = notes
    return graphql(client, PLAN_SET, variables)


def test_a_rep_plans_a_day_and_each_check_in_marks_its_stop_visited(field):
    selling, rep, manager, _other_rep, _other_manager, customers, _theirs = field
    first, second, third = customers
    client = client_for(selling.room.workspace, rep)

    made = _set(client, [third, first, second])["data"]["visitPlanSet"]
    assert made["errors"] == []
    assert [(s["position"], s["customer"]["id"], s["visited"]) for s in made["plan"]["stops"]] == [
        (1, str(third.pk), False),
        (2, str(first.pk), False),
        (3, str(second.pk), False),
    ]
    assert made["plan"]["plannedBy"] == {"id": str(rep.pk)}

    third_visit = visit_check_in(actor=rep, customer_id=third.pk)
    visit_check_in(actor=rep, customer_id=third.pk)  # a second check-in there changes nothing
    first_visit = visit_check_in(actor=rep, customer_id=first.pk)

    # Right away (before the fan-out links the stops) the plan reads the day's check-ins.
    plan = graphql(client, PLAN)["data"]["visitPlan"]
    assert [s["visited"] for s in plan["stops"]] == [True, True, False]
    assert plan["visitedCount"] == 2
    deliver_events()
    linked = dict(PlanStop.objects.values_list("customer_id", "visited_visit_id"))
    assert linked[first.pk] == first_visit.pk and linked[second.pk] is None
    assert linked[third.pk] == third_visit.pk  # the first check-in there, not the second
    # The manager of the rep's team sees the route.
    seen = graphql(client_for(selling.room.workspace, manager), PLAN, {"rep": str(rep.pk)})["data"][
        "visitPlan"
    ]
    assert seen["stops"] == plan["stops"] and seen["rep"] == {"id": str(rep.pk)}


def test_a_day_with_no_plan_is_empty_and_setting_a_plan_after_check_ins_links_them(field):
    selling, rep, _manager, _other_rep, _other_manager, customers, _theirs = field
    client = client_for(selling.room.workspace, rep)
    assert graphql(client, PLAN)["data"]["visitPlan"]["id"] is None
    last_day = graphql(client, PLAN, {"date": "9999-12-31"})["data"]["visitPlan"]  # no day after it
    assert (last_day["date"], last_day["stops"]) == ("9999-12-31", [])

    visit = visit_check_in(actor=rep, customer_id=customers[1].pk)
    _set(client, customers[:2])
    assert PlanStop.objects.get(customer=customers[1]).visited_visit_id == visit.pk
    assert PlanStop.objects.get(customer=customers[0]).visited_visit_id is None


def test_an_offline_check_in_counts_on_the_day_it_was_captured(field):
    selling, rep, _manager, _other_rep, _other_manager, customers, _theirs = field
    today = tenant_today()
    yesterday = today - timedelta(days=1)
    _set(client_for(selling.room.workspace, rep), customers[:2])
    # Sent today from the outbox, captured 24 hours ago: yesterday's visit, not today's.
    visit_check_in(actor=rep, customer_id=customers[0].pk, captured_at=timezone.now() - timedelta(days=1))
    deliver_events()
    assert [stop.visited for stop in visit_plan(actor=rep).stops] == [False, False]
    assert visit_plan(actor=rep, day=yesterday).stops == []

    on_the_day = visit_check_in(actor=rep, customer_id=customers[1].pk)
    deliver_events()
    assert [stop.visit for stop in visit_plan(actor=rep).stops] == [None, on_the_day]


def test_setting_a_plan_again_replaces_the_stops_keeping_notes_of_those_that_stay(field):
    selling, rep, _manager, _other_rep, _other_manager, customers, _theirs = field
    client = client_for(selling.room.workspace, rep)
    tomorrow = tenant_today() + timedelta(days=1)
    _set(client, customers[:2], day=tomorrow, notes=["带样品", "催款"])

    again = _set(client, [customers[1], customers[2]], day=tomorrow)["data"]["visitPlanSet"]["plan"]
    assert [(s["customer"]["id"], s["note"]) for s in again["stops"]] == [
        (str(customers[1].pk), "催款"),
        (str(customers[2].pk), ""),
    ]
    cleared = _set(client, [], day=tomorrow)["data"]["visitPlanSet"]["plan"]
    assert cleared["stops"] == [] and VisitPlan.objects.count() == 1


def test_a_manager_plans_for_a_rep_of_their_team_only(field):
    selling, rep, manager, other_rep, other_manager, customers, theirs = field
    workspace = selling.room.workspace

    made = _set(client_for(workspace, manager), customers[:1], rep=rep)["data"]["visitPlanSet"]
    assert made["errors"] == []
    assert (made["plan"]["rep"], made["plan"]["plannedBy"]) == ({"id": str(rep.pk)}, {"id": str(manager.pk)})
    # The rep reads the plan the manager made for them.
    assert graphql(client_for(workspace, rep), PLAN)["data"]["visitPlan"]["id"] == made["plan"]["id"]

    # Not a rep outside the team, nor a customer the rep does not own.
    outside = _set(client_for(workspace, manager), [theirs], rep=other_rep)["data"]["visitPlanSet"]
    assert (outside["plan"], outside["errors"][0]["field"], outside["errors"][0]["code"]) == (
        None,
        "repId",
        "not_found",
    )
    wrong = _set(client_for(workspace, manager), [theirs], rep=rep)["data"]["visitPlanSet"]
    assert (wrong["errors"][0]["field"], wrong["errors"][0]["code"]) == ("customerIds.0", "not_found")
    # The other team's manager neither plans nor reads the rep's day.
    theirs_set = _set(client_for(workspace, other_manager), customers[:1], rep=rep)["data"]["visitPlanSet"]
    assert theirs_set["errors"][0]["code"] == "not_found"
    read = graphql(client_for(workspace, other_manager), PLAN, {"rep": str(rep.pk)})
    assert read["data"] is None and read["errors"][0]["extensions"]["code"] == "not_found"


def test_a_rep_neither_plans_nor_reads_another_reps_day(field):
    selling, rep, _manager, other_rep, _other_manager, customers, _theirs = field
    workspace = selling.room.workspace
    _set(client_for(workspace, rep), customers)

    client = client_for(workspace, other_rep)
    refused = _set(client, customers[:1], rep=rep)["data"]["visitPlanSet"]
    assert (refused["errors"][0]["field"], refused["errors"][0]["code"]) == ("repId", "not_found")
    read = graphql(client, PLAN, {"rep": str(rep.pk)})
    assert read["errors"][0]["extensions"]["code"] == "not_found"
    # Nor plans their own day with the first rep's customers.
    borrowed = _set(client, customers[:1])["data"]["visitPlanSet"]
    assert (borrowed["errors"][0]["field"], borrowed["errors"][0]["code"]) == ("customerIds.0", "not_found")
    assert list(VisitPlan.objects.values_list("rep_id", flat=True)) == [rep.pk]


def test_the_warehouse_and_another_workspace_see_no_plan(field, beta):
    selling, rep, _manager, _other_rep, _other_manager, customers, _theirs = field
    _set(client_for(selling.room.workspace, rep), customers)
    warehouse = graphql(client_for(selling.room.workspace, selling.keeper), PLAN)
    assert warehouse["errors"][0]["extensions"]["code"] == "forbidden"

    # Beta's owner sees every rep of beta; alpha's plan is not among them, whatever the id.
    beta_owner = client_for(beta, beta.users["owner"])
    seen = graphql(beta_owner, PLAN, {"rep": str(rep.pk)})
    assert seen.get("data") is None or seen["data"]["visitPlan"]["stops"] == []
    assert graphql(beta_owner, OVERDUE)["data"]["overdueCustomers"] == []
    stolen = _set(beta_owner, customers[:1])["data"]["visitPlanSet"]
    assert stolen["errors"][0]["code"] == "not_found"


@pytest.mark.parametrize(
    ("change", "field_name", "code"),
    [
        ({"day": -1}, "date", "date_past"),
        ({"day": 32}, "date", "date_too_far"),
        ({"customers": "duplicate"}, "customerIds.1", "duplicate_customer"),
        ({"customers": "unknown"}, "customerIds.0", "not_found"),
        ({"customers": "malformed"}, "customerIds.0", "id_invalid"),
        ({"notes": ["一条"]}, "notes", "notes_mismatch"),
        ({"notes": ["长" * 201, "", ""]}, "notes.0", "too_long"),
    ],
)
def test_bad_plans_are_refused_with_a_code_and_write_nothing(field, change, field_name, code):
    selling, rep, _manager, _other_rep, _other_manager, customers, _theirs = field
    variables = {
        "date": str(tenant_today() + timedelta(days=change.get("day", 0))),
        "customers": [str(c.pk) for c in customers],
    }
    if change.get("customers") == "duplicate":
        variables["customers"] = [str(customers[0].pk), str(customers[0].pk)]
    elif change.get("customers") == "unknown":
        variables["customers"] = ["999999999"]
    elif change.get("customers") == "malformed":
        variables["customers"] = ["abc"]
    if "notes" in change:
        variables["notes"] = change["notes"]

    answer = graphql(client_for(selling.room.workspace, rep), PLAN_SET, variables)

    if "errors" in answer:  # refused at the door (a malformed id) before the resolver ran
        assert answer["errors"][0]["extensions"]["code"] == code
    else:
        refused = answer["data"]["visitPlanSet"]
        assert refused["plan"] is None
        assert (refused["errors"][0]["field"], refused["errors"][0]["code"]) == (field_name, code)
    assert not VisitPlan.objects.exists()


def test_at_most_fifty_stops(field):
    selling, rep, *_rest = field
    with pytest.raises(InvalidInput) as refused:
        visit_plan_set(actor=rep, day=tenant_today(), customer_ids=[str(n) for n in range(1, 52)])
    assert (refused.value.code, refused.value.field) == ("too_many", "customer_ids")


def test_visit_frequencies_are_set_by_managers_with_codes_for_bad_input(field):
    selling, rep, manager, *_rest = field
    level = CustomerLevel.objects.create(code="A", name="A 类")
    workspace = selling.room.workspace

    made = graphql(client_for(workspace, manager), FREQUENCY_SET, {"level": str(level.pk), "n": 2})
    assert made["data"]["visitFrequencySet"] == {
        "frequency": {"level": {"id": str(level.pk), "code": "A"}, "visitsPerMonth": 2},
        "errors": [],
    }
    for variables, field_name, code in [
        ({"level": str(level.pk), "n": 32}, "visitsPerMonth", "visits_per_month_invalid"),
        ({"level": str(level.pk), "n": -1}, "visitsPerMonth", "visits_per_month_invalid"),
        ({"level": "999999999", "n": 1}, "levelId", "not_found"),
    ]:
        refused = graphql(client_for(workspace, manager), FREQUENCY_SET, variables)["data"][
            "visitFrequencySet"
        ]
        assert (refused["errors"][0]["field"], refused["errors"][0]["code"]) == (field_name, code)
    by_rep = graphql(client_for(workspace, rep), FREQUENCY_SET, {"level": str(level.pk), "n": 5})
    assert by_rep["data"]["visitFrequencySet"]["errors"][0]["code"] == "forbidden"
    listed = graphql(client_for(workspace, rep), "{ visitFrequencies { level { code } visitsPerMonth } }")
    assert listed["data"]["visitFrequencies"] == [{"level": {"code": "A"}, "visitsPerMonth": 2}]


def _level(customer: Customer, level: CustomerLevel) -> None:
    Customer.objects.filter(pk=customer.pk).update(level=level)


def test_overdue_customers_are_those_visited_less_this_month_than_their_level_asks(field):
    selling, rep, manager, other_rep, _other_manager, customers, theirs = field
    a_level = CustomerLevel.objects.create(code="A", name="A 类")
    b_level = CustomerLevel.objects.create(code="B", name="B 类")
    c_level = CustomerLevel.objects.create(code="C", name="C 类")
    visit_frequency_set(actor=manager, level_id=a_level.pk, visits_per_month=2)
    visit_frequency_set(actor=manager, level_id=b_level.pk, visits_per_month=1)
    visit_frequency_set(actor=manager, level_id=c_level.pk, visits_per_month=0)  # no rule
    once, never_a, done = customers
    never_b = sales_customer(owner=rep, name="从未拜访")
    unruled = sales_customer(owner=rep, name="C 类客户")
    for customer, level in [
        (once, a_level),
        (never_a, a_level),
        (done, a_level),
        (never_b, b_level),
        (unruled, c_level),
        (theirs, a_level),
    ]:
        _level(customer, level)
    visit_check_in(actor=rep, customer_id=once.pk)
    visit_check_in(actor=rep, customer_id=done.pk)
    visit_check_in(actor=manager, customer_id=done.pk)  # anyone's visit counts
    # A visit last month does not count for this one.
    last_month = visit_check_in(actor=rep, customer_id=never_b.pk)
    month_start = tenant_now().replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    Visit.objects.filter(pk=last_month.pk).update(checked_in_at=month_start - timedelta(days=3))

    rows = overdue_customers(actor=rep)
    # Most visits missing first, then the longest unvisited (never first), then by name.
    assert [(row.customer.pk, row.required, row.visits_this_month) for row in rows] == [
        (never_a.pk, 2, 0),
        (never_b.pk, 1, 0),
        (once.pk, 2, 1),
    ]
    assert rows[1].last_visit_at is not None and rows[0].last_visit_at is None
    # The manager sees the team's (the rep's), not the rep outside the team.
    managed = {row.customer.pk for row in overdue_customers(actor=manager)}
    assert managed == {never_a.pk, never_b.pk, once.pk}
    theirs_only = graphql(client_for(selling.room.workspace, other_rep), OVERDUE)["data"]["overdueCustomers"]
    assert theirs_only == [
        {"customer": {"id": str(theirs.pk)}, "requiredVisits": 2, "visitsThisMonth": 0, "lastVisitAt": None}
    ]
    refused = graphql(client_for(selling.room.workspace, other_rep), OVERDUE, {"rep": str(rep.pk)})
    assert refused["errors"][0]["extensions"]["code"] == "not_found"


@pytest.mark.parametrize(
    ("facts", "score"),
    [
        (
            {"days_since_order": 20, "usual_reorder_days": 10, "unpaid_days": None, "unvisited_days": 0},
            "2.00",
        ),
        (
            {"days_since_order": 100, "usual_reorder_days": 10, "unpaid_days": None, "unvisited_days": 0},
            "3.00",
        ),
        (
            {"days_since_order": 15, "usual_reorder_days": None, "unpaid_days": None, "unvisited_days": 0},
            "0.50",
        ),
        (
            {"days_since_order": None, "usual_reorder_days": None, "unpaid_days": 45, "unvisited_days": 0},
            "1.50",
        ),
        (
            {
                "days_since_order": None,
                "usual_reorder_days": None,
                "unpaid_days": None,
                "unvisited_days": 400,
            },
            "3.00",
        ),
        ({"days_since_order": 30, "usual_reorder_days": 30, "unpaid_days": 30, "unvisited_days": 30}, "3.00"),
        ({"days_since_order": 0, "usual_reorder_days": 7, "unpaid_days": None, "unvisited_days": 0}, "0.00"),
        # A follow-up date: nothing before it, 1 on the day, + days past it / 30, capped at 3.
        (
            {
                "days_since_order": 0,
                "usual_reorder_days": 7,
                "unpaid_days": None,
                "unvisited_days": 0,
                "follow_up_overdue_days": -1,
            },
            "0.00",
        ),
        (
            {
                "days_since_order": 0,
                "usual_reorder_days": 7,
                "unpaid_days": None,
                "unvisited_days": 0,
                "follow_up_overdue_days": 0,
            },
            "1.00",
        ),
        (
            {
                "days_since_order": 0,
                "usual_reorder_days": 7,
                "unpaid_days": None,
                "unvisited_days": 0,
                "follow_up_overdue_days": 15,
            },
            "1.50",
        ),
        (
            {
                "days_since_order": 0,
                "usual_reorder_days": 7,
                "unpaid_days": None,
                "unvisited_days": 0,
                "follow_up_overdue_days": 90,
            },
            "3.00",
        ),
    ],
)
def test_the_suggestion_score_adds_four_capped_terms(facts, score):
    assert suggestion_score(**facts) == Decimal(score)


@pytest.mark.parametrize(
    ("days", "usual"),
    [
        ([], None),
        ([date(2026, 1, 1)], None),
        ([date(2026, 1, 1), date(2026, 1, 11), date(2026, 1, 21), date(2026, 3, 1)], 10),
        ([date(2026, 1, 1), date(2026, 1, 1), date(2026, 1, 8)], 7),  # one order day counted once
    ],
)
def test_the_usual_reorder_interval_is_the_median_gap(days, usual):
    assert usual_interval(days) == usual


def _order(selling, customer, *, ordered: date, approved_days_ago: int | None = None, paid: bool = False):
    order = selling.order([(selling.shirt, "1", "50")], status="approved", customer=customer)
    changes: dict = {"order_date": ordered}
    if approved_days_ago is not None:
        changes["approved_at"] = timezone.now() - timedelta(days=approved_days_ago)
    if paid:
        changes["received_amount"] = F("total_amount")
    SalesOrder.objects.filter(pk=order.pk).update(**changes)
    return order


def test_suggestions_rank_the_reps_customers_by_reorder_due_money_owed_and_time_unvisited(field):
    selling, rep, manager, other_rep, _other_manager, customers, theirs = field
    today = tenant_today()
    reorder, owing, unvisited = customers
    visited = sales_customer(owner=rep, name="刚拜访过")
    # Ordered every 10 days, last 20 days ago, all paid: an order is twice overdue (2.00).
    for days_ago in (40, 30, 20):
        _order(selling, reorder, ordered=today - timedelta(days=days_ago), paid=True)
    # One order 3 days ago (0.10), approved 45 days ago and unpaid (1.50): 1.60.
    _order(selling, owing, ordered=today - timedelta(days=3), approved_days_ago=45)
    # Never ordered nor visited, a customer for 200 days: the unvisited term caps at 3.
    Customer.objects.filter(pk=unvisited.pk).update(created_at=timezone.now() - timedelta(days=200))
    for customer in (reorder, owing, visited):
        visit_check_in(actor=rep, customer_id=customer.pk)

    rows = visit_suggestions(actor=rep)
    assert [(row.customer.pk, row.score) for row in rows] == [
        (unvisited.pk, Decimal("3.00")),
        (reorder.pk, Decimal("2.00")),
        (owing.pk, Decimal("1.60")),
        (visited.pk, Decimal("0.00")),
    ]
    assert (rows[1].usual_reorder_days, rows[1].days_since_last_order, rows[1].oldest_unpaid_days) == (
        10,
        20,
        None,
    )
    assert (rows[2].usual_reorder_days, rows[2].oldest_unpaid_days, rows[2].days_since_last_visit) == (
        None,
        45,
        0,
    )
    assert rows[0].days_since_last_visit is None and rows[0].days_since_last_order is None

    # The manager asks for the rep, with a limit; the same ranking.
    top = graphql(client_for(selling.room.workspace, manager), SUGGESTIONS, {"rep": str(rep.pk), "limit": 2})[
        "data"
    ]["visitSuggestions"]
    assert [(row["customer"]["id"], row["score"]) for row in top] == [
        (str(unvisited.pk), "3.00"),
        (str(reorder.pk), "2.00"),
    ]
    # A follow-up date set at the latest visit there, now come, moves the customer up (0.00 → 1.00).
    last = visit_check_in(actor=rep, customer_id=visited.pk)
    Visit.objects.filter(pk=last.pk).update(follow_up_on=today)
    again = {row.customer.pk: row for row in visit_suggestions(actor=rep)}
    assert (again[visited.pk].score, again[visited.pk].follow_up_on) == (Decimal("1.00"), today)
    assert again[reorder.pk].follow_up_on is None

    # Another rep's customers never appear, and a rep cannot ask for someone else's.
    assert theirs.pk not in {row.customer.pk for row in rows}
    refused = graphql(client_for(selling.room.workspace, other_rep), SUGGESTIONS, {"rep": str(rep.pk)})
    assert refused["errors"][0]["extensions"]["code"] == "not_found"
    bad = graphql(client_for(selling.room.workspace, rep), SUGGESTIONS, {"limit": 0})
    assert bad["errors"][0]["extensions"]["code"] == "page_invalid"
