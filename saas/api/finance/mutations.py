"""Mutations of finance. Each calls one service and returns a payload with typed `errors`."""

from __future__ import annotations

import strawberry


@strawberry.type
class FinanceMutations:
    pass
