"""Billing's jobs, where procrastinate's autodiscovery looks for them (`<app>.tasks`): Stripe's
events, and the hourly sweep of trials, reminders and grace periods."""

from __future__ import annotations

from saas.core.jobs import system_task
from tenants.billing.lifecycle import billing_sweep
from tenants.billing.stripe_events import stripe_event_process

__all__ = ["billing_sweep_job", "stripe_event_process"]

SWEEP_LOCK = "sparrow.billing_sweep"


@system_task(periodic="17 * * * *", lock=SWEEP_LOCK, queueing_lock=SWEEP_LOCK)
def billing_sweep_job(timestamp: int | None = None) -> int:
    """Expire trials, send reminders, suspend after the grace period (tenants/billing/lifecycle.py)."""
    report = billing_sweep()
    return len(report.trials_expired) + len(report.suspended) + len(report.past_due) + len(report.reminders)
