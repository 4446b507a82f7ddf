"""Mutations of the catalog area."""

from __future__ import annotations

import strawberry


@strawberry.type
class CatalogMutations:
    pass
