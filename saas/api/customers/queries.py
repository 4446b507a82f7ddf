"""Queries of customers."""

from __future__ import annotations

import strawberry


@strawberry.type
class CustomersQueries:
    pass
