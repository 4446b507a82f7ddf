"""Printing as Chinese businesses expect it (issue 17, item 6): delivery notes carry the total in
capitals (大写金额) beside the amount and the customer's signature line, only for those who may
see money, and the template can hide it; several orders print in one batch, each on sheets of
its own, prices hidden for roles that may not see them (or on request), an order the caller may
not see refused like a missing one, another workspace's orders never printed."""

from __future__ import annotations

from saas.core.amount_words import rmb_upper
from saas.shipping import services
from tests.fixtures.sales import Selling
from tests.fixtures.shipping import Shipping
from tests.fixtures.tenants import Workspace, client_for


def page(workspace: Workspace, user, url: str):
    return client_for(workspace, user).get(url)


def test_delivery_notes_in_a_batch_with_the_total_in_capitals(shipping: Shipping, shipping_urls: None):
    first = shipping.ship(shipping.order([(shipping.shirt, "2", "59")]))
    second = shipping.ship(shipping.order([(shipping.shirt, "1", "59.5")]))
    url = f"/shipping/print/delivery-note/?shipments={first.pk},{second.pk}"
    workspace = shipping.room.workspace
    html = page(workspace, shipping.user("manager"), url).content.decode()
    assert html.count('<section class="page">') == 2  # one sheet each, page breaks between
    assert html.index(first.number) < html.index(second.number)
    assert "壹佰壹拾捌元整" in html and "伍拾玖元伍角" in html and "大写金额" in html
    assert "收货人签字及日期" in html  # the customer's signature line
    warehouse = page(workspace, shipping.keeper, url).content.decode()
    assert "壹佰壹拾捌元整" not in warehouse and "118.00" not in warehouse
    services.print_template_save(
        actor=shipping.keeper,
        kind="delivery_note",
        title="送货单",
        fields=[{"field": "total_in_words", "visible": False, "align": "left"}],
    )
    hidden = page(workspace, shipping.user("manager"), url).content.decode()
    assert "壹佰壹拾捌元整" not in hidden and "118.00" in hidden and "<h1>送货单</h1>" in hidden


def test_orders_print_in_one_batch_with_prices_only_for_money_viewers(selling: Selling, beta: Workspace):
    one = selling.order([(selling.shirt, "3", "55.5")], status="approved")
    two = selling.order([(selling.phone, "1")], status="approved")
    workspace = selling.room.workspace
    url = f"/sales/orders/print/?ids={two.pk},{one.pk}"
    html = page(workspace, selling.rep, url).content.decode()
    assert html.count('<section class="sheet">') == 2 and html.index(two.number) < html.index(one.number)
    assert rmb_upper(one.total_amount) in html and rmb_upper(two.total_amount) in html
    assert "166.50" in html
    keeper = page(workspace, selling.keeper, url)
    assert keeper.status_code == 200
    assert (
        "166.50" not in keeper.content.decode() and rmb_upper(one.total_amount) not in keeper.content.decode()
    )
    plain = page(workspace, selling.rep, url + "&prices=0").content.decode()
    assert "166.50" not in plain and one.number in plain
    assert page(workspace, selling.user("distributor"), url).status_code == 404
    assert page(workspace, selling.rep, "/sales/orders/print/?ids=").status_code == 400
    assert page(beta, beta.users["owner"], url).status_code == 404
    assert client_for(workspace).get(url).status_code == 302
