"""Channel-layer group names: each carries the tenant's schema, so a message for one workspace
can never reach a socket of another, even when both use the same user id. What is sent on them
is saas/core/live.py's business."""

from __future__ import annotations


def user_group(schema: str, user_id: int) -> str:
    return f"t.{schema}.user.{user_id}"


def tenant_group(schema: str) -> str:
    return f"t.{schema}.all"
