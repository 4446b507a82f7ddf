"""The job system's own periodic chores: recovering jobs of dead workers, removing old jobs.

Both run on every worker's schedule, but the database defers each tick once (procrastinate's
periodic defers are unique per task and tick) and a queueing lock keeps at most one waiting.
They are coroutines on the worker's event loop because procrastinate's job manager is async.
"""

from __future__ import annotations

import logging

from django.conf import settings
from procrastinate import JobContext
from procrastinate.contrib.django import app
from procrastinate.exceptions import UniqueViolation
from procrastinate.jobs import Status

from saas.core import event_delivery  # noqa: F401  (the fan-out task, registered for workers)
from saas.core.jobs import SYSTEM_QUEUE

logger = logging.getLogger(__name__)


def recovery_cron(stalled_seconds: int) -> str:
    """Look for stalled jobs twice per stalled window (at most every 30 s, at least every 1 s)."""
    step = max(1, min(30, stalled_seconds // 2))
    return f"* * * * * */{step}"


@app.periodic(cron=recovery_cron(settings.SPARROW_JOBS_STALLED_SECONDS))
@app.task(queue=SYSTEM_QUEUE, pass_context=True, queueing_lock="sparrow.jobs.retry_stalled")
async def retry_stalled_jobs(context: JobContext, timestamp: int) -> int:
    """Queue again the running jobs of workers that stopped reporting (killed, machine lost).

    A job may so run twice (a worker that was only slow finishes too): job effects are keyed by
    job or event id, so the second run changes nothing. Returns how many jobs were queued.
    """
    manager = context.app.job_manager
    stalled = list(
        await manager.get_stalled_jobs(seconds_since_heartbeat=settings.SPARROW_JOBS_STALLED_SECONDS)
    )
    queued = 0
    for job in stalled:
        try:
            await manager.retry_job(job)
        except UniqueViolation:
            # A twin with the same queueing lock already waits and will do the work: queueing this
            # one again would break the lock's one-waiting rule, and raising here would stop every
            # later stalled job from being recovered, on every tick.
            logger.warning("job %s (%s) lost its worker; its twin waits, so it ends", job.id, job.task_name)
            await manager.finish_job(job, status=Status.FAILED, delete_job=False)
            continue
        logger.warning("job %s (%s) lost its worker; queued again", job.id, job.task_name)
        queued += 1
    return queued


@app.periodic(cron="17 3 * * *")
@app.task(queue=SYSTEM_QUEUE, pass_context=True, queueing_lock="sparrow.jobs.cleanup")
async def remove_finished_jobs(context: JobContext, timestamp: int) -> None:
    """Drop jobs finished more than SPARROW_JOBS_KEEP_HOURS ago; failed jobs stay until handled."""
    await context.app.job_manager.delete_old_jobs(
        nb_hours=settings.SPARROW_JOBS_KEEP_HOURS, include_cancelled=True, include_aborted=True
    )
