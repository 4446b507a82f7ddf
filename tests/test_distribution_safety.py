"""One distributor's person guessing another's ids and filters (issue 15, item 8): over GraphQL
every order, wallet, statement, rebate run, channel report and notification of distributor hz
is not found, forbidden or simply absent for nb's person, through the portal's queries, the
workspace's and the other domains'; printed orders, reports and exports refuse a distributor's
person altogether, its own orders' included."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from saas.core.clock import tenant_today
from saas.distribution.models import ChannelStockReport, CommissionStatement, RebateLine
from saas.distribution.services.channel_stock import StockLineInput, channel_stock_report
from saas.distribution.services.commissions import commission_settlement_create, commission_settlement_post
from saas.distribution.services.rebate_runs import rebate_run_approve, rebate_run_compute, rebate_run_post
from saas.distribution.services.rebates import TierInput, VolumeRuleInput, volume_rule_save
from saas.notifications.models import Notification
from saas.reports.catalogue import REPORTS
from tests.fixtures.distribution import (
    Network,
    beijing,
    bought,
    clock_at,
    commission_rules,
    item,
    place,
    rule,
)
from tests.fixtures.events import deliver_events
from tests.fixtures.tenants import client_for, graphql

GUESSES = {
    # root field: (query, which of hz's ids it names, the code nb's person is answered)
    "distributorOrder": ("query($id: ID!) { distributorOrder(id: $id) { number } }", "order", "not_found"),
    "salesOrder": ("query($id: ID!) { salesOrder(id: $id) { number } }", "order", "not_found"),
    "walletEntries": (
        "query($id: ID!) { walletEntries(distributorId: $id, kind: PREPAYMENT) { amount } }",
        "hz",
        "not_found",
    ),
    "distributor": ("query($id: ID!) { distributor(id: $id) { name } }", "hz", "forbidden"),
    "distributorTree": ("query($id: ID!) { distributorTree(rootId: $id) { truncated } }", "hz", "forbidden"),
    "commissionSettlement": (
        "query($id: ID!) { commissionSettlement(id: $id) { number } }",
        "settlement",
        "forbidden",
    ),
    "commissionStatement": (
        "query($id: ID!, $hz: ID!) { commissionStatement(settlementId: $id, distributorId: $hz) { total } }",
        "settlement",
        "forbidden",
    ),
    "rebateRun": ("query($id: ID!) { rebateRun(id: $id) { number } }", "run", "forbidden"),
    "channelStock": (
        "query($id: ID!) { channelStock(distributorId: $id) { totalCount } }",
        "hz",
        "forbidden",
    ),
    "customerStatement": (
        "query($id: ID!) { customerStatement(customerId: $id) { closingBalance } }",
        "customer",
        "forbidden",
    ),
    "receipts": ("query($id: ID!) { receipts(customerId: $id) { totalCount } }", "customer", "forbidden"),
}


@pytest.fixture
def hz_history(network: Network, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """hz with everything a distributor has: a portal order, wallet entries, a posted commission
    statement (from shop's purchases in November), a posted rebate (December), a stock report
    and notifications; nb's person, agent2, has none of it."""
    network.price(network.city, item(network.shirt, ("1", None, "10")))
    commission_rules(network, rule(1, "revenue", "10"))
    volume_rule_save(
        actor=network.manager,
        rule=VolumeRuleInput(
            name="月度返利",
            period_kind="month",
            measure="quantity",
            level_id=None,
            tiers=[TierInput("5", "3")],
        ),
    )
    clock_at(monkeypatch, beijing(2026, 11, 10))
    bought(network, network.shop, [(network.shirt, "10")])
    clock_at(monkeypatch, beijing(2026, 12, 10))
    settlement = commission_settlement_create(actor=network.manager, month="2026-11-01")
    commission_settlement_post(actor=network.finance, settlement_id=settlement.pk)
    bought(network, network.hz, [(network.shirt, "10")])
    network.fund(network.hz, "1000")
    order = place(network.agent, [(network.shirt, "2")])
    channel_stock_report(
        actor=network.agent,
        report_date=tenant_today() - timedelta(days=1),
        lines=[StockLineInput(path="lines.0", row_no=1, sku_id=network.shirt.pk, on_hand="5", sold="1")],
    )
    clock_at(monkeypatch, beijing(2027, 1, 2))
    run = rebate_run_compute(actor=network.manager, period_kind="month", period_start="2026-12-01")
    rebate_run_approve(actor=network.manager, run_id=run.pk)
    rebate_run_post(actor=network.finance, run_id=run.pk)
    deliver_events()
    assert CommissionStatement.objects.filter(distributor=network.hz).exists()
    assert RebateLine.objects.filter(distributor=network.hz, wallet_entry__isnull=False).exists()
    assert ChannelStockReport.objects.filter(distributor=network.hz).exists()
    assert Notification.objects.filter(user=network.agent).exists()
    return {
        "network": network,
        "ids": {
            "order": str(order.pk),
            "hz": str(network.hz.pk),
            "settlement": str(settlement.pk),
            "run": str(run.pk),
            "customer": str(network.hz.customer_id),
        },
    }


def first_code(answer: dict) -> str:
    return answer["errors"][0]["extensions"]["code"]


@pytest.mark.parametrize("name", sorted(GUESSES))
def test_another_distributors_rows_by_id_are_not_found_or_forbidden(hz_history: dict[str, Any], name: str):
    network: Network = hz_history["network"]
    query, target, code = GUESSES[name]
    ids = hz_history["ids"]
    variables = {"id": ids[target], "hz": ids["hz"]} if "$hz" in query else {"id": ids[target]}
    nb_person = client_for(network.selling.room.workspace, network.agent2)
    answer = graphql(nb_person, query, variables)
    assert first_code(answer) == code, answer
    assert answer["data"] is None or not any(answer["data"].values())


def test_another_distributors_rows_are_absent_from_every_list_and_filter(hz_history: dict[str, Any]):
    network: Network = hz_history["network"]
    ids = hz_history["ids"]
    nb_person = client_for(network.selling.room.workspace, network.agent2)
    mine = graphql(
        nb_person,
        "query { myDistributor { id wallet { entries(kind: PREPAYMENT) { amount } } } "
        "distributorOrders { totalCount } myCommissionStatements { totalCount } myRebates { totalCount } "
        "myChannelStockReports { totalCount } }",
    )["data"]
    assert mine == {
        "myDistributor": {"id": str(network.nb.pk), "wallet": {"entries": []}},
        "distributorOrders": {"totalCount": 0},
        "myCommissionStatements": {"totalCount": 0},
        "myRebates": {"totalCount": 0},
        "myChannelStockReports": {"totalCount": 0},
    }
    # Filters naming hz's customer or order find nothing in the sales lists either
    for filter_ in ({"customerId": ids["customer"]}, {"search": hz_history["network"].hz.customer.name}):
        found = graphql(
            nb_person,
            "query($f: SalesOrderFilter) { salesOrders(filter: $f) { totalCount } }",
            {"f": filter_},
        )["data"]["salesOrders"]
        assert found == {"totalCount": 0}
    # The inbox: its own only; another's notification by id is not found
    assert graphql(nb_person, "query { notifications { totalCount } }")["data"]["notifications"] == {
        "totalCount": 0
    }
    theirs = Notification.objects.filter(user=network.agent).values_list("pk", flat=True).first()
    marked = graphql(
        nb_person,
        "mutation($ids: [ID!]!) { notificationsMarkRead(ids: $ids) { errors { field code } } }",
        {"ids": [str(theirs)]},
    )["data"]["notificationsMarkRead"]
    assert marked["errors"] == [{"field": "ids.0", "code": "not_found"}]
    assert Notification.objects.get(pk=theirs).read_at is None


def test_printed_orders_reports_and_exports_refuse_a_distributors_person(hz_history: dict[str, Any]):
    network: Network = hz_history["network"]
    order_id = hz_history["ids"]["order"]
    workspace = network.selling.room.workspace
    for person in (network.agent, network.agent2):  # its own order's print is the workspace's too
        client = client_for(workspace, person)
        assert client.get(f"/sales/orders/{order_id}/print/").status_code == 404
        for name in REPORTS:
            for path in (f"/reports/{name}.csv", f"/reports/{name}.xlsx", f"/reports/{name}/print/"):
                response = client.get(path)
                assert response.status_code == 403, path
        for field in ("orderStatistics(groupBy: DAY) { truncated }", "customerArrears { truncated }"):
            assert first_code(graphql(client, "query { " + field + " }")) == "forbidden"
