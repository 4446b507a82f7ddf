"""Queries of the inventory area."""

from __future__ import annotations

import strawberry


@strawberry.type
class InventoryQueries:
    pass
