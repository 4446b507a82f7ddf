"""Queries of shipping."""

from __future__ import annotations

import strawberry


@strawberry.type
class ShippingQueries:
    pass
