"""Sign-back (签回): the customer's signed delivery note, or a signature on the phone, comes back.

The photo or signature is stored under the tenant's own folder with the time of signing and,
when the phone shares it, where. The shipment becomes `signed`. When it was the order's last
open shipment and the order is waiting for its sign-back, the order is completed through the
sales service; while other shipments of the order are still out (or more is still to ship),
only this shipment is marked signed.

Codes: `proof_required` (no photo and no signature), `too_many_files`, `image_invalid`,
`image_too_large`, `shipment_not_shipped`, `already_signed`, `datetime_invalid`,
`location_invalid` (out of range, or only one of latitude and longitude).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp, user_of
from saas.core.domain_events import emit
from saas.core.errors import InvalidInput
from saas.core.idempotency import run_once
from saas.sales.models import OrderStatus, SalesOrder
from saas.shipping.access import require_signback_recorder
from saas.shipping.events import ShipmentSigned, shipment_facts
from saas.shipping.models import ProofKind, Shipment, SignBackProof
from saas.shipping.models import ShipmentStatus as SS
from saas.shipping.services.inputs import clean_coordinate, clean_moment, clean_text
from saas.shipping.services.sales_calls import complete_order
from saas.shipping.services.shipments import SHIPMENT_FLOW, locked_shipment
from saas.shipping.uploads import MAX_PHOTO_BYTES, check_image

MAX_PROOFS = 5
OPEN_STATUSES = (SS.PACKING, SS.SHIPPED)


@dataclass(frozen=True)
class ProofUpload:
    kind: str  # ProofKind
    content: File  # type: ignore[type-arg]


def _checked(proofs: Sequence[ProofUpload]) -> list[tuple[ProofUpload, str]]:
    if not proofs:
        raise InvalidInput(
            _("Add a photo of the signed delivery note or a signature."), code="proof_required", field="file"
        )
    if len(proofs) > MAX_PROOFS:
        raise InvalidInput(_("At most %(n)d files.") % {"n": MAX_PROOFS}, code="too_many_files", field="file")
    checked = []
    for proof in proofs:
        if proof.kind == ProofKind.SIGNATURE:
            suffix = check_image(
                proof.content, max_bytes=MAX_PHOTO_BYTES, field="signature_png", allowed=(".png",)
            )
        else:
            suffix = check_image(proof.content, max_bytes=MAX_PHOTO_BYTES, field="file")
        checked.append((proof, suffix))
    return checked


def _others_open(shipment: Shipment) -> bool:
    return (
        Shipment.objects.filter(order_id=shipment.order_id, status__in=OPEN_STATUSES)
        .exclude(pk=shipment.pk)
        .exists()
    )


def emit_signed(actor: Actor, shipment: Shipment) -> None:
    # Signing may just have completed the order: its status in the database, not on this copy.
    status = SalesOrder.objects.values_list("status", flat=True).get(pk=shipment.order_id)
    assert shipment.signed_at is not None
    emit(
        ShipmentSigned(**shipment_facts(shipment, str(status)), signed_at=shipment.signed_at),
        by=actor_stamp(actor),
    )


def shipment_sign_back(
    *,
    actor: Actor,
    shipment_id: Any,
    proofs: Sequence[ProofUpload],
    signed_at: Any = None,
    latitude: Any = None,
    longitude: Any = None,
    note: str = "",
    idempotency_key: str | None = None,
) -> Shipment:
    user = require_signback_recorder(actor)
    checked = _checked(proofs)
    moment = clean_moment(signed_at, "signed_at")
    lat = clean_coordinate(latitude, "latitude", 90)
    lng = clean_coordinate(longitude, "longitude", 180)
    if (lat is None) != (lng is None):
        raise InvalidInput(
            _("Send both latitude and longitude, or neither."), code="location_invalid", field="latitude"
        )
    note = clean_text(note, "note", 200)
    stored: list[tuple[Any, str]] = []  # files written so far, removed again if the write fails

    def write() -> dict[str, int]:
        shipment = locked_shipment(user, shipment_id, field="shipment_id")
        if shipment.status == SS.SIGNED:
            raise InvalidInput(
                _("This shipment is already signed."), code="already_signed", field="shipment_id"
            )
        if shipment.status != SS.SHIPPED:
            raise InvalidInput(
                _("Only a shipped shipment can be signed for."),
                code="shipment_not_shipped",
                field="shipment_id",
            )
        for proof, suffix in checked:
            row = SignBackProof(
                shipment=shipment, kind=proof.kind, size=proof.content.size or 0, created_by=user_of(user)
            )
            row.file.save(f"{proof.kind}{suffix}", proof.content, save=False)
            stored.append((row.file.storage, str(row.file.name)))
            row.save()
        now = timezone.now()
        shipment.signed_at = moment or now
        shipment.sign_recorded_at = now
        shipment.signed_by = user_of(user)
        shipment.sign_latitude, shipment.sign_longitude = lat, lng
        shipment.sign_note = note
        shipment.save(
            update_fields=[
                "signed_at",
                "sign_recorded_at",
                "signed_by",
                "sign_latitude",
                "sign_longitude",
                "sign_note",
                "updated_at",
            ]
        )
        SHIPMENT_FLOW.move(by=actor_stamp(user), document=shipment, to=SS.SIGNED, note=note)
        if shipment.order.status == OrderStatus.PENDING_SIGNBACK and not _others_open(shipment):
            complete_order(actor=user, order_id=shipment.order_id, note=note or shipment.number)
        emit_signed(user, shipment)
        return {"pk": shipment.pk}

    try:
        with transaction.atomic():
            result, _replayed = run_once(
                by=actor_stamp(user), key=idempotency_key, operation="shipment_sign_back", write=write
            )
    except BaseException:
        for storage, name in stored:
            storage.delete(name)
        raise
    return Shipment.objects.select_related("order", "carrier").get(pk=result["pk"])
