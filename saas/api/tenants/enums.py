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
        "suspended": "Suspended: nobody can sign in.",
        "closed": "Closed by its owner or the operator.",
    },
):
    """Where a workspace's subscription stands."""
