"""Jobs of the public site: keeping the pool of ready tenant schemas full."""

from __future__ import annotations

from django.conf import settings

from saas.core.jobs import system_task
from tenants import provisioning

# One refill at a time (lock) and at most one waiting (queueing lock): a burst of sign-ups
# queues one refill, not one each.
REFILL_LOCK = "sparrow.pool_refill"


@system_task(
    periodic="*/5 * * * *" if settings.SPARROW_POOL_REFILL == "job" else None,
    lock=REFILL_LOCK,
    queueing_lock=REFILL_LOCK,
)
def pool_refill_job(timestamp: int | None = None) -> int:
    """Top the pool up to SPARROW_POOL_SIZE; on a schedule too, in case a refill failed."""
    if settings.SPARROW_POOL_REFILL != "job":
        return 0  # off: only `sparrow pool-refill` fills the pool
    return provisioning.pool_refill()
