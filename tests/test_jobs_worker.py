"""Real workers against the test database: a SIGKILLed worker's job runs again, once; retries;
the worker embedded in the web process. One worker subprocess serves the whole module."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connection, connections

from saas.core.job_worker import EmbeddedWorker
from saas.core.jobs import SCHEMA_ARG
from tests.fixtures.job_probes import EFFECTS_DDL, EFFECTS_DROP, EFFECTS_OF_KEY, probe_effect, probe_flaky
from tests.fixtures.live import REPO, _test_database_url

pytestmark = pytest.mark.live

# Short, so a dead worker is noticed within seconds: heartbeats every 0.5 s, recovery every 1 s.
STALLED_SECONDS = "2"
DEADLINE = 60.0


def _wait_for(what: str, condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + DEADLINE
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.1)


class WorkerProcess:
    """`sparrow worker` in a subprocess on the test database, with the probe tasks loaded."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.log_path = REPO / "test-artifacts" / "job-worker.log"
        self.log_path.parent.mkdir(exist_ok=True)
        self.log_path.write_bytes(b"")

    def start(self) -> None:
        env = {
            **os.environ,
            "DATABASE_URL": _test_database_url(),
            "SPARROW_JOBS_STALLED_SECONDS": STALLED_SECONDS,
            "SPARROW_POOL_REFILL": "off",
            "SPARROW_DB_POOL": "false",
            "PYTHONUNBUFFERED": "1",
        }
        command = [sys.executable, "-m", "saas.cli", "worker", "--concurrency", "2"]
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [*command, "--import", "tests.fixtures.job_probes"],
                cwd=REPO,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _sql(query: str, params: list[object] | None = None) -> list[tuple[object, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(query, params or [])
        return list(cursor.fetchall()) if cursor.description else []


@pytest.fixture(scope="module")
def committed(world, django_db_blocker) -> Iterator[None]:
    """Autocommit on the test connection, the probes' effects table, and no job left behind."""
    with django_db_blocker.unblock():
        _sql(EFFECTS_DDL)
        yield
        _sql(EFFECTS_DROP)
        # Jobs these tests committed (probes, periodic ticks) must not show in other modules.
        _sql("DELETE FROM procrastinate_jobs")
        _sql("DELETE FROM procrastinate_workers")
        connections.close_all()


@pytest.fixture(scope="module")
def worker(committed) -> Iterator[WorkerProcess]:
    process = WorkerProcess()
    process.start()
    yield process
    process.stop()


def _status(job_id: int) -> str:
    return str(_sql("SELECT status FROM procrastinate_jobs WHERE id = %s", [job_id])[0][0])


def _effects(key: str) -> list[tuple[object, ...]]:
    return _sql(EFFECTS_OF_KEY, [key])


def test_a_job_whose_worker_is_killed_runs_again_and_acts_once(world, worker, tmp_path: Path):
    # Given a job of alpha that acts, then blocks, in a running worker
    schema = world.alpha.tenant.schema_name
    job_id = probe_effect.defer_for(schema, key="killed-mid-job", flag_dir=str(tmp_path))
    starts = tmp_path / "starts"
    _wait_for("the job to start", starts.exists)

    # When the worker is killed mid-job and another one starts
    worker.kill()
    assert _status(job_id) == "doing"
    (tmp_path / "release").touch()
    worker.start()

    # Then the recovery queues the job again, it completes, and its effect exists exactly once
    _wait_for("the job to succeed", lambda: _status(job_id) == "succeeded")
    assert starts.read_text().split() == [str(job_id), str(job_id)]
    assert _effects("killed-mid-job") == [(schema, job_id, 0)]


def test_a_failing_job_is_retried_by_the_worker_and_then_succeeds(world, worker):
    schema = world.beta.tenant.schema_name
    job_id = probe_flaky.defer_for(schema, key="flaky")

    _wait_for("the retry to succeed", lambda: _status(job_id) == "succeeded")
    assert _effects("flaky") == [(schema, job_id, 1)]


def test_a_job_for_no_tenant_fails_at_once_in_the_worker(world, worker, tmp_path: Path):
    job_id = probe_effect.task.defer(key="no-tenant", flag_dir=str(tmp_path))

    _wait_for("the job to fail", lambda: _status(job_id) == "failed")
    assert _effects("no-tenant") == []
    attempts = _sql("SELECT attempts FROM procrastinate_jobs WHERE id = %s", [job_id])[0][0]
    assert attempts == 1  # refused, not retried


def test_the_embedded_worker_runs_jobs_in_the_web_process_and_stops(world, committed, tmp_path: Path):
    # Given no worker subprocess (the module's one is stopped for this test) and a queued job
    schema = world.alpha.tenant.schema_name
    (tmp_path / "release").touch()
    job_id = probe_effect.defer_for(schema, key="embedded", flag_dir=str(tmp_path))
    assert _sql("SELECT args->>%s FROM procrastinate_jobs WHERE id = %s", [SCHEMA_ARG, job_id]) == [(schema,)]

    # When `sparrow up`'s worker thread runs
    embedded = EmbeddedWorker().start()
    try:
        _wait_for("the embedded worker to run the job", lambda: _status(job_id) == "succeeded")
    finally:
        embedded.stop()

    # Then the job acted in its tenant, and the thread has ended
    assert _effects("embedded") == [(schema, job_id, 0)]
    assert not embedded.alive
