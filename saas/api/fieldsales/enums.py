"""The GraphQL enums of field sales, from the models' choices (saas/api/choices.py)."""

from __future__ import annotations

from saas.api.choices import ChoiceEnum
from saas.fieldsales import geo, models


class VisitVerdict(
    ChoiceEnum,
    choices=models.Visit.Verdict,
    describe={
        "in_range": "Within the workspace's radius of the customer, allowing for the fix's accuracy.",
        "out_of_range": "Farther than the radius even after the fix's accuracy (outOfRange).",
        "unverifiable": "The fix was less precise than the radius, or came without its accuracy.",
        "no_position": "No position was sent, or the customer has no site to compare with.",
    },
):
    """Whether a check-in's position puts the rep at the customer."""


class CoordinateSystem(
    ChoiceEnum,
    choices=list(geo.CoordinateSystem),
    describe={
        "wgs84": "GPS and browsers (WGS-84).",
        "gcj02": "AMap 高德 and Tencent maps (GCJ-02).",
        "bd09": "Baidu maps (BD-09).",
    },
):
    """The map system a position was read from."""
