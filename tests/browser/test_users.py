"""The colleagues screen: invite by e-mail with a role, typed errors, deactivate and reactivate."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from saas.accounts.models import User
from tests.browser.driver import DESKTOP, ShellPage, snapshot

pytestmark = pytest.mark.live


def open_invite_form(app: ShellPage):
    app.page.get_by_role("button", name="邀请同事").click()
    form = app.page.get_by_role("form", name="邀请同事")
    expect(form).to_be_visible()
    return form


def fill_invite(form, email: str, name: str, role: str = "warehouse") -> None:
    form.get_by_label("邮箱").fill(email)
    form.get_by_label("姓名").fill(name)
    form.get_by_label("角色").select_option(role)
    form.get_by_role("button", name="发送邀请").click()


def test_invited_colleague_appears_in_the_list_and_can_be_deactivated(shell, world, read_db):
    # Given the owner on the colleagues screen
    app = shell(viewport=DESKTOP, path="/app/users")
    page = app.page
    email = f"new-{uuid.uuid4().hex[:10]}@alpha.test"
    name = f"新同事{email[4:8]}"

    # When they invite a colleague as warehouse staff
    fill_invite(open_invite_form(app), email, name)

    # Then the colleague is listed with the role, and exists exactly once
    row = page.locator(f'li.user-row[data-email="{email}"]')
    expect(row).to_be_visible()
    expect(row).to_contain_text("仓管")
    expect(page.locator(".toast")).to_contain_text(f"已邀请 {email}")
    assert read_db(world.alpha, lambda: User.objects.filter(email=email).count()) == 1
    snapshot(app, "desktop-users-invited")

    # When they deactivate the colleague (confirming in the dialog)
    row.get_by_role("button", name=f"停用 {name}").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text(f"停用 {name}？")
    dialog.get_by_role("button", name="停用").click()

    # Then the row says so, and reactivating undoes it
    expect(row).to_contain_text("已停用")
    assert read_db(world.alpha, lambda: User.objects.get(email=email).is_active) is False
    row.get_by_role("button", name=f"恢复 {name}").click()
    expect(row.get_by_role("button", name=f"停用 {name}")).to_be_visible()
    assert read_db(world.alpha, lambda: User.objects.get(email=email).is_active) is True


def test_invite_errors_show_next_to_the_field(shell):
    app = shell(path="/app/users")
    form = open_invite_form(app)

    # An address the browser already knows is wrong never leaves the device
    fill_invite(form, "not-an-address", "某人")
    expect(form.locator('[data-field="email"] .field-error')).to_have_text("请输入有效的邮箱地址。")
    expect(form.get_by_label("邮箱")).to_have_attribute("aria-invalid", "true")
    expect(form.get_by_label("邮箱")).to_be_focused()

    # A taken address comes back from the server as a typed error on the same field
    fill_invite(form, "sales@alpha.test", "重复的人")
    expect(form.locator('[data-field="email"] .field-error')).to_have_text("该邮箱已经有账号了。")
    expect(app.page.locator('[data-testid="pending-indicator"]')).to_be_hidden()
