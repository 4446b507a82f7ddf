"""Customer screens on a phone: a sales rep creates a customer with a contact and an address
(and it is theirs); a phone already used by a colleague's customer shows a hint and needs
"仍然创建"; on a customer's screen a visit is logged and a second address made the default; a
rep never sees a colleague's customer; a manager sets credit terms and assigns the owner."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from saas.customers.models import CommunicationLog, Customer
from tests.browser.driver import PHONE, snapshot
from tests.browser.test_accessibility import _check_page
from tests.browser.test_inventory_cycle import Api

pytestmark = pytest.mark.live

LEVEL = """mutation($input: CustomerLevelInput!) {
  customerLevelCreate(input: $input) { level { id name } errors { field code } } }"""
TAG = """mutation($name: String!) { customerTagCreate(name: $name) { tag { id name } errors { field code } } }"""
CREATE = """mutation($input: CustomerCreateInput!) {
  customerCreate(input: $input) { customer { id code name } errors { field code } } }"""


def _tag() -> str:
    return uuid.uuid4().hex[:8].upper()


def _phone() -> str:
    """A mobile number no other test uses."""
    return f"139{uuid.uuid4().int % 10**8:08d}"


def _customer(customer_id: str) -> Customer:
    return (
        Customer.objects.select_related("owner", "level")
        .prefetch_related("tags", "contacts", "addresses")
        .get(pk=customer_id)
    )


def test_a_rep_creates_a_customer_on_a_phone_with_a_contact_and_an_address(
    shell, world, live_server, read_db
):
    # Given a level and a tag the workspace keeps
    owner = Api(live_server, world.alpha.host, world.alpha.email("owner"))
    tag = _tag()
    level = owner(LEVEL, {"input": {"code": f"L{tag}", "name": f"重点{tag}"}})["level"]
    label = owner(TAG, {"name": f"批发{tag}"})["tag"]
    name, phone, contact_phone = f"鑫达测试{tag}商贸有限公司", _phone(), _phone()

    # When a sales rep opens 客户 from the tab bar and starts a new customer
    app = shell(as_user="sales", viewport=PHONE)
    page = app.page
    page.locator("nav.tabbar").get_by_role("link", name="客户").click()
    app.wait_screen("customers")
    page.get_by_role("link", name="新建客户").first.click()
    app.wait_screen("customer-new")
    form = page.get_by_role("form", name="新建客户")

    # Then credit terms are not theirs to set
    expect(form.get_by_label("客户名称")).to_be_visible()
    expect(form.get_by_label("信用额度（元）")).to_have_count(0)
    expect(form.get_by_label("账期（天）")).to_have_count(0)

    # When they fill in the customer, its primary contact and its default address
    form.get_by_label("客户名称").fill(name)
    form.get_by_label("电话", exact=True).fill(phone)
    form.get_by_label("联系人姓名").fill("李经理")
    form.get_by_label("职务").fill("采购")
    form.get_by_label("联系人电话").fill(contact_phone)
    form.get_by_label("省份").select_option("浙江省")
    form.get_by_label("城市").fill("杭州市")
    form.get_by_label("区县").fill("西湖区")
    form.get_by_label("详细地址").fill("文三路 90 号")
    form.get_by_label("收货人", exact=True).fill("李经理")
    form.get_by_label("收货人电话").fill(contact_phone)
    form.get_by_label("客户等级").select_option(label=level["name"])
    form.get_by_label(label["name"]).check()
    form.get_by_label("客户来源").select_option(label="展会")
    form.get_by_label("备注").fill("每月初订货")
    snapshot(app, "phone-customer-new")
    _check_page(app)  # every control named, enough contrast
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    form.get_by_role("button", name="创建客户").click()

    # Then the customer's screen opens, and the customer is the rep's, with all of it
    app.wait_screen("customer")
    expect(page.locator(".toast")).to_contain_text(f"已创建客户 {name}")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    saved = read_db(world.alpha, lambda: _customer(Customer.objects.get(name=name).pk))
    assert saved.owner_id == world.alpha.users["sales"].pk
    assert (saved.kind, saved.phone, saved.source, saved.notes) == (
        "company",
        phone,
        "exhibition",
        "每月初订货",
    )
    assert (saved.level.name, [t.name for t in saved.tags.all()]) == (level["name"], [label["name"]])
    assert (saved.credit_limit, saved.payment_terms_days) == (None, 0)
    assert [(c.name, c.title, c.phone, c.is_primary) for c in saved.contacts.all()] == [
        ("李经理", "采购", contact_phone, True)
    ]
    assert [
        (a.province, a.city, a.district, a.detail, a.receiver, a.phone, a.is_default)
        for a in saved.addresses.all()
    ] == [("浙江省", "杭州市", "西湖区", "文三路 90 号", "李经理", contact_phone, True)]
    expect(page.locator(".customer-contact", has_text="李经理")).to_contain_text("主要")
    expect(page.locator(".customer-address")).to_contain_text("浙江省杭州市西湖区文三路 90 号")
    snapshot(app, "phone-customer")

    # And the list shows it with its level, tag, owner and a phone to call
    app.open("/app/customers")
    page.get_by_label("搜索客户").fill(phone)
    row = page.locator(f'.customer-row[data-code="{saved.code}"]')
    expect(row).to_contain_text(level["name"])
    expect(row).to_contain_text(label["name"])
    expect(row).to_contain_text("alpha sales")
    expect(row.locator('a[href^="tel:"]')).to_have_attribute("href", f"tel:{phone}")
    expect(page.locator(".customer-row")).to_have_count(1)

    # And the tag filter keeps it
    page.get_by_text("更多筛选").click()
    page.get_by_role("group", name="按标签筛选").get_by_label(label["name"]).check()
    expect(page.get_by_role("status")).to_have_text("共 1 个客户")
    expect(row).to_be_visible()
    snapshot(app, "phone-customers")
    _check_page(app)


def test_a_phone_of_a_colleagues_customer_shows_a_hint_and_needs_create_anyway(
    shell, world, live_server, read_db
):
    # Given a customer of the manager's with this phone, which the rep cannot see
    manager = Api(live_server, world.alpha.host, world.alpha.email("manager"))
    phone = _phone()
    manager_id = str(world.alpha.users["manager"].pk)
    manager(CREATE, {"input": {"name": f"经理的客户{_tag()}", "phone": phone, "ownerId": manager_id}})
    name = f"新客户{_tag()}"

    # When the rep types that phone into a new customer
    app = shell(as_user="sales", viewport=PHONE, path="/app/customers/new")
    page = app.page
    form = page.get_by_role("form", name="新建客户")
    form.get_by_label("客户名称").fill(name)
    form.get_by_label("电话", exact=True).fill(phone)

    # Then a hint says a colleague's customer has it, without naming it
    hint = form.locator(".duplicate-hint")
    expect(hint).to_contain_text("同事负责的客户（你看不到详情）")
    expect(hint).to_contain_text("电话相同")
    expect(hint).to_contain_text("保存时会被拦下")
    snapshot(app, "phone-customer-duplicate-hint")

    # When they create it, it is refused next to the phone, and offered anyway
    form.get_by_role("button", name="创建客户").click()
    expect(form.locator('[data-field="phone"] .field-error')).to_contain_text("不是你负责的")
    assert read_db(world.alpha, lambda: Customer.objects.filter(name=name).count()) == 0
    anyway = form.get_by_role("button", name="仍然创建")
    expect(anyway).to_be_visible()
    _check_page(app)
    anyway.click()

    # Then it is made, the rep's, with the same phone as the colleague's customer
    app.wait_screen("customer")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    made = read_db(world.alpha, lambda: list(Customer.objects.filter(phone_digits=phone).order_by("id")))
    assert [c.owner_id for c in made] == [world.alpha.users["manager"].pk, world.alpha.users["sales"].pk]
    assert made[1].name == name


def test_on_a_customer_a_visit_is_logged_and_a_second_address_made_the_default(
    shell, world, live_server, read_db
):
    # Given one of the rep's customers with one address
    rep = Api(live_server, world.alpha.host, world.alpha.email("sales"))
    address = {
        "receiver": "王芳",
        "phone": _phone(),
        "province": "江苏省",
        "city": "苏州市",
        "detail": "人民路 1 号",
    }
    customer = rep(CREATE, {"input": {"name": f"跟进客户{_tag()}", "addresses": [address]}})["customer"]
    follow_up = (datetime.now(ZoneInfo("Asia/Shanghai")).date() + timedelta(days=7)).isoformat()

    # When the rep logs a visit with a follow-up date
    app = shell(as_user="sales", viewport=PHONE, path=f"/app/customers/{customer['id']}")
    page = app.page
    expect(page.get_by_text("还没有沟通记录")).to_be_visible()
    expect(page.get_by_role("region", name="订单")).to_contain_text("这个客户还没有订单。")
    page.get_by_role("button", name="记一笔").click()
    entry = page.get_by_role("form", name="记一笔")
    entry.get_by_label("拜访").check()
    entry.get_by_label("沟通内容").fill("送样品，客户想要 200 箱报价")
    entry.get_by_label("下次跟进日期").fill(follow_up)
    _check_page(app)
    entry.get_by_role("button", name="保存记录").click()

    # Then it heads the timeline, and is stored as the rep's visit
    logged = page.locator(".customer-log-entry").first
    expect(logged).to_contain_text("送样品，客户想要 200 箱报价")
    expect(logged).to_contain_text("拜访")
    expect(logged.locator(".customer-log-follow-up")).to_be_visible()
    entries = read_db(world.alpha, lambda: list(CommunicationLog.objects.filter(customer_id=customer["id"])))
    assert [(e.kind, e.content, e.next_follow_up.isoformat(), e.actor_id) for e in entries] == [
        ("visit", "送样品，客户想要 200 箱报价", follow_up, world.alpha.users["sales"].pk)
    ]

    # When a second address is added
    page.get_by_role("button", name="添加地址").click()
    add = page.get_by_role("form", name="添加地址")
    add.get_by_label("省份").select_option("广东省")
    add.get_by_label("城市").fill("深圳市")
    add.get_by_label("区县").fill("南山区")
    add.get_by_label("详细地址").fill("科技园 8 栋")
    add.get_by_label("收货人", exact=True).fill("陈仓管")
    add.get_by_label("收货人电话").fill(_phone())
    add.get_by_role("button", name="保存地址").click()
    second = page.locator(".customer-address", has_text="科技园 8 栋")
    expect(second).to_have_attribute("data-default", "false")

    # And made the default
    second.get_by_role("button", name="设为默认").click()
    expect(page.locator(".customer-address", has_text="科技园 8 栋")).to_have_attribute(
        "data-default", "true"
    )
    expect(page.locator(".customer-address", has_text="人民路 1 号")).to_have_attribute(
        "data-default", "false"
    )
    snapshot(app, "phone-customer-log-addresses")
    _check_page(app)

    # Then the database has it as the one default
    def defaults() -> list[tuple[str, bool]]:
        return list(_customer(customer["id"]).addresses.order_by("id").values_list("detail", "is_default"))

    assert read_db(world.alpha, defaults) == [("人民路 1 号", False), ("科技园 8 栋", True)]


def test_a_rep_does_not_see_a_colleagues_customer(shell, world, live_server):
    # Given a customer the manager owns
    manager = Api(live_server, world.alpha.host, world.alpha.email("manager"))
    name = f"经理独有客户{_tag()}"
    owned = manager(CREATE, {"input": {"name": name, "ownerId": str(world.alpha.users["manager"].pk)}})

    # When the rep searches for it, then the list has nothing
    app = shell(as_user="sales", viewport=PHONE, path="/app/customers")
    page = app.page
    page.get_by_label("搜索客户").fill(name)
    expect(page.get_by_text("没有找到客户")).to_be_visible()
    expect(page.locator(".customer-row")).to_have_count(0)

    # And its address shows "not found", as if it did not exist
    app.open(f"/app/customers/{owned['customer']['id']}")
    expect(page.get_by_text("找不到这个客户")).to_be_visible()

    # While the manager finds it, with its owner
    boss = shell(as_user="manager", viewport=PHONE, path="/app/customers")
    boss.page.get_by_label("搜索客户").fill(name)
    expect(boss.page.locator(f'.customer-row[data-code="{owned["customer"]["code"]}"]')).to_contain_text(
        "alpha manager"
    )


def test_a_manager_sets_credit_terms_and_gives_the_customer_to_a_rep(shell, world, read_db):
    # Given a manager starting a new customer on a phone
    name = f"授信客户{_tag()}"
    app = shell(as_user="manager", viewport=PHONE, path="/app/customers/new")
    page = app.page
    form = page.get_by_role("form", name="新建客户")

    # When they give it a credit limit and 30 days, and leave the owner empty
    form.get_by_label("个人").check()
    form.get_by_label("客户名称").fill(name)
    form.get_by_label("信用额度（元）").fill("5000.5")
    form.get_by_label("账期（天）").fill("30")
    expect(form.get_by_label("负责人")).to_have_value("")
    form.get_by_role("button", name="创建客户").click()

    # Then it waits in the pool with those terms
    app.wait_screen("customer")
    facts = page.locator(".customer-facts")
    expect(facts).to_contain_text("公海（未分配）")
    expect(facts).to_contain_text("30 天")
    created: Any = read_db(world.alpha, lambda: Customer.objects.get(name=name))
    assert (created.kind, created.owner_id) == ("person", None)
    assert (created.credit_limit, created.payment_terms_days) == (Decimal("5000.50"), 30)

    # When they assign it to the rep
    page.get_by_role("form", name="分配负责人").get_by_label("负责人").select_option(label="alpha sales")
    page.get_by_role("button", name="分配", exact=True).click()

    # Then the rep owns it
    expect(page.locator(".toast", has_text="已分配给 alpha sales")).to_be_visible()
    expect(page.locator(".customer-facts")).to_contain_text("alpha sales")
    assert read_db(world.alpha, lambda: Customer.objects.get(pk=created.pk).owner_id) == (
        world.alpha.users["sales"].pk
    )
    _check_page(app)
