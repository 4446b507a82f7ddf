"""A rep's targets and progress (我的目标): the month's and quarter's totals from the daily
rollup against the rep's targets, the share of the period gone, and who may read whose."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context

from saas.core.clock import tenant_today
from saas.fieldsales.models import FieldDailyStats, FieldTarget, Team, TeamMember
from saas.fieldsales.selectors import period_bounds
from saas.fieldsales.target_progress import field_targets
from tests.fixtures.tenants import client_for, graphql

TARGETS = """
query($rep: ID, $period: TargetPeriodEnum, $date: Date) {
  fieldTargets(repId: $rep, period: $period, date: $date) {
    rep { id } period firstDay lastDay elapsedShare metrics { metric value target completionRate }
  }
}"""


@pytest.fixture
def month(alpha):
    """Alpha's rep with three days of this month counted and targets for sales and visits."""
    rep = alpha.users["sales"]
    with tenant_context(alpha.tenant):
        first, _last = period_bounds("month", tenant_today())
        for offset, (sales, visits) in enumerate([("1000", 3), ("2500.70", 4), ("0", 1)]):
            FieldDailyStats.objects.create(
                rep=rep, day=first + timedelta(days=offset), sales_amount=Decimal(sales), visits=visits
            )
        # Last month's day counts for last month only.
        FieldDailyStats.objects.create(rep=rep, day=first - timedelta(days=1), sales_amount=Decimal("999"))
        for metric, value in (("sales_amount", "10000"), ("visits", "40")):
            FieldTarget.objects.create(
                period="month",
                starts_on=first,
                dimension="rep",
                subject_id=rep.pk,
                metric=metric,
                value=value,
            )
    return alpha, rep, first


def test_a_rep_sees_this_months_targets_against_what_the_rollup_counted(month):
    alpha, rep, first = month
    answer = graphql(client_for(alpha, rep), TARGETS, {})["data"]["fieldTargets"]
    assert (answer["rep"], answer["period"], answer["firstDay"]) == ({"id": str(rep.pk)}, "MONTH", str(first))
    by_metric = {row["metric"]: row for row in answer["metrics"]}
    assert list(by_metric) == ["SALES_AMOUNT", "COLLECTIONS", "NEW_CUSTOMERS", "VISITS"]
    assert by_metric["SALES_AMOUNT"] == {
        "metric": "SALES_AMOUNT",
        "value": "3500.70",
        "target": "10000.00",
        "completionRate": "0.3501",
    }
    assert (by_metric["VISITS"]["value"], by_metric["VISITS"]["completionRate"]) == ("8", "0.2000")
    assert (by_metric["COLLECTIONS"]["target"], by_metric["COLLECTIONS"]["completionRate"]) == (None, None)


def test_the_share_of_the_period_gone_counts_today_and_stops_at_the_end(month):
    alpha, rep, _first = month
    with tenant_context(alpha.tenant):
        # A past quarter is wholly gone; a future one not begun.
        past = field_targets(actor=rep, period="quarter", on=date(2020, 2, 10))
        future = field_targets(actor=rep, period="quarter", on=date(2099, 2, 10))
        today = tenant_today()
        now = field_targets(actor=rep)
    assert (past.first_day, past.last_day, past.elapsed_share) == (
        date(2020, 1, 1),
        date(2020, 3, 31),
        Decimal("1"),
    )
    assert future.elapsed_share == Decimal("0")
    days = (now.last_day - now.first_day).days + 1
    assert now.elapsed_share == (Decimal(today.day) / Decimal(days)).quantize(Decimal("0.0001"))


def test_a_manager_reads_their_teams_reps_targets_and_nobody_else_does(month, beta):
    alpha, rep, _first = month
    manager = alpha.users["manager"]
    asked = graphql(client_for(alpha, manager), TARGETS, {"rep": str(rep.pk)})
    assert asked["errors"][0]["extensions"]["code"] == "not_found"
    with tenant_context(alpha.tenant):
        TeamMember.objects.create(team=Team.objects.create(name="一组", manager=manager), user=rep)
    seen = graphql(client_for(alpha, manager), TARGETS, {"rep": str(rep.pk)})["data"]["fieldTargets"]
    assert seen["metrics"][0]["value"] == "3500.70"
    # A rep cannot read the manager's; the warehouse has no field scope; another workspace finds no one.
    assert (
        graphql(client_for(alpha, rep), TARGETS, {"rep": str(manager.pk)})["errors"][0]["extensions"]["code"]
        == "not_found"
    )
    warehouse = graphql(client_for(alpha, alpha.users["warehouse"]), TARGETS, {})
    assert warehouse["errors"][0]["extensions"]["code"] == "forbidden"
    # Another workspace's owner asking for the same id gets their own person of that id, if any,
    # with their own (empty) numbers: never alpha's.
    other = graphql(client_for(beta, beta.users["owner"]), TARGETS, {"rep": str(rep.pk)})
    if "errors" in other:
        assert other["errors"][0]["extensions"]["code"] == "not_found"
    else:
        assert all(
            row["value"] == "0" or Decimal(row["value"]) == 0
            for row in other["data"]["fieldTargets"]["metrics"]
        )
        assert all(row["target"] is None for row in other["data"]["fieldTargets"]["metrics"])
