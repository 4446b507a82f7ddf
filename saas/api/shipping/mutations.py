"""Mutations of shipping. Each calls one service and returns a payload with typed `errors`."""

from __future__ import annotations

import strawberry


@strawberry.type
class ShippingMutations:
    pass
