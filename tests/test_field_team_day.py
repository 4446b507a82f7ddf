"""The team's day at a glance (fieldTeamDay): what each rep's row counts (visits, customers, out of
range, offline by the day captured, the last check-in, orders and collections as the rankings count
them), who is listed for whom, other workspaces, and a fixed number of queries however many reps."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saas.accounts.models import Role, User
from saas.core.clock import tenant_today, tenant_zone
from saas.core.errors import Forbidden
from saas.fieldsales import geo
from saas.fieldsales.models import Team, TeamMember, Visit
from saas.fieldsales.rollup import rollup_day
from saas.fieldsales.selectors import field_rankings
from saas.fieldsales.services import customer_site_set, visit_check_in
from saas.fieldsales.team_day import field_team_day
from saas.finance.services.receipts import MoneyDetails, receipt_void, refund_record
from saas.sales import services as sales
from saas.sales.models import SalesOrder
from tests.fixtures.finance import Books
from tests.fixtures.partners import issue_key, key_client, key_post
from tests.fixtures.sales import sales_customer
from tests.fixtures.tenants import client_for, graphql

SHOP = geo.Point(30.259200, 120.130300)

TEAM_DAY = """
query($date: Date) {
  fieldTeamDay(date: $date) {
    date
    reps {
      rep { id fullName } teamIds visitCount customerCount outOfRangeCount offlineCount
      distanceTravelledMeters
      lastVisit { id checkedInAt capturedAt capturedOffline latitude longitude customer { id name } }
      ordersCount ordersAmount collectionsAmount
    }
  }
}"""


def _person(email: str, name: str, role: str = "sales") -> User:
    user = User.objects.create_user(email=email, password="x" * 12, full_name=name)
    user.roles.set(Role.objects.filter(code=role))
    return user


def _at(day: date, clock: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=tenant_zone())


def _visit(rep: User, customer, day: date, clock: str, *, north_m: float | None = None, **moved) -> Visit:
    """A check-in through the service (so the range verdict is the service's), moved to `day`."""
    where = {}
    if north_m is not None:
        where = {"latitude": SHOP.latitude + north_m / 111_195, "longitude": SHOP.longitude, "accuracy": 10}
    visit = visit_check_in(actor=rep, customer_id=customer.pk, **where)
    Visit.objects.filter(pk=visit.pk).update(checked_in_at=_at(day, clock), **moved)
    visit.refresh_from_db()
    return visit


def _approved_on(order: SalesOrder, day: date, clock: str = "11:00") -> SalesOrder:
    SalesOrder.objects.filter(pk=order.pk).update(approved_at=_at(day, clock))
    order.refresh_from_db()
    return order


@pytest.fixture
def day(selling):
    """Two days ago, in alpha: the rep's round (two shops, three check-ins, one far off, one sent
    the next morning from the outbox), two orders approved that day and one cancelled, collections
    less a refund and a void receipt; a second rep in the same team who did nothing; a third rep
    outside it with an order. The team is the manager's."""
    rep, manager = selling.rep, selling.manager
    on = tenant_today() - timedelta(days=2)
    shop = selling.customer
    customer_site_set(
        actor=rep, customer_id=shop.pk, latitude=SHOP.latitude, longitude=SHOP.longitude, system="wgs84"
    )
    other_shop = sales_customer(owner=rep, name="湖滨超市")
    _visit(rep, shop, on, "09:00", north_m=20)
    far = _visit(rep, shop, on, "10:30", north_m=2000)
    # Captured late in the evening, received the next morning: it belongs to the evening.
    late = _visit(
        rep,
        other_shop,
        on + timedelta(days=1),
        "08:00",
        captured_at=_at(on, "21:30"),
        captured_offline=True,
    )
    _visit(rep, shop, on + timedelta(days=1), "12:00")  # the day after: not this day's

    books = Books(selling=selling)
    first = _approved_on(selling.order([(selling.shirt, "2", "50")], status="approved"), on)
    _approved_on(selling.order([(selling.shirt, "3", "50")], status="approved", customer=other_shop), on)
    dropped = _approved_on(selling.order([(selling.shirt, "4", "50")], status="approved"), on)
    sales.order_cancel(actor=manager, order=dropped, reason="客户取消")
    selling.order([(selling.shirt, "1", "50")])  # a draft: no sale
    books.pay(shop, "100", [(first, "100")], on=on)
    books.pay(shop, "500", on=on)  # a prepayment
    refund_record(actor=books.finance, customer_id=shop.pk, amount="40", details=MoneyDetails(on=on))
    void = books.pay(shop, "70", on=on)
    receipt_void(actor=books.finance, receipt_id=void.pk)
    books.pay(shop, "900", on=on + timedelta(days=1))  # another day

    second = _person("rep2@alpha.test", "李销售")
    outsider = _person("rep3@alpha.test", "赵销售")
    theirs = sales_customer(owner=outsider, name="赵的客户")
    _approved_on(
        selling.order([(selling.shirt, "6", "50")], status="approved", actor=outsider, customer=theirs), on
    )
    team = Team.objects.create(name="一组", manager=manager)
    TeamMember.objects.create(team=team, user=rep)
    TeamMember.objects.create(team=team, user=second)
    return {
        "selling": selling,
        "on": on,
        "rep": rep,
        "manager": manager,
        "second": second,
        "outsider": outsider,
        "team": team,
        "shops": (shop, other_shop),
        "far": far,
        "late": late,
    }


def _rows(actor, on) -> dict[int, object]:
    return {row.rep.pk: row for row in field_team_day(actor=actor, day=on)}


def test_a_reps_row_counts_the_day_as_captured_and_money_as_the_rankings_do(day):
    rows = _rows(day["manager"], day["on"])
    mine = rows[day["rep"].pk]
    assert (mine.visit_count, mine.customer_count) == (3, 2)
    assert (mine.out_of_range_count, mine.offline_count) == (1, 1)
    assert mine.last_visit.pk == day["late"].pk  # the evening's, though received the next day
    assert mine.last_visit.customer.name == "湖滨超市"
    assert mine.distance_travelled_m == pytest.approx(1980, abs=5)  # 20 m north, then 2,000 m north
    assert mine.team_ids == (day["team"].pk,)
    # 2 × 50 and 3 × 50 approved that day; the cancelled order and the draft are no sales
    assert (mine.orders_count, mine.orders_amount) == (2, Decimal("250.00"))
    # 100 + 500 paid, 40 refunded; the void receipt and the next day's are not that day's
    assert mine.collections_amount == Decimal("560.00")

    idle = rows[day["second"].pk]
    assert (idle.visit_count, idle.last_visit, idle.orders_count) == (0, None, 0)
    assert (idle.orders_amount, idle.collections_amount) == (Decimal("0"), Decimal("0"))

    # And the rankings of that day say the same
    rollup_day(day["on"])
    ranked = {
        metric: {
            row.subject_id: row.value
            for row in field_rankings(actor=day["manager"], period="day", metric=metric, on=day["on"])
        }
        for metric in ("sales_amount", "collections", "visits")
    }
    assert ranked["sales_amount"][day["rep"].pk] == mine.orders_amount
    assert ranked["collections"][day["rep"].pk] == mine.collections_amount
    assert ranked["visits"][day["rep"].pk] == mine.visit_count


def test_the_next_day_has_the_late_check_in_only_where_it_was_received_not(day):
    rows = _rows(day["manager"], day["on"] + timedelta(days=1))
    mine = rows[day["rep"].pk]
    assert (mine.visit_count, mine.offline_count) == (1, 0)  # the 12:00 one; the outbox one is the eve's
    assert mine.collections_amount == Decimal("900.00")


def test_who_is_listed_rep_self_manager_team_owner_everyone(day):
    workspace = day["selling"].room.workspace
    on = day["on"]
    # A rep sees only themself
    assert list(_rows(day["rep"], on)) == [day["rep"].pk]
    # The manager: themself and the team's reps, not the rep outside the team
    assert set(_rows(day["manager"], on)) == {day["manager"].pk, day["rep"].pk, day["second"].pk}
    # The owner: everyone in the field, the outsider's order too
    everyone = _rows(workspace.users["owner"], on)
    assert {day["rep"].pk, day["second"].pk, day["outsider"].pk, day["manager"].pk} <= set(everyone)
    assert everyone[day["outsider"].pk].orders_amount == Decimal("300.00")
    # Without a field scope: refused
    with pytest.raises(Forbidden):
        field_team_day(actor=workspace.users["warehouse"], day=on)


def test_graphql_rows_for_the_manager_and_refusal_without_a_field_scope(day):
    workspace = day["selling"].room.workspace
    answer = graphql(client_for(workspace, day["manager"]), TEAM_DAY, {"date": day["on"].isoformat()})
    assert "errors" not in answer, answer
    team_day = answer["data"]["fieldTeamDay"]
    assert team_day["date"] == day["on"].isoformat()
    rows = {row["rep"]["id"]: row for row in team_day["reps"]}
    assert set(rows) == {str(day["manager"].pk), str(day["rep"].pk), str(day["second"].pk)}
    mine = rows[str(day["rep"].pk)]
    assert mine["teamIds"] == [str(day["team"].pk)]
    assert (mine["visitCount"], mine["customerCount"], mine["outOfRangeCount"], mine["offlineCount"]) == (
        3,
        2,
        1,
        1,
    )
    assert (mine["ordersCount"], mine["ordersAmount"], mine["collectionsAmount"]) == (2, "250.00", "560.00")
    last = mine["lastVisit"]
    assert last["id"] == str(day["late"].pk) and last["capturedOffline"] is True
    assert last["customer"] == {"id": str(day["shops"][1].pk), "name": "湖滨超市"}
    assert rows[str(day["second"].pk)]["lastVisit"] is None

    refused = graphql(client_for(workspace, workspace.users["warehouse"]), TEAM_DAY)
    assert refused["errors"][0]["extensions"]["code"] == "forbidden"
    assert refused["data"] is None


def test_without_a_date_it_is_today_and_a_bad_date_is_refused(day):
    workspace = day["selling"].room.workspace
    client = client_for(workspace, day["rep"])
    today = graphql(client, TEAM_DAY)["data"]["fieldTeamDay"]
    assert today["date"] == tenant_today().isoformat()
    assert [row["rep"]["id"] for row in today["reps"]] == [str(day["rep"].pk)]
    bad = graphql(client, TEAM_DAY, {"date": "2026-13-45"})
    assert bad["errors"] and bad.get("data") is None


def test_a_partner_key_with_field_read_sees_everyone(day):
    workspace = day["selling"].room.workspace
    reader = key_client(workspace, issue_key(workspace, "fieldsales:read").secret)
    status, answer = key_post(reader, TEAM_DAY, {"date": day["on"].isoformat()})
    assert status == 200 and "errors" not in answer, answer
    ids = {row["rep"]["id"] for row in answer["data"]["fieldTeamDay"]["reps"]}
    assert {str(day["rep"].pk), str(day["outsider"].pk)} <= ids


def test_another_workspace_sees_none_of_it(day, beta):
    answer = graphql(client_for(beta, beta.users["owner"]), TEAM_DAY, {"date": day["on"].isoformat()})
    rows = answer["data"]["fieldTeamDay"]["reps"]
    names = {row["rep"]["fullName"] for row in rows}
    assert not names & {"李销售", "赵销售"}
    assert all(row["visitCount"] == 0 and row["ordersAmount"] == "0" for row in rows)
    assert all(row["collectionsAmount"] == "0" and row["lastVisit"] is None for row in rows)


def _queries(actor_pk: int, on: date) -> tuple[int, int]:
    actor = User.objects.get(pk=actor_pk)  # fresh: no scopes cached from an earlier call
    with CaptureQueriesContext(connection) as captured:
        rows = field_team_day(actor=actor, day=on)
    return len(captured.captured_queries), len(rows)


def test_the_queries_do_not_grow_with_the_reps(day, django_assert_max_num_queries):
    selling, on, team = day["selling"], day["on"], day["team"]
    few, listed = _queries(day["manager"].pk, on)
    assert listed == 3
    for n in range(7):
        extra = _person(f"more{n}@alpha.test", f"新人{n}")
        TeamMember.objects.create(team=team, user=extra)
        shop = sales_customer(owner=extra, name=f"新人{n}的客户")
        _visit(extra, shop, on, "10:00")
        _visit(extra, shop, on, "15:00")
        _approved_on(
            selling.order([(selling.shirt, "1", "50")], status="approved", actor=extra, customer=shop), on
        )
        Books(selling=selling).pay(shop, "20", on=on)
    many, listed = _queries(day["manager"].pk, on)
    assert (listed, many) == (10, few)
    manager = User.objects.get(pk=day["manager"].pk)
    with django_assert_max_num_queries(7):
        rows = field_team_day(actor=manager, day=on)
    assert sum(row.orders_count for row in rows) == 2 + 7
