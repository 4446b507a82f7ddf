"""GraphQL types of quotations (报价单)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry
import strawberry_django
from strawberry.types import Info

from saas.api.accounts.types import UserType
from saas.api.actions import AVAILABLE_ACTIONS, QuotationActionEnum
from saas.api.catalog.types import SkuType
from saas.api.customers.types import CustomerType
from saas.api.pagination import Page
from saas.api.permissions import current_actor
from saas.api.sales.enums import QuotationStatus
from saas.api.who import actor_name
from saas.core.models import DocumentEvent
from saas.sales import models
from saas.sales.actions import QuotationAction, quotation_actions
from saas.sales.selectors.quotations import quotation_events


@strawberry.type(name="QuotationEvent", description="One status change: who, when, from, to, why.")
class QuotationEventType:
    from_status: QuotationStatus | None = strawberry.field(description="Null: the quotation was created.")
    to_status: QuotationStatus
    note: str
    created_at: datetime
    actor_name: str | None


def event_view(event: DocumentEvent) -> QuotationEventType:
    return QuotationEventType(
        from_status=QuotationStatus(event.from_status) if event.from_status else None,
        to_status=QuotationStatus(event.to_status),
        note=event.note,
        created_at=event.created_at,
        actor_name=actor_name(event.actor, event.actor_label, event.actor_kind),
    )


@strawberry_django.type(models.QuotationLine, name="QuotationLine")
class QuotationLineType:
    id: strawberry.ID
    line_no: int
    sku: SkuType
    unit_name: str
    unit_factor: Decimal
    quantity: Decimal = strawberry_django.field(description="In unitName.")
    unit_price: Decimal = strawberry_django.field(description="Per unitName, tax included.")
    discount_rate: Decimal
    tax_rate: Decimal
    amount: Decimal
    discount_amount: Decimal
    tax_amount: Decimal
    remark: str


@strawberry_django.type(models.Quotation, name="Quotation")
class QuotationType:
    id: strawberry.ID
    number: str
    status: QuotationStatus
    customer: CustomerType
    rep: UserType
    currency: str
    quote_date: date
    valid_until: date
    remarks: str
    goods_amount: Decimal
    discount_amount: Decimal
    total_amount: Decimal
    tax_amount: Decimal
    created_at: datetime
    lines: list[QuotationLineType]

    @strawberry_django.field(description="Status history, oldest first.")
    def events(self, root: models.Quotation) -> list[QuotationEventType]:
        return [event_view(event) for event in quotation_events(root)]

    @strawberry_django.field(description=AVAILABLE_ACTIONS)
    def available_actions(self, root: models.Quotation, info: Info) -> list[QuotationActionEnum]:  # type: ignore[valid-type]
        return [QuotationAction(name) for name in quotation_actions(root, current_actor(info))]


@strawberry.type
class QuotationPage(Page[QuotationType]):
    pass
