"""What waits in the job queue, per workspace: queued, failed and stalled jobs for `sparrow jobs`.

A stalled job is one marked running whose worker stopped reporting (or is gone): the periodic
recovery (saas/core/tasks.py) queues it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Max
from django.utils import timezone
from django_tenants.utils import get_tenant_model
from procrastinate.contrib.django.models import ProcrastinateJob

from saas.core.jobs import SCHEMA_ARG
from saas.core.tenancy import public_schema

SYSTEM = "(system)"
QUEUED, FAILED, STALLED = "queued", "failed", "stalled"
STATES = (QUEUED, FAILED, STALLED)


@dataclass(frozen=True)
class QueuedJob:
    id: int
    workspace: str  # the tenant's slug, SYSTEM for platform jobs, "?<schema>" for a lost tenant
    state: str
    task: str
    attempts: int
    since: datetime | None


@dataclass(frozen=True)
class WorkspaceJobs:
    workspace: str
    queued: int
    failed: int
    stalled: int


def _state(job: ProcrastinateJob, dead_before: datetime) -> str | None:
    if job.status == "todo":
        return QUEUED
    if job.status == "failed":
        return FAILED
    if job.status == "doing":
        heartbeat = job.worker.last_heartbeat if job.worker is not None else None
        if heartbeat is None or heartbeat < dead_before:
            return STALLED
    return None  # running on a live worker, or finished


def jobs_pending(*, stalled_seconds: int, workspace: str | None = None) -> list[QueuedJob]:
    """Queued, failed and stalled jobs, oldest first; `workspace` (a slug) narrows to one tenant."""
    dead_before = timezone.now() - timedelta(seconds=stalled_seconds)
    with public_schema():
        slugs = {str(row.schema_name): str(row.slug) for row in get_tenant_model().objects.all()}
        rows = (
            ProcrastinateJob.objects.filter(status__in=("todo", "doing", "failed"))
            .select_related("worker")
            .annotate(last_event=Max("procrastinateevent__at"))
            .order_by("id")
        )
        found: list[QueuedJob] = []
        for row in rows:
            state = _state(row, dead_before)
            if state is None:
                continue
            args = row.args if isinstance(row.args, dict) else {}
            schema = args.get(SCHEMA_ARG)
            name = SYSTEM if schema is None else slugs.get(str(schema), f"?{schema}")
            if workspace is not None and name != workspace:
                continue
            since = row.scheduled_at if state == QUEUED and row.scheduled_at else row.last_event
            found.append(QueuedJob(row.id, name, state, row.task_name, row.attempts, since))
    return found


def jobs_per_workspace(jobs: list[QueuedJob]) -> list[WorkspaceJobs]:
    """Counts per workspace, workspaces by name with the platform's own jobs last."""
    counts: dict[str, dict[str, int]] = {}
    for job in jobs:
        counts.setdefault(job.workspace, dict.fromkeys(STATES, 0))[job.state] += 1
    order = sorted(counts, key=lambda name: (name == SYSTEM, name))
    return [
        WorkspaceJobs(name, counts[name][QUEUED], counts[name][FAILED], counts[name][STALLED])
        for name in order
    ]
