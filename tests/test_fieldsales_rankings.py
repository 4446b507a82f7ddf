"""Rankings from the daily rollup: what a day counts, how ranks tie, targets and teams, and that
events move the numbers (an approval, a cancellation, a receipt, a check-in)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from saas.accounts.models import Role, User
from saas.core.clock import tenant_today
from saas.fieldsales.models import FieldDailyStats, Team, TeamMember
from saas.fieldsales.rollup import rollup_day
from saas.fieldsales.selectors import field_rankings, period_bounds
from saas.fieldsales.services import visit_check_in
from saas.fieldsales.teams import field_target_set
from saas.sales import services as sales
from tests.fixtures.events import deliver_events
from tests.fixtures.sales import sales_customer
from tests.fixtures.tenants import client_for, graphql

RANKINGS = """
query($period: RankingPeriod!, $dimension: RankingDimension!, $metric: RankingMetric) {
  fieldRankings(period: $period, dimension: $dimension, metric: $metric) {
    rank id name value target completionRate
  }
}"""


def _second_rep(workspace) -> User:
    rep = User.objects.create_user(email="rep2@alpha.test", password="x" * 12, full_name="李销售")
    rep.roles.set(Role.objects.filter(code="sales"))
    return rep


@pytest.fixture
def reps(selling):
    """Two reps, each with an order approved today: the first 2 shirts, the second 5."""
    workspace = selling.room.workspace
    first = selling.rep
    second = _second_rep(workspace)
    selling.order([(selling.shirt, "2", "50")], status="approved")
    theirs = sales_customer(owner=second, name="李的客户")
    selling.order([(selling.shirt, "5", "50")], status="approved", actor=second, customer=theirs)
    deliver_events()
    return selling, first, second


def test_an_approval_moves_the_days_ranking_and_a_cancellation_takes_it_back(reps):
    selling, first, second = reps
    rows = field_rankings(actor=selling.manager, period="day", dimension="rep")
    top = {row.subject_id: row for row in rows}
    assert (top[second.pk].rank, top[second.pk].value) == (1, Decimal("250.00"))
    assert (top[first.pk].rank, top[first.pk].value) == (2, Decimal("100.00"))

    # When the second rep's order is cancelled, the day is rolled up again without it
    order = second.sales_orders.get()
    sales.order_cancel(actor=selling.manager, order=order, reason="客户取消")
    deliver_events()
    again = {
        row.subject_id: row for row in field_rankings(actor=selling.manager, period="day", dimension="rep")
    }
    assert (again[first.pk].rank, again[second.pk].value) == (1, Decimal("0"))


def test_equal_values_share_a_rank_and_the_next_rank_skips(reps):
    selling, first, second = reps
    third = User.objects.create_user(email="rep3@alpha.test", password="x" * 12, full_name="王销售")
    third.roles.set(Role.objects.filter(code="sales"))
    FieldDailyStats.objects.filter(rep=second).update(sales_amount=Decimal("100.00"))
    rows = field_rankings(actor=selling.manager, period="day", dimension="rep")
    ranks = [(row.rank, row.value) for row in rows]
    assert ranks[:2] == [(1, Decimal("100.00")), (1, Decimal("100.00"))]
    assert ranks[2] == (3, Decimal("0"))  # a rep who did nothing is listed, after a skipped rank


def test_targets_give_completion_and_teams_add_up_their_members(reps):
    selling, first, second = reps
    today = tenant_today()
    field_target_set(
        actor=selling.manager,
        period="month",
        on=today,
        dimension="rep",
        subject_id=first.pk,
        metric="sales_amount",
        value="1000",
    )
    team = Team.objects.create(name="一组", manager=selling.manager)
    TeamMember.objects.create(team=team, user=first)
    TeamMember.objects.create(team=team, user=second)
    field_target_set(
        actor=selling.manager,
        period="month",
        on=today,
        dimension="team",
        subject_id=team.pk,
        metric="sales_amount",
        value="700",
    )

    answer = graphql(
        client_for(selling.room.workspace, first), RANKINGS, {"period": "MONTH", "dimension": "REP"}
    )["data"]["fieldRankings"]
    mine = next(row for row in answer if row["id"] == str(first.pk))
    assert (mine["value"], mine["target"], mine["completionRate"]) == ("100.00", "1000.00", "0.1000")

    teams = graphql(
        client_for(selling.room.workspace, first), RANKINGS, {"period": "MONTH", "dimension": "TEAM"}
    )["data"]["fieldRankings"]
    assert teams == [
        {
            "rank": 1,
            "id": str(team.pk),
            "name": "一组",
            "value": "350.00",
            "target": "700.00",
            "completionRate": "0.5000",
        }
    ]


def test_collections_new_customers_and_visits_are_counted_for_the_customers_rep(reps):
    selling, first, second = reps
    visit_check_in(actor=first, customer_id=selling.customer.pk)
    deliver_events()
    visits = {
        row.subject_id: row.value
        for row in field_rankings(actor=first, period="week", dimension="rep", metric="visits")
    }
    assert visits[first.pk] == 1 and visits[second.pk] == 0
    new = {
        row.subject_id: row.value
        for row in field_rankings(actor=first, period="day", dimension="rep", metric="new_customers")
    }
    assert new[second.pk] == 1  # 李的客户, created today for the second rep


def test_rolling_up_a_day_twice_changes_nothing(reps):
    selling, first, second = reps
    day = tenant_today()
    before = sorted(FieldDailyStats.objects.filter(day=day).values_list("rep_id", "sales_amount", "visits"))
    assert rollup_day(day) == len(before)
    rollup_day(day)
    assert (
        sorted(FieldDailyStats.objects.filter(day=day).values_list("rep_id", "sales_amount", "visits"))
        == before
    )


def test_rankings_need_a_field_scope_and_never_show_another_workspace(reps, beta):
    selling, first, second = reps
    warehouse = graphql(
        client_for(selling.room.workspace, selling.room.workspace.users["warehouse"]),
        RANKINGS,
        {"period": "DAY", "dimension": "REP"},
    )
    assert warehouse["errors"][0]["extensions"]["code"] == "forbidden"
    seen = graphql(client_for(beta, beta.users["owner"]), RANKINGS, {"period": "DAY", "dimension": "REP"})
    names = {row["name"] for row in seen["data"]["fieldRankings"]}
    assert "李销售" not in names and all(Decimal(row["value"]) == 0 for row in seen["data"]["fieldRankings"])


@pytest.mark.parametrize(
    ("period", "on", "bounds"),
    [
        ("day", date(2026, 12, 5), (date(2026, 12, 5), date(2026, 12, 5))),
        ("week", date(2026, 12, 5), (date(2026, 11, 30), date(2026, 12, 6))),
        ("month", date(2026, 12, 5), (date(2026, 12, 1), date(2026, 12, 31))),
        ("quarter", date(2026, 12, 5), (date(2026, 10, 1), date(2026, 12, 31))),
        ("quarter", date(2027, 2, 28), (date(2027, 1, 1), date(2027, 3, 31))),
        ("month", date(2028, 2, 10), (date(2028, 2, 1), date(2028, 2, 29))),
    ],
)
def test_period_bounds(period, on, bounds):
    assert period_bounds(period, on) == bounds


def test_a_ranking_reads_a_fixed_number_of_queries_however_many_reps(reps, django_assert_max_num_queries):
    selling, first, second = reps
    for n in range(20):
        extra = User.objects.create_user(email=f"more{n}@alpha.test", password="x" * 12, full_name=f"新人{n}")
        extra.roles.set(Role.objects.filter(code="sales"))
        FieldDailyStats.objects.create(day=tenant_today(), rep=extra, sales_amount=Decimal(n))
    with django_assert_max_num_queries(6):
        rows = field_rankings(actor=selling.manager, period="month", dimension="rep")
    assert len(rows) >= 22


def test_owners_and_admins_are_not_ranked_at_zero_but_for_what_they_did(reps):
    selling, first, second = reps
    workspace = selling.room.workspace
    owner, admin = workspace.users["owner"], workspace.users["admin"]
    ranked = {row.subject_id for row in field_rankings(actor=selling.manager, period="day", dimension="rep")}
    assert owner.pk not in ranked and admin.pk not in ranked and {first.pk, second.pk} <= ranked
    FieldDailyStats.objects.create(day=tenant_today(), rep=owner, visits=2)
    ranked = {row.subject_id for row in field_rankings(actor=selling.manager, period="day", dimension="rep")}
    assert owner.pk in ranked


def test_an_offline_check_in_counts_on_the_day_it_was_captured(reps):
    from datetime import timedelta

    from django.utils import timezone

    selling, first, second = reps
    yesterday = timezone.now() - timedelta(days=1)
    visit_check_in(
        actor=first, customer_id=selling.customer.pk, captured_at=yesterday, client_id="phone-yday-01"
    )
    deliver_events()
    day = tenant_today() - timedelta(days=1)
    assert FieldDailyStats.objects.get(day=day, rep=first).visits == 1
    assert not FieldDailyStats.objects.filter(day=tenant_today(), rep=first, visits__gt=0).exists()


def test_ranked_by_completion_rate_a_smaller_target_reached_beats_a_bigger_value(reps):
    selling, first, second = reps  # first sold 100 today, second 250
    third = User.objects.create_user(email="rep3@alpha.test", password="x" * 12, full_name="王销售")
    third.roles.set(Role.objects.filter(code="sales"))
    today = tenant_today()
    for rep, value in ((first, "100"), (second, "1000"), (third, "500")):
        field_target_set(
            actor=selling.manager,
            period="month",
            on=today,
            dimension="rep",
            subject_id=rep.pk,
            metric="sales_amount",
            value=value,
        )
    by_value = field_rankings(actor=selling.manager, period="month", dimension="rep")
    assert [row.subject_id for row in by_value[:2]] == [second.pk, first.pk]

    answer = graphql(
        client_for(selling.room.workspace, selling.rep),
        """query { fieldRankings(period: MONTH, dimension: REP, rankBy: COMPLETION_RATE) {
            rank id completionRate } }""",
    )["data"]["fieldRankings"]
    ours = [row for row in answer if row["id"] in {str(first.pk), str(second.pk), str(third.pk)}]
    # 100/100 = 100 %, 250/1000 = 25 %, 0/500 = 0 %; people without a target come after them all.
    assert [(row["id"], row["completionRate"]) for row in ours] == [
        (str(first.pk), "1.0000"),
        (str(second.pk), "0.2500"),
        (str(third.pk), "0.0000"),
    ]
    assert [row["rank"] for row in answer[:3]] == [1, 2, 3]
    assert all(row["completionRate"] is None for row in answer[3:])
