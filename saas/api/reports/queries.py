"""Queries of reports."""

from __future__ import annotations

import strawberry


@strawberry.type
class ReportsQueries:
    pass
