"""Field sales queries: a rep's day, the field settings."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from saas.api.accounts.types import UserType
from saas.api.fieldsales.types import CustomerQrCode, CustomerSiteType, FieldDayType, FieldSettingsType
from saas.api.permissions import current_actor
from saas.fieldsales import selectors, services
from saas.fieldsales.access import require_field_reader


@strawberry.type
class FieldSalesQueries:
    @strawberry.field(
        description="A rep's day: the check-ins in order and the distance between them. Without "
        "arguments: the caller, today (the workspace's time zone). Another rep's day needs field.view_all."
    )
    def field_day(
        self, info: Info, rep_id: strawberry.ID | None = None, date: date | None = None
    ) -> FieldDayType:
        return FieldDayType.of(selectors.field_day(actor=current_actor(info), rep_id=rep_id, day=date))

    @strawberry.field(
        description="The people whose field day the caller may open (themselves, their teams, or all)."
    )
    def field_reps(self, info: Info) -> list[UserType]:
        return list(selectors.field_reps(actor=current_actor(info)))  # type: ignore[arg-type]

    @strawberry.field(description="Where a customer is and its QR code's version; null until a site is set.")
    def customer_site(self, info: Info, customer_id: strawberry.ID) -> CustomerSiteType | None:
        site = selectors.customer_site(actor=current_actor(info), customer_id=customer_id)
        return CustomerSiteType.of(site) if site is not None else None

    @strawberry.field(
        description="The customer's current QR code to print (field.manage): its text and an SVG image."
    )
    def customer_qr_code(self, info: Info, customer_id: strawberry.ID) -> CustomerQrCode:
        text, svg = services.customer_qr_code(actor=current_actor(info), customer_id=customer_id)
        return CustomerQrCode(text=text, svg=svg)

    @strawberry.field(description="The workspace's field rules (radius, how long positions are kept).")
    def field_settings(self, info: Info) -> FieldSettingsType:
        require_field_reader(current_actor(info))
        return FieldSettingsType.of(services.field_settings())
