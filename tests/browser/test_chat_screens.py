"""Chat in the app (issue 16's done-when): two people chat live from two browsers (the receipt,
a picture, a recall); a distributor asks about its order in the order's thread and the rep
answers from the order's page; a WeChat-style message becomes a confirmed order through 下单,
its uncertain line picked by hand and learned for next time, each line saying what the
warehouse has."""

from __future__ import annotations

import io
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import expect

from saas.sales.models import SalesOrder
from tests.browser.chat_helpers import pasted_order_world
from tests.browser.driver import DESKTOP, PHONE, ShellPage, snapshot
from tests.browser.portal_helpers import portal_network, portal_release
from tests.browser.test_accessibility import _check_page

pytestmark = pytest.mark.live
PARSE = """query($text: String!) { orderTextParse(text: $text) { lines { confident sku { code } } } }"""


def _wait_live(app: ShellPage) -> None:
    app.page.wait_for_function("document.documentElement.dataset.live === 'open'", timeout=10000)


def _picture(tmp_path: Any) -> str:
    path = tmp_path / "shelf.png"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 80, 30)).save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_two_people_chat_live(shell, world, tmp_path):
    rep_name, manager_name = world.alpha.users["sales"].full_name, world.alpha.users["manager"].full_name

    # Given the rep at a desk and the manager on a phone, both with the app open on 消息
    rep = shell(as_user="sales", viewport=DESKTOP, path="/app/chat")
    manager = shell(as_user="manager", viewport=PHONE, path="/app/chat")
    _wait_live(rep)
    _wait_live(manager)

    # When the rep starts a conversation with the manager, found by name
    page = rep.page
    page.get_by_role("button", name="发起会话").click()
    dialog = page.locator("dialog.chat-start-dialog")
    dialog.get_by_label("找人（姓名或邮箱）").fill(manager_name)
    dialog.get_by_label(manager_name).check()
    dialog.get_by_role("button", name="开始聊天").click()
    rep.wait_screen("chat-conversation")
    # and sends a message
    page.get_by_label("输入消息").fill("下午三点开会")
    page.get_by_role("button", name="发送").click()
    mine = page.locator(".chat-message.chat-mine").filter(has_text="下午三点开会")
    expect(mine.locator(".chat-receipt")).to_have_text("未读")

    # Then the manager's list shows it live, unread
    row = manager.page.locator(".chat-row").filter(has_text=rep_name)
    expect(row).to_have_attribute("data-unread", "1")
    expect(row).to_contain_text("下午三点开会")
    # And opening it shows the message, and the rep sees it read at once
    row.click()
    manager.wait_screen("chat-conversation")
    expect(manager.page.locator(".chat-list")).to_be_hidden()  # a phone shows one pane
    expect(manager.page.locator(".chat-message .chat-text")).to_have_text(["下午三点开会"])
    expect(mine.locator(".chat-receipt")).to_have_text("已读")
    _check_page(manager)
    snapshot(manager, "phone-chat-conversation")

    # When the manager answers, the rep's conversation shows it without reloading
    manager.page.get_by_label("输入消息").fill("收到，我准时到")
    manager.page.get_by_role("button", name="发送").click()
    expect(page.locator(".chat-message:not(.chat-mine) .chat-text")).to_have_text(["收到，我准时到"])

    # When the rep sends a picture, the manager sees its thumbnail
    page.get_by_test_id("chat-image-input").set_input_files(_picture(tmp_path))
    expect(page.locator('.chat-image-tile[data-state="ready"]')).to_have_count(1)
    page.get_by_role("button", name="发送").click()
    expect(manager.page.locator(".chat-message:not(.chat-mine) .chat-image img")).to_have_count(1)

    # When the rep recalls the first message, it is gone on both sides
    mine.get_by_role("button", name="撤回").click()
    expect(page.locator(".chat-recalled")).to_have_text(["你撤回了一条消息"])
    expect(manager.page.locator(".chat-recalled")).to_have_text([f"{rep_name} 撤回了一条消息"])
    expect(manager.page.get_by_text("下午三点开会")).to_have_count(0)
    _check_page(rep)
    snapshot(rep, "desktop-chat")


@pytest.fixture
def portal_order(world, read_db) -> Iterator[dict[str, Any]]:
    tag = uuid.uuid4().hex[:8].upper()
    yield read_db(world.alpha, lambda: portal_network(tag, with_order=True))
    read_db(world.alpha, portal_release)


def test_a_distributor_asks_about_its_order_in_the_orders_thread(shell, portal_order):
    order_id = portal_order["order"]

    # Given the distributor on its phone, on its order's page
    agent = shell(as_user="distributor", viewport=PHONE, path=f"/app/portal/orders/{order_id}")
    _wait_live(agent)
    # When it asks about the order in the order's thread
    agent.page.get_by_role("button", name="咨询这张订单").click()
    agent.page.get_by_label("输入消息").fill("这单什么时候发货？")
    agent.page.get_by_role("button", name="发送").click()
    expect(agent.page.locator(".chat-mine .chat-text")).to_have_text(["这单什么时候发货？"])
    expect(agent.page.get_by_role("button", name="下单")).to_have_count(0)  # distributors take no orders here
    _check_page(agent)
    snapshot(agent, "phone-portal-order-thread")

    # Then the order's rep finds it in 消息 (the thread, followed by the rep) and on the order's page
    rep = shell(as_user="sales", viewport=DESKTOP, path="/app/chat")
    expect(rep.page.locator('.chat-row[data-kind="thread"]').first).to_contain_text("这单什么时候发货？")
    rep.page.goto(rep.url(f"/app/orders/{order_id}"))
    rep.wait_screen("order")
    _wait_live(rep)
    rep.page.get_by_role("button", name="打开讨论").click()
    thread = rep.page.locator(".chat-thread")
    expect(thread.locator(".chat-message:not(.chat-mine) .chat-text")).to_have_text(["这单什么时候发货？"])
    # And the answer reaches the distributor live
    thread.get_by_label("输入消息").fill("今天下午发顺丰")
    thread.get_by_role("button", name="发送").click()
    expect(agent.page.locator(".chat-message:not(.chat-mine) .chat-text")).to_have_text(["今天下午发顺丰"])
    expect(agent.page.locator(".chat-mine .chat-receipt")).to_have_text("已读")


def test_a_pasted_wechat_message_becomes_a_confirmed_order(shell, world, read_db):
    tag = uuid.uuid4().hex[:6].upper()
    made = read_db(world.alpha, lambda: pasted_order_world(tag))

    # Given the manager's WeChat-style order in the rep's conversation
    rep = shell(as_user="sales", viewport=DESKTOP, path=f"/app/chat/{made['conversation']}")
    page = rep.page
    message = page.locator(".chat-message").filter(has_text="橙味汽水")
    # When the rep taps 下单 on it, the order entry reads it into draft lines
    message.get_by_role("button", name="下单").click()
    rep.wait_screen("order-new")
    form = page.get_by_role("form", name="新建订单")
    sure = form.locator('.paste-line[data-confident="true"]')
    unsure = form.locator('.paste-line[data-confident="false"]')
    expect(sure).to_have_count(1)
    expect(sure).to_contain_text(made["shirt"])
    expect(sure.locator(".paste-quantity")).to_have_value("20")
    expect(unsure).to_have_count(1)
    expect(unsure.locator(".paste-doubts")).to_contain_text("没写规格")
    expect(unsure.locator(".paste-quantity")).to_have_value("5")
    # Nothing unsure goes in unpicked
    form.get_by_role("button", name="加入订单").click()
    expect(unsure.locator(".field-error")).to_have_text("请先选择商品，或勾选“不要这一行”。")
    expect(form.locator(".order-line")).to_have_count(0)
    _check_page(rep)
    snapshot(rep, "desktop-paste-to-order")

    # When the rep picks the 500ml soda by hand and adds the lines
    unsure.get_by_label(made["soda_500"], exact=False).check()
    form.get_by_role("button", name="加入订单").click()
    shirt_line = form.locator(f'.order-line[data-sku-code="{made["shirt"]}"]')
    soda_line = form.locator(f'.order-line[data-sku-code="{made["soda_500"]}"]')
    expect(shirt_line.get_by_label(f"{made['shirt']} 的数量")).to_have_value("20")
    expect(soda_line.get_by_label(f"{made['soda_500']} 的数量")).to_have_value("5")
    expect(form.locator(".order-total")).to_have_text("合计 ¥797.50")  # 20 × 39 + 5 × 3.5
    # and confirms the order for the customer
    form.get_by_label("搜索客户").fill(made["customer_name"])
    form.locator(f'.customer-result[data-customer-id="{made["customer"]}"]').click()
    form.get_by_label("发货仓库").select_option(label=made["warehouse"])
    # And each line says what that warehouse has: the shirts are there, the soda is not
    expect(shirt_line.locator(".order-line-stock")).to_have_text("可用 30 件")
    expect(soda_line.locator(".order-line-stock")).to_have_text("超出可用库存：仓库可用 0 瓶")
    expect(soda_line.locator(".order-line-stock")).to_have_attribute("data-short", "true")
    shirt_line.get_by_label(f"{made['shirt']} 的数量").fill("31")
    expect(shirt_line.locator(".order-line-stock")).to_have_attribute("data-short", "true")
    shirt_line.get_by_label(f"{made['shirt']} 的数量").fill("20")
    expect(shirt_line.locator(".order-line-stock")).to_have_attribute("data-short", "false")
    form.get_by_role("button", name="提交审核").click()

    # Then the order exists with exactly those lines
    rep.wait_screen("order")
    expect(page.locator(".facts [data-status]")).to_be_visible()
    number = page.locator("h1").inner_text()
    saved = read_db(
        world.alpha,
        lambda: (
            SalesOrder.objects.get(number=number).status,
            sorted(
                (line.sku.code, format(line.quantity.normalize(), "f"))
                for line in SalesOrder.objects.get(number=number).lines.all()
            ),
        ),
    )
    assert saved[0] in ("pending_review", "approved")
    assert saved[1] == sorted([(made["shirt"], "20"), (made["soda_500"], "5")])
    # And the pick was learned: the same words are now read surely as the 500ml soda
    again = rep.graphql(PARSE, {"text": made["text"]})["data"]["orderTextParse"]["lines"]
    assert [(line["confident"], line["sku"]["code"]) for line in again] == [
        (True, made["shirt"]),
        (True, made["soda_500"]),
    ]
