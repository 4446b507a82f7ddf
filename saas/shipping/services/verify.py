"""Scan-to-verify (扫描验货): scan the package, then each item, until the package matches exactly.

The packer scans the order number, the shipment number or the tracking number to open the
package (a packing shipment is made for an order that has none), then every item's barcode or
SKU code. The server keeps the count per SKU (ShipmentScan) and answers after every scan what
is still missing and what is extra: an item not in the package, or more of it than planned.
The shipment is marked verified only while the counts equal the planned quantities exactly, so
an extra item must be taken out (scanned with quantity -1) before the package passes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, user_of
from saas.catalog.models import SKU
from saas.core.errors import FieldProblem, InvalidInput, NotFound
from saas.core.inputs import clean_decimal, clean_text, too_precise
from saas.inventory.services.common import MAX_QUANTITY
from saas.sales.selectors.visibility import visible_orders
from saas.shipping.access import require_shipper, visible_shipments
from saas.shipping.carriers import normalise_tracking
from saas.shipping.models import Shipment, ShipmentScan
from saas.shipping.models import ShipmentStatus as SS
from saas.shipping.services.shipments import (
    ShipContext,
    create_for_order,
    lines_by_sku,
    locked_order,
    locked_shipment,
)

STARTED = "started"
MATCHED = "matched"  # the item belongs in the package and was still missing
EXTRA = "extra"  # not in the package, or more than planned
REMOVED = "removed"
UNKNOWN = "unknown"  # no SKU has this barcode or code: nothing was counted
RESET = "reset"


@dataclass(frozen=True)
class VerifyLine:
    sku_id: int
    expected: Decimal
    scanned: Decimal

    @property
    def missing(self) -> Decimal:
        return max(self.expected - self.scanned, Decimal(0))

    @property
    def extra(self) -> Decimal:
        return max(self.scanned - self.expected, Decimal(0))


@dataclass
class VerifyState:
    shipment: Shipment
    lines: list[VerifyLine]
    skus: dict[int, SKU]
    outcome: str = STARTED
    scanned_sku_id: int | None = None
    problems: list[FieldProblem] = field(default_factory=list)

    @property
    def matches(self) -> bool:
        return all(line.missing == 0 and line.extra == 0 for line in self.lines)

    @property
    def verified(self) -> bool:
        return self.shipment.verified_at is not None

    @property
    def missing(self) -> list[VerifyLine]:
        return [line for line in self.lines if line.missing > 0]

    @property
    def extra(self) -> list[VerifyLine]:
        return [line for line in self.lines if line.extra > 0]


def verify_state(
    shipment: Shipment, *, outcome: str = STARTED, scanned_sku_id: int | None = None
) -> VerifyState:
    expected = lines_by_sku(shipment)
    scanned = {
        sku_id: Decimal(quantity)
        for sku_id, quantity in ShipmentScan.objects.filter(shipment=shipment).values_list(
            "sku_id", "quantity"
        )
    }
    order = list(expected) + [sku_id for sku_id in scanned if sku_id not in expected and scanned[sku_id] > 0]
    lines = [
        VerifyLine(sku_id, expected.get(sku_id, Decimal(0)), scanned.get(sku_id, Decimal(0)))
        for sku_id in order
    ]
    skus = SKU.objects.select_related("product").in_bulk(order)
    return VerifyState(shipment, lines, skus, outcome, scanned_sku_id)


def _settle(state: VerifyState, actor: Actor) -> VerifyState:
    """Mark or unmark the shipment verified to match its counts now."""
    shipment = state.shipment
    if state.matches and shipment.verified_at is None:
        shipment.verified_at, shipment.verified_by = timezone.now(), user_of(actor)
        shipment.save(update_fields=["verified_at", "verified_by", "updated_at"])
    elif not state.matches and shipment.verified_at is not None:
        shipment.verified_at, shipment.verified_by = None, None
        shipment.save(update_fields=["verified_at", "verified_by", "updated_at"])
    return state


def _require_packing(shipment: Shipment) -> None:
    if shipment.status != SS.PACKING:
        raise InvalidInput(
            _("This shipment has already shipped or was cancelled."),
            code="shipment_not_packing",
            field="code",
        )


def _found_shipment(actor: Actor, code: str) -> Shipment | None:
    visible = visible_shipments(actor).exclude(status=SS.CANCELLED)
    by_number = visible.filter(number__iexact=code).first()
    if by_number is not None:
        return by_number
    tracking = normalise_tracking(code)
    if tracking:
        found = list(visible.filter(tracking_number=tracking).order_by("status"))  # packing sorts first
        if found:
            return found[0]
    return None


@transaction.atomic
def shipment_verify_start(*, actor: Actor, code: str) -> VerifyState:
    """Open a package by shipment number, tracking number or order number."""
    user = require_shipper(actor)
    code = clean_text(code, "code", 60, required=True)
    shipment = _found_shipment(user, code)
    if shipment is None:
        order_id = visible_orders(user).filter(number__iexact=code).values_list("pk", flat=True).first()
        if order_id is None:
            raise NotFound(_("No order, shipment or tracking number matches this code."), field="code")
        order = locked_order(user, order_id, field="code")
        packing = list(Shipment.objects.filter(order=order, status=SS.PACKING))
        if len(packing) > 1:
            raise InvalidInput(
                _("This order has several packages: scan the shipment number."),
                code="shipment_ambiguous",
                field="code",
            )
        if packing:
            shipment = packing[0]
        else:
            shipment = create_for_order(user, order=order, context=ShipContext.load(), ship=False)
    _require_packing(shipment)
    return verify_state(shipment)


def _scan_quantity(value: Any) -> Decimal:
    quantity = clean_decimal(value, "quantity", "quantity_invalid")
    if quantity == 0 or abs(quantity) > MAX_QUANTITY or too_precise(quantity):
        raise InvalidInput(
            _("Scan a quantity other than zero, with at most 3 decimals."),
            code="quantity_invalid",
            field="quantity",
        )
    return quantity


def _sku_for_code(code: str) -> SKU | None:
    """The SKU whose barcode, else whose code, is `code`."""
    found = list(SKU.objects.filter(Q(barcode=code) | Q(code__iexact=code))[:2])
    for sku in found:
        if sku.barcode == code:
            return sku
    return found[0] if found else None


@transaction.atomic
def shipment_verify_scan(*, actor: Actor, shipment_id: Any, code: str, quantity: Any = 1) -> VerifyState:
    """Count an item into the package (quantity -1 takes one out); returns the package's state."""
    user = require_shipper(actor)
    code = clean_text(code, "code", 60, required=True)
    amount = _scan_quantity(quantity)
    shipment = locked_shipment(user, shipment_id, field="shipment_id")
    _require_packing(shipment)
    sku = _sku_for_code(code)
    if sku is None:
        state = verify_state(shipment, outcome=UNKNOWN)
        state.problems.append(
            FieldProblem(
                "code",
                "barcode_unknown",
                _("No product has this barcode or code: %(code)s.") % {"code": code},
            )
        )
        return state
    scan, _created = ShipmentScan.objects.select_for_update().get_or_create(shipment=shipment, sku=sku)
    total = Decimal(scan.quantity) + amount
    if total < 0:
        raise InvalidInput(
            _("Fewer of this item were scanned than you are taking out."),
            code="quantity_invalid",
            field="quantity",
        )
    scan.quantity, scan.updated_at = total, timezone.now()
    scan.save(update_fields=["quantity", "updated_at"])
    expected = lines_by_sku(shipment).get(sku.pk, Decimal(0))
    if amount < 0:
        outcome = REMOVED
    else:
        outcome = MATCHED if total <= expected else EXTRA
    return _settle(verify_state(shipment, outcome=outcome, scanned_sku_id=sku.pk), user)


@transaction.atomic
def shipment_verify_reset(*, actor: Actor, shipment_id: Any) -> VerifyState:
    """Start counting the package again."""
    user = require_shipper(actor)
    shipment = locked_shipment(user, shipment_id, field="shipment_id")
    _require_packing(shipment)
    ShipmentScan.objects.filter(shipment=shipment).delete()
    return _settle(verify_state(shipment, outcome=RESET), user)
