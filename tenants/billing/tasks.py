"""Billing's jobs, where procrastinate's autodiscovery looks for them (`<app>.tasks`)."""

from tenants.billing.stripe_events import stripe_event_process

__all__ = ["stripe_event_process"]
