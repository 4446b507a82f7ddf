"""Jobs: work that runs later in a worker, inside the tenant schema it was deferred from.

This is the kernel's job runtime, in saas/core because every domain declares its own tasks
(`saas/<domain>/tasks.py`, found by procrastinate's Django autodiscovery) and the kernel is the
one layer every domain may import. Running a worker is saas/core/job_worker.py, reading the
queue for `sparrow jobs` saas/core/job_queue.py, the built-in periodic chores saas/core/tasks.py.

- `@tenant_task()`: `task.defer(**kwargs)` adds the schema of the connection it is called on
  (argument `tenant_schema`); the worker runs the function inside `tenant_context` for that
  tenant. No schema, the public schema, or a schema without a live tenant: the job fails closed
  (logged, never retried, never run anywhere else).
- `@system_task()`: chores across tenants (the schema pool, recovery) run in the public schema
  and carry no tenant; `periodic=` schedules one, deduplicated in the database.
- Both retry with exponential backoff (`BACKOFF`) unless told otherwise.
- `defer()` writes the job row on Django's own connection (procrastinate's Django connector), so
  inside `transaction.atomic()` a job commits or rolls back with the change that asked for it.
- A job may run more than once (a retry, a worker killed mid-job): effects are keyed by
  `current_job().id` or by the event they handle, so running twice never acts twice.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from typing import Any, Generic, ParamSpec, cast

from django.db import connection, transaction
from django_tenants.utils import get_public_schema_name, get_tenant_model, schema_exists
from procrastinate import JobContext, RetryStrategy
from procrastinate.contrib.django import app
from procrastinate.exceptions import AlreadyEnqueued
from procrastinate.jobs import Job
from procrastinate.retry import RetryDecision
from procrastinate.tasks import Task

from saas.core.read_only import read_only_session, workspace_is_read_only
from saas.core.tenancy import public_schema, require_tenant_schema, tenant_context

__all__ = [
    "BACKOFF",
    "SCHEMA_ARG",
    "SYSTEM_QUEUE",
    "AlreadyEnqueued",
    "Backoff",
    "JobRefused",
    "SystemTask",
    "TenantTask",
    "current_job",
    "system_task",
    "tenant_task",
]

logger = logging.getLogger(__name__)

P = ParamSpec("P")

# The job argument that names the tenant's schema; no task may use it for anything else.
SCHEMA_ARG = "tenant_schema"
SYSTEM_QUEUE = "system"


class JobRefused(Exception):
    """A job that may not run where it asks to: it fails at once and is never retried."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code


class Backoff(RetryStrategy):
    """Exponential backoff (2, 4, 8 … seconds); a refused job is final, never retried."""

    def get_retry_decision(self, *, exception: BaseException, job: Job) -> RetryDecision | None:
        if isinstance(exception, JobRefused):
            return None
        return super().get_retry_decision(exception=exception, job=job)


# Ten tries over about half an hour: long enough to ride out a restart or a remote outage.
BACKOFF = Backoff(max_attempts=10, exponential_wait=2)

_current_job: ContextVar[Job | None] = ContextVar("sparrow_current_job", default=None)


def current_job() -> Job:
    """The job being run (its id keys idempotent effects); raises outside a job."""
    job = _current_job.get()
    if job is None:
        raise RuntimeError("current_job() is only defined while a job runs.")
    return job


@contextmanager
def _running(job: Job) -> Iterator[None]:
    token = _current_job.set(job)
    try:
        yield
    finally:
        _current_job.reset(token)


def _refuse(job: Job, code: str, message: str) -> JobRefused:
    logger.error("job %s (%s) refused, not run: %s", job.id, job.task_name, message)
    return JobRefused(code, message)


def _job_tenant(job: Job, schema: object) -> Any:
    """The live tenant a job's schema names, or JobRefused: a job never runs in the wrong place."""
    if not isinstance(schema, str) or not schema:
        raise _refuse(job, "job_tenant_missing", f"the job carries no {SCHEMA_ARG}")
    if schema == get_public_schema_name():
        raise _refuse(job, "job_tenant_public", "tenant jobs never run in the public schema")
    with public_schema():
        tenant = get_tenant_model().objects.filter(schema_name=schema).first()
        if tenant is None or not schema_exists(schema):
            raise _refuse(job, "job_tenant_unknown", f"no workspace has the schema {schema!r}")
    return tenant


def _task_name(func: Callable[..., Any]) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def _require_sync(func: Callable[..., Any]) -> None:
    # The ORM is synchronous: async tasks would run on the worker's event loop and stall it.
    if inspect.iscoroutinefunction(func):
        raise TypeError(f"{_task_name(func)}: jobs are plain functions, not coroutines")


class TenantTask(Generic[P]):
    """A task whose jobs run in the schema of the tenant that deferred them."""

    def __init__(self, task: Task[..., Any, Any], func: Callable[P, Any]) -> None:
        self.task = task
        self.func = func

    @property
    def name(self) -> str:
        return self.task.name

    def defer(self, *_: P.args, **kwargs: P.kwargs) -> int:
        """Queue a job for the tenant whose schema the connection is on; returns the job id."""
        return self.defer_for(require_tenant_schema(), **kwargs)

    def defer_for(self, schema_name: str, /, **kwargs: Any) -> int:
        """Queue a job for the tenant with this schema (a system job fanning out to tenants)."""
        if SCHEMA_ARG in kwargs:
            raise TypeError(f"{SCHEMA_ARG} is set by the job runtime, not by the caller")
        return self.task.defer(**{SCHEMA_ARG: schema_name, **kwargs})

    def defer_to(self, queue: str, schema_name: str, /, **kwargs: Any) -> int:
        """Queue a job for the tenant with this schema on another queue than the task's own."""
        if SCHEMA_ARG in kwargs:
            raise TypeError(f"{SCHEMA_ARG} is set by the job runtime, not by the caller")
        return self.task.configure(queue=queue).defer(**{SCHEMA_ARG: schema_name, **kwargs})

    def defer_many_to(self, queue: str, schema_name: str, /, jobs: list[dict[str, Any]]) -> list[int]:
        """Queue many jobs of this task for one tenant in one statement (a batch of events)."""
        if any(SCHEMA_ARG in kwargs for kwargs in jobs):
            raise TypeError(f"{SCHEMA_ARG} is set by the job runtime, not by the caller")
        if not jobs:
            return []
        deferrer = self.task.configure(queue=queue)
        return deferrer.batch_defer(*({SCHEMA_ARG: schema_name, **kwargs} for kwargs in jobs))

    def defer_configured(
        self,
        *,
        lock: str | None = None,
        queueing_lock: str | None = None,
        schedule_at: datetime | None = None,
        **kwargs: Any,
    ) -> int:
        """Queue a job for this connection's tenant with a lock of its own (jobs sharing a lock run
        one at a time, in order), a queueing lock (at most one such job waits; another raises
        AlreadyEnqueued), or to run no sooner than `schedule_at`. A job waiting for its time
        holds up later jobs of its lock, so give a scheduled job no lock."""
        if SCHEMA_ARG in kwargs:
            raise TypeError(f"{SCHEMA_ARG} is set by the job runtime, not by the caller")
        options: dict[str, Any] = {}
        if lock is not None:
            options["lock"] = lock
        if queueing_lock is not None:
            options["queueing_lock"] = queueing_lock
        if schedule_at is not None:
            options["schedule_at"] = schedule_at
        return self.task.configure(**options).defer(**{SCHEMA_ARG: require_tenant_schema(), **kwargs})

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> Any:
        """Run the function here and now, in whatever schema the caller is in (tests, scripts)."""
        return self.func(*args, **kwargs)


def drop_waiting_jobs(task: TenantTask[Any], *, lock: str) -> int:
    """Delete the jobs of `task` with this lock that still wait, through procrastinate's own
    cancel function; returns how many. Only for tasks where any one job does the whole work (a
    sweep such as a webhook drainer): a waiting twin would find nothing left to do."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(procrastinate_cancel_job_v1(id, false, true)) FROM procrastinate_jobs "
            "WHERE task_name = %s AND lock = %s AND status = 'todo'",
            [task.name, lock],
        )
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def tenant_task(
    *,
    retry: bool | int | RetryStrategy = BACKOFF,
    queue: str = "default",
    lock: str | None = None,
    queueing_lock: str | None = None,
    priority: int = 0,
) -> Callable[[Callable[P, Any]], TenantTask[P]]:
    """Declare a tenant job: `@tenant_task()` above a function taking keyword arguments (JSON)."""

    def decorate(func: Callable[P, Any]) -> TenantTask[P]:
        _require_sync(func)
        run = cast(Callable[..., Any], func)  # jobs take keyword arguments only

        def run_in_tenant(context: JobContext, /, **kwargs: Any) -> Any:
            tenant = _job_tenant(context.job, kwargs.pop(SCHEMA_ARG, None))
            with _running(context.job), tenant_context(tenant):
                if workspace_is_read_only(tenant):
                    # Suspended: the database refuses the job's writes; it is retried with
                    # backoff, so a workspace restored soon gets its effects.
                    with read_only_session():
                        return run(**kwargs)
                return run(**kwargs)

        task: Task[..., Any, Any] = app.task(
            name=_task_name(func),
            pass_context=True,
            retry=retry,
            queue=queue,
            lock=lock,
            queueing_lock=queueing_lock,
            priority=priority,
        )(run_in_tenant)
        return TenantTask(task, func)

    return decorate


class SystemTask(Generic[P]):
    """A task that belongs to no tenant and runs in the public schema."""

    def __init__(self, task: Task[..., Any, Any], func: Callable[P, Any]) -> None:
        self.task = task
        self.func = func

    @property
    def name(self) -> str:
        return self.task.name

    def defer(self, *_: P.args, **kwargs: P.kwargs) -> int:
        return self.task.defer(**kwargs)

    def defer_unless_queued(self, *_: P.args, **kwargs: P.kwargs) -> int | None:
        """Queue a job unless one with the task's queueing lock already waits; None then."""
        try:
            # A savepoint: the refused insert must not abort the caller's transaction.
            with transaction.atomic():
                return self.task.defer(**kwargs)
        except AlreadyEnqueued:
            return None

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> Any:
        return self.func(*args, **kwargs)


def system_task(
    *,
    periodic: str | None = None,
    retry: bool | int | RetryStrategy = BACKOFF,
    lock: str | None = None,
    queueing_lock: str | None = None,
    priority: int = 0,
) -> Callable[[Callable[P, Any]], SystemTask[P]]:
    """Declare a job of the platform itself; `periodic="*/5 * * * *"` (cron, optional 6th field
    for seconds) also defers it on that schedule, once per tick across all workers. A periodic
    function receives the tick as `timestamp` (Unix seconds)."""

    def decorate(func: Callable[P, Any]) -> SystemTask[P]:
        _require_sync(func)
        run = cast(Callable[..., Any], func)  # jobs take keyword arguments only

        def run_in_public(context: JobContext, /, **kwargs: Any) -> Any:
            with _running(context.job), public_schema():
                return run(**kwargs)

        task: Task[..., Any, Any] = app.task(
            name=_task_name(func),
            pass_context=True,
            retry=retry,
            queue=SYSTEM_QUEUE,
            lock=lock,
            queueing_lock=queueing_lock,
            priority=priority,
        )(run_in_public)
        if periodic is not None:
            app.periodic(cron=periodic, periodic_id="")(task)
        return SystemTask(task, func)

    return decorate
