"""The partner API under load: what a key and cost limiting add per request, and webhooks end to end.

    make bench-partner     or    .venv/bin/python tests/bench/partner_api.py [--requests 600] [--events 200]

Runs against its own database `sparrow_bench_partner` (dropped and recreated first) and its own
Redis database (`--redis-url`, default redis://127.0.0.1:6379/14), on loopback only.

Part 1, requests (one daphne process each, the same small query `products(limit: 5)`, 4 client
threads with keep-alive connections):
- session: a signed-in person (the baseline of the ratios);
- key: `Authorization: Bearer`, cost limiting switched off (SPARROW_API_COST_LIMITS=off);
- key + cost: the same with the cost check and the Redis leaky bucket, as in production.
Each row: requests per second, p50 and p95 latency, SQL statements per request (counted
in-process through the same view with Django's test client), ratio of p50 to the session's.

Part 2, webhooks: a real worker process (`sparrow worker --concurrency 4`) delivers to a local
receiver. `--events` customers are made one transaction each; commit-to-receipt latency is from
each commit to the receiver's arrival of its `webhook-id` (p50, p95), throughput is events per
second from the first commit to the last arrival. Baseline: the same receiver's POST latency from
this process (what the network and the receiver alone take).

Part 3, a worker killed mid-delivery: the receiver holds its first answers for 2 s; the worker
is killed with SIGKILL while they hang, a second worker starts, and every event must arrive
(lost: 0; a repeat of a webhook-id is counted, at-least-once allows it).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_setup import fresh_database_url, percentile  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
BENCH_DB = "sparrow_bench_partner"
SLUG = "partnerbench"
QUERY = json.dumps({"query": "query Small { products(limit: 5) { items { id code name } } }"}).encode()
CLIENT_THREADS = 4
SINGLE_EVENTS = 30


# --- set-up ------------------------------------------------------------------------------------


def setup(database_url: str, redis_url: str) -> dict[str, Any]:
    os.environ.update(DATABASE_URL=database_url, REDIS_URL=redis_url, SPARROW_POOL_REFILL="off")
    os.environ.update(SPARROW_DB_POOL="false", DJANGO_SETTINGS_MODULE="saas.settings")
    # Generous limits for part 1: it measures what the check costs, not what it refuses.
    os.environ.update(SPARROW_API_COST_CAPACITY="100000000", SPARROW_API_COST_RATE="100000000")
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_tenants.utils import tenant_context

    from saas.catalog import services as catalog
    from saas.cli import migrate_everything
    from saas.partners.services.keys import api_key_create
    from tenants.models import Domain
    from tenants.services import public_tenant_ensure, tenant_signup

    migrate_everything()
    public_tenant_ensure()
    result = tenant_signup(
        company_name="伙伴压测",
        slug=SLUG,
        owner_name="压测",
        email="owner@bench.test",
        password="Bench-Pass-77",
    )
    host = str(Domain.objects.filter(tenant=result.tenant).values_list("domain", flat=True).first())
    owner = result.owner
    with tenant_context(result.tenant):
        for n in range(20):
            catalog.product_create(actor=owner, code=f"P{n:03d}", name=f"商品{n}", list_price="10")
        session = SessionStore()
        session[SESSION_KEY] = str(owner.pk)
        session[BACKEND_SESSION_KEY] = "saas.accounts.backends.EmailBackend"
        session[HASH_SESSION_KEY] = owner.get_session_auth_hash()
        session.create()
        key = api_key_create(
            actor=owner, name="bench", scopes=["catalog:read", "customers:write", "webhooks:write"]
        )
    return {
        "tenant": result.tenant,
        "owner": owner,
        "host": host,
        "session": session.session_key,
        "key": key.secret,
    }


def sql_per_request(host: str, headers: dict[str, str]) -> int:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=host, **headers)
    client.post("/graphql/", QUERY, content_type="application/json")  # warm caches as a server would be
    with CaptureQueriesContext(connection) as queries:
        response = client.post("/graphql/", QUERY, content_type="application/json")
    assert response.status_code == 200 and "errors" not in response.json(), response.content
    return len(queries)


# --- part 1: requests --------------------------------------------------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_daphne(port: int, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "saas.asgi:application"],
        cwd=REPO,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def wait_for_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"no server on port {port}")


def hammer(port: int, host: str, headers: dict[str, str], total: int) -> tuple[float, list[float]]:
    """(requests per second, latencies in ms) of `total` requests over CLIENT_THREADS connections."""
    per_thread = total // CLIENT_THREADS

    def worker(_n: int) -> list[float]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        found = []
        for _ in range(per_thread):
            started = time.perf_counter()
            conn.request(
                "POST", "/graphql/", QUERY, {"Host": host, "Content-Type": "application/json", **headers}
            )
            response = conn.getresponse()
            body = response.read()
            if response.status != 200 or b'"errors"' in body:
                raise RuntimeError(f"{response.status}: {body[:300]!r}")
            found.append((time.perf_counter() - started) * 1000)
        return found

    for _ in range(2):  # warm up
        worker(0)
    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENT_THREADS) as pool:
        latencies = [value for chunk in pool.map(worker, range(CLIENT_THREADS)) for value in chunk]
    return len(latencies) / (time.perf_counter() - started), latencies


def part_requests(state: dict[str, Any], env: dict[str, str], total: int) -> None:
    host = state["host"]
    token = "b" * 32  # a browser's CSRF cookie and header, as the H5 app sends them
    session = {"Cookie": f"sessionid={state['session']}; csrftoken={token}", "X-CSRFToken": token}
    bearer = {"Authorization": f"Bearer {state['key']}"}
    cases = [
        ("session", session, {}),
        ("key", bearer, {"SPARROW_API_COST_LIMITS": "off"}),
        ("key + cost", bearer, {}),
    ]
    logs = REPO / "test-artifacts"
    logs.mkdir(exist_ok=True)
    rows = []
    for name, headers, extra_env in cases:
        port = free_port()
        server = start_daphne(port, {**env, **extra_env}, logs / f"bench-partner-{port}.log")
        try:
            wait_for_port(port)
            rps, latencies = hammer(port, host, headers, total)
        finally:
            server.terminate()
            server.wait(timeout=15)
        from django.test import override_settings

        django_headers = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
        with override_settings(SPARROW_API_COST_LIMITS=not extra_env):
            statements = sql_per_request(host, django_headers)
        rows.append((name, rps, percentile(latencies, 50), percentile(latencies, 95), statements))
    base = rows[0][2]
    print(
        f"\nRequests: `products(limit: 5)`, {total} per row, {CLIENT_THREADS} client threads, one daphne process"
    )
    print(f"{'caller':<12} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'SQL/req':>8} {'p50 vs session':>15}")
    for name, rps, p50, p95, statements in rows:
        print(f"{name:<12} {rps:>7.0f} {p50:>7.2f} {p95:>7.2f} {statements:>8} {p50 / base:>14.2f}x")


# --- parts 2 and 3: webhooks -------------------------------------------------------------------


class Receiver:
    """A local webhook receiver: records when each webhook-id first arrives and how often."""

    def __init__(self, hold_first: int = 0, hold_seconds: float = 0.0) -> None:
        self.arrivals: dict[str, float] = {}
        self.counts: dict[str, int] = {}
        self.hold_first = hold_first
        self.hold_seconds = hold_seconds
        self.lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                msg_id = self.headers.get("webhook-id", "")
                with receiver.lock:
                    hold = receiver.hold_first > 0
                    receiver.hold_first -= 1
                if hold:
                    time.sleep(receiver.hold_seconds)
                with receiver.lock:
                    receiver.arrivals.setdefault(msg_id, time.time())
                    receiver.counts[msg_id] = receiver.counts.get(msg_id, 0) + 1
                try:
                    self.send_response(200)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"ok")
                except OSError:
                    pass  # the worker that asked was killed while this answer was held

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def wait_for(self, ids: list[str], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if all(i in self.arrivals for i in ids):
                    return
            time.sleep(0.02)


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "saas.cli", "worker", "--concurrency", "4"]
    return subprocess.Popen(command, cwd=REPO, env=env, stdout=log.open("ab"), stderr=subprocess.STDOUT)


def make_customers(state: dict[str, Any], count: int, prefix: str) -> list[tuple[str, float]]:
    """`count` customers, one transaction each: (event id, commit time) of each customer.created."""
    from django.db import transaction
    from django_tenants.utils import tenant_context

    from saas.core.models import LoggedEvent
    from saas.customers import services as customers

    made = []
    with tenant_context(state["tenant"]):
        for n in range(count):
            with transaction.atomic():
                customer = customers.customer_create(actor=state["owner"], name=f"{prefix}客户{n:04d}")
            committed = time.time()
            event = LoggedEvent.objects.filter(name="customer.created", object_id=customer.pk).latest("id")
            made.append((str(event.pk), committed))
    return made


def endpoint_to(state: dict[str, Any], url: str) -> None:
    from django_tenants.utils import tenant_context

    from saas.partners.models import WebhookEndpoint
    from saas.partners.services.endpoints import endpoint_create

    with tenant_context(state["tenant"]):
        WebhookEndpoint.objects.all().delete()  # the part before's endpoint and its deliveries
        endpoint_create(actor=state["owner"], url=url, events=["customer.created"])


def direct_post_latency(url: str, runs: int = 200) -> list[float]:
    from urllib.parse import urlparse

    target = urlparse(url)
    conn = http.client.HTTPConnection(target.hostname, target.port, timeout=10)
    found = []
    for n in range(runs):
        started = time.perf_counter()
        conn.request(
            "POST", target.path, b"{}", {"webhook-id": f"direct-{n}", "Content-Type": "application/json"}
        )
        conn.getresponse().read()
        found.append((time.perf_counter() - started) * 1000)
    return found


def part_webhooks(state: dict[str, Any], env: dict[str, str], events: int) -> None:
    receiver = Receiver()
    endpoint_to(state, receiver.url)
    log = REPO / "test-artifacts" / "bench-partner-worker.log"
    worker = start_worker(env, log)
    single: list[float] = []
    try:
        time.sleep(3)  # the worker's start-up is not part of delivery
        for n in range(SINGLE_EVENTS):  # one at a time: the latency of a quiet pipeline
            [(event_id, committed)] = make_customers(state, 1, f"S{n}")
            receiver.wait_for([event_id], timeout=30)
            single.append((receiver.arrivals[event_id] - committed) * 1000)
        made = make_customers(state, events, "W")
        receiver.wait_for([event_id for event_id, _ in made], timeout=120)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    arrived = [(receiver.arrivals[i] - committed) * 1000 for i, committed in made if i in receiver.arrivals]
    lost = len(made) - len(arrived)
    span = max(receiver.arrivals[i] for i, _ in made if i in receiver.arrivals) - made[0][1]
    direct = direct_post_latency(receiver.url)
    print(
        f"\nWebhooks: customer.created, one transaction each, worker concurrency 4; {SINGLE_EVENTS} one at "
        f"a time, then a burst of {events} made as fast as this process can"
    )
    print(f"{'path':<34} {'p50 ms':>8} {'p95 ms':>8} {'events/s':>9} {'lost':>5}")
    quiet = f"{percentile(single, 50):>8.1f} {percentile(single, 95):>8.1f}"
    print(f"{'commit → receipt, one at a time':<34} {quiet} {'':>9} {'':>5}")
    burst = f"{percentile(arrived, 50):>8.1f} {percentile(arrived, 95):>8.1f} {len(arrived) / span:>9.1f}"
    print(f"{'commit → receipt, burst':<34} {burst} {lost:>5}")
    print(
        f"{'direct POST to receiver (baseline)':<34} {percentile(direct, 50):>8.2f} {percentile(direct, 95):>8.2f} {'':>9} {'':>5}"
    )


def part_kill(state: dict[str, Any], env: dict[str, str], events: int) -> None:
    receiver = Receiver(hold_first=4, hold_seconds=2.0)
    endpoint_to(state, receiver.url)
    log = REPO / "test-artifacts" / "bench-partner-worker.log"
    kill_env = {**env, "SPARROW_JOBS_STALLED_SECONDS": "2"}
    first = start_worker(kill_env, log)
    time.sleep(3)
    made = make_customers(state, events, "K")
    time.sleep(1.0)  # the first deliveries hang in the receiver now
    first.send_signal(signal.SIGKILL)
    first.wait()
    killed_at = time.time()
    second = start_worker(kill_env, log)
    try:
        receiver.wait_for([event_id for event_id, _ in made], timeout=120)
    finally:
        second.terminate()
        second.wait(timeout=30)
    got = [i for i, _ in made if i in receiver.arrivals]
    repeats = sum(receiver.counts[i] - 1 for i in got)
    recovered = max(receiver.arrivals[i] for i in got) - killed_at
    print(f"\nA worker killed with SIGKILL mid-delivery ({events} events, 4 deliveries hanging at the kill)")
    print(f"{'sent':>5} {'received':>9} {'lost':>5} {'repeats':>8} {'all in, s after kill':>21}")
    print(f"{len(made):>5} {len(got):>9} {len(made) - len(got):>5} {repeats:>8} {recovered:>21.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--events", type=int, default=200)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    args = parser.parse_args()
    database_url = fresh_database_url(BENCH_DB)
    import redis

    redis.Redis.from_url(args.redis_url).flushdb()
    state = setup(database_url, args.redis_url)
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": args.redis_url,
        "SPARROW_POOL_REFILL": "off",
        "SPARROW_DB_POOL": "false",
        "PYTHONUNBUFFERED": "1",
    }
    from django.db import connection

    connection.close()
    part_requests(state, env, args.requests)
    part_webhooks(state, env, args.events)
    part_kill(state, env, 50)


if __name__ == "__main__":
    main()
