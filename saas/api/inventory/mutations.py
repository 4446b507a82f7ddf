"""Mutations of the inventory area."""

from __future__ import annotations

import strawberry


@strawberry.type
class InventoryMutations:
    pass
