"""Queries of sales."""

from __future__ import annotations

import strawberry


@strawberry.type
class SalesQueries:
    pass
