"""Profit sharing on screen (issue 15, item 10): a settlement with one clawback. The child of a
three-level network completed two orders last month (10 and 4 shirts at 59.00) and sent 3
shirts of the first back; the parent earns 10 % of revenue, the grandparent 5 %. The owner
settles last month on 分润结算 and sees the parent's and grandparent's statements at base × rate
less the clawback, opens the lines (the clawback negative), posts it, and the parent's wallet
holds the commission; the parent's person, on a phone, finds the same statement in its
分润对账单. Then the rules editor's 试算 replays changed rules on that month and shows the
parent's changed total while writing nothing, and a rule past the grandparent is refused in the
law's words.

The data is made once for the module (a month is settled once): the what-if settles last month
itself when it runs alone.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from saas.distribution.commission_models import CommissionRuleSet
from saas.distribution.models import (
    CommissionEntry,
    CommissionSettlement,
    CommissionStatement,
    Wallet,
    WalletEntry,
)
from tests.browser.driver import DESKTOP, PHONE, in_workspace, snapshot
from tests.browser.field_helpers import on_screen
from tests.browser.rewards_helpers import last_month, member_of, release, rewards_network, settled
from tests.browser.test_accessibility import _check_page

pytestmark = pytest.mark.live

# Parent: 10 % of 590.00 and of 236.00, less 10 % of the 177.00 sent back; grandparent: 5 %.
PARENT_TOTAL, GRANDPARENT_TOTAL = "¥64.90", "¥32.45"


@pytest.fixture(scope="module")
def rewards(world, live_server, django_db_blocker) -> Iterator[dict[str, Any]]:
    tag = uuid.uuid4().hex[:8].upper()
    with django_db_blocker.unblock():
        month = in_workspace(world.alpha, last_month)
        made = in_workspace(world.alpha, lambda: rewards_network(tag, month))
        earners = (made["parent"], made["grandparent"])

        def accrued() -> int:
            return CommissionEntry.objects.filter(earner_id__in=earners).count()

        # The live worker accrues the completed orders and claws back the return: 2 × 3 lines.
        deadline = time.monotonic() + 30
        while in_workspace(world.alpha, accrued) < 6 and time.monotonic() < deadline:
            time.sleep(0.2)
        assert in_workspace(world.alpha, accrued) == 6
    yield made
    with django_db_blocker.unblock():
        in_workspace(world.alpha, release)


def _month_value(made: dict[str, Any]) -> str:
    return made["month"].strftime("%Y-%m")


def test_a_settlement_with_one_clawback(shell, world, read_db, rewards):
    parent, grandparent = rewards["parent"], rewards["grandparent"]

    # Given the owner (who may settle and, as finance may, post) on 分润结算 (in the navigation),
    # on a desktop
    app = shell(as_user="owner", viewport=DESKTOP, enforce_csp=True, path="/app/network/settlements")
    page = app.page
    expect(page.locator("nav.sidenav").get_by_role("link", name="分润结算")).to_have_count(1)
    on_screen(app, "settlements")

    # When it settles last month
    form = page.get_by_role("form", name="生成结算")
    expect(form.get_by_label("月份")).to_have_value(_month_value(rewards))
    form.get_by_role("button", name="生成结算").click()
    on_screen(app, "settlement")
    expect(page.get_by_test_id("settlement-status")).to_have_text("待入账")

    # Then the parent's and grandparent's statements are base × rate, less the clawback
    rows = {
        name: page.locator(f'li.reward-statement[data-distributor-id="{pk}"]')
        for name, pk in (("parent", parent), ("grandparent", grandparent))
    }
    expect(rows["parent"].get_by_test_id("statement-total")).to_have_text(PARENT_TOTAL)
    expect(rows["grandparent"].get_by_test_id("statement-total")).to_have_text(GRANDPARENT_TOTAL)

    # When it opens the parent's lines: two accruals and the clawback, negative
    rows["parent"].get_by_role("button", name=f"{rewards['parent_name']} 的分润明细").click()
    lines = rows["parent"].locator("li.reward-line")
    expect(lines).to_have_count(3)
    first, second = (
        rows["parent"].locator(f'li.reward-line[data-kind="accrual"][data-order="{number}"]')
        for number in rewards["orders"]
    )
    accrual = first
    expect(accrual.get_by_test_id("line-quantity")).to_have_text("数量 10")
    expect(accrual.get_by_test_id("line-base")).to_have_text("销售额 ¥590.00")
    expect(accrual.get_by_test_id("line-rule")).to_have_text(f"规则 v{rewards['version']} · 10%")
    expect(accrual.get_by_test_id("line-commission")).to_have_text("+¥59.00")
    expect(accrual).to_contain_text(rewards["sku_code"])
    expect(second.get_by_test_id("line-commission")).to_have_text("+¥23.60")
    clawback = rows["parent"].locator('li.reward-line[data-kind="clawback"]')
    expect(clawback).to_have_attribute("data-order", rewards["orders"][0])
    expect(clawback.get_by_test_id("line-quantity")).to_have_text("数量 3")
    expect(clawback.get_by_test_id("line-base")).to_have_text("销售额 -¥177.00")
    expect(clawback.get_by_test_id("line-commission")).to_have_text("-¥17.70")
    expect(clawback).to_contain_text(f"退货冲回 {rewards['return']}")
    _check_page(app)
    snapshot(app, "desktop-settlement-lines")

    # When it posts the settlement, after the confirmation
    page.get_by_test_id("settlement-post").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("入账后不能撤销")
    dialog.get_by_role("button", name="入账").click()
    expect(page.locator(".toast").filter(has_text="已入账")).to_be_visible()
    expect(page.get_by_test_id("settlement-status")).to_have_text("已入账")
    expect(page.get_by_test_id("settlement-post")).to_have_count(0)

    # Then the parent's wallet holds the commission entry
    def commission_entries() -> list[tuple[int, int, str]]:
        return list(
            WalletEntry.objects.filter(distributor_id=parent, kind="commission").values_list(
                "amount_fen", "distributor__wallet__cash_fen", "pocket"
            )
        )

    assert read_db(world.alpha, commission_entries) == [(6490, 6490, "cash")]
    app.open("/app/network")
    node = page.locator(f'li.network-node[data-distributor-id="{parent}"]')
    expect(node.get_by_test_id("node-balance")).to_have_text("余额 ¥64.90")

    # And the parent's person, signed in on a phone, finds the same statement under 更多
    read_db(world.alpha, lambda: member_of(parent))
    phone = shell(as_user="distributor", viewport=PHONE, enforce_csp=True, path="/app/")
    mine = phone.page
    mine.locator("nav.tabbar").get_by_role("link", name="更多").click()
    on_screen(phone, "more")
    mine.locator(".link-list").get_by_role("link", name="分润对账单").click()
    on_screen(phone, "portal-commissions")
    statement = mine.locator("li.reward-statement")
    expect(statement).to_have_count(1)
    expect(statement.get_by_test_id("statement-total")).to_have_text(PARENT_TOTAL)
    month = rewards["month"]
    expect(statement).to_contain_text(f"{month.year}年{month.month}月")
    statement.get_by_role("button", name=f"{month.year}年{month.month}月 的分润明细").click()
    expect(statement.locator("li.reward-line")).to_have_count(3)
    expect(
        statement.locator('li.reward-line[data-kind="clawback"]').get_by_test_id("line-commission")
    ).to_have_text("-¥17.70")
    _check_page(phone)
    snapshot(phone, "phone-portal-commissions")
    # Its wallet lists the commission entry
    phone.open("/app/portal/wallet")
    entry = mine.locator('li.portal-entry[data-kind="commission"]')
    expect(entry).to_contain_text("分润")
    expect(entry).to_contain_text("+¥64.90")


def test_a_what_if_shows_the_changed_total_and_writes_nothing(shell, world, read_db, rewards):
    parent, grandparent = rewards["parent"], rewards["grandparent"]
    read_db(world.alpha, lambda: settled(rewards["month"]))  # when this test runs alone

    def counts() -> tuple[int, ...]:
        return (
            CommissionRuleSet.objects.count(),
            CommissionEntry.objects.count(),
            CommissionSettlement.objects.count(),
            CommissionStatement.objects.count(),
            WalletEntry.objects.count(),
        )

    before = read_db(world.alpha, counts)

    # Given the manager on 分润规则, on a phone, editing the rules in force
    app = shell(as_user="manager", viewport=PHONE, enforce_csp=True, path="/app/network/commission-rules")
    page = app.page
    on_screen(app, "commission-rules")
    expect(page.locator(".card").first).to_contain_text(f"第 {rewards['version']} 版")
    page.get_by_test_id("rules-edit").click()
    editor = page.get_by_role("form", name="分润规则编辑")

    # When a rule reaches past the grandparent, the law refuses it, in the 试算 and on saving
    editor.locator('[data-field="rules.1.depth"] input').fill("3")
    page.get_by_test_id("whatif").click()
    expect(editor.locator(".form-error")).to_contain_text("团队计酬")
    editor.get_by_role("button", name="保存为新版本").click()
    refusal = editor.locator('[data-field="rules.1.depth"] .field-error')
    expect(refusal).to_contain_text("团队计酬")
    expect(refusal).to_contain_text("禁止传销条例")
    _check_page(app)
    snapshot(app, "phone-commission-rules-refused")

    # When the parent's rate goes from 10 % to 12 % and the draft is tried on last month
    editor.locator('[data-field="rules.1.depth"] input').fill("2")
    editor.locator('[data-field="rules.0.ratePercent"] input').fill("12")
    page.get_by_test_id("whatif").click()

    # Then the parent's total changes from 64.90 to 12 % of 649.00; the grandparent's does not
    row = page.locator(f'li.reward-whatif-row[data-distributor-id="{parent}"]')
    expect(row.get_by_test_id("whatif-old")).to_have_text(f"原 {PARENT_TOTAL}")
    expect(row.get_by_test_id("whatif-new")).to_have_text("新 ¥77.88")
    expect(row.get_by_test_id("whatif-change")).to_have_text("+¥12.98")
    unchanged = page.locator(f'li.reward-whatif-row[data-distributor-id="{grandparent}"]')
    expect(unchanged.get_by_test_id("whatif-change")).to_have_text("¥0.00")
    _check_page(app)
    snapshot(app, "phone-commission-whatif")

    # And nothing was written: no rule version, entry, settlement, statement or wallet entry
    assert read_db(world.alpha, counts) == before
    app.open("/app/network/commission-rules")
    expect(page.locator(".card").first).to_contain_text(f"第 {rewards['version']} 版")


def test_rebates_are_computed_reviewed_posted_and_seen_by_the_distributor(shell, world, read_db, rewards):
    child = rewards["child"]
    month = rewards["month"]

    # Given the owner (who may compute, approve and post) on 返利与奖励, on a phone
    app = shell(as_user="owner", viewport=PHONE, enforce_csp=True, path="/app/network/rewards")
    page = app.page
    on_screen(app, "rewards")

    # When it adds a monthly volume rebate for the child's level: from 500 yuan 2 %, from 1,000 3 %
    page.get_by_role("button", name="新建返利规则").click()
    volume = page.get_by_role("form", name="返利规则编辑")
    volume.get_by_label("名称").fill(f"月度返利{child}")
    volume.get_by_label("经销商等级").select_option(label=rewards["child_level"])
    volume.locator('[data-field="tiers.0.threshold"] input').fill("500")
    volume.locator('[data-field="tiers.0.ratePercent"] input').fill("2")
    volume.get_by_role("button", name="添加档位").click()
    volume.locator('[data-field="tiers.1.threshold"] input').fill("1000")
    volume.locator('[data-field="tiers.1.ratePercent"] input').fill("3")
    volume.get_by_role("button", name="保存").click()
    expect(page.locator("li.item-row").filter(has_text=f"月度返利{child}")).to_contain_text(
        "满 ¥500.00 返 2%"
    )

    # And a top-10 bonus of 100 yuan for rank 1 among that level
    page.get_by_role("button", name="新建奖励规则").click()
    bonus = page.get_by_role("form", name="奖励规则编辑")
    bonus.get_by_label("名称").fill(f"月度前十{child}")
    bonus.get_by_label("经销商等级").select_option(label=rewards["child_level"])
    bonus.get_by_label("第 1 名（元）").fill("100")
    bonus.get_by_role("button", name="保存").click()
    expect(page.locator("li.item-row").filter(has_text=f"月度前十{child}")).to_contain_text("第 1 名 ¥100.00")
    _check_page(app)
    snapshot(app, "phone-rewards")

    # And computes last month's run
    compute = page.get_by_role("form", name="计算")
    expect(compute.get_by_label("期间")).to_have_value(month.isoformat())
    compute.get_by_role("button", name="计算").click()
    on_screen(app, "rebate-run")
    expect(page.get_by_test_id("run-status")).to_have_text("待审核")

    # Then the child's purchases (826.00 less the 177.00 sent back) reach the 500 tier: 2 % of
    # 649.00; and it ranks first
    lines = page.locator(f'li.reward-rebate-line[data-distributor-id="{child}"]')
    expect(lines.and_(page.locator('[data-kind="volume"]')).get_by_test_id("rebate-amount")).to_have_text(
        "¥12.98"
    )
    expect(lines.and_(page.locator('[data-kind="bonus"]')).get_by_test_id("rebate-amount")).to_have_text(
        "¥100.00"
    )
    expect(lines.first).to_contain_text("采购 11 件，¥649.00")
    snapshot(app, "phone-rebate-run")

    # When it approves the run, then posts it after the confirmation
    page.get_by_label("审核意见").fill("已核对")
    page.get_by_test_id("run-approve").click()
    expect(page.get_by_test_id("run-status")).to_have_text("已审核")
    page.get_by_test_id("run-post").click()
    page.get_by_role("dialog").get_by_role("button", name="入账").click()
    expect(page.get_by_test_id("run-status")).to_have_text("已入账")

    # Then the child's rebate balance holds both, and its person sees them under 返利
    rebate = read_db(world.alpha, lambda: Wallet.objects.get(distributor_id=child).rebate_fen)
    assert rebate == 1298 + 10000
    read_db(world.alpha, lambda: member_of(child))
    phone = shell(as_user="distributor", viewport=PHONE, enforce_csp=True, path="/app/more")
    phone.page.locator(".link-list").get_by_role("link", name="返利").click()
    on_screen(phone, "portal-rebates")
    mine = phone.page.locator("li.reward-rebate-line")
    expect(mine).to_have_count(2)
    expect(phone.page.locator('li.reward-rebate-line[data-kind="volume"]')).to_contain_text("¥12.98")
    expect(phone.page.locator('li.reward-rebate-line[data-kind="bonus"]')).to_contain_text("¥100.00")
    _check_page(phone)
