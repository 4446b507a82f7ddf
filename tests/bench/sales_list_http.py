"""The sales order list through real daphne workers over HTTP (part of `make bench-sales`).

tests/bench/sales_orders.py fills the database and calls `list_over_daphne`: each scenario starts
daphne processes on `saas.asgi:application` (the production entry point: tenant by Host, session
cookie, the whole middleware) against the benchmark's database and times `salesOrders(limit: 100)`
with lines, customer, rep and SKUs:

- one worker, one client, with CPython's default garbage collection (SPARROW_GC_TUNING=off) and
  with the worker's tuning (saas/core/gc_tuning.py: gc.freeze() after start-up, thresholds);
- two clients against one worker, then against two workers (a pool behind the proxy: each client
  keeps to one worker here, as a proxy's keep-alive connection would);

and reads each worker's resident memory (VmRSS) after its requests. API cost limits are off in
the workers so that the samples measure the list, not the caller's bucket.
"""

from __future__ import annotations

import http.client
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bench_setup import percentile

REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(port: int, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), "saas.asgi:application"],
        cwd=REPO,
        env=env,
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )


def _wait(port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).connect()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"no server on port {port}")


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class _Client:
    def __init__(self, port: int, host: str, session: str, body: bytes) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        token = "b" * 32
        self.headers = {
            "Host": host,
            "Content-Type": "application/json",
            "Cookie": f"sessionid={session}; csrftoken={token}",
            "X-CSRFToken": token,
        }
        self.body = body

    def one(self) -> float:
        started = time.perf_counter()
        self.conn.request("POST", "/graphql/", self.body, self.headers)
        response = self.conn.getresponse()
        data = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 200 or b'"errors"' in data:
            raise RuntimeError(f"{response.status}: {data[:300]!r}")
        return elapsed


def list_over_daphne(
    *, host: str, queries: Sequence[tuple[str, str, bytes]], samples: int, env: dict[str, str]
) -> None:
    """queries: (label, session key, JSON body). Prints the tables."""
    logs = REPO / "test-artifacts"
    logs.mkdir(exist_ok=True)
    base = {**env, "SPARROW_API_COST_LIMITS": "off"}
    base.pop("SPARROW_DB_POOL", None)  # the worker runs as in production: psycopg's pool
    single: list[tuple[Any, ...]] = []
    for gc_mode in ("off", "on"):
        port = _free_port()
        server = _start(port, {**base, "SPARROW_GC_TUNING": gc_mode}, logs / f"bench-sales-{port}.log")
        try:
            _wait(port)
            start_rss = _rss_mb(server.pid)
            for label, session, body in queries:
                client = _Client(port, host, session, body)
                for _ in range(3):
                    client.one()
                times = [client.one() for _ in range(samples)]
                single.append(
                    (
                        "tuned" if gc_mode == "on" else "default",
                        label,
                        statistics.median(times),
                        percentile(times, 95),
                        max(times),
                    )
                )
            single.append(
                (
                    "tuned" if gc_mode == "on" else "default",
                    "(worker RSS MB)",
                    start_rss,
                    _rss_mb(server.pid),
                    0.0,
                )
            )
        finally:
            server.terminate()
            server.wait(timeout=15)

    label, session, body = queries[0]
    pooled: list[tuple[Any, ...]] = []
    for workers in (1, 2):
        ports = [_free_port() for _ in range(workers)]
        servers = [
            _start(p, {**base, "SPARROW_GC_TUNING": "on"}, logs / f"bench-sales-{p}.log") for p in ports
        ]
        try:
            for port in ports:
                _wait(port)
            clients = [_Client(ports[n % workers], host, session, body) for n in range(2)]
            for client in clients:
                client.one()

            def run(client: _Client) -> list[float]:
                return [client.one() for _ in range(samples)]

            started = time.perf_counter()
            with ThreadPoolExecutor(2) as pool:
                times = [t for chunk in pool.map(run, clients) for t in chunk]
            rate = len(times) / (time.perf_counter() - started)
            rss = sum(_rss_mb(server.pid) for server in servers)
            pooled.append((workers, len(times), rate, statistics.median(times), percentile(times, 95), rss))
        finally:
            for server in servers:
                server.terminate()
                server.wait(timeout=15)

    print()
    print(f"The same list through daphne over HTTP (saas.asgi, one client, {samples} samples per row)")
    print(f"{'gc':<8} {'query':<28} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for mode, name, p50, p95_ms, worst in single:
        if name == "(worker RSS MB)":
            print(f"{mode:<8} {'worker RSS MB: started, after':<28} {p50:>8.0f} {p95_ms:>8.0f}")
            continue
        print(f"{mode:<8} {name:<28} {p50:>8.1f} {p95_ms:>8.1f} {worst:>8.1f}")
    print()
    print(f"Two clients, '{label}', gc tuned: one daphne worker or a pool of two ({os.cpu_count()} cores)")
    print(f"{'workers':>7} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'RSS MB':>7}")
    for workers, n, rate, p50, p95_ms, rss in pooled:
        print(f"{workers:>7} {n:>8} {rate:>7.1f} {p50:>8.1f} {p95_ms:>8.1f} {rss:>7.0f}")
