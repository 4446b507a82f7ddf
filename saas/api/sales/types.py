"""GraphQL types of sales orders: the order, its lines, expenses, revisions and status history.

Money fields (prices, amounts, totals) are null for callers who may not see order money (the
warehouse), costs without cost.view as well: saas/api/restricted.py decides. SKUs, customers,
warehouses and people are the one type of each (catalog, customers, inventory, accounts).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry
import strawberry_django
from strawberry.types import Info

from saas.api.accounts.types import UserType
from saas.api.actions import AVAILABLE_ACTIONS, SalesOrderActionEnum
from saas.api.catalog.types import SkuType
from saas.api.customers.types import CustomerType
from saas.api.inventory.types import WarehouseType
from saas.api.pagination import Page
from saas.api.permissions import current_actor
from saas.api.restricted import ORDER_COST, ORDER_MONEY, restricted, sees
from saas.api.sales.enums import CreditPolicy, DeliveryMethod, SalesOrderStatus
from saas.api.who import actor_name
from saas.core.models import DocumentEvent
from saas.sales import models
from saas.sales.actions import OrderAction, order_actions
from saas.sales.selectors.orders import events_for

# Fields of a revision that are about money; hidden from callers who do not see prices.
MONEY_CHANGE_SUFFIXES = (".unit_price", ".discount_rate", ".tax_rate")


@strawberry.type(name="ShipTo", description="The delivery address copied onto the order.")
class ShipToType:
    receiver: str
    phone: str
    province: str
    city: str
    district: str
    detail: str


@strawberry.type(name="SalesOrderEvent", description="One status change: who, when, from, to, why.")
class SalesOrderEventType:
    from_status: SalesOrderStatus | None = strawberry.field(description="Null: the order was created.")
    to_status: SalesOrderStatus
    note: str
    created_at: datetime
    actor_name: str | None


def event_view(event: DocumentEvent) -> SalesOrderEventType:
    return SalesOrderEventType(
        from_status=SalesOrderStatus(event.from_status) if event.from_status else None,
        to_status=SalesOrderStatus(event.to_status),
        note=event.note,
        created_at=event.created_at,
        actor_name=actor_name(event.actor, event.actor_label, event.actor_kind),
    )


@strawberry.type(name="OrderRevisionChange")
class RevisionChangeType:
    field: str = strawberry.field(
        description='"lines[2].quantity", "requested_date", "lines[3]" (added/removed).'
    )
    before: str | None
    after: str | None


@strawberry_django.type(models.OrderRevision, name="OrderRevision")
class OrderRevisionType:
    revision: int
    note: str
    created_at: datetime

    @strawberry_django.field
    def actor_name(self, root: models.OrderRevision) -> str:
        return actor_name(root.actor, root.actor_label, root.actor_kind) or ""

    @strawberry_django.field(description="Price changes are left out for callers who do not see prices.")
    def changes(self, root: models.OrderRevision, info: Info) -> list[RevisionChangeType]:
        show_money = sees(info, ORDER_MONEY)
        return [
            RevisionChangeType(field=str(c.get("field")), before=c.get("before"), after=c.get("after"))
            for c in root.changes or []
            if show_money or not str(c.get("field", "")).endswith(MONEY_CHANGE_SUFFIXES)
        ]


@strawberry_django.type(models.OrderExpense, name="OrderExpense")
class OrderExpenseType:
    id: strawberry.ID
    name: str
    amount: Decimal
    remark: str
    created_at: datetime


@strawberry_django.type(models.SalesOrderLine, name="SalesOrderLine")
class SalesOrderLineType:
    id: strawberry.ID
    line_no: int
    sku: SkuType
    warehouse: WarehouseType
    unit_name: str
    unit_factor: Decimal = strawberry_django.field(description="Base units in one unitName.")
    quantity: Decimal = strawberry_django.field(description="In unitName.")
    base_quantity: Decimal
    reserved_quantity: Decimal = strawberry_django.field(
        description="Base units held in stock for this line."
    )
    shipped_quantity: Decimal = strawberry_django.field(description="Base units.")
    returned_quantity: Decimal = strawberry_django.field(description="Base units.")
    remark: str

    @strawberry_django.field(description="Base units still to ship.")
    def open_quantity(self, root: models.SalesOrderLine) -> Decimal:
        return Decimal(root.base_quantity) - Decimal(root.shipped_quantity)

    @strawberry_django.field(
        description="Per unitName, tax included.",
        extensions=restricted(ORDER_MONEY),
    )
    def unit_price(self, root: models.SalesOrderLine) -> Decimal | None:
        return Decimal(root.unit_price)

    @strawberry_django.field(description="Percent off.", extensions=restricted(ORDER_MONEY))
    def discount_rate(self, root: models.SalesOrderLine) -> Decimal | None:
        return Decimal(root.discount_rate)

    @strawberry_django.field(description="Percent VAT inside the price.", extensions=restricted(ORDER_MONEY))
    def tax_rate(self, root: models.SalesOrderLine) -> Decimal | None:
        return Decimal(root.tax_rate)

    @strawberry_django.field(
        description="quantity × unitPrice less the discount, tax included.",
        extensions=restricted(ORDER_MONEY),
    )
    def amount(self, root: models.SalesOrderLine) -> Decimal | None:
        return Decimal(root.amount)

    @strawberry_django.field(extensions=restricted(ORDER_MONEY))
    def discount_amount(self, root: models.SalesOrderLine) -> Decimal | None:
        return Decimal(root.discount_amount)

    @strawberry_django.field(extensions=restricted(ORDER_MONEY))
    def tax_amount(self, root: models.SalesOrderLine) -> Decimal | None:
        return Decimal(root.tax_amount)

    @strawberry_django.field(
        description="Cost of the goods shipped on this line.", extensions=restricted(ORDER_COST)
    )
    def cost_amount(self, root: models.SalesOrderLine) -> Decimal | None:
        return Decimal(root.cost_amount)


@strawberry_django.type(models.SalesOrder, name="SalesOrder")
class SalesOrderType:
    id: strawberry.ID
    number: str
    status: SalesOrderStatus
    customer: CustomerType
    rep: UserType
    warehouse: WarehouseType
    currency: str
    order_date: date = strawberry_django.field(description="The day in the workspace's time zone.")
    requested_date: date | None
    delivery_method: DeliveryMethod
    contact_name: str
    contact_phone: str
    remarks: str
    credit_hold: bool = strawberry_django.field(description="Over the credit limit: a manager must approve.")
    revision: int
    cancel_reason: str
    created_at: datetime
    submitted_at: datetime | None
    approved_at: datetime | None
    shipped_at: datetime | None
    completed_at: datetime | None
    updated_at: datetime = strawberry_django.field(
        description="When it last changed (status, lines, money); the salesOrders list syncs by it."
    )
    lines: list[SalesOrderLineType]

    @strawberry_django.field
    def ship_to(self, root: models.SalesOrder) -> ShipToType:
        return ShipToType(
            receiver=root.ship_receiver,
            phone=root.ship_phone,
            province=root.ship_province,
            city=root.ship_city,
            district=root.ship_district,
            detail=root.ship_detail,
        )

    @strawberry_django.field
    def quotation_id(self, root: models.SalesOrder) -> strawberry.ID | None:
        return None if root.quotation_id is None else strawberry.ID(str(root.quotation_id))

    @strawberry_django.field(
        description="Before discounts, tax included.", extensions=restricted(ORDER_MONEY)
    )
    def goods_amount(self, root: models.SalesOrder) -> Decimal | None:
        return Decimal(root.goods_amount)

    @strawberry_django.field(extensions=restricted(ORDER_MONEY))
    def discount_amount(self, root: models.SalesOrder) -> Decimal | None:
        return Decimal(root.discount_amount)

    @strawberry_django.field(
        description="What the customer owes for the goods, tax included.", extensions=restricted(ORDER_MONEY)
    )
    def total_amount(self, root: models.SalesOrder) -> Decimal | None:
        return Decimal(root.total_amount)

    @strawberry_django.field(extensions=restricted(ORDER_MONEY))
    def tax_amount(self, root: models.SalesOrder) -> Decimal | None:
        return Decimal(root.tax_amount)

    @strawberry_django.field(
        description="Our own costs of this order (运费, 安装费).", extensions=restricted(ORDER_MONEY)
    )
    def expense_amount(self, root: models.SalesOrder) -> Decimal | None:
        return Decimal(root.expense_amount)

    @strawberry_django.field(extensions=restricted(ORDER_MONEY))
    def received_amount(self, root: models.SalesOrder) -> Decimal | None:
        return Decimal(root.received_amount)

    @strawberry_django.field(extensions=restricted(ORDER_MONEY))
    def returned_amount(self, root: models.SalesOrder) -> Decimal | None:
        return Decimal(root.returned_amount)

    @strawberry_django.field(extensions=restricted(ORDER_MONEY))
    def invoiced_amount(self, root: models.SalesOrder) -> Decimal | None:
        return Decimal(root.invoiced_amount)

    @strawberry_django.field(description="total − returned − received.", extensions=restricted(ORDER_MONEY))
    def balance_due(self, root: models.SalesOrder) -> Decimal | None:
        return Decimal(root.balance_due)

    @strawberry_django.field(description="Empty for callers who do not see order money.")
    def expenses(self, root: models.SalesOrder, info: Info) -> list[OrderExpenseType]:
        return list(root.expenses.all()) if sees(info, ORDER_MONEY) else []  # type: ignore[arg-type]

    @strawberry_django.field(description="Edits after approval, oldest first.")
    def revisions(self, root: models.SalesOrder) -> list[OrderRevisionType]:
        return list(root.revisions.all())  # type: ignore[arg-type]

    @strawberry_django.field(description="Status history, oldest first.")
    def events(self, root: models.SalesOrder) -> list[SalesOrderEventType]:
        return [event_view(event) for event in events_for(root)]

    @strawberry_django.field(description=AVAILABLE_ACTIONS)
    def available_actions(self, root: models.SalesOrder, info: Info) -> list[SalesOrderActionEnum]:  # type: ignore[valid-type]
        return [OrderAction(name) for name in order_actions(root, current_actor(info))]


@strawberry.type
class SalesOrderPage(Page[SalesOrderType]):
    pass


@strawberry.type(description="Visible orders per status: the work queues (待审核, 待采购, 待发货, 待签回).")
class SalesQueueCounts:
    draft: int
    pending_review: int
    pending_purchase: int
    pending_shipment: int
    partly_shipped: int
    pending_signback: int


@strawberry.type(
    name="CustomerRecentLine", description="A line the customer bought lately, for quick re-entry."
)
class RecentLineType:
    sku: SkuType
    unit_name: str
    unit_factor: Decimal
    pack_unit_id: strawberry.ID | None = strawberry.field(description="Null: the base unit.")
    quantity: Decimal = strawberry.field(description="In unitName.")
    unit_price: Decimal | None = strawberry.field(
        description="Per unitName, tax included, as last sold.", extensions=restricted(ORDER_MONEY)
    )
    discount_rate: Decimal | None = strawberry.field(
        description="Percent off, as last sold.", extensions=restricted(ORDER_MONEY)
    )
    order_id: strawberry.ID
    order_number: str
    order_date: date


@strawberry.type(
    name="OrderLinePrice",
    description="A customer's price of a SKU for order entry: its distribution tier price when it has "
    "one, else the list price; per base unit at quantity 1, tax included.",
)
class OrderLinePriceType:
    sku_id: strawberry.ID
    list_price: Decimal | None = strawberry.field(
        description="The SKU's list price per base unit.", extensions=restricted(ORDER_MONEY)
    )
    price: Decimal | None = strawberry.field(
        description="The customer's price per base unit (the tier price when tiered).",
        extensions=restricted(ORDER_MONEY),
    )
    tiered: bool = strawberry.field(description="True when a distribution price list gives the price.")
    price_rule: str = strawberry.field(
        description="Which list and rule gave the tier price; empty otherwise."
    )


@strawberry_django.type(models.SalesSettings, name="SalesSettings")
class SalesSettingsType:
    review_required: bool = strawberry_django.field(description="False: submitting approves at once.")
    credit_policy: CreditPolicy = strawberry_django.field(
        description="Orders over a customer's credit limit."
    )
    signback_required: bool = strawberry_django.field(description="False: fully shipped completes the order.")
    default_tax_rate: Decimal
    backorders_allowed: bool = strawberry_django.field(
        description="False: salesOrderPlace refuses a line its warehouse lacks stock for (stock_short)."
    )
