"""Field sales mutations: check in and out, a customer's site and QR code, the field settings."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry
from strawberry.types import Info

from saas.api.choices import model_value
from saas.api.errors import run_service
from saas.api.fieldsales.enums import CoordinateSystem
from saas.api.fieldsales.types import (
    CustomerSitePayload,
    CustomerSiteType,
    FieldSettingsPayload,
    FieldSettingsType,
    VisitPayload,
    VisitType,
)
from saas.api.permissions import current_actor
from saas.fieldsales import services


@strawberry.input(description="A check-in at a customer, from the phone (or its outbox, later).")
class VisitCheckInInput:
    customer_id: strawberry.ID = strawberry.field(description="The customer.")
    latitude: Decimal | None = strawberry.field(default=None, description="WGS-84 latitude (the browser's).")
    longitude: Decimal | None = strawberry.field(default=None, description="WGS-84 longitude.")
    accuracy: Decimal | None = strawberry.field(default=None, description="The fix's accuracy in metres.")
    photo_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="Photos uploaded for this check-in (POST /fieldsales/photos/): at most 9, each "
        "this rep's at this customer and in no other visit, else photo_not_found.",
    )
    captured_at: datetime | None = strawberry.field(
        default=None, description="When it happened on the phone (offline check-ins); at most 7 days ago."
    )
    client_id: str | None = strawberry.field(
        default=None, description="The phone's id for this check-in: a resend returns the same visit."
    )
    qr_code: str | None = strawberry.field(
        default=None, description="The text of the customer's scanned QR code."
    )
    notes: str | None = strawberry.field(
        default=None, description="What the rep notes on arrival (at most 2,000 characters)."
    )


@strawberry.input(description="Leaving a customer.")
class VisitCheckOutInput:
    latitude: Decimal | None = strawberry.field(default=None, description="WGS-84 latitude.")
    longitude: Decimal | None = strawberry.field(default=None, description="WGS-84 longitude.")
    accuracy: Decimal | None = strawberry.field(default=None, description="The fix's accuracy in metres.")
    notes: str | None = strawberry.field(
        default=None, description="What happened (at most 2,000 characters)."
    )


def _visit(call: object) -> VisitPayload:
    visit, errors = run_service(call)  # type: ignore[arg-type]
    return VisitPayload(visit=VisitType.of(visit) if visit else None, errors=errors)


@strawberry.type
class FieldSalesMutations:
    @strawberry.mutation(
        description="Check in at a customer. The server's clock is the check-in time; a resend with the "
        "same clientId returns the same visit."
    )
    def visit_check_in(self, info: Info, input: VisitCheckInInput) -> VisitPayload:
        return _visit(
            lambda: services.visit_check_in(
                actor=current_actor(info),
                customer_id=input.customer_id,
                latitude=input.latitude,
                longitude=input.longitude,
                accuracy=input.accuracy,
                captured_at=input.captured_at,
                client_id=input.client_id,
                qr_code=input.qr_code,
                photo_ids=input.photo_ids,
                notes=input.notes or "",
            )
        )

    @strawberry.mutation(description="Check out of a visit (only its rep, once).")
    def visit_check_out(self, info: Info, id: strawberry.ID, input: VisitCheckOutInput) -> VisitPayload:
        return _visit(
            lambda: services.visit_check_out(
                actor=current_actor(info),
                visit_id=id,
                latitude=input.latitude,
                longitude=input.longitude,
                accuracy=input.accuracy,
                notes=input.notes,
            )
        )

    @strawberry.mutation(
        description="Where a customer is, as picked on a map of `system` (stored in WGS-84)."
    )
    def customer_site_set(
        self,
        info: Info,
        customer_id: strawberry.ID,
        latitude: Decimal,
        longitude: Decimal,
        system: CoordinateSystem | None = None,
    ) -> CustomerSitePayload:
        site, errors = run_service(
            lambda: services.customer_site_set(
                actor=current_actor(info),
                customer_id=customer_id,
                latitude=latitude,
                longitude=longitude,
                system=model_value(system) or "wgs84",
            )
        )
        return CustomerSitePayload(
            site=CustomerSiteType.of(site) if site else None, qr_code=None, errors=errors
        )

    @strawberry.mutation(
        description="A new QR code for the customer (field.manage): every older print stops working."
    )
    def customer_qr_rotate(self, info: Info, customer_id: strawberry.ID) -> CustomerSitePayload:
        result, errors = run_service(
            lambda: services.customer_qr_rotate(actor=current_actor(info), customer_id=customer_id)
        )
        if result is None:
            return CustomerSitePayload(site=None, qr_code=None, errors=errors)
        site, code = result
        return CustomerSitePayload(site=CustomerSiteType.of(site), qr_code=code, errors=errors)

    @strawberry.mutation(description="Change the field rules (field.manage).")
    def field_settings_update(
        self, info: Info, radius_meters: int | None = None, position_retention_days: int | None = None
    ) -> FieldSettingsPayload:
        row, errors = run_service(
            lambda: services.field_settings_update(
                actor=current_actor(info),
                radius_m=radius_meters,
                position_retention_days=position_retention_days,
            )
        )
        return FieldSettingsPayload(settings=FieldSettingsType.of(row) if row else None, errors=errors)
