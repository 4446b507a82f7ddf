"""Field sales queries: a rep's day, the field settings."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from saas.api.fieldsales.types import FieldDayType, FieldSettingsType
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

    @strawberry.field(description="The workspace's field rules (radius, how long positions are kept).")
    def field_settings(self, info: Info) -> FieldSettingsType:
        require_field_reader(current_actor(info))
        return FieldSettingsType.of(services.field_settings())
