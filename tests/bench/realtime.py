"""Live delivery under load: 1,000 subscribers of one workspace over two daphne processes on Redis.

    make bench-realtime     or    .venv/bin/python tests/bench/realtime.py [--clients 1000] [--events 40]

Runs against its own database `sparrow_bench_realtime` (dropped and recreated first) and its own
Redis database (`--redis-url`, default redis://127.0.0.1:6379/15; the channel layer's prefix
carries the database, so nothing else on that Redis hears it), on loopback only.

One workspace with `--clients` people, each signed in (a session row) and subscribed to
`notifications` over graphql-transport-ws, spread evenly over two daphne processes that share
the Redis pub/sub channel layer. A publisher process plays the notification inbox: each event is
one transaction that writes an inbox row per person and, on commit, sends each person's live
message (saas/core/live.send_notification_on_commit), as the fan-out job does.

Rows of the table:
- latency: from the commit to the moment each client has the notification (p50, p95, p99,
  max), over `--events` events sent one after another;
- lost: notifications a client never received, counted against the inbox rows written (must be 0);
- gaps: during a burst of `--burst` events, `--drop` clients close their socket mid-burst and
  reconnect with `after` = the last id they had; any burst notification missing across the two
  sockets is a gap (must be 0), any one received twice a duplicate;
- memory: resident memory the daphne processes grew by, per open subscribed connection.

The row "a worker killed with SIGKILL mid-fan-out" belongs to the event log's own test (the
fan-out job is recovered and each consumer acts once: tests/test_event_delivery*.py).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_setup import fresh_database_url, percentile  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
BENCH_DB = "sparrow_bench_realtime"
SLUG = "livebench"
SUBSCRIBE = "subscription Live($after: ID) { notifications(after: $after) { id title } }"
BARRIER = "subscription Unread { unreadCount }"
CONNECT_BATCH = 10  # handshakes at a time: daphne gives an application 5 s to accept


# --- set-up (this process, then the daphnes and the publisher read the same database) --------


def setup(database_url: str, redis_url: str, clients: int) -> tuple[str, list[str]]:
    """The workspace's host and one session key per person."""
    os.environ.update(DATABASE_URL=database_url, REDIS_URL=redis_url, SPARROW_POOL_REFILL="off")
    os.environ.update(SPARROW_DB_POOL="false", DJANGO_SETTINGS_MODULE="saas.settings")
    import django

    django.setup()
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django_tenants.utils import tenant_context

    from saas.accounts.models import User
    from saas.cli import migrate_everything
    from tenants.models import Domain
    from tenants.services import public_tenant_ensure, tenant_signup

    migrate_everything()
    public_tenant_ensure()
    result = tenant_signup(
        company_name="实时压测",
        slug=SLUG,
        owner_name="压测",
        email="owner@bench.test",
        password="Bench-Pass-77",
    )
    host = Domain.objects.filter(tenant=result.tenant).values_list("domain", flat=True).first()
    unusable = make_password(None)  # no argon2 per person: nobody signs in by password here
    keys = []
    with tenant_context(result.tenant):
        User.objects.bulk_create(
            User(email=f"p{i:04d}@bench.test", full_name=f"压测{i}", password=unusable)
            for i in range(clients)
        )
        for user in User.objects.filter(email__endswith="@bench.test").exclude(email="owner@bench.test"):
            session = SessionStore()
            session[SESSION_KEY] = str(user.pk)
            session[BACKEND_SESSION_KEY] = "saas.accounts.backends.EmailBackend"
            session[HASH_SESSION_KEY] = user.get_session_auth_hash()
            session.create()
            keys.append(session.session_key)
    return str(host), keys[:clients]


def start_daphne(port: int, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "saas.asgi:application"],
        cwd=REPO,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


# --- the publisher (a process of its own, like a worker running the fan-out job) -------------


def publisher() -> None:
    """Reads "event <seq>" lines; answers each with the commit's time once the sends are done."""
    import django

    django.setup()
    from asgiref.sync import sync_to_async
    from django.db import transaction
    from django_tenants.utils import tenant_context

    from saas.accounts.models import User
    from saas.core.live import LiveNotification, send_notification_on_commit
    from saas.notifications.models import Notification
    from tenants.models import Tenant

    tenant = Tenant.objects.get(slug=SLUG)
    with tenant_context(tenant):
        people = list(User.objects.filter(email__endswith="@bench.test").exclude(email="owner@bench.test"))

    def publish(seq: int) -> float:
        committed: list[float] = []
        with tenant_context(tenant), transaction.atomic():
            rows = Notification.objects.bulk_create(
                Notification(
                    user=person, kind="bench.ping", event_id=seq, title=f"#{seq}", object_type="bench"
                )
                for person in people
            )
            transaction.on_commit(lambda: committed.append(time.time()))  # runs first, at the commit
            for row in rows:
                send_notification_on_commit(
                    row.user_id,
                    LiveNotification(id=row.pk, kind=row.kind, title=row.title),
                )
        return committed[0]

    async def serve() -> None:
        loop = asyncio.get_running_loop()
        while line := await loop.run_in_executor(None, sys.stdin.readline):
            seq = int(line.split()[1])
            # Through sync_to_async, as a worker runs a sync job: the sends share this loop.
            at = await sync_to_async(publish, thread_sensitive=False)(seq)
            print(json.dumps({"seq": seq, "committed": at}), flush=True)

    asyncio.run(serve())


# --- the clients -------------------------------------------------------------------------------


@dataclass
class Client:
    index: int
    port: int
    session_key: str
    received: dict[int, tuple[int, float]] = field(default_factory=dict)  # seq -> (id, at)
    duplicates: int = 0
    last_id: int = 0
    socket: Any = None
    task: asyncio.Task[None] | None = None


async def connect(client: Client, host: str) -> None:
    import websockets

    client.socket = await websockets.connect(
        f"ws://{host}:{client.port}/graphql/",
        host="127.0.0.1",  # loopback only: the workspace's name goes in the Host header
        port=client.port,
        additional_headers={"Cookie": f"sessionid={client.session_key}"},
        origin=f"http://{host}:{client.port}",  # type: ignore[arg-type]
        subprotocols=["graphql-transport-ws"],  # type: ignore[list-item]
        open_timeout=60,
        max_queue=None,
    )
    ws = client.socket
    await ws.send(json.dumps({"type": "connection_init", "payload": {}}))
    assert json.loads(await ws.recv())["type"] == "connection_ack"
    after = str(client.last_id) if client.last_id else None
    await ws.send(
        json.dumps(
            {"id": "n", "type": "subscribe", "payload": {"query": SUBSCRIBE, "variables": {"after": after}}}
        )
    )
    # Listening once a later subscription on the same socket has answered (operations start in order).
    await ws.send(json.dumps({"id": "b", "type": "subscribe", "payload": {"query": BARRIER}}))
    while True:
        message = json.loads(await ws.recv())
        if message.get("id") == "b":
            await ws.send(json.dumps({"id": "b", "type": "complete"}))
            break
        record(client, message)
    client.task = asyncio.create_task(listen(client, ws))


def record(client: Client, message: dict[str, Any]) -> None:
    if message.get("type") != "next" or message.get("id") != "n":
        return
    notification = message["payload"]["data"]["notifications"]
    seq, nid = int(notification["title"].lstrip("#")), int(notification["id"])  # title: "#<seq>"
    if seq in client.received:
        client.duplicates += 1
        return
    client.received[seq] = (nid, time.time())
    client.last_id = max(client.last_id, nid)


async def listen(client: Client, ws: Any) -> None:
    from websockets.exceptions import ConnectionClosed

    try:
        async for raw in ws:
            record(client, json.loads(raw))
    except ConnectionClosed:
        pass


async def wait_for(clients: list[Client], seqs: list[int], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(all(seq in c.received for seq in seqs) for c in clients):
            return
        await asyncio.sleep(0.05)


# --- the run -----------------------------------------------------------------------------------


async def run(
    args: argparse.Namespace, host: str, keys: list[str], ports: list[int], pids: list[int]
) -> None:
    import websockets.exceptions

    env = {**os.environ}
    pub = await asyncio.create_subprocess_exec(
        sys.executable,
        __file__,
        "--publisher",
        cwd=REPO,
        env=env,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    assert pub.stdin and pub.stdout

    async def publish(seq: int) -> float:
        pub.stdin.write(f"event {seq}\n".encode())  # type: ignore[union-attr]
        await pub.stdin.drain()  # type: ignore[union-attr]
        return float(json.loads(await pub.stdout.readline())["committed"])  # type: ignore[union-attr]

    rss_before = sum(rss_kib(pid) for pid in pids)
    clients = [Client(i, ports[i % len(ports)], key) for i, key in enumerate(keys)]
    started = time.monotonic()
    for chunk in range(0, len(clients), CONNECT_BATCH):
        await asyncio.gather(*(connect(c, host) for c in clients[chunk : chunk + CONNECT_BATCH]))
    connect_seconds = time.monotonic() - started
    await asyncio.sleep(1)
    rss_after = sum(rss_kib(pid) for pid in pids)

    # Steady events, one after another: commit -> delivery at every client.
    committed: dict[int, float] = {}
    steady = list(range(1, args.events + 1))
    for seq in steady:
        committed[seq] = await publish(seq)
        await wait_for(clients, [seq], timeout=10)
    latencies = [
        (c.received[seq][1] - committed[seq]) * 1000 for c in clients for seq in steady if seq in c.received
    ]
    lost = sum(1 for c in clients for seq in steady if seq not in c.received)

    # A burst, during which some clients drop their socket and come back with `after`.
    burst = list(range(1000, 1000 + args.burst))
    droppers = clients[: args.drop]

    retries = 0

    async def drop_and_return(client: Client) -> None:
        nonlocal retries
        await client.socket.close()
        if client.task:
            await client.task
        # As the app does: back after a jittered delay, again with backoff if the server is busy.
        await asyncio.sleep(random.uniform(0, 2))
        last: Exception | None = None
        for attempt in range(6):
            try:
                await connect(client, host)
                return
            except (OSError, websockets.exceptions.WebSocketException) as exc:
                retries += 1
                last = exc
                await asyncio.sleep(random.uniform(0.5, 1) * 2**attempt)
        raise RuntimeError(f"client {client.index} could not reconnect: {last!r}")

    pending: list[asyncio.Task[None]] = []
    for n, seq in enumerate(burst):
        committed[seq] = await publish(seq)
        if n == len(burst) // 3:
            pending = [asyncio.create_task(drop_and_return(c)) for c in droppers]
    await asyncio.gather(*pending)
    await wait_for(clients, burst, timeout=30)
    gaps = sum(1 for c in droppers for seq in burst if seq not in c.received)
    burst_lost = sum(1 for c in clients[args.drop :] for seq in burst if seq not in c.received)
    duplicates = sum(c.duplicates for c in clients)

    for c in clients:
        await c.socket.close()
    pub.stdin.close()
    await pub.wait()

    per_connection = (rss_after - rss_before) / len(clients)
    sent = len(clients) * len(steady)
    rows = [
        ("subscribers (2 daphne processes, Redis pub/sub)", f"{len(clients)}"),
        ("connect + subscribe, all", f"{connect_seconds:.1f} s"),
        ("events sent one after another", f"{len(steady)} x {len(clients)} = {sent} notifications"),
        ("commit -> delivery p50", f"{percentile(latencies, 50):.0f} ms"),
        ("commit -> delivery p95", f"{percentile(latencies, 95):.0f} ms"),
        ("commit -> delivery p99", f"{percentile(latencies, 99):.0f} ms"),
        ("commit -> delivery max", f"{max(latencies):.0f} ms"),
        ("lost (against inbox rows written)", f"{lost}"),
        (f"burst of {len(burst)}: clients dropped and back with after", f"{len(droppers)}"),
        ("reconnect attempts refused and retried", f"{retries}"),
        ("gaps (burst notifications a dropped client never got)", f"{gaps}"),
        ("burst lost at the clients that stayed", f"{burst_lost}"),
        ("duplicates (any client, any phase)", f"{duplicates}"),
        ("memory per connection (daphne RSS growth / sockets)", f"{per_connection:.0f} KiB"),
        ("machine: CPUs, load average at the end (1 min)", f"{os.cpu_count()}, {os.getloadavg()[0]:.1f}"),
    ]
    width = max(len(name) for name, _ in rows)
    print(f"\n{'what':<{width}}  value")
    print(f"{'-' * width}  -----")
    for name, value in rows:
        print(f"{name:<{width}}  {value}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--events", type=int, default=40)
    parser.add_argument("--burst", type=int, default=30)
    parser.add_argument("--drop", type=int, default=200)
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/15")
    parser.add_argument("--publisher", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.publisher:
        publisher()
        return

    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 8192)), hard))
    database_url = fresh_database_url(BENCH_DB)
    host, keys = setup(database_url, args.redis_url, args.clients)
    from channels.layers import get_channel_layer

    # The servers and the publisher run as in production: psycopg's connection pool on.
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "SPARROW_PUBLIC_PORT": "0", "SPARROW_DB_POOL": "true"}
    os.environ["SPARROW_DB_POOL"] = "true"  # the publisher inherits it
    logs = REPO / "test-artifacts"
    logs.mkdir(exist_ok=True)
    ports = [free_port(), free_port()]
    daphnes = [start_daphne(port, env, logs / f"bench-realtime-{port}.log") for port in ports]
    try:
        import urllib.error
        import urllib.request

        for port in ports:
            for _ in range(150):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2).close()
                    break
                except urllib.error.HTTPError:
                    break
                except OSError:
                    time.sleep(0.2)
        assert get_channel_layer() is not None
        asyncio.run(run(args, host, keys, ports, [d.pid for d in daphnes]))
    finally:
        for daphne in daphnes:
            daphne.terminate()
        for daphne in daphnes:
            try:
                daphne.wait(timeout=10)
            except subprocess.TimeoutExpired:
                daphne.kill()


if __name__ == "__main__":
    main()
