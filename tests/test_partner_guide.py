"""The partner guide (graphql/README.md) followed end to end, with its example client against a real
server: a scoped key imports products from a CSV, pushes one order twice with one idempotency key
and gets one order, receives a signed sales_order.created that the Standard Webhooks library
verifies (a replay of the same event is dropped by its webhook-id), and catches up from the
event feed after the last event it had seen.

Everything the partner does goes through graphql/examples/partner_client.py in a subprocess, as a
partner would run it; the test only sets up the workspace (what its admin does in the app), runs
the webhook worker beside the live server, and checks the database afterwards."""

from __future__ import annotations

import ast
import json
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO, Any

import pytest
from django.db import connections
from django_tenants.utils import tenant_context

from graphql import build_schema, parse, validate
from saas.accounts.models import Role, User
from saas.catalog.models import SKU, Product
from saas.core.models import LoggedEvent
from saas.customers.models import Customer
from saas.customers.services.customers import customer_create
from saas.inventory.models import Warehouse
from saas.partners.models import FeedEntry, WebhookDelivery
from saas.sales.models import SalesOrder
from tests.fixtures.live import REPO, LiveServer, _test_database_url
from tests.fixtures.parallel import scratch_workspace
from tests.fixtures.partners import issue_key
from tests.fixtures.tenants import Workspace

pytestmark = pytest.mark.live

GUIDE = REPO / "graphql" / "README.md"
CLIENT = REPO / "graphql" / "examples" / "partner_client.py"
PRODUCTS_CSV = REPO / "graphql" / "examples" / "products.csv"
SCOPES = ("catalog:write", "sales:write", "webhooks:write", "customers:read", "inventory:read")
WAIT = 30.0  # the longest any one step may take; the whole test takes a few seconds


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(what: str, condition: Callable[[], Any]) -> Any:
    deadline = time.monotonic() + WAIT
    while True:
        found = condition()
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.1)


@dataclass
class Partner:
    tenant: Any
    url: str
    secret: str
    customer: Customer

    def run(self, *args: str) -> list[dict[str, Any]]:
        """The example client with these arguments; its JSON lines. Fails on a non-zero exit."""
        done = subprocess.run(
            [sys.executable, str(CLIENT), "--url", self.url, *args],
            cwd=REPO,
            env={**os.environ, "SPARROW_API_KEY": self.secret},
            capture_output=True,
            text=True,
            timeout=WAIT,
        )
        assert done.returncode == 0, f"{args}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
        return [json.loads(line) for line in done.stdout.splitlines()]


@pytest.fixture
def partner(live_server: LiveServer, django_db_blocker: Any) -> Iterator[Partner]:
    """A committed workspace of its own, set up as its admin would in the app: a sales rep, a
    warehouse, a customer of the rep; and an API key with the scopes the guide lists."""
    tenant, owner = scratch_workspace(django_db_blocker, "guide")
    with django_db_blocker.unblock():
        with tenant_context(tenant):
            rep = User.objects.create_user(email=f"rep@{tenant.slug}.test", password=None, full_name="王销售")
            rep.roles.set(Role.objects.filter(code="sales"))
            Warehouse.objects.create(code="HZ01", name="杭州总仓")
            customer = customer_create(actor=rep, name="西湖茶庄")
        issued = issue_key(Workspace(tenant=tenant, users={"owner": owner}), *SCOPES, name="网店 ERP")
        assert issued.secret is not None
        url = live_server.url(f"{tenant.slug}.localhost", "/graphql/")
        yield Partner(tenant=tenant, url=url, secret=issued.secret, customer=customer)
        connections.close_all()


class Process:
    """A subprocess whose output lines are collected as they come."""

    def __init__(self, command: list[str], env: dict[str, str] | None = None) -> None:
        self.popen = subprocess.Popen(
            command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        self.stdout: queue.Queue[str] = queue.Queue()
        self.stderr: queue.Queue[str] = queue.Queue()
        self.seen_out: list[str] = []
        self.seen_err: list[str] = []
        for stream, lines in ((self.popen.stdout, self.stdout), (self.popen.stderr, self.stderr)):
            threading.Thread(target=self._pump, args=(stream, lines), daemon=True).start()

    @staticmethod
    def _pump(stream: IO[str] | None, lines: queue.Queue[str]) -> None:
        assert stream is not None
        for line in stream:
            lines.put(line.rstrip("\n"))

    def _drain(self) -> None:
        while not self.stdout.empty():
            self.seen_out.append(self.stdout.get())
        while not self.stderr.empty():
            self.seen_err.append(self.stderr.get())

    def wait_for_line(self, what: str, matches: Callable[[str], bool], *, err: bool = False) -> str:
        def found() -> str | None:
            self._drain()
            if self.popen.poll() is not None and self.stdout.empty() and self.stderr.empty():
                raise AssertionError(f"exited with {self.popen.returncode} before {what}: {self.seen_err}")
            return next((line for line in (self.seen_err if err else self.seen_out) if matches(line)), None)

        return str(_wait_for(what, found))

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait()


def _webhook_worker() -> Process:
    """The live server's worker fans events out (queue `events`); webhook attempts run on queue
    `webhooks`, which `sparrow up` and production workers serve too: this worker serves it here."""
    env = {
        **os.environ,
        "DATABASE_URL": _test_database_url(),
        "SPARROW_POOL_REFILL": "off",
        "SPARROW_DB_POOL": "false",
        "PYTHONUNBUFFERED": "1",
    }
    return Process(
        [sys.executable, "-m", "saas.cli", "worker", "--concurrency", "2", "--queue", "webhooks"], env
    )


def _event_of_order(order_id: int) -> LoggedEvent:
    return LoggedEvent.objects.get(name="sales_order.created", object_id=str(order_id))


def test_a_partner_following_the_guide_imports_pushes_once_hears_the_signed_event_and_catches_up(
    partner: Partner, django_db_blocker: Any
):
    worker = _webhook_worker()
    receiver: Process | None = None
    try:
        # Given products imported from the CSV (a second run makes nothing new: same keys)
        imported = partner.run("import-products", str(PRODUCTS_CSV))
        assert [(row["code"], row["replayed"], len(row["skus"])) for row in imported] == [
            ("TEA-LJ", False, 2),
            ("TEA-BLC", False, 1),
            ("POT-ZS", False, 2),
        ]
        again = partner.run("import-products", str(PRODUCTS_CSV))
        assert [(row["id"], row["replayed"]) for row in again] == [(row["id"], True) for row in imported]
        skus = {sku["code"]: sku for row in imported for sku in row["skus"]}
        assert set(skus) == {"TEA-LJ-1", "TEA-LJ-2", "TEA-BLC-1", "POT-ZS-1", "POT-ZS-2"}

        # And a webhook endpoint for sales_order.created, pointing at the example's receiver
        port = _free_port()
        create_endpoint = (
            "webhook-create",
            f"http://127.0.0.1:{port}/sparrow-webhooks",
            "--event",
            "sales_order.created",
        )
        [endpoint] = partner.run(*create_endpoint)
        assert endpoint["secret"].startswith("whsec_") and endpoint["events"] == ["sales_order.created"]
        # (the same command again is the same endpoint: it sends an idempotency key)
        assert partner.run(*create_endpoint) == [endpoint]
        receiver = Process(
            [sys.executable, str(CLIENT), "listen", "--port", str(port), "--secret", endpoint["secret"]],
            {**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        receiver.wait_for_line("the receiver to listen", lambda line: "listening on" in line, err=True)

        # And the last event the partner had seen before (the customer's, once the feed has it)
        with django_db_blocker.unblock(), tenant_context(partner.tenant):
            seen = LoggedEvent.objects.get(name="customer.created").pk
            _wait_for("the feed to list the customer", FeedEntry.objects.filter(event_id=seen).exists)

        # When the partner pushes one order twice with one idempotency key
        order_args = ("push-order", "--customer", partner.customer.code, "--warehouse", "HZ01")
        lines = ("--line", "TEA-LJ-1=2", "--line", "TEA-BLC-1=1@150.00")
        [first] = partner.run(*order_args, *lines, "--idempotency-key", "shop-order-10001")
        [second] = partner.run(*order_args, *lines, "--idempotency-key", "shop-order-10001")

        # Then there is one order, and the second push answered with it
        assert second == first and first["status"] == "DRAFT"
        with django_db_blocker.unblock(), tenant_context(partner.tenant):
            order = SalesOrder.objects.get()
            assert str(order.pk) == first["order"] and order.number == first["number"]
            assert order.total_amount == 2 * 268 + 150
            assert (Product.objects.count(), SKU.objects.count()) == (3, 5)
            created = _event_of_order(order.pk)

        # And the receiver printed the signed sales_order.created it verified, named by the event id
        received = json.loads(
            receiver.wait_for_line(
                "the signed sales_order.created", lambda line: "sales_order.created" in line
            )
        )
        assert received["webhookId"] == str(created.pk)
        assert received["type"] == "sales_order.created" and received["version"] == 1
        assert received["data"]["id"] == first["order"] and received["data"]["number"] == first["number"]

        # When the endpoint is sent the last hour again, the receiver drops the repeat by its id
        [replayed] = partner.run("webhook-replay", endpoint["endpoint"], "--hours", "1")
        assert replayed["queued"] == 1
        receiver.wait_for_line(
            "the repeat to be dropped", lambda line: f"webhook-id {created.pk} again" in line, err=True
        )
        with django_db_blocker.unblock(), tenant_context(partner.tenant):
            # (the worker records the attempt once the receiver's 204 is back)
            deliveries = WebhookDelivery.objects.filter(event_id=created.pk, status="succeeded", attempts=2)
            _wait_for("the second attempt to be recorded", deliveries.exists)
            assert WebhookDelivery.objects.count() == 1
        assert [line for line in receiver.seen_out if str(created.pk) in line] == [
            line for line in receiver.seen_out if "sales_order.created" in line
        ]
        assert len(receiver.seen_out) == 1

        # And catching up after the last event seen before lists what came since: the order's
        # creation, with the id its webhook carried, and nothing from before
        missed = partner.run("catch-up", "--after", str(seen))
        assert str(seen) not in {event["webhookId"] for event in missed}
        orders = [event for event in missed if event["type"].startswith("sales_order.")]
        assert [(event["webhookId"], event["type"]) for event in orders] == [
            (str(created.pk), "sales_order.created")
        ]
        assert orders[0]["data"] == received["data"]
        assert orders[0]["actor"] == {"kind": "API_CLIENT", "id": None, "label": "API key 网店 ERP"}
    finally:
        if receiver is not None:
            receiver.stop()
        worker.stop()


def test_the_example_client_is_a_partners_code_outside_sparrow():
    # It imports nothing of Sparrow's: a partner runs it with gql and standardwebhooks alone.
    trees = [ast.parse(path.read_text()) for path in CLIENT.parent.glob("*.py")]
    imported = {
        alias.name
        for tree in trees
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    imported |= {
        node.module or "" for tree in trees for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
    }
    assert not {name for name in imported if name.split(".")[0] in {"saas", "tenants", "tests", "django"}}
    assert {"gql", "standardwebhooks"} <= {name.split(".")[0] for name in imported}
    # graphql/ stays a folder of documents: a package there would shadow graphql-core.
    assert not list((REPO / "graphql").rglob("__init__.py"))


def test_every_operation_in_the_guide_and_the_example_validates_against_the_schema():
    schema = build_schema((REPO / "graphql" / "schema.graphql").read_text(encoding="utf-8"))
    documents = re.findall(r"```graphql\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    for path in CLIENT.parent.glob("*.py"):
        documents += re.findall(r'gql\("""(.*?)"""\)', path.read_text(encoding="utf-8"), re.S)
    assert len(documents) >= 15
    for document in documents:
        assert [error.message for error in validate(schema, parse(document))] == [], document
