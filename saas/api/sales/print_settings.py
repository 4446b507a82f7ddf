"""GraphQL of the print settings: what the printed order and delivery note show (printSettings,
printSettingsSave, printSettingsReset), for who may manage workspace settings."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import datetime

import strawberry
from strawberry.types import Info

from saas.api.errors import FieldError, run_service
from saas.api.permissions import current_actor
from saas.sales import services
from saas.sales.models import PrintDocument
from saas.sales.selectors.print_settings import PrintOptions, print_settings_get


@strawberry.enum(description="A printed document whose columns and texts the workspace sets.")
class PrintSettingsKind(enum.Enum):
    ORDER = strawberry.enum_value(PrintDocument.ORDER.value, description="The sales order print (销售单).")
    DELIVERY_NOTE = strawberry.enum_value(
        PrintDocument.DELIVERY_NOTE.value, description="The delivery note (送货单)."
    )


@strawberry.type(
    name="PrintSettings",
    description="What one printed document shows. Prices and amounts print only for people who may "
    "see order money, whatever is set here.",
)
class PrintSettingsType:
    kind: PrintSettingsKind = strawberry.field(description="Which document.")
    show_prices: bool = strawberry.field(description="The unit price column.")
    show_discounts: bool = strawberry.field(description="The discount % column (order print only).")
    show_amounts: bool = strawberry.field(description="The line amounts and the total.")
    show_remarks: bool = strawberry.field(description="The line remark column.")
    amount_in_words: bool = strawberry.field(description="The total in Chinese capital numerals (大写金额).")
    header_text: str = strawberry.field(description="A line under the title; empty: none.")
    footer_text: str = strawberry.field(
        description="A line at the foot of the page; empty: none (or the letterhead's)."
    )
    signature_text: str = strawberry.field(
        description="The customer's signature line (客户签收); empty: the default."
    )
    customised: bool = strawberry.field(description="The workspace changed it; false: the defaults.")
    updated_at: datetime | None = strawberry.field(description="When it was last changed; null: never.")


def settings_view(options: PrintOptions) -> PrintSettingsType:
    return PrintSettingsType(
        kind=PrintSettingsKind(options.kind),
        show_prices=options.show_prices,
        show_discounts=options.show_discounts,
        show_amounts=options.show_amounts,
        show_remarks=options.show_remarks,
        amount_in_words=options.amount_in_words,
        header_text=options.header_text,
        footer_text=options.footer_text,
        signature_text=options.signature_text,
        customised=options.customised,
        updated_at=options.updated_at,
    )


@strawberry.input(description="What to change; a field left out keeps its value.")
class PrintSettingsInput:
    kind: PrintSettingsKind = strawberry.field(description="Which document.")
    show_prices: bool | None = strawberry.field(default=None, description="The unit price column.")
    show_discounts: bool | None = strawberry.field(default=None, description="The discount % column.")
    show_amounts: bool | None = strawberry.field(default=None, description="The line amounts and the total.")
    show_remarks: bool | None = strawberry.field(default=None, description="The line remark column.")
    amount_in_words: bool | None = strawberry.field(default=None, description="The total in 大写金额.")
    header_text: str | None = strawberry.field(default=None, description="At most 200 characters.")
    footer_text: str | None = strawberry.field(default=None, description="At most 200 characters.")
    signature_text: str | None = strawberry.field(default=None, description="At most 60 characters.")


@strawberry.type(description="The document's settings after the change (null on error) and typed errors.")
class PrintSettingsPayload:
    settings: PrintSettingsType | None = strawberry.field(description="As they are now; null on error.")
    errors: list[FieldError] = strawberry.field(description="Why nothing changed.")


def _payload(info: Info, kind: PrintSettingsKind, call: Callable[[], object]) -> PrintSettingsPayload:
    done, errors = run_service(call)
    if done is None:
        return PrintSettingsPayload(settings=None, errors=errors)
    return PrintSettingsPayload(
        settings=settings_view(print_settings_get(actor=current_actor(info), kind=kind.value)), errors=[]
    )


@strawberry.type
class PrintSettingsQueries:
    @strawberry.field(
        description="What one printed document shows (tenant.manage; the delivery note also shipping.manage)."
    )
    def print_settings(self, info: Info, kind: PrintSettingsKind) -> PrintSettingsType:
        return settings_view(print_settings_get(actor=current_actor(info), kind=kind.value))


@strawberry.type
class PrintSettingsMutations:
    @strawberry.mutation(description="Change what one printed document shows; a bad text changes nothing.")
    def print_settings_save(self, info: Info, input: PrintSettingsInput) -> PrintSettingsPayload:
        return _payload(
            info,
            input.kind,
            lambda: services.print_settings_save(
                actor=current_actor(info),
                kind=input.kind.value,
                show_prices=input.show_prices,
                show_discounts=input.show_discounts,
                show_amounts=input.show_amounts,
                show_remarks=input.show_remarks,
                amount_in_words=input.amount_in_words,
                header_text=input.header_text,
                footer_text=input.footer_text,
                signature_text=input.signature_text,
            ),
        )

    @strawberry.mutation(description="Put one printed document back to the defaults.")
    def print_settings_reset(self, info: Info, kind: PrintSettingsKind) -> PrintSettingsPayload:
        return _payload(
            info, kind, lambda: services.print_settings_reset(actor=current_actor(info), kind=kind.value)
        )
