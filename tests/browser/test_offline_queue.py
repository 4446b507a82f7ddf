"""The outbox: an invite made offline waits in IndexedDB and is sent exactly once when back online;
an invite whose answer was lost is resent with the same idempotency key and never doubles."""

from __future__ import annotations

import json
import uuid

import pytest
from playwright.sync_api import APIResponse, Route, expect

from saas.accounts.models import User
from tests.browser.driver import ShellPage, snapshot
from tests.browser.test_users import fill_invite, open_invite_form

pytestmark = pytest.mark.live
INVITE_AGAIN = """mutation($input: UserInviteInput!) {
  userInvite(input: $input) { user { email } replayed errors { code } }
}"""


def _queued(app: ShellPage) -> list[dict]:
    return list(
        app.page.evaluate(
            """() => new Promise((resolve, reject) => {
                const open = indexedDB.open('sparrow');
                open.onsuccess = () => {
                    const request = open.result.transaction('outbox').objectStore('outbox').getAll();
                    request.onsuccess = () => resolve(request.result);
                    request.onerror = () => reject(request.error);
                };
            })"""
        )
    )


def test_invite_made_offline_is_sent_once_when_back_online(shell, world, read_db):
    # Given the owner on the colleagues screen, with the invite form open
    app = shell(path="/app/users")
    page = app.page
    form = open_invite_form(app)
    email = f"offline-{uuid.uuid4().hex[:10]}@alpha.test"
    count = lambda: read_db(world.alpha, lambda: User.objects.filter(email=email).count())  # noqa: E731

    # When the connection drops and they invite a colleague
    app.context.set_offline(True)
    page.wait_for_function("document.documentElement.dataset.online === 'false'")
    fill_invite(form, email, "离线邀请")

    # Then the invite waits on the device, shown as pending, with its idempotency key
    pending_row = page.locator(f'li.user-row[data-pending="true"][data-email="{email}"]')
    expect(pending_row).to_contain_text("待发送")
    indicator = page.locator('[data-testid="pending-indicator"]')
    expect(indicator).to_be_visible()
    expect(indicator.locator('[data-testid="pending-count"]')).to_have_text("1")
    [item] = _queued(app)
    assert item["type"] == "user.invite" and item["input"]["email"] == email
    key = item["id"]
    assert key.startswith("user.invite:") and 8 <= len(key) <= 80
    assert count() == 0
    snapshot(app, "phone-users-offline-pending")

    # When the connection returns
    app.context.set_offline(False)

    # Then it is sent by itself, the pending marks clear, and the colleague exists once
    expect(indicator).to_be_hidden(timeout=10000)
    expect(pending_row).to_have_count(0)
    expect(page.locator(f'li.user-row[data-email="{email}"]:not([data-pending])')).to_be_visible()
    assert _queued(app) == []
    assert count() == 1

    # And a resend with the same key (as after a lost answer) returns the first user
    again = app.graphql(
        INVITE_AGAIN,
        {"input": {**item["input"], "idempotencyKey": key}},
    )["data"]["userInvite"]
    assert again == {"user": {"email": email}, "replayed": True, "errors": []}
    assert count() == 1


def test_invite_whose_answer_was_lost_is_resent_with_the_same_key(shell, world, read_db):
    # Given the first invite request reaches the server but its answer never arrives
    app = shell(path="/app/users")
    page = app.page
    sent: list[dict] = []
    answers: list[dict] = []

    def fetch(route: Route) -> APIResponse:
        # Playwright fetches from its driver process, which cannot resolve *.localhost (Chromium
        # can): so by address, with the workspace's Host header.
        return route.fetch(
            url=f"http://127.0.0.1:{app.live_server.port}/graphql/",
            headers={**route.request.headers, "host": f"{world.alpha.host}:{app.live_server.port}"},
        )

    def lose_first_answer(route: Route) -> None:
        body = json.loads(route.request.post_data or "{}")
        if "userInvite" not in body.get("query", ""):
            route.continue_()
            return
        sent.append(body["variables"]["input"])
        answer = fetch(route)  # the server does the work...
        answers.append(answer.json()["data"]["userInvite"])
        if len(sent) == 1:
            route.abort("connectionreset")  # ...but the phone never gets the first answer
        else:
            route.fulfill(response=answer)

    page.route("**/graphql/", lose_first_answer)
    app.allow_error(r"Failed to load resource: net::ERR_CONNECTION_RESET")
    email = f"lost-{uuid.uuid4().hex[:10]}@alpha.test"

    # When the owner invites a colleague
    fill_invite(open_invite_form(app), email, "丢失的回复")

    # Then the app keeps the invite and resends it with the same key; one colleague results
    indicator = page.locator('[data-testid="pending-indicator"]')
    expect(page.locator(f'li.user-row[data-email="{email}"]:not([data-pending])')).to_be_visible(
        timeout=15000
    )
    expect(indicator).to_be_hidden()
    assert len(sent) == 2
    assert sent[0]["idempotencyKey"] == sent[1]["idempotencyKey"]
    assert [(a["user"]["email"], a["replayed"]) for a in answers] == [(email, False), (email, True)]
    assert read_db(world.alpha, lambda: User.objects.filter(email=email).count()) == 1
