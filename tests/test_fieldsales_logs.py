"""Work logs (业务日志): the issue's path (a rep plans a day, checks in at three customers, takes an
order, writes the day's log; the team's manager sees the route and comments; the rep is told),
what the numbers count, who may read and comment, bad input, and other workspaces."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from saas.accounts.models import Role, User
from saas.core.clock import tenant_today
from saas.core.errors import InvalidInput
from saas.fieldsales.logs import day_summary, work_log_comment, work_log_write
from saas.fieldsales.models import Team, TeamMember, WorkLog, WorkLogComment
from saas.fieldsales.services import visit_check_in
from saas.notifications.models import Notification
from saas.notifications.recipients import may_see
from saas.sales import services as sales
from tests.fixtures.events import deliver_events, logged
from tests.fixtures.finance import Books
from tests.fixtures.sales import sales_customer
from tests.fixtures.tenants import client_for, graphql

PLAN_SET = """
mutation($date: Date!, $customers: [ID!]!) {
  visitPlanSet(date: $date, customerIds: $customers) { plan { id } errors { field code } }
}"""
PLAN = """
query($rep: ID) { visitPlan(repId: $rep) { visitedCount stops { customer { id } visited } } }"""
DAY = """
query($rep: ID) { fieldDay(repId: $rep) { visits { customer { id } } } }"""
WRITE = """
mutation($date: Date!, $text: String!) {
  workLogWrite(date: $date, text: $text) {
    log {
      id rep { id } date text visits customersVisited ordersCreated ordersAmount ordersApproved
      approvedAmount receipts collections comments { id }
    }
    errors { field code }
  }
}"""
COMMENT = """
mutation($id: ID!, $text: String!) {
  workLogComment(id: $id, text: $text) {
    log { id comments { author { id } text } } errors { field code }
  }
}"""
LOG = """
query($rep: ID, $date: Date) { workLog(repId: $rep, date: $date) { id text comments { text } } }"""
LOGS = """
query($rep: ID, $from: Date, $to: Date) { workLogs(repId: $rep, from: $from, to: $to) { id rep { id } date } }"""


def _person(email: str, role: str, name: str) -> User:
    user = User.objects.create_user(email=email, password="x" * 12, full_name=name)
    user.roles.set(Role.objects.filter(code=role))
    return user


@pytest.fixture
def field(selling):
    """Alpha's rep with three customers in the team of alpha's manager (王经理); a rep outside the
    team; a manager of another team."""
    rep, manager = selling.rep, selling.manager
    User.objects.filter(pk=manager.pk).update(full_name="王经理")
    manager.refresh_from_db()
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
    return selling, rep, manager, other_rep, other_manager, customers


def _write(client, text="拜访三家，龙井茶行下单", day=None):
    return graphql(client, WRITE, {"date": str(day or tenant_today()), "text": text})["data"]["workLogWrite"]


def test_a_rep_plans_checks_in_at_three_customers_writes_the_log_and_the_manager_comments(field):
    selling, rep, manager, *_rest, customers = field
    workspace = selling.room.workspace
    rep_client, manager_client = client_for(workspace, rep), client_for(workspace, manager)
    today = str(tenant_today())

    # The rep plans the day and checks in at the three customers, taking an order at the last.
    planned = graphql(rep_client, PLAN_SET, {"date": today, "customers": [str(c.pk) for c in customers]})
    assert planned["data"]["visitPlanSet"]["errors"] == []
    for customer in customers:
        visit_check_in(actor=rep, customer_id=customer.pk)
    selling.order([(selling.shirt, "2", "50")], status="approved", customer=customers[2])
    Books(selling).pay(customers[2], "30")

    written = _write(rep_client)
    assert written["errors"] == []
    log = written["log"]
    assert (log["rep"], log["date"], log["text"]) == ({"id": str(rep.pk)}, today, "拜访三家，龙井茶行下单")
    assert (log["visits"], log["customersVisited"]) == (3, 3)
    assert (log["ordersCreated"], log["ordersAmount"], log["ordersApproved"], log["approvedAmount"]) == (
        1,
        "100.00",
        1,
        "100.00",
    )
    assert (log["receipts"], log["collections"]) == (1, "30.00")

    # The manager of the rep's team sees the route: the plan done, the check-ins in order.
    route = graphql(manager_client, PLAN, {"rep": str(rep.pk)})["data"]["visitPlan"]
    assert route["visitedCount"] == 3 and all(stop["visited"] for stop in route["stops"])
    day = graphql(manager_client, DAY, {"rep": str(rep.pk)})["data"]["fieldDay"]
    assert [v["customer"]["id"] for v in day["visits"]] == [str(c.pk) for c in customers]
    # ...reads the log and comments on it.
    assert graphql(manager_client, LOG, {"rep": str(rep.pk)})["data"]["workLog"]["id"] == log["id"]
    commented = graphql(manager_client, COMMENT, {"id": log["id"], "text": "不错，明天跟进回款"})
    assert commented["data"]["workLogComment"] == {
        "log": {
            "id": log["id"],
            "comments": [{"author": {"id": str(manager.pk)}, "text": "不错，明天跟进回款"}],
        },
        "errors": [],
    }
    [event] = logged("work_log.commented")
    assert event.payload["repId"] == str(rep.pk) and event.payload["authorName"] == "王经理"

    # The rep is told, in the inbox; the manager who commented is not.
    deliver_events()
    [told] = Notification.objects.filter(kind="work_log.commented")
    assert told.user_id == rep.pk
    assert "王经理" in told.title and told.body == "不错，明天跟进回款"
    assert told.link == f"/field/logs/{log['id']}" and (told.object_type, told.object_id) == (
        "work_log",
        int(log["id"]),
    )
    assert graphql(rep_client, LOG)["data"]["workLog"]["comments"] == [{"text": "不错，明天跟进回款"}]


def test_writing_again_replaces_the_text_and_takes_the_numbers_afresh(field):
    selling, rep, *_rest, customers = field
    client = client_for(selling.room.workspace, rep)
    first = _write(client, "上午")["log"]
    assert first["visits"] == 0
    visit_check_in(actor=rep, customer_id=customers[0].pk)

    again = _write(client, "上午拜访一家")["log"]
    assert (again["id"], again["text"], again["visits"]) == (first["id"], "上午拜访一家", 1)
    assert WorkLog.objects.count() == 1


def test_the_numbers_leave_out_cancelled_orders_void_receipts_and_other_days(field):
    selling, rep, manager, other_rep, _other_manager, customers = field
    today = tenant_today()
    kept = selling.order([(selling.shirt, "1", "40")], status="pending_review", customer=customers[0])
    cancelled = selling.order([(selling.shirt, "1", "70")], status="approved", customer=customers[1])
    sales.order_cancel(actor=manager, order=cancelled, reason="客户取消")
    books = Books(selling)
    books.pay(customers[0], "80")
    books.pay(customers[0], "5", on=today - timedelta(days=1))  # yesterday's
    # Another rep's order and visit are theirs.
    theirs = sales_customer(owner=other_rep, name="李的客户")
    selling.order([(selling.shirt, "1", "90")], status="approved", actor=other_rep, customer=theirs)
    visit_check_in(actor=other_rep, customer_id=theirs.pk)
    visit_check_in(actor=rep, customer_id=customers[0].pk)
    visit_check_in(actor=rep, customer_id=customers[0].pk)

    summary = day_summary(rep, today)
    assert (summary.visits, summary.customers_visited) == (2, 1)
    assert (summary.orders_created, summary.orders_amount) == (1, Decimal("40.00"))
    assert (summary.orders_approved, summary.approved_amount) == (0, Decimal("0"))
    assert (summary.receipts, summary.collections) == (1, Decimal("80.00"))
    assert kept.status == "pending_review"


def test_only_managers_who_see_the_rep_comment_and_only_people_in_the_field_read(field, beta):
    selling, rep, manager, other_rep, other_manager, _customers = field
    workspace = selling.room.workspace
    log = work_log_write(actor=rep, day=tenant_today(), text="今日无拜访")

    for user, code in [
        (other_manager, "not_found"),
        (other_rep, "forbidden"),
        (rep, "forbidden"),
        (selling.keeper, "forbidden"),
    ]:
        refused = graphql(client_for(workspace, user), COMMENT, {"id": str(log.pk), "text": "看看"})
        assert refused["data"]["workLogComment"]["errors"][0]["code"] == code, user.email
    assert not WorkLogComment.objects.exists()
    # The owner sees everyone's field data and comments.
    owner = client_for(workspace, workspace.users["owner"])
    assert (
        graphql(owner, COMMENT, {"id": str(log.pk), "text": "辛苦"})["data"]["workLogComment"]["errors"] == []
    )

    # Another rep and another team's manager read neither the log nor it in a list.
    for user in (other_rep, other_manager):
        client = client_for(workspace, user)
        assert graphql(client, LOG, {"rep": str(rep.pk)})["errors"][0]["extensions"]["code"] == "not_found"
        assert graphql(client, LOGS)["data"]["workLogs"] == []
    assert [row["id"] for row in graphql(client_for(workspace, manager), LOGS)["data"]["workLogs"]] == [
        str(log.pk)
    ]
    # Who may be told of a comment: the rep and whoever sees the rep's field data.
    assert may_see(rep, "work_log", log.pk) and may_see(manager, "work_log", log.pk)
    assert not may_see(other_rep, "work_log", log.pk) and not may_see(other_manager, "work_log", log.pk)

    # Another workspace: no log, and the id finds nothing.
    beta_owner = client_for(beta, beta.users["owner"])
    assert graphql(beta_owner, LOGS)["data"]["workLogs"] == []
    stolen = graphql(beta_owner, COMMENT, {"id": str(log.pk), "text": "看看"})["data"]["workLogComment"]
    assert stolen["errors"][0]["code"] == "not_found"


@pytest.mark.parametrize(
    ("days", "text", "field_name", "code"),
    [
        (-2, "前天的", "date", "date_invalid"),
        (1, "明天的", "date", "date_invalid"),
        (0, "   ", "text", "required"),
        (0, "长" * 5001, "text", "too_long"),
    ],
)
def test_bad_logs_are_refused_with_a_code_and_write_nothing(field, days, text, field_name, code):
    selling, rep, *_rest = field
    refused = _write(client_for(selling.room.workspace, rep), text, day=tenant_today() + timedelta(days=days))
    assert refused["log"] is None
    assert (refused["errors"][0]["field"], refused["errors"][0]["code"]) == (field_name, code)
    assert not WorkLog.objects.exists()


def test_yesterdays_log_may_still_be_written(field):
    selling, rep, *_rest = field
    written = _write(
        client_for(selling.room.workspace, rep), "补昨天的", day=tenant_today() - timedelta(days=1)
    )
    assert written["errors"] == [] and written["log"]["date"] == str(tenant_today() - timedelta(days=1))


def test_bad_comments_and_ranges_are_refused_with_codes(field):
    selling, rep, manager, *_rest = field
    log = work_log_write(actor=rep, day=tenant_today(), text="今日无拜访")
    client = client_for(selling.room.workspace, manager)
    for variables, field_name, code in [
        ({"id": str(log.pk), "text": " "}, "text", "required"),
        ({"id": str(log.pk), "text": "长" * 1001}, "text", "too_long"),
        ({"id": "999999999", "text": "好"}, "id", "not_found"),
    ]:
        refused = graphql(client, COMMENT, variables)["data"]["workLogComment"]
        assert (refused["log"], refused["errors"][0]["field"], refused["errors"][0]["code"]) == (
            None,
            field_name,
            code,
        )
    today = tenant_today()
    backwards = graphql(client, LOGS, {"from": str(today), "to": str(today - timedelta(days=1))})
    assert backwards["errors"][0]["extensions"]["code"] == "range_invalid"
    too_long = graphql(client, LOGS, {"from": str(today - timedelta(days=93)), "to": str(today)})
    assert too_long["errors"][0]["extensions"]["code"] == "range_too_long"
    assert graphql(client, LOGS, {"to": "0001-01-01"})["data"]["workLogs"] == []  # no week before it
    with pytest.raises(InvalidInput) as refused_call:
        work_log_comment(actor=manager, log_id=log.pk, text="")
    assert (refused_call.value.code, refused_call.value.field) == ("required", "text")


def test_a_log_opens_by_id_for_whoever_may_see_it_and_is_null_for_others(field):
    selling, rep, manager, other_rep, other_manager, customers = field
    workspace = selling.room.workspace
    log_id = _write(client_for(workspace, rep))["log"]["id"]
    by_id = "query($id: ID!) { workLogGet(id: $id) { id } }"
    assert graphql(client_for(workspace, manager), by_id, {"id": log_id})["data"]["workLogGet"] == {
        "id": log_id
    }
    assert graphql(client_for(workspace, other_rep), by_id, {"id": log_id})["data"]["workLogGet"] is None
    assert graphql(client_for(workspace, other_manager), by_id, {"id": log_id})["data"]["workLogGet"] is None
