"""The job runtime: tenant context, fail-closed schemas, transactions, retries, `sparrow jobs`."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.db import connection, transaction
from django_tenants.utils import tenant_context
from procrastinate import utils as procrastinate_utils
from procrastinate.contrib.django.models import ProcrastinateJob

from saas import cli
from saas.core.jobs import BACKOFF, SCHEMA_ARG, JobRefused
from saas.core.tasks import recovery_cron
from tests.fixtures.job_probes import probe_effect, probe_visible_users
from tests.fixtures.jobs import queued_job, run_job


def test_a_job_runs_in_its_tenant_and_reads_only_that_tenants_rows(alpha, beta):
    with tenant_context(alpha.tenant):
        alpha_job = probe_visible_users.defer()
    with tenant_context(beta.tenant):
        beta_job = probe_visible_users.defer()

    assert queued_job(alpha_job).task_kwargs == {SCHEMA_ARG: alpha.tenant.schema_name}
    seen_by_alpha = run_job(alpha_job)
    seen_by_beta = run_job(beta_job)

    assert seen_by_alpha and all(email.endswith("@alpha.test") for email in seen_by_alpha)
    assert seen_by_beta and all(email.endswith("@beta.test") for email in seen_by_beta)
    assert connection.schema_name == "public"  # the job's tenant does not outlive it


@pytest.mark.parametrize(
    ("schema", "code"),
    [
        (None, "job_tenant_missing"),
        ("", "job_tenant_missing"),
        ("public", "job_tenant_public"),
        ("sparrow_template", "job_tenant_unknown"),
        ("no_such_workspace", "job_tenant_unknown"),
    ],
)
def test_a_job_without_a_usable_schema_fails_closed_and_is_never_retried(alpha, caplog, schema, code):
    # Given a job queued past the runtime (straight through procrastinate), naming no live tenant
    arguments = {} if schema is None else {SCHEMA_ARG: schema}
    job_id = probe_visible_users.task.defer(**arguments)

    # When a worker picks it up, it refuses, says so in the log, and will not try again
    with caplog.at_level(logging.ERROR, logger="saas.core.jobs"), pytest.raises(JobRefused) as refused:
        run_job(job_id)
    assert refused.value.code == code
    assert any(f"job {job_id} " in record.getMessage() for record in caplog.records)
    decision = probe_visible_users.task.get_retry_exception(refused.value, queued_job(job_id))
    assert decision is None
    assert connection.schema_name == "public"


def test_deferring_a_tenant_job_outside_a_tenant_is_refused(world, db):
    with pytest.raises(RuntimeError):
        probe_visible_users.defer()
    with pytest.raises(TypeError):
        probe_visible_users.defer_for("alpha", **{SCHEMA_ARG: "beta"})


def test_a_job_deferred_in_a_rolled_back_transaction_does_not_exist(in_alpha):
    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        lost = probe_effect.defer(key="rolled-back", flag_dir="/nonexistent")
        assert ProcrastinateJob.objects.filter(id=lost).exists()
        raise Boom
    with transaction.atomic():
        kept = probe_effect.defer(key="committed", flag_dir="/nonexistent")

    assert not ProcrastinateJob.objects.filter(id=lost).exists()
    assert ProcrastinateJob.objects.filter(id=kept, status="todo").exists()


def test_failed_jobs_retry_with_exponential_backoff_then_give_up(alpha):
    with tenant_context(alpha.tenant):
        job = queued_job(probe_visible_users.defer())
    assert probe_visible_users.task.retry_strategy is BACKOFF

    waits = []
    for attempts in range(4):
        before = procrastinate_utils.utcnow()
        decision = BACKOFF.get_retry_decision(
            exception=RuntimeError("down"), job=job.evolve(attempts=attempts)
        )
        assert decision is not None and decision.retry_at is not None
        waits.append(round((decision.retry_at - before) / timedelta(seconds=1)))

    assert waits == [2, 4, 8, 16]
    assert BACKOFF.get_retry_decision(exception=RuntimeError("down"), job=job.evolve(attempts=10)) is None


def test_recovery_looks_for_stalled_jobs_twice_per_window():
    assert recovery_cron(60) == "* * * * * */30"
    assert recovery_cron(2) == "* * * * * */1"
    assert recovery_cron(600) == "* * * * * */30"


def _mark(job_id: int, status: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute("UPDATE procrastinate_jobs SET status = %s WHERE id = %s", [status, job_id])


def test_sparrow_jobs_lists_queued_failed_and_stalled_jobs_per_workspace(alpha, beta, capsys):
    # Given two queued jobs and a stalled one (marked running, no worker) in alpha, a failed one in beta
    with tenant_context(alpha.tenant):
        probe_visible_users.defer()
        probe_visible_users.defer()
        stalled = probe_visible_users.defer()
    with tenant_context(beta.tenant):
        failed = probe_visible_users.defer()
    _mark(stalled, "doing")
    _mark(failed, "failed")

    assert cli.main(["jobs"]) == 0
    lines = capsys.readouterr().out.splitlines()

    assert lines[0].split() == ["WORKSPACE", "QUEUED", "FAILED", "STALLED"]
    counts = {line.split()[0]: line.split()[1:] for line in lines[1:3]}
    assert counts == {"alpha": ["2", "0", "1"], "beta": ["0", "1", "0"]}
    rows = {line.split()[0]: line.split() for line in lines if line.split()[:1] and line.split()[0].isdigit()}
    assert rows[str(stalled)][1:3] == ["alpha", "stalled"]
    assert rows[str(failed)][1:3] == ["beta", "failed"]
    assert rows[str(failed)][-1] == probe_visible_users.name

    assert cli.main(["jobs", "--workspace", "beta"]) == 0
    only_beta = capsys.readouterr().out
    assert "beta" in only_beta and "alpha" not in only_beta


def test_sparrow_jobs_says_so_when_nothing_waits(world, db, capsys):
    assert cli.main(["jobs", "--workspace", "alpha"]) == 0
    assert capsys.readouterr().out.strip() == "No queued, failed or stalled jobs for alpha."


def test_recovery_ends_a_stalled_job_whose_twin_waits_and_still_recovers_the_others(settings):
    import asyncio
    from types import SimpleNamespace

    from procrastinate.exceptions import UniqueViolation
    from procrastinate.jobs import Status

    from saas.core.tasks import retry_stalled_jobs

    # Given three stalled jobs, the first of which has a twin with its queueing lock waiting
    stalled = [SimpleNamespace(id=n, task_name="t") for n in (1, 2, 3)]
    retried: list[int] = []
    finished: list[tuple[int, Status]] = []

    class Manager:
        async def get_stalled_jobs(self, seconds_since_heartbeat: int) -> list[SimpleNamespace]:
            return stalled

        async def retry_job(self, job: SimpleNamespace) -> None:
            if job.id == 1:
                raise UniqueViolation(
                    constraint_name="procrastinate_jobs_queueing_lock_idx_v1", queueing_lock="q"
                )
            retried.append(job.id)

        async def finish_job(self, job: SimpleNamespace, status: Status, delete_job: bool) -> None:
            finished.append((job.id, status))

    context = SimpleNamespace(app=SimpleNamespace(job_manager=Manager()))

    # When the recovery runs
    queued = asyncio.run(retry_stalled_jobs.func(context, timestamp=0))

    # Then the twin's job ends (its twin does the work) and the others are queued again
    assert (queued, retried, finished) == (2, [2, 3], [(1, Status.FAILED)])
