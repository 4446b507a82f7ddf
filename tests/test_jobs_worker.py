"""Real workers against the test database: a SIGKILLed worker's job runs again, once; retries;
the worker embedded in the web process. One worker subprocess serves the whole module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection, connections

from saas.core.job_worker import EmbeddedWorker
from saas.core.jobs import SCHEMA_ARG
from tests.fixtures.job_probes import EFFECTS_DDL, EFFECTS_DROP, EFFECTS_OF_KEY, probe_effect, probe_flaky
from tests.fixtures.worker import WorkerProcess, wait_for

pytestmark = pytest.mark.live

# Short, so a dead worker is noticed within seconds: heartbeats every 0.5 s, recovery every 1 s.
STALLED_SECONDS = "2"


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
    process = WorkerProcess(
        "job-worker",
        imports=["tests.fixtures.job_probes"],
        env={"SPARROW_JOBS_STALLED_SECONDS": STALLED_SECONDS},
    )
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
    wait_for("the job to start", starts.exists)

    # When the worker is killed mid-job and another one starts
    worker.kill()
    assert _status(job_id) == "doing"
    (tmp_path / "release").touch()
    worker.start()

    # Then the recovery queues the job again, it completes, and its effect exists exactly once
    wait_for("the job to succeed", lambda: _status(job_id) == "succeeded")
    assert starts.read_text().split() == [str(job_id), str(job_id)]
    assert _effects("killed-mid-job") == [(schema, job_id, 0)]


def test_a_failing_job_is_retried_by_the_worker_and_then_succeeds(world, worker):
    schema = world.beta.tenant.schema_name
    job_id = probe_flaky.defer_for(schema, key="flaky")

    wait_for("the retry to succeed", lambda: _status(job_id) == "succeeded")
    assert _effects("flaky") == [(schema, job_id, 1)]


def test_a_job_for_no_tenant_fails_at_once_in_the_worker(world, worker, tmp_path: Path):
    job_id = probe_effect.task.defer(key="no-tenant", flag_dir=str(tmp_path))

    wait_for("the job to fail", lambda: _status(job_id) == "failed")
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
        wait_for("the embedded worker to run the job", lambda: _status(job_id) == "succeeded")
    finally:
        embedded.stop()

    # Then the job acted in its tenant, and the thread has ended
    assert _effects("embedded") == [(schema, job_id, 0)]
    assert not embedded.alive
