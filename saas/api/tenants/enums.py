"""The GraphQL enum of a workspace's status, built from its TextChoices (saas/api/choices.py)."""

from __future__ import annotations

from saas.api.choices import ChoiceEnum
from tenants.models import TenantStatus


class WorkspaceStatus(
    ChoiceEnum,
    choices=TenantStatus,
    describe={
        "trialing": "In its free trial.",
        "active": "Paid and in use.",
        "past_due": "A payment is overdue; still usable for now.",
        "suspended": "Unpaid or its trial over: read-only (sign in, read, export, pay).",
        "closed": "Closed: read-only while its data can be exported, then deleted.",
    },
):
    """Where a workspace's subscription stands."""
