"""The partner settings screens (owners and admins): API keys made, shown once, rotated and
revoked; a webhook endpoint added with its signing secret shown once, an event delivered to a
local receiver by a real worker, the delivery log with its attempts, Redeliver and a replay;
and a sales rep who sees none of it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from playwright.sync_api import expect
from standardwebhooks.webhooks import Webhook

from saas.core.models import LoggedEvent
from saas.customers.services.customers import customer_create
from saas.partners.models import ApiKey, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from tests.browser.driver import DESKTOP, PHONE, ShellPage, snapshot
from tests.fixtures.live import REPO, LiveServer, _test_database_url, artifact_log

pytestmark = pytest.mark.live
TENANT = "query { tenant { name } }"


def key_status(live_server: LiveServer, host: str, secret: str) -> int:
    """The HTTP status of one call with the key, as a partner's system would make it."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{live_server.port}/graphql/",
        data=json.dumps({"query": TENANT}).encode(),
        headers={
            "Content-Type": "application/json",
            "Host": f"{host}:{live_server.port}",
            "Authorization": f"Bearer {secret}",
        },
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def on_screen(app: ShellPage, screen_id: str) -> None:
    # wait_until, not wait_for_function: these pages keep the Content-Security-Policy.
    app.wait_until("(id) => document.body.dataset.screen === id", screen_id)


def secret_shown(app: ShellPage) -> str:
    panel = app.page.get_by_test_id("secret-panel")
    expect(panel).to_contain_text("密钥只显示这一次，请立即保存")
    return str(panel.locator("input").input_value())


# --- API keys ----------------------------------------------------------------------------------


@pytest.fixture
def forget_keys(world, read_db) -> Iterator[list[str]]:
    """Names of keys a test makes; they are deleted after it."""
    names: list[str] = []
    yield names
    read_db(world.alpha, lambda: ApiKey.objects.filter(name__in=names).delete())


def test_the_owner_makes_a_key_sees_its_secret_once_rotates_and_revokes_it(
    shell, world, live_server, read_db, forget_keys
):
    name = f"用友 ERP {uuid.uuid4().hex[:6]}"
    forget_keys.append(name)
    app = shell(viewport=DESKTOP, path="/app/", enforce_csp=True)
    page = app.page
    app.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=app.url("/")[:-1])

    # Given the owner finds API keys in the navigation, under 设置
    page.locator('nav.sidenav [data-group="settings"] summary').click()
    page.locator("nav.sidenav").get_by_role("link", name="API 密钥").click()
    on_screen(app, "api-keys")

    # When they make a key with an address that is not one, the error shows on that field
    page.get_by_role("button", name="新建密钥").click()
    form = page.get_by_role("form", name="新建密钥")
    form.get_by_label("名称").fill(name)
    form.get_by_label("销售 写入", exact=True).check()
    expect(form.get_by_label("销售 读取", exact=True)).to_be_checked()  # write includes read
    form.get_by_label("客户 读取", exact=True).check()
    form.get_by_label("允许的来源地址（可选）").fill("203.0.113.7\nnot-an-address")
    form.get_by_role("button", name="创建密钥").click()
    error = form.locator('[data-field="allowedIps"] .field-error')
    expect(error).to_contain_text("第 2 行：")
    expect(form.get_by_label("允许的来源地址（可选）")).to_have_attribute("aria-invalid", "true")

    # And with the addresses fixed, the secret shows once, with the warning, and copies
    form.get_by_label("允许的来源地址（可选）").fill("")
    form.get_by_role("button", name="创建密钥").click()
    secret = secret_shown(app)
    assert secret.startswith("spk_") and len(secret) > 40
    page.get_by_test_id("secret-panel").get_by_role("button", name="复制").click()
    expect(page.locator(".toast").filter(has_text="已复制")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == secret
    key = read_db(world.alpha, lambda: ApiKey.objects.get(name=name))
    assert sorted(key.scopes) == ["customers:read", "sales:read", "sales:write"]
    row = page.locator(f'li.key-row[data-key-id="{key.pk}"]')
    expect(row).to_contain_text(name)
    expect(row).to_contain_text(f"{secret[:12]}…")
    expect(row).to_contain_text("销售 · 读写")
    expect(row).to_contain_text("客户 · 只读")
    expect(row).to_contain_text("从未使用")
    expect(row.locator(".chip-good")).to_have_text("有效")
    snapshot(app, "desktop-api-key-secret")

    # And the secret works, and is gone once they leave the screen
    assert key_status(live_server, world.alpha.host, secret) == 200
    page.get_by_role("navigation", name="开放接口").get_by_role("link", name="Webhook").click()
    on_screen(app, "webhooks")
    page.get_by_role("navigation", name="开放接口").get_by_role("link", name="API 密钥").click()
    on_screen(app, "api-keys")
    expect(row).to_contain_text("最近使用")
    expect(page.get_by_test_id("secret-panel")).to_have_count(0)
    assert secret not in page.content()

    # When they rotate it (confirming), a new secret shows once and the old one still works
    row.get_by_role("button", name=f"轮换 {name}").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("24 小时")
    dialog.get_by_role("button", name="轮换").click()
    rotated = secret_shown(app)
    assert rotated.startswith("spk_") and rotated != secret
    expect(row).to_contain_text(f"{rotated[:12]}…")  # the prefix tells the new secret
    expect(page.get_by_test_id("secret-panel")).to_contain_text("旧密钥在")
    expect(row).to_contain_text("旧密钥可用至")
    assert key_status(live_server, world.alpha.host, rotated) == 200
    assert key_status(live_server, world.alpha.host, secret) == 200

    # When they revoke it (confirming), neither secret works and the row says so
    page.get_by_test_id("secret-panel").get_by_role("button", name="我已保存").click()
    expect(page.get_by_test_id("secret-panel")).to_have_count(0)
    row.get_by_role("button", name=f"吊销 {name}").click()
    page.get_by_role("dialog").get_by_role("button", name="吊销").click()
    expect(row).to_contain_text("已吊销")
    expect(row.get_by_role("button")).to_have_count(0)
    assert read_db(world.alpha, lambda: ApiKey.objects.get(name=name).revoked_at) is not None
    assert key_status(live_server, world.alpha.host, rotated) == 401
    assert key_status(live_server, world.alpha.host, secret) == 401


# --- webhooks ------------------------------------------------------------------------------------


@dataclass
class Receiver:
    """A partner's webhook receiver on this machine, answering 200 and keeping what came."""

    port: int
    received: list[tuple[dict[str, str], bytes]] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def wait_for(self, count: int, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while len(self.received) < count:
            assert time.monotonic() < deadline, f"{len(self.received)} deliveries arrived, not {count}"
            time.sleep(0.1)

    def wait_until(
        self, arrived: Callable[[list[tuple[dict[str, str], bytes]]], bool], timeout: float = 30.0
    ) -> None:
        """Until what arrived passes the check (the drainer sends older events first)."""
        deadline = time.monotonic() + timeout
        while not arrived(list(self.received)):
            assert time.monotonic() < deadline, (
                f"{len(self.received)} deliveries arrived, not the one awaited"
            )
            time.sleep(0.1)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    box = Receiver(port=0)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (the name http.server calls)
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            box.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    box.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield box
    server.shutdown()
    server.server_close()


@pytest.fixture
def webhook_worker() -> Iterator[None]:
    """A real worker for the webhooks queue (the live server's own serves only events): started
    first, so it is ready by the time the test has an event for it."""
    env = {
        **os.environ,
        "DATABASE_URL": _test_database_url(),
        "SPARROW_POOL_REFILL": "off",
        "SPARROW_DB_POOL": "false",
        "PYTHONUNBUFFERED": "1",
    }
    log_path = artifact_log("webhook-worker")
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "saas.cli", "worker", "--concurrency", "2", "--queue", "webhooks"],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def forget_endpoints(world, read_db) -> Iterator[list[str]]:
    """URLs of endpoints a test adds; they, their deliveries and their waiting jobs go after it."""
    urls: list[str] = []
    yield urls

    def forget() -> None:
        endpoints = WebhookEndpoint.objects.filter(url__in=urls)
        deliveries = list(WebhookDelivery.objects.filter(endpoint__in=endpoints).values_list("pk", flat=True))
        endpoint_ids = list(endpoints.values_list("pk", flat=True))
        with connection.cursor() as cursor:  # drainers and retries still queued: nothing sends them
            cursor.execute(
                "DELETE FROM public.procrastinate_jobs WHERE queue_name = 'webhooks' AND status = 'todo' "
                "AND ((args->>'delivery_id')::bigint = ANY(%s) OR (args->>'endpoint_id')::bigint = ANY(%s))",
                [deliveries, endpoint_ids],
            )
        WebhookAttempt.objects.filter(delivery_id__in=deliveries).delete()
        WebhookDelivery.objects.filter(pk__in=deliveries).delete()
        endpoints.delete()

    read_db(world.alpha, forget)


def given_customer_created(world, read_db, name: str) -> None:
    """A customer made by the owner through the service, committed: its event goes out."""

    def create() -> None:
        owner = get_user_model().objects.get(email=world.alpha.email("owner"))
        customer_create(actor=owner, name=name, phone="13800000000")

    read_db(world.alpha, create)


def test_the_owner_adds_a_webhook_sees_its_deliveries_and_redelivers(
    shell, world, read_db, receiver, forget_endpoints, webhook_worker
):
    # (forget_endpoints before webhook_worker: the worker stops before the clean-up runs)
    forget_endpoints.append(receiver.url)
    app = shell(viewport=DESKTOP, path="/app/settings/webhooks", enforce_csp=True)
    page = app.page
    on_screen(app, "webhooks")

    # Given the owner adds an endpoint: a URL that is not a web address is refused on its field
    page.get_by_role("button", name="添加地址").click()
    form = page.get_by_role("form", name="添加地址")
    form.get_by_label("地址 (URL)").fill("ftp://erp.example.com/hook")
    form.locator('input[name="event"][value="customer.created"]').check()
    form.get_by_role("button", name="添加", exact=True).click()
    # (the server's message, in Chinese once `make messages` has taken in saas/locale/zh_partners.py)
    expect(form.locator('[data-field="url"] .field-error')).to_contain_text("https://")
    expect(form.get_by_label("地址 (URL)")).to_have_attribute("aria-invalid", "true")
    expect(form.get_by_label("地址 (URL)")).to_be_focused()

    # When it is the local receiver, its signing secret shows once
    form.get_by_label("地址 (URL)").fill(receiver.url)
    form.get_by_label("说明").fill("测试接收")
    form.get_by_role("button", name="添加", exact=True).click()
    secret = secret_shown(app)
    assert secret.startswith("whsec_")
    row = page.locator(f'li[data-url="{receiver.url}"]')
    expect(row).to_contain_text("1 个事件")
    expect(row.locator(".chip")).to_have_text("启用")

    # And a customer is created: the event reaches the receiver, signed with that secret
    given_customer_created(world, read_db, f"网钩客户{uuid.uuid4().hex[:6]}")
    receiver.wait_for(1)
    headers, body = receiver.received[0]
    sent = Webhook(secret).verify(body, headers)
    assert sent["type"] == "customer.created"
    event_id = headers["webhook-id"]

    # Then the endpoint's screen (where the "switched off" notification leads) logs it
    row.get_by_role("link").click()
    on_screen(app, "webhook-endpoint")
    endpoint_id = read_db(world.alpha, lambda: WebhookEndpoint.objects.get(url=receiver.url).pk)
    assert page.url.endswith(f"/app/settings/webhooks/{endpoint_id}")
    assert secret not in page.content()
    delivery = page.locator(f'li.delivery-row[data-event-id="{event_id}"]')
    expect(delivery).to_contain_text("已送达", timeout=15000)
    expect(delivery).to_contain_text("HTTP 200")
    delivery.locator("summary").click()
    expect(delivery.locator(".attempt-row")).to_have_count(1)
    expect(delivery.locator(".attempt-row")).to_contain_text("毫秒")

    # When they redeliver it, the receiver gets it again with the same webhook-id
    delivery.get_by_role("button", name="重新发送 customer.created").click()
    receiver.wait_for(2)
    assert receiver.received[1][0]["webhook-id"] == event_id
    expect(delivery).to_contain_text("已尝试 2 次", timeout=15000)
    expect(delivery).to_contain_text("已送达")
    snapshot(app, "desktop-webhook-deliveries")

    # And replaying the minute of the event sends it once more (other tests' customers of that
    # minute, if any, come along: the receiver tells them apart by their webhook-id)
    replay = page.get_by_role("form", name="补发一段时间的事件")
    since = read_db(world.alpha, lambda: LoggedEvent.objects.get(pk=event_id).occurred_at)
    since = since.astimezone(ZoneInfo(world.alpha.tenant.time_zone)).replace(second=0, microsecond=0)
    replay.get_by_label("开始时间").fill(since.strftime("%Y-%m-%dT%H:%M"))
    replay.get_by_label("结束时间").fill((since + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M"))
    replay.get_by_role("button", name="补发").click()
    expect(page.locator(".toast").filter(has_text="已排队补发")).to_be_visible()
    receiver.wait_until(lambda received: event_id in [headers["webhook-id"] for headers, _ in received[2:]])

    # And the status filter narrows the log
    page.get_by_label("状态", exact=True).select_option("failed")
    expect(page.locator("li.delivery-row")).to_have_count(0)
    expect(page.get_by_text("还没有发送记录")).to_be_visible()
    page.get_by_label("状态", exact=True).select_option("")
    expect(delivery).to_be_visible()

    # When they switch it off, it says so and nothing can be redelivered
    page.get_by_role("button", name="停用").click()
    expect(page.locator(".subtitle .chip")).to_have_text("已停用")
    expect(delivery.get_by_role("button", name="重新发送 customer.created")).to_be_disabled()

    # And deleting it (confirming) takes them back to the list without it
    page.get_by_role("button", name="删除").click()
    page.get_by_role("dialog").get_by_role("button", name="删除").click()
    on_screen(app, "webhooks")
    expect(page.locator(f'li[data-url="{receiver.url}"]')).to_have_count(0)
    assert read_db(world.alpha, lambda: WebhookEndpoint.objects.get(pk=endpoint_id).deleted_at) is not None


def test_a_sales_rep_sees_no_partner_settings(shell):
    rep = shell(as_user="sales", viewport=PHONE)
    rep.open("/app/more")
    on_screen(rep, "more")
    links = rep.page.locator(".link-list")
    expect(links).to_contain_text("库存")  # the list is there, without the owners' entries
    expect(links.get_by_role("link", name="API 密钥")).to_have_count(0)
    expect(links.get_by_role("link", name="Webhook")).to_have_count(0)

    for path, screen in (
        ("/app/settings/api-keys", "api-keys"),
        ("/app/settings/webhooks/1", "webhook-endpoint"),
    ):
        rep.open(path)
        assert rep.screen() == screen
        expect(rep.page.get_by_text("你没有权限执行此操作。")).to_be_visible()
        expect(rep.page.locator(".screen li, .screen form")).to_have_count(0)
