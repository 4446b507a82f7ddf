"""Types of field sales: visits, a rep's day, customers' sites, the field settings."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry
from strawberry.types import Info

from saas.api.accounts.types import UserType
from saas.api.customers.types import CustomerType
from saas.api.errors import FieldError
from saas.api.fieldsales.enums import CoordinateSystem, VisitVerdict
from saas.api.fieldsales.photos import VisitPhotoType, photos_of_visit
from saas.api.fieldsales.visit_forms import VisitAnswer, VisitKindType
from saas.api.permissions import current_actor
from saas.api.sales.types import SalesOrderType
from saas.fieldsales import visit_records
from saas.fieldsales.models import CustomerSite, FieldSettings, Visit
from saas.fieldsales.selectors import FieldDay


@strawberry.type(name="Visit", description="A rep's check-in at a customer (and check-out).")
class VisitType:
    id: strawberry.ID
    customer: CustomerType = strawberry.field(description="Where the rep checked in.")
    rep: UserType = strawberry.field(description="Who checked in.")
    checked_in_at: datetime = strawberry.field(
        description="When the server received the check-in (the truth)."
    )
    captured_at: datetime | None = strawberry.field(
        description="When the phone says it happened: differs for check-ins sent later from the outbox."
    )
    captured_offline: bool = strawberry.field(description="Captured minutes before it reached the server.")
    latitude: Decimal | None = strawberry.field(description="WGS-84 latitude of the check-in.")
    longitude: Decimal | None = strawberry.field(description="WGS-84 longitude of the check-in.")
    accuracy: Decimal | None = strawberry.field(
        description="The fix's accuracy in metres, as the phone said."
    )
    distance_meters: int | None = strawberry.field(
        description="Distance to the customer's site; null without one."
    )
    verdict: VisitVerdict = strawberry.field(description="Whether the position puts the rep at the customer.")
    out_of_range: bool = strawberry.field(description="The verdict is OUT_OF_RANGE.")
    radius_meters: int = strawberry.field(description="The workspace's radius when it was judged.")
    qr_verified: bool = strawberry.field(description="The customer's printed QR code was scanned.")
    checked_out_at: datetime | None = strawberry.field(
        description="When the rep checked out; null while there."
    )
    notes: str = strawberry.field(description="The rep's notes.")
    kind: VisitKindType | None = strawberry.field(description="The visit type; null until recorded.")
    purpose: str = strawberry.field(description="Why the rep came.")
    follow_up_on: date | None = strawberry.field(description="When the rep means to come back.")
    answers: list[VisitAnswer] = strawberry.field(description="The visit type's form, as answered.")
    recorded_at: datetime | None = strawberry.field(description="When the record was last saved.")
    record: strawberry.Private[Visit]

    @strawberry.field(description="The photos taken at the check-in, in the order they were taken.")
    def photos(self, info: Info) -> list[VisitPhotoType]:
        return photos_of_visit(info, self.id)

    @strawberry.field(description="Orders taken at the visit, as far as the caller may see orders.")
    def orders(self, info: Info) -> list[SalesOrderType]:
        return visit_records.visit_orders(actor=current_actor(info), visit=self.record)  # type: ignore[return-value]

    @classmethod
    def of(cls, visit: Visit) -> VisitType:
        return cls(
            id=strawberry.ID(str(visit.pk)),
            customer=visit.customer,  # type: ignore[arg-type]
            rep=visit.rep,  # type: ignore[arg-type]
            checked_in_at=visit.checked_in_at,
            captured_at=visit.captured_at,
            captured_offline=visit.captured_offline,
            latitude=visit.latitude,
            longitude=visit.longitude,
            accuracy=visit.accuracy_m,
            distance_meters=visit.distance_m,
            verdict=VisitVerdict(visit.verdict),
            out_of_range=visit.out_of_range,
            radius_meters=visit.radius_m,
            qr_verified=visit.qr_verified,
            checked_out_at=visit.checked_out_at,
            notes=visit.notes,
            kind=VisitKindType.of(visit.kind) if visit.kind is not None else None,
            purpose=visit.purpose,
            follow_up_on=visit.follow_up_on,
            answers=[VisitAnswer.of(row) for row in visit.answers],
            recorded_at=visit.recorded_at,
            record=visit,
        )


@strawberry.type(name="FieldDay", description="A rep's day in the field: the check-ins in order.")
class FieldDayType:
    rep: UserType = strawberry.field(description="Whose day.")
    date: date = strawberry.field(description="The day, in the workspace's time zone.")
    visits: list[VisitType] = strawberry.field(description="The day's visits in check-in order.")
    distance_travelled_meters: int = strawberry.field(
        description="Straight lines from one check-in to the next (no background tracking)."
    )

    @classmethod
    def of(cls, day: FieldDay) -> FieldDayType:
        return cls(
            rep=day.rep,  # type: ignore[arg-type]
            date=day.day,
            visits=[VisitType.of(visit) for visit in day.visits],
            distance_travelled_meters=day.distance_travelled_m,
        )


@strawberry.type(
    name="CustomerSite", description="A customer in the field: where it is and its QR code's version."
)
class CustomerSiteType:
    customer_id: strawberry.ID = strawberry.field(description="The customer.")
    latitude: Decimal | None = strawberry.field(description="WGS-84 latitude; null until set.")
    longitude: Decimal | None = strawberry.field(description="WGS-84 longitude; null until set.")
    source_system: CoordinateSystem = strawberry.field(description="The map it was picked on.")
    qr_version: int = strawberry.field(
        description="The printed QR code's version: rotating it refuses older prints."
    )

    @classmethod
    def of(cls, site: CustomerSite) -> CustomerSiteType:
        return cls(
            customer_id=strawberry.ID(str(site.customer_id)),
            latitude=site.latitude,
            longitude=site.longitude,
            source_system=CoordinateSystem(site.source_system),
            qr_version=site.qr_version,
        )


@strawberry.type(description="A customer's QR code, to print for the shop.")
class CustomerQrCode:
    text: str = strawberry.field(description="What the code holds (SP1-…): a scan sends it as qrCode.")
    svg: str = strawberry.field(description="The code as an SVG image.")


@strawberry.type(name="FieldSettings", description="The workspace's field rules.")
class FieldSettingsType:
    radius_meters: int = strawberry.field(
        description="A check-in farther than this (after accuracy) is out of range."
    )
    position_retention_days: int = strawberry.field(description="How long positions are kept (PIPL).")

    @classmethod
    def of(cls, row: FieldSettings) -> FieldSettingsType:
        return cls(radius_meters=row.radius_m, position_retention_days=row.position_retention_days)


@strawberry.type(description="A check-in or check-out.")
class VisitPayload:
    visit: VisitType | None = strawberry.field(description="The visit; null when refused.")
    errors: list[FieldError] = strawberry.field(description="Why it was refused; empty on success.")


@strawberry.type(description="A customer's site after a change, with the text its printed QR code holds.")
class CustomerSitePayload:
    site: CustomerSiteType | None = strawberry.field(description="The site; null when refused.")
    qr_code: str | None = strawberry.field(description="The QR code's text (print it), after a rotation.")
    errors: list[FieldError] = strawberry.field(description="Why it was refused; empty on success.")


@strawberry.type(description="The field settings after a change.")
class FieldSettingsPayload:
    settings: FieldSettingsType | None = strawberry.field(description="The settings; null when refused.")
    errors: list[FieldError] = strawberry.field(description="Why it was refused; empty on success.")
