"""GraphQL types of the shipping setup: settings and print templates."""

from __future__ import annotations

import enum

import strawberry

from saas.shipping.models import PrintKind, ShippingSettings
from saas.shipping.selectors import TemplateView


@strawberry.enum(description="A printed document.")
class PrintDocumentKind(enum.Enum):
    PICK_LIST = PrintKind.PICK_LIST.value
    DELIVERY_NOTE = PrintKind.DELIVERY_NOTE.value
    DAILY_LIST = PrintKind.DAILY_LIST.value
    DELIVERY_LIST = PrintKind.DELIVERY_LIST.value


@strawberry.enum
class PrintAlign(enum.Enum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@strawberry.type(name="ShippingSettings")
class ShippingSettingsType:
    signback_overdue_days: int
    delivery_note_shows_prices: bool = strawberry.field(
        description="The warehouse prints prices on delivery notes (money viewers always do)."
    )
    require_verification: bool = strawberry.field(description="Only packed, scan-verified shipments ship.")
    print_company_name: str
    print_phone: str
    print_address: str
    print_footer: str
    logo_url: str | None = strawberry.field(description="POST a PNG or JPEG to /shipping/logo/ to change it.")


def settings_view(row: ShippingSettings) -> ShippingSettingsType:
    return ShippingSettingsType(
        signback_overdue_days=row.signback_overdue_days,
        delivery_note_shows_prices=row.delivery_note_shows_prices,
        require_verification=row.require_verification,
        print_company_name=row.print_company_name,
        print_phone=row.print_phone,
        print_address=row.print_address,
        print_footer=row.print_footer,
        logo_url="/shipping/logo/" if row.logo else None,
    )


@strawberry.type(name="PrintTemplateField")
class PrintFieldType:
    field: str
    label: str
    area: str = strawberry.field(description="header | column | footer")
    visible: bool
    align: PrintAlign
    money: bool = strawberry.field(description="Printed only for people who may see order money.")


@strawberry.type(name="PrintTemplate")
class PrintTemplateType:
    kind: PrintDocumentKind
    title: str = strawberry.field(description="Empty: the default title.")
    customised: bool
    fields: list[PrintFieldType] = strawberry.field(description="In print order; every field of the kind.")
    preview_url: str = strawberry.field(
        description="Sample data through the saved template (&format=pdf); POST {fields, title} to preview unsaved."
    )


def template_view(view: TemplateView) -> PrintTemplateType:
    slug = view.kind.replace("_", "-")
    return PrintTemplateType(
        kind=PrintDocumentKind(view.kind),
        title=view.title,
        customised=view.customised,
        fields=[
            PrintFieldType(
                field=f.key,
                label=f.label,
                area=f.area,
                visible=f.visible,
                align=PrintAlign(f.align),
                money=f.money,
            )
            for f in view.fields
        ],
        preview_url=f"/shipping/print/{slug}/preview/",
    )
