"""Queries of finance."""

from __future__ import annotations

import strawberry


@strawberry.type
class FinanceQueries:
    pass
