"""The GraphQL enums of shipping: shipment status and the kind of a sign-back proof.

Built from the models' TextChoices (saas/api/choices.py); order statuses and delivery methods
are sales' (saas/api/sales/enums.py).
"""

from __future__ import annotations

from saas.api.choices import ChoiceEnum
from saas.shipping import models


class ShipmentStatus(
    ChoiceEnum,
    choices=models.ShipmentStatus,
    describe={
        "packing": "Being packed; nothing has left yet (打包中).",
        "shipped": "Left the warehouse (已发货).",
        "signed": "The customer signed for it (已签收).",
        "cancelled": "Cancelled before shipping (已取消).",
    },
):
    """Where a shipment is in its flow."""


class SignBackProofKind(
    ChoiceEnum,
    choices=models.ProofKind,
    describe={
        "photo": "A photo of the signed delivery note.",
        "signature": "A signature drawn on the phone (PNG).",
    },
):
    """What a sign-back proof is."""
