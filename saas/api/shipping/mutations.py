"""Mutations of shipping. Each calls one service and returns a payload with typed `errors`;
batch shipping returns one result per row, each with its own errors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import strawberry
from strawberry.types import Info

from saas.accounts.actors import Actor
from saas.api.errors import FieldError, run_service
from saas.api.permissions import current_actor
from saas.api.shipping.inputs import (
    CarrierCreateInput,
    CarrierUpdateInput,
    PrintFieldInput,
    ShipmentBatchShipInput,
    ShipmentCreateInput,
    ShipmentShipInput,
    ShipmentSignBackInput,
    ShippingSettingsInput,
)
from saas.api.shipping.order_types import VerifyStateType, verify_view
from saas.api.shipping.results import batch_view
from saas.api.shipping.setup_types import (
    PrintDocumentKind,
    PrintTemplateType,
    ShippingSettingsType,
    settings_view,
    template_view,
)
from saas.api.shipping.types import CarrierType, ShipmentBatchType, ShipmentType, carrier_view, shipment_view
from saas.shipping import selectors, services
from saas.shipping.access import sees_money
from saas.shipping.models import ProofKind, Shipment, ShipmentBatch
from saas.shipping.uploads import signature_file


@strawberry.type
class ShipmentPayload:
    shipment: ShipmentType | None = strawberry.field(description="With its order's new status.")
    errors: list[FieldError]


@strawberry.type
class ShipmentBatchPayload:
    batch: ShipmentBatchType | None = strawberry.field(description="One result per row, in the rows' order.")
    errors: list[FieldError] = strawberry.field(description="Only for the request as a whole.")


@strawberry.type
class ShipmentVerifyPayload:
    state: VerifyStateType | None = strawberry.field(
        description="Also after an unknown barcode (outcome UNKNOWN, with a barcode_unknown error)."
    )
    errors: list[FieldError]


@strawberry.type
class CarrierPayload:
    carrier: CarrierType | None
    errors: list[FieldError]


@strawberry.type
class ShippingSettingsPayload:
    settings: ShippingSettingsType | None
    errors: list[FieldError]


@strawberry.type
class PrintTemplatePayload:
    template: PrintTemplateType | None
    errors: list[FieldError]


def _shipment_payload(info: Info, call: Callable[[Actor], Shipment]) -> ShipmentPayload:
    def run() -> tuple[Actor, Shipment]:
        actor = current_actor(info)
        return actor, call(actor)

    result, errors = run_service(run)
    if result is None:
        return ShipmentPayload(shipment=None, errors=errors)
    actor, shipment = result
    full = selectors.shipment_get(actor=actor, shipment_id=shipment.pk)
    return ShipmentPayload(shipment=shipment_view(full, money=sees_money(actor)), errors=errors)


def _verify_payload(info: Info, call: Callable[[Actor], services.VerifyState]) -> ShipmentVerifyPayload:
    state, errors = run_service(lambda: call(current_actor(info)))
    if state is None:
        return ShipmentVerifyPayload(state=None, errors=errors)
    problems = [FieldError(field=p.field, code=p.code, message=p.message) for p in state.problems]
    return ShipmentVerifyPayload(state=verify_view(state), errors=errors + problems)


def _template_payload(
    info: Info, kind: PrintDocumentKind, call: Callable[[Actor], object]
) -> PrintTemplatePayload:
    def run() -> Any:
        actor = current_actor(info)
        call(actor)
        return actor

    actor, errors = run_service(run)
    if actor is None:
        return PrintTemplatePayload(template=None, errors=errors)
    return PrintTemplatePayload(
        template=template_view(selectors.print_template_get(actor=actor, kind=kind.value)), errors=[]
    )


@strawberry.type
class ShippingMutations:
    @strawberry.mutation(
        description="Single shipping: an order's open goods (or the given lines) leave stock under a "
        "tracking number; the carrier is detected when not given. ship=false packs it for later."
    )
    def shipment_create(self, info: Info, input: ShipmentCreateInput) -> ShipmentPayload:
        lines = None
        if input.lines is not None:
            lines = [services.ShipmentLineInput(line.line_id, line.quantity) for line in input.lines]
        return _shipment_payload(
            info,
            lambda actor: services.shipment_create(
                actor=actor,
                order_id=input.order_id,
                lines=lines,
                warehouse_id=input.warehouse_id,
                carrier_id=input.carrier_id,
                tracking_number=input.tracking_number,
                note=input.note,
                ship=input.ship,
                idempotency_key=input.idempotency_key,
            ),
        )

    @strawberry.mutation(description="Ship a packed shipment, with its tracking number.")
    def shipment_ship(self, info: Info, input: ShipmentShipInput) -> ShipmentPayload:
        return _shipment_payload(
            info,
            lambda actor: services.shipment_ship(
                actor=actor,
                shipment_id=input.id,
                carrier_id=input.carrier_id,
                tracking_number=input.tracking_number,
                idempotency_key=input.idempotency_key,
            ),
        )

    @strawberry.mutation(description="Drop a packing shipment; nothing has left stock.")
    def shipment_cancel(self, info: Info, id: strawberry.ID, reason: str = "") -> ShipmentPayload:
        return _shipment_payload(
            info, lambda actor: services.shipment_cancel(actor=actor, shipment_id=id, reason=reason)
        )

    @strawberry.mutation(description="Correct the carrier or tracking number until the shipment is signed.")
    def shipment_tracking_update(
        self, info: Info, id: strawberry.ID, tracking_number: str, carrier_id: strawberry.ID | None = None
    ) -> ShipmentPayload:
        return _shipment_payload(
            info,
            lambda actor: services.shipment_tracking_update(
                actor=actor, shipment_id=id, tracking_number=tracking_number, carrier_id=carrier_id
            ),
        )

    @strawberry.mutation(
        description="Batch shipping: up to 500 orders with their tracking numbers in one action. Each row "
        "succeeds or fails on its own (ok, errors); a failing row never blocks the others. Retrying with "
        "the same idempotencyKey returns the first results."
    )
    def shipment_batch_ship(self, info: Info, input: ShipmentBatchShipInput) -> ShipmentBatchPayload:
        rows = [
            services.BatchRow(
                order_id=row.order_id,
                order_number=row.order_number[:40],
                tracking_number=row.tracking_number[:80],
                carrier_id=row.carrier_id,
                carrier_name=row.carrier_name[:40],
            )
            for row in input.rows[: services.MAX_BATCH_ROWS + 1]
        ]

        def run() -> tuple[Any, ShipmentBatch]:
            actor = current_actor(info)
            return actor, services.shipments_batch_ship(
                actor=actor, rows=rows, idempotency_key=input.idempotency_key
            )

        result, errors = run_service(run)
        if result is None:
            return ShipmentBatchPayload(batch=None, errors=errors)
        actor, batch = result
        return ShipmentBatchPayload(
            batch=batch_view(batch, selectors.batch_shipments(batch), money=sees_money(actor)), errors=[]
        )

    @strawberry.mutation(
        description="Open a package by scanning its order, shipment or tracking number (an order without "
        "one gets a packing shipment of everything open)."
    )
    def shipment_verify_start(self, info: Info, code: str) -> ShipmentVerifyPayload:
        return _verify_payload(info, lambda actor: services.shipment_verify_start(actor=actor, code=code))

    @strawberry.mutation(
        description="Scan an item (barcode or SKU code) into the package; quantity -1 takes one out. "
        "Returns what is missing and extra; verified only when it matches exactly."
    )
    def shipment_verify_scan(
        self, info: Info, shipment_id: strawberry.ID, code: str, quantity: int = 1
    ) -> ShipmentVerifyPayload:
        return _verify_payload(
            info,
            lambda actor: services.shipment_verify_scan(
                actor=actor, shipment_id=shipment_id, code=code, quantity=quantity
            ),
        )

    @strawberry.mutation(description="Start counting a package again.")
    def shipment_verify_reset(self, info: Info, shipment_id: strawberry.ID) -> ShipmentVerifyPayload:
        return _verify_payload(
            info, lambda actor: services.shipment_verify_reset(actor=actor, shipment_id=shipment_id)
        )

    @strawberry.mutation(
        description="Sign-back with a signature drawn on the phone (photos of the signed note: multipart "
        "POST /shipping/shipments/<id>/sign-back/). Completes the order when it was its last open shipment."
    )
    def shipment_sign_back(self, info: Info, input: ShipmentSignBackInput) -> ShipmentPayload:
        def call(actor: Actor) -> Shipment:
            signature = signature_file(input.signature_png)
            proofs = [] if signature is None else [services.ProofUpload(ProofKind.SIGNATURE, signature)]
            return services.shipment_sign_back(
                actor=actor,
                shipment_id=input.shipment_id,
                proofs=proofs,
                signed_at=input.signed_at,
                latitude=input.latitude,
                longitude=input.longitude,
                note=input.note,
                idempotency_key=input.idempotency_key,
            )

        return _shipment_payload(info, call)

    @strawberry.mutation(description="A carrier of the workspace's own, with its tracking-number pattern.")
    def carrier_create(self, info: Info, input: CarrierCreateInput) -> CarrierPayload:
        carrier, errors = run_service(
            lambda: services.carrier_create(
                actor=current_actor(info),
                code=input.code,
                name_zh=input.name_zh,
                name_en=input.name_en,
                tracking_pattern=input.tracking_pattern,
                phone=input.phone,
                priority=input.priority,
                idempotency_key=input.idempotency_key,
            )
        )
        return CarrierPayload(carrier=carrier_view(carrier) if carrier else None, errors=errors)

    @strawberry.mutation(description="Built-in carriers: only isActive and phone change.")
    def carrier_update(self, info: Info, id: strawberry.ID, input: CarrierUpdateInput) -> CarrierPayload:
        carrier, errors = run_service(
            lambda: services.carrier_update(
                actor=current_actor(info),
                carrier_id=id,
                name_zh=input.name_zh,
                name_en=input.name_en,
                tracking_pattern=input.tracking_pattern,
                phone=input.phone,
                priority=input.priority,
                is_active=input.is_active,
            )
        )
        return CarrierPayload(carrier=carrier_view(carrier) if carrier else None, errors=errors)

    @strawberry.mutation
    def shipping_settings_update(self, info: Info, input: ShippingSettingsInput) -> ShippingSettingsPayload:
        row, errors = run_service(
            lambda: services.shipping_settings_update(
                actor=current_actor(info),
                signback_overdue_days=input.signback_overdue_days,
                delivery_note_shows_prices=input.delivery_note_shows_prices,
                require_verification=input.require_verification,
                print_company_name=input.print_company_name,
                print_phone=input.print_phone,
                print_address=input.print_address,
                print_footer=input.print_footer,
            )
        )
        return ShippingSettingsPayload(settings=settings_view(row) if row else None, errors=errors)

    @strawberry.mutation(
        description="Which fields a document shows, in order, and their alignment. Preview first with "
        "POST /shipping/print/<kind>/preview/."
    )
    def print_template_save(
        self, info: Info, kind: PrintDocumentKind, fields: list[PrintFieldInput], title: str = ""
    ) -> PrintTemplatePayload:
        entries = [{"field": f.field, "visible": f.visible, "align": f.align.value} for f in fields]
        return _template_payload(
            info,
            kind,
            lambda actor: services.print_template_save(
                actor=actor, kind=kind.value, fields=entries, title=title
            ),
        )

    @strawberry.mutation(description="Back to the default fields.")
    def print_template_reset(self, info: Info, kind: PrintDocumentKind) -> PrintTemplatePayload:
        return _template_payload(
            info, kind, lambda actor: services.print_template_reset(actor=actor, kind=kind.value)
        )
