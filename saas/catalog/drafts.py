"""Plain inputs the catalog services take: specifications, SKU details, pack units.

The API layer builds these from GraphQL inputs; tests and seed scripts build them directly.
Values arrive unchecked; the services clean them and report problems by field.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal


class Keep(enum.Enum):
    """'Leave this as it is', where None already means 'clear it' (a barcode, a parent)."""

    KEEP = "keep"


KEEP = Keep.KEEP


@dataclass(frozen=True)
class SpecDraft:
    """One specification and its values, in display order: 颜色 = [红, 蓝]."""

    name: str
    values: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SkuDraft:
    """Details for the SKU of one combination of spec values; omitted details use the defaults."""

    spec_values: dict[str, str]
    code: str | None = None
    barcode: str | None = None
    list_price: Decimal | str | None = None
    cost_price: Decimal | str | None = None


@dataclass(frozen=True)
class PackUnitDraft:
    """箱 = 12 件: `factor` base units in one pack."""

    name: str
    factor: Decimal | str
    barcode: str | None = None
