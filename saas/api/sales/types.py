"""GraphQL types of sales orders: the order, its lines, expenses, revisions and status history.

Money fields (prices, amounts, totals, expenses) are null for callers who may not see order
money (the warehouse); costs need cost.view. SKUs, customers and warehouses appear through
small sales-own types, so other domains' types stay free to change.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry
import strawberry_django
from strawberry.types import Info

from saas.accounts.models import User
from saas.api.actions import AVAILABLE_ACTIONS, SalesOrderActionEnum
from saas.api.pagination import Page
from saas.api.permissions import current_user
from saas.api.sales.money import money, sees_cost, sees_money
from saas.api.who import actor_name
from saas.catalog.models import SKU
from saas.core.models import DocumentEvent
from saas.customers.models import Customer
from saas.inventory.models import Warehouse
from saas.sales import models
from saas.sales.actions import OrderAction, order_actions
from saas.sales.selectors.orders import events_for

# Fields of a revision that are about money; hidden from callers who do not see prices.
MONEY_CHANGE_SUFFIXES = (".unit_price", ".discount_rate", ".tax_rate")


@strawberry_django.type(SKU, name="SalesSku")
class SalesSkuType:
    id: strawberry.ID
    code: str

    @strawberry_django.field
    def name(self, root: SKU) -> str:
        return root.product.name

    @strawberry_django.field
    def spec_label(self, root: SKU) -> str:
        return root.spec_label

    @strawberry_django.field(description="The unit stock is counted in (件, kg).")
    def base_unit(self, root: SKU) -> str:
        return root.product.base_unit

    @strawberry_django.field
    def product_id(self, root: SKU) -> strawberry.ID:
        return strawberry.ID(str(root.product_id))

    @strawberry_django.field
    def product_code(self, root: SKU) -> str:
        return root.product.code


@strawberry_django.type(Warehouse, name="SalesWarehouse")
class SalesWarehouseType:
    id: strawberry.ID
    code: str
    name: str


@strawberry_django.type(Customer, name="SalesCustomer", description="A customer as orders refer to it.")
class SalesCustomerType:
    id: strawberry.ID
    code: str
    name: str
    phone: str


@strawberry_django.type(User, name="SalesRep")
class SalesRepType:
    id: strawberry.ID
    full_name: str


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
    from_status: str
    to_status: str
    note: str
    created_at: datetime
    actor_name: str | None


def event_view(event: DocumentEvent) -> SalesOrderEventType:
    return SalesOrderEventType(
        from_status=event.from_status,
        to_status=event.to_status,
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
        show_money = sees_money(info)
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
    sku: SalesSkuType
    warehouse: SalesWarehouseType
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

    @strawberry_django.field(description="Per unitName, tax included; null without sight of prices.")
    def unit_price(self, root: models.SalesOrderLine, info: Info) -> Decimal | None:
        return money(info, root.unit_price)

    @strawberry_django.field(description="Percent off.")
    def discount_rate(self, root: models.SalesOrderLine, info: Info) -> Decimal | None:
        return money(info, root.discount_rate)

    @strawberry_django.field(description="Percent VAT inside the price.")
    def tax_rate(self, root: models.SalesOrderLine, info: Info) -> Decimal | None:
        return money(info, root.tax_rate)

    @strawberry_django.field(description="quantity × unitPrice less the discount, tax included.")
    def amount(self, root: models.SalesOrderLine, info: Info) -> Decimal | None:
        return money(info, root.amount)

    @strawberry_django.field
    def discount_amount(self, root: models.SalesOrderLine, info: Info) -> Decimal | None:
        return money(info, root.discount_amount)

    @strawberry_django.field
    def tax_amount(self, root: models.SalesOrderLine, info: Info) -> Decimal | None:
        return money(info, root.tax_amount)

    @strawberry_django.field(description="Cost of the goods shipped on this line; needs cost.view.")
    def cost_amount(self, root: models.SalesOrderLine, info: Info) -> Decimal | None:
        return Decimal(root.cost_amount) if sees_cost(info) and sees_money(info) else None


@strawberry_django.type(models.SalesOrder, name="SalesOrder")
class SalesOrderType:
    id: strawberry.ID
    number: str
    status: str
    customer: SalesCustomerType
    rep: SalesRepType
    warehouse: SalesWarehouseType
    currency: str
    order_date: date = strawberry_django.field(description="The day in the workspace's time zone.")
    requested_date: date | None
    delivery_method: str
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

    @strawberry_django.field(description="Before discounts, tax included.")
    def goods_amount(self, root: models.SalesOrder, info: Info) -> Decimal | None:
        return money(info, root.goods_amount)

    @strawberry_django.field
    def discount_amount(self, root: models.SalesOrder, info: Info) -> Decimal | None:
        return money(info, root.discount_amount)

    @strawberry_django.field(description="What the customer owes for the goods, tax included.")
    def total_amount(self, root: models.SalesOrder, info: Info) -> Decimal | None:
        return money(info, root.total_amount)

    @strawberry_django.field
    def tax_amount(self, root: models.SalesOrder, info: Info) -> Decimal | None:
        return money(info, root.tax_amount)

    @strawberry_django.field(description="Our own costs of this order (运费, 安装费).")
    def expense_amount(self, root: models.SalesOrder, info: Info) -> Decimal | None:
        return money(info, root.expense_amount)

    @strawberry_django.field
    def received_amount(self, root: models.SalesOrder, info: Info) -> Decimal | None:
        return money(info, root.received_amount)

    @strawberry_django.field
    def returned_amount(self, root: models.SalesOrder, info: Info) -> Decimal | None:
        return money(info, root.returned_amount)

    @strawberry_django.field
    def invoiced_amount(self, root: models.SalesOrder, info: Info) -> Decimal | None:
        return money(info, root.invoiced_amount)

    @strawberry_django.field(description="total − returned − received.")
    def balance_due(self, root: models.SalesOrder, info: Info) -> Decimal | None:
        return money(info, root.balance_due)

    @strawberry_django.field(description="Empty for callers who do not see order money.")
    def expenses(self, root: models.SalesOrder, info: Info) -> list[OrderExpenseType]:
        return list(root.expenses.all()) if sees_money(info) else []  # type: ignore[arg-type]

    @strawberry_django.field(description="Edits after approval, oldest first.")
    def revisions(self, root: models.SalesOrder) -> list[OrderRevisionType]:
        return list(root.revisions.all())  # type: ignore[arg-type]

    @strawberry_django.field(description="Status history, oldest first.")
    def events(self, root: models.SalesOrder) -> list[SalesOrderEventType]:
        return [event_view(event) for event in events_for(root)]

    @strawberry_django.field(description=AVAILABLE_ACTIONS)
    def available_actions(self, root: models.SalesOrder, info: Info) -> list[SalesOrderActionEnum]:  # type: ignore[valid-type]
        return [OrderAction(name) for name in order_actions(root, current_user(info))]


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
    sku: SalesSkuType
    unit_name: str
    unit_factor: Decimal
    pack_unit_id: strawberry.ID | None = strawberry.field(description="Null: the base unit.")
    quantity: Decimal
    unit_price: Decimal | None
    discount_rate: Decimal | None
    order_id: strawberry.ID
    order_number: str
    order_date: date


@strawberry_django.type(models.SalesSettings, name="SalesSettings")
class SalesSettingsType:
    review_required: bool = strawberry_django.field(description="False: submitting approves at once.")
    credit_policy: str = strawberry_django.field(description="off, block or approval.")
    signback_required: bool = strawberry_django.field(description="False: fully shipped completes the order.")
    default_tax_rate: Decimal
