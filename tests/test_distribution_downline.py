"""A distributor's people see its downline (下级), read-only: the members of its own subtree below
it with this month's purchases, order count and latest stock report — never itself, a sibling,
an ancestor or another branch, whose ids are not found; staff, keys and other workspaces get
nothing."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from saas.core.clock import tenant_today
from saas.core.errors import Forbidden, NotFound
from saas.distribution.models import ChannelStockReport
from saas.distribution.selectors.downline import my_downline, my_downline_member
from saas.distribution.services.network import member_add
from saas.sales.models import SalesOrder
from tests.fixtures.distribution import Network, bought, distributor_person
from tests.fixtures.partners import issue_key, key_client, key_post
from tests.fixtures.tenants import client_for, graphql

DOWNLINE = """
query { myDownline { totalCount items {
  id name levelName depth parentId salesArea active purchaseAmount orderCount lastStockReportOn
} } }"""
MEMBER = "query($id: ID!) { myDownlineMember(id: $id) { id name purchaseAmount } }"


def first_code(answer: dict) -> str:
    return answer["errors"][0]["extensions"]["code"]


@pytest.fixture
def busy(network: Network) -> Network:
    """This month the shop (under hz) bought 10 shirts (590.00) and 2 phones (3,998.00), has an
    order still waiting for review and one dated last month; it reported its stock twice."""
    bought(network, network.shop, [(network.shirt, "10")])
    bought(network, network.shop, [(network.phone, "2")], status="approved")
    bought(network, network.shop, [(network.shirt, "1")], status="pending_review")
    old = bought(network, network.shop, [(network.shirt, "5")])
    SalesOrder.objects.filter(pk=old.pk).update(order_date=tenant_today().replace(day=1) - timedelta(days=1))
    bought(network, network.nb, [(network.shirt, "3")])
    today = tenant_today()
    for day in (today - timedelta(days=9), today - timedelta(days=2)):
        ChannelStockReport.objects.create(
            distributor=network.shop, report_date=day, source="form", reported_by=network.manager
        )
    return network


def test_a_distributor_sees_only_its_subtree_below_it_with_this_months_figures(busy: Network):
    network = busy
    page = my_downline(actor=network.agent)  # hz: its shop, nothing else
    assert page.total_count == 1
    (shop,) = page.items
    assert (shop.distributor.pk, shop.depth, shop.distributor.level.name) == (network.shop.pk, 1, "零售商")
    assert (shop.purchase_amount, shop.order_count) == (Decimal("590.00") + Decimal("3998.00"), 2)
    assert shop.last_stock_report_on == tenant_today() - timedelta(days=2)
    # nb's person: a branch without anyone below it sees no one, not its sibling's shop
    assert my_downline(actor=network.agent2).total_count == 0


def test_the_top_sees_its_whole_subtree_in_tree_order(busy: Network):
    network = busy
    top_person = distributor_person("top@alpha.test", "总代")
    member_add(actor=network.manager, distributor_id=network.top.pk, user_id=top_person.pk)
    rows = [(m.distributor.pk, m.depth, m.order_count) for m in my_downline(actor=top_person).items]
    assert sorted(rows) == sorted([(network.hz.pk, 1, 0), (network.nb.pk, 1, 1), (network.shop.pk, 2, 2)])
    paths = [m.distributor.path for m in my_downline(actor=top_person).items]
    assert paths == sorted(paths)  # each parent before those below it


@pytest.mark.parametrize("target", ["top", "hz", "nb"])
def test_id_guessing_beyond_the_subtree_is_not_found(busy: Network, target: str):
    network = busy
    with pytest.raises(NotFound) as excinfo:
        my_downline_member(actor=network.agent, member_id=getattr(network, target).pk)
    assert excinfo.value.code == "not_found"
    assert my_downline_member(actor=network.agent, member_id=network.shop.pk).order_count == 2
    with pytest.raises(NotFound):  # the other branch's person never reaches hz's shop
        my_downline_member(actor=network.agent2, member_id=network.shop.pk)
    with pytest.raises(NotFound):
        my_downline_member(actor=network.agent, member_id="99999999")


@pytest.mark.parametrize("role", ["owner", "manager", "sales"])
def test_staff_have_no_downline_of_their_own(busy: Network, role: str):
    with pytest.raises(Forbidden) as excinfo:
        my_downline(actor=busy.selling.user(role))
    assert excinfo.value.code == "not_a_distributor"


def test_a_page_costs_the_same_queries_whatever_its_size(busy: Network):
    network = busy
    top_person = distributor_person("top@alpha.test", "总代")
    member_add(actor=network.manager, distributor_id=network.top.pk, user_id=top_person.pk)
    with CaptureQueriesContext(connection) as one:
        my_downline(actor=network.agent)
    with CaptureQueriesContext(connection) as three:
        assert len(my_downline(actor=top_person).items) == 3
    assert len(three) == len(one) <= 6


def test_the_downline_over_graphql_and_who_is_refused(busy: Network, beta):
    network = busy
    workspace = network.selling.room.workspace
    agent = client_for(workspace, network.agent)
    answer = graphql(agent, DOWNLINE)["data"]["myDownline"]
    assert answer["totalCount"] == 1
    assert answer["items"][0] | {"lastStockReportOn": None} == {
        "id": str(network.shop.pk),
        "name": "西湖小店",
        "levelName": "零售商",
        "depth": 1,
        "parentId": str(network.hz.pk),
        "salesArea": "西湖",
        "active": True,
        "purchaseAmount": "4588.00",
        "orderCount": 2,
        "lastStockReportOn": None,
    }
    assert answer["items"][0]["lastStockReportOn"] == (tenant_today() - timedelta(days=2)).isoformat()
    assert (
        graphql(agent, MEMBER, {"id": str(network.shop.pk)})["data"]["myDownlineMember"]["name"] == "西湖小店"
    )
    for other in (network.nb, network.top, network.hz):
        assert first_code(graphql(agent, MEMBER, {"id": str(other.pk)})) == "not_found"
    assert first_code(
        graphql(client_for(workspace, network.agent2), MEMBER, {"id": str(network.shop.pk)})
    ) == ("not_found")
    assert first_code(graphql(client_for(workspace, network.manager), DOWNLINE)) == "not_a_distributor"
    status, keyed = key_post(
        key_client(workspace, issue_key(workspace, "distribution:read").secret), DOWNLINE
    )
    assert first_code(keyed) == "forbidden"
    # Another workspace's distributor user knows none of these ids
    assert (
        first_code(graphql(client_for(beta, beta.users["distributor"]), MEMBER, {"id": str(network.shop.pk)}))
        == "not_a_distributor"
    )
