"""Choosing the carrier of a shipment: by id, by the name typed in an import, or from the number.

All carriers are read once per action (a batch of 500 rows asks the database once).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from saas.core.errors import InvalidInput, NotFound
from saas.shipping.carriers import HIGH, MEDIUM, PatternCarrier, rank_candidates
from saas.shipping.models import Carrier
from saas.shipping.services.inputs import parse_id


class CarrierBook:
    def __init__(self, carriers: list[Carrier]) -> None:
        self.by_id = {carrier.pk: carrier for carrier in carriers}
        self.active = [carrier for carrier in carriers if carrier.is_active]
        self.patterns = [PatternCarrier(c.pk, c.code, c.tracking_pattern, c.priority) for c in self.active]

    @classmethod
    def load(cls) -> CarrierBook:
        return cls(list(Carrier.objects.all()))

    def get(self, carrier_id: Any, field: str = "carrier_id") -> Carrier:
        carrier = self.by_id.get(parse_id(carrier_id) or 0)
        if carrier is None or not carrier.is_active:
            raise NotFound(_("Carrier not found."), field=field)
        return carrier

    def named(self, text: str, field: str = "carrier") -> Carrier:
        """A carrier by code or name as people write it in a sheet: "SF", "顺丰", "顺丰速运"."""
        wanted = text.strip().casefold()
        for carrier in self.active:
            if wanted in (carrier.code.casefold(), carrier.name_zh.casefold(), carrier.name_en.casefold()):
                return carrier
        # "顺丰" for 顺丰速运, "中通快递有限公司" for 中通快递: one name inside the other, if only one fits.
        fitting = [
            carrier
            for carrier in self.active
            if len(wanted) >= 2
            and carrier.name_zh
            and (wanted in carrier.name_zh.casefold() or carrier.name_zh.casefold() in wanted)
        ]
        if len(fitting) == 1:
            return fitting[0]
        raise NotFound(_("Carrier not found."), field=field)

    def detect(self, number: str, field: str = "carrier_id") -> Carrier:
        """The one carrier a complete number clearly belongs to; otherwise the user must choose."""
        clear = [c for c in rank_candidates(number, self.patterns) if c.confidence in (HIGH, MEDIUM)]
        if len(clear) != 1:
            raise InvalidInput(
                _("Choose the carrier: this tracking number does not tell which one it is."),
                code="carrier_required",
                field=field,
            )
        return self.by_id[clear[0].carrier_id]

    def choose(self, *, carrier_id: Any = None, carrier_name: str = "", number: str = "") -> Carrier | None:
        if carrier_id not in (None, ""):
            return self.get(carrier_id)
        if carrier_name.strip():
            return self.named(carrier_name)
        if number:
            return self.detect(number)
        return None
