"""Live events: an invite made elsewhere shows as a toast and an unread badge; the socket
comes back by itself after the connection drops."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.driver import DESKTOP, ShellPage, snapshot

pytestmark = pytest.mark.live
INVITE = """mutation($input: UserInviteInput!) {
  userInvite(input: $input) { user { id } errors { code } }
}"""


def _wait_live(app: ShellPage, status: str) -> None:
    app.page.wait_for_function(f"document.documentElement.dataset.live === '{status}'", timeout=10000)


def test_invite_by_a_colleague_arrives_live_with_an_unread_badge(shell):
    # Given the admin has the app open
    admin = shell(as_user="admin", viewport=DESKTOP)
    _wait_live(admin, "open")

    # When the owner invites someone (from another device)
    owner = shell(as_user="owner")
    email = f"live-{uuid.uuid4().hex[:10]}@alpha.test"
    answer = owner.graphql(INVITE, {"input": {"email": email, "fullName": "实时同事", "roles": ["sales"]}})
    assert answer["data"]["userInvite"]["errors"] == []

    # Then the admin sees a toast and an unread count, without reloading
    page = admin.page
    expect(page.locator(".toast").filter(has_text=email)).to_be_visible()
    badge = page.locator('[data-testid="unread-count"]')
    expect(badge).to_have_text("1")
    expect(page.get_by_role("link", name="通知，1 条未读")).to_be_visible()
    snapshot(admin, "desktop-live-toast")

    # And opening the notifications lists it and clears the badge
    page.get_by_role("link", name="通知，1 条未读").click()
    admin.wait_screen("inbox")
    expect(page.locator(".inbox-row").first).to_contain_text(email)
    expect(badge).to_be_hidden()


def test_socket_reconnects_when_the_connection_returns(shell):
    app = shell()
    _wait_live(app, "open")
    app.context.set_offline(True)
    _wait_live(app, "closed")
    expect(app.page.locator(".chip-offline")).to_be_visible()
    app.context.set_offline(False)
    _wait_live(app, "open")
    expect(app.page.locator(".chip-offline")).to_be_hidden()


def test_deactivated_user_is_signed_out_at_once(shell, world):
    # Given the distributor has the app open (the fixtures reactivate them after the test)
    victim = shell(as_user="distributor")
    _wait_live(victim, "open")

    # When the owner deactivates them
    owner = shell(as_user="owner")
    answer = owner.graphql(
        "mutation($id: ID!) { userDeactivate(id: $id) { errors { code } } }",
        {"id": str(world.alpha.users["distributor"].pk)},
    )
    assert answer["data"]["userDeactivate"]["errors"] == []

    # Then their app signs out by itself and says why
    victim.wait_screen("login")
    expect(victim.page.locator(".toast")).to_contain_text("你的账号已被停用")
    assert victim.page.evaluate("localStorage.getItem('sparrow.session')") is None
