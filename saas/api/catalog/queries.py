"""Queries of the catalog area."""

from __future__ import annotations

import strawberry


@strawberry.type
class CatalogQueries:
    pass
