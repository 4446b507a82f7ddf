"""The home screen's figures (dashboard): per role, with visibility, the workspace's day
boundaries, comparisons, receivables due, low stock, another workspace's sales never counted,
and a fixed number of SQL queries whatever the data."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from saas.core.clock import tenant_today
from saas.customers.models import Customer
from saas.inventory.models import Warehouse
from saas.inventory.services.warehouses import stock_thresholds_set
from saas.reports.selectors.home import home_collections, home_receivables_due, home_sales
from saas.sales.models import SalesOrder
from tests.fixtures.inventory import in_tenant, make_sku
from tests.fixtures.sales import approved_order, sales_customer
from tests.fixtures.tenants import client_for, graphql

HOME = """
query Home($money: Boolean!, $stock: Boolean!) {
  dashboard {
    today currency
    todos { key count }
    sales @include(if: $money) {
      amount { today yesterday month lastMonth }
      orders { today yesterday month lastMonth }
      days { day amount orders }
    }
    collections @include(if: $money) { today yesterday month lastMonth }
    receivablesDue @include(if: $money) { amount orders overdueAmount overdueOrders }
    lowStock @include(if: $stock) { count rows { skuCode name warehouse available reorderPoint } }
    onboarding { complete dismissed sampleLoaded steps { key done } }
  }
}
"""
EVERYTHING = {"money": True, "stock": True}


def dated(order: SalesOrder, day: date) -> SalesOrder:
    SalesOrder.objects.filter(pk=order.pk).update(order_date=day)
    return order


def test_a_rep_counts_their_own_sales_and_a_manager_everyones(selling):
    today = tenant_today()
    selling.order([(selling.shirt, "2")], status="approved")  # 118.00, the rep's
    dated(selling.order([(selling.shirt, "1")], status="approved"), today - timedelta(days=1))
    other_rep = selling.user("admin")
    theirs = sales_customer(owner=other_rep, name="别人的客户")
    selling.order([(selling.phone, "1")], status="approved", actor=other_rep, customer=theirs)
    selling.order([(selling.shirt, "5")], status="pending_review")  # not sold yet
    selling.order([(selling.shirt, "5")])  # a draft

    mine = home_sales(actor=selling.rep)
    assert (mine.amount.today, mine.orders.today) == (Decimal("118.00"), 1)
    assert (mine.amount.yesterday, mine.orders.yesterday) == (Decimal("59.00"), 1)
    everyone = home_sales(actor=selling.manager)
    assert (everyone.amount.today, everyone.orders.today) == (Decimal("2117.00"), 2)
    assert len(everyone.days) == 30 and everyone.days[-1].day == today
    assert everyone.days[-1].amount == Decimal("2117.00") and everyone.days[-2].orders == 1
    assert sum(day.orders for day in everyone.days) == 3


def test_this_month_compares_with_the_same_days_of_last_month(selling):
    selling_day = date(2026, 3, 10)
    for day, quantity in [
        (date(2026, 3, 1), "1"),
        (date(2026, 3, 10), "2"),
        (date(2026, 2, 10), "3"),  # the same day last month: counts
        (date(2026, 2, 11), "4"),  # after it: not in the comparison
        (date(2026, 1, 31), "5"),  # before last month
    ]:
        dated(selling.order([(selling.shirt, quantity)], status="approved"), day)
    sales = home_sales(actor=selling.manager, on=selling_day)
    assert sales.amount.month == Decimal("177.00")  # 1 + 2 shirts at 59
    assert sales.amount.last_month == Decimal("177.00")  # 3 shirts on 10 February
    assert (sales.orders.month, sales.orders.last_month) == (2, 1)
    # The 31st compares with the whole of a shorter month.
    end = home_sales(actor=selling.manager, on=date(2026, 3, 31))
    assert end.amount.last_month == Decimal("413.00")  # 3 + 4 shirts


def test_the_day_ends_at_midnight_in_the_workspace_not_in_utc(selling, monkeypatch):
    # 23:30 on 31 March in Shanghai is 15:30 UTC; 00:30 on 1 April there is still 31 March in UTC.
    def at(moment: datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)

    at(datetime(2026, 3, 31, 15, 30, tzinfo=UTC))
    selling.order([(selling.shirt, "1")], status="approved")
    at(datetime(2026, 3, 31, 16, 30, tzinfo=UTC))
    selling.order([(selling.shirt, "2")], status="approved")
    sales = home_sales(actor=selling.manager)
    assert sales.days[-1].day == date(2026, 4, 1)
    assert (sales.amount.today, sales.amount.yesterday) == (Decimal("118.00"), Decimal("59.00"))
    assert (sales.amount.month, sales.amount.last_month) == (Decimal("118.00"), Decimal("0"))


def test_collections_are_payments_less_refunds_of_visible_customers(books):
    today = tenant_today()
    books.pay(books.customer, "300.00", on=today)
    books.pay(books.customer, "50.00", on=today - timedelta(days=1))
    someone_elses = books.customer_of(books.user("admin"), name="别人的客户")
    books.pay(someone_elses, "1000.00", on=today)
    assert home_collections(actor=books.selling.rep).today == Decimal("300.00")
    everyone = home_collections(actor=books.finance)
    assert (everyone.today, everyone.yesterday, everyone.month >= Decimal("1300.00")) == (
        Decimal("1300.00"),
        Decimal("50.00"),
        True,
    )


def test_receivables_due_follow_payment_terms_and_the_workspace_day(books):
    now = timezone.now()
    due_now = books.shipped([(books.shirt, "1")])  # terms 0: due the day it shipped
    late = books.shipped([(books.shirt, "2")], shipped_at=now - timedelta(days=40))
    on_terms = books.customer_of(books.selling.rep, name="月结客户", payment_terms_days=30)
    books.shipped([(books.phone, "1")], customer=on_terms)  # due in 30 days
    books.pay(books.customer, "20.00", allocations=[(due_now, "20.00")])
    due = home_receivables_due(actor=books.selling.rep)
    assert (due.orders, due.amount) == (2, Decimal("39.00") + Decimal("118.00"))
    assert (due.overdue_orders, due.overdue_amount) == (1, Decimal("118.00"))
    assert late.pk and home_receivables_due(actor=books.selling.user("admin")).orders == 2


def test_graphql_answers_each_role_what_it_may_see(selling):
    selling.order([(selling.shirt, "2")], status="approved")
    workspace = selling.room.workspace
    stock_thresholds_set(
        actor=selling.keeper,
        sku_id=selling.phone.pk,
        warehouse_id=selling.room.main.pk,
        min_qty=Decimal(20),
        max_qty=None,
        reorder_point=Decimal(30),
    )
    owner = graphql(client_for(workspace, workspace.users["owner"]), HOME, EVERYTHING)
    assert "errors" not in owner, owner
    home = owner["data"]["dashboard"]
    assert home["sales"]["amount"]["today"] == "118.00" and home["currency"] == "CNY"
    assert home["lowStock"]["count"] == 1 and home["lowStock"]["rows"][0]["skuCode"] == "PHONE-128"
    assert [step["key"] for step in home["onboarding"]["steps"]][0] == "company"

    keeper = graphql(client_for(workspace, selling.keeper), HOME, EVERYTHING)
    shown = keeper["data"]["dashboard"]
    assert (shown["sales"], shown["collections"], shown["receivablesDue"], shown["onboarding"]) == (
        None,
        None,
        None,
        None,
    )
    assert shown["lowStock"]["count"] == 1
    withheld = {entry["field"] for entry in keeper["extensions"]["withheld"]}
    assert {"Dashboard.sales", "Dashboard.collections", "Dashboard.receivablesDue"} <= withheld

    rep = graphql(client_for(workspace, selling.rep), HOME, {"money": True, "stock": False})
    assert rep["data"]["dashboard"]["sales"]["orders"]["today"] == 1
    assert rep["data"]["dashboard"]["onboarding"] is None


def test_another_workspaces_sales_never_count(selling, beta):
    selling.order([(selling.shirt, "1")], status="approved")
    with in_tenant(beta):
        sku = make_sku("BETA-1", "贝塔商品", "5")
        sku.list_price = Decimal("1000.00")
        sku.save()
        warehouse = Warehouse.objects.create(code="BW", name="贝塔仓")
        from saas.inventory.services.entries import EntryLine, stock_entry_create

        stock_entry_create(
            actor=beta.users["warehouse"],
            warehouse_id=warehouse.pk,
            direction="in",
            reason="opening",
            lines=[EntryLine(sku_id=sku.pk, quantity="10", unit_cost="5")],
        )
        customer = sales_customer(owner=beta.users["sales"], name="贝塔客户")
        approved_order(
            actor=beta.users["sales"],
            approver=beta.users["manager"],
            customer=customer,
            warehouse=warehouse,
            lines=[(sku, "3")],
        )
        assert Customer.objects.count() == 1
    alpha = selling.room.workspace
    answer = graphql(client_for(alpha, alpha.users["owner"]), HOME, EVERYTHING)
    assert answer["data"]["dashboard"]["sales"]["amount"]["today"] == "59.00"
    beta_answer = graphql(client_for(beta, beta.users["owner"]), HOME, EVERYTHING)
    assert beta_answer["data"]["dashboard"]["sales"]["amount"]["today"] == "3000.00"


@pytest.mark.parametrize("orders", [1, 6])
def test_the_home_costs_the_same_queries_however_many_orders(selling, orders):
    for _ in range(orders):
        selling.order([(selling.shirt, "1")], status="approved")
    workspace = selling.room.workspace
    client = client_for(workspace, workspace.users["owner"])
    graphql(client, HOME, EVERYTHING)  # warm the session and the per-process caches
    with CaptureQueriesContext(connection) as queries:
        answer = graphql(client, HOME, EVERYTHING)
    assert "errors" not in answer
    # Fixed request costs (session, user, roles) and the to-do counters, then one query per
    # figure: sales, collections, receivables due, low stock (two), the checklist (one).
    assert len(queries) <= 22, [q["sql"][:120] for q in queries.captured_queries]
    assert len(queries) == EXPECTED_QUERIES.setdefault("owner", len(queries))


EXPECTED_QUERIES: dict[str, int] = {}
