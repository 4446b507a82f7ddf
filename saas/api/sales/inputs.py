"""GraphQL inputs of sales orders and quotations. Lists are checked by the services (at most 100
lines); strings by their max lengths."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import Enum

import strawberry

from saas.api.sales.enums import CreditPolicy, DeliveryMethod, SalesOrderStatus
from saas.api.sorting import SortDirection
from saas.sales import services


@strawberry.input
class SalesOrderFilter:
    statuses: list[SalesOrderStatus] | None = strawberry.field(
        default=None, description="Any of these statuses (the queues: PENDING_REVIEW, PENDING_SHIPMENT…)."
    )
    customer_id: strawberry.ID | None = None
    rep_id: strawberry.ID | None = None
    date_from: date | None = strawberry.field(default=None, description="Order date, workspace time zone.")
    date_to: date | None = None
    search: str = strawberry.field(default="", description="Order number or customer name.")
    sku_id: strawberry.ID | None = strawberry.field(
        default=None, description="Orders with this SKU on a line."
    )
    warehouse_id: strawberry.ID | None = strawberry.field(
        default=None, description="Orders shipped from this warehouse."
    )
    amount_min: Decimal | None = strawberry.field(
        default=None, description="Total at least this (needs order money sight, as totalAmount)."
    )
    amount_max: Decimal | None = strawberry.field(
        default=None, description="Total at most this (needs order money sight, as totalAmount)."
    )
    ids: list[strawberry.ID] | None = strawberry.field(
        default=None, description="Only these orders (at most 500): a selection of a table."
    )


@strawberry.enum(description="The columns the order list sorts by.")
class SalesOrderSortField(Enum):
    NUMBER = strawberry.enum_value("number", description="Order number (SO-…).")
    ORDER_DATE = strawberry.enum_value("order_date", description="Order date.")
    CUSTOMER = strawberry.enum_value("customer", description="The customer's name.")
    REP = strawberry.enum_value("rep", description="The sales rep's name.")
    WAREHOUSE = strawberry.enum_value("warehouse", description="The warehouse's name.")
    STATUS = strawberry.enum_value("status", description="Status.")
    TOTAL_AMOUNT = strawberry.enum_value("total_amount", description="Total (needs order money sight).")
    CREATED_AT = strawberry.enum_value("created_at", description="When it was written.")


@strawberry.input(description="Sort the order list by one column (then by id); offset pages only.")
class SalesOrderOrderBy:
    field: SalesOrderSortField = strawberry.field(description="The column.")
    direction: SortDirection = strawberry.field(default=SortDirection.ASC, description="Which way.")


@strawberry.input
class SalesLineInput:
    sku_id: strawberry.ID
    quantity: Decimal = strawberry.field(
        description="In the pack unit when packUnitId is given, else the base unit."
    )
    pack_unit_id: strawberry.ID | None = None
    unit_price: Decimal | None = strawberry.field(
        default=None, description="Per unit, tax included. Empty: the SKU's list price."
    )
    discount_rate: Decimal | None = strawberry.field(default=None, description="Percent off; empty: none.")
    tax_rate: Decimal | None = strawberry.field(
        default=None, description="Percent; empty: the workspace default."
    )
    warehouse_id: strawberry.ID | None = strawberry.field(
        default=None, description="Orders only; empty: the order's warehouse."
    )
    remark: str = ""
    line_id: strawberry.ID | None = strawberry.field(
        default=None, description="Updating an approved order: the line this one changes. Empty: a new line."
    )
    expected_price: Decimal | None = strawberry.field(
        default=None,
        description="salesOrderPlace: the customer's price per base unit this line was priced from (a "
        "cached orderLinePrices.price, for an order taken offline). When the price has changed since, "
        "the line is refused with price_changed; empty: not checked.",
    )


@strawberry.input
class ShipToInput:
    receiver: str = ""
    phone: str = ""
    province: str = ""
    city: str = ""
    district: str = ""
    detail: str = ""


@strawberry.input
class SalesOrderCreateInput:
    customer_id: strawberry.ID
    warehouse_id: strawberry.ID
    lines: list[SalesLineInput]
    rep_id: strawberry.ID | None = strawberry.field(default=None, description="Empty: the caller.")
    requested_date: date | None = None
    delivery_method: DeliveryMethod | None = strawberry.field(default=None, description="Empty: express.")
    contact_name: str | None = strawberry.field(
        default=None, description="Empty: the customer's primary contact."
    )
    contact_phone: str | None = None
    ship_to: ShipToInput | None = strawberry.field(
        default=None, description="Empty: the customer's default address."
    )
    remarks: str = ""
    idempotency_key: str | None = None


@strawberry.input(
    description="salesOrderPlace: salesOrderCreate's fields, the submit note, and whether to approve."
)
class SalesOrderPlaceInput(SalesOrderCreateInput):
    requested_date: date | None = strawberry.field(
        default=None, description="The day the customer wants the goods (workspace time zone)."
    )
    note: str = strawberry.field(
        default="", description="The submit note (待审核 reason), as salesOrderSubmit's."
    )
    approve: bool = strawberry.field(
        default=True,
        description="Approve it in the same request when the caller may (orders.review, and the credit "
        "override when the credit policy holds it). False: leave it pending review.",
    )


@strawberry.input
class SalesOrderUpdateInput:
    lines: list[SalesLineInput] | None = strawberry.field(
        default=None, description="The whole new set of lines when given."
    )
    customer_id: strawberry.ID | None = strawberry.field(default=None, description="Before approval only.")
    warehouse_id: strawberry.ID | None = strawberry.field(default=None, description="Before approval only.")
    rep_id: strawberry.ID | None = None
    requested_date: date | None = strawberry.field(default=strawberry.UNSET, description="null clears it.")
    delivery_method: DeliveryMethod | None = None
    contact_name: str | None = None
    contact_phone: str | None = None
    ship_to: ShipToInput | None = None
    remarks: str | None = None
    note: str = strawberry.field(default="", description="Why, for the revision of an approved order.")


@strawberry.input
class ShipLineInput:
    line_id: strawberry.ID
    quantity: Decimal = strawberry.field(description="Base units.")


@strawberry.input
class SalesOrderShipInput:
    order_id: strawberry.ID
    lines: list[ShipLineInput]
    note: str = ""
    idempotency_key: str | None = None


@strawberry.input
class OrderExpenseInput:
    order_id: strawberry.ID
    name: str
    amount: Decimal
    remark: str = ""
    idempotency_key: str | None = None


@strawberry.input
class QuotationCreateInput:
    customer_id: strawberry.ID
    lines: list[SalesLineInput]
    valid_until: date | None = strawberry.field(default=None, description="Empty: 30 days from today.")
    remarks: str = ""
    rep_id: strawberry.ID | None = None
    idempotency_key: str | None = None


@strawberry.input
class QuotationUpdateInput:
    lines: list[SalesLineInput] | None = strawberry.field(default=None, description="Replaces every line.")
    customer_id: strawberry.ID | None = None
    valid_until: date | None = strawberry.field(default=strawberry.UNSET)
    remarks: str | None = None


@strawberry.input
class SalesSettingsInput:
    review_required: bool | None = None
    credit_policy: CreditPolicy | None = strawberry.field(default=None, description="Empty: unchanged.")
    signback_required: bool | None = None
    default_tax_rate: Decimal | None = None
    backorders_allowed: bool | None = strawberry.field(
        default=None, description="False: an order is placed only when its warehouse has the stock."
    )


def line_inputs(lines: list[SalesLineInput]) -> list[services.LineInput]:
    return [
        services.LineInput(
            sku_id=line.sku_id,
            quantity=line.quantity,
            pack_unit_id=line.pack_unit_id,
            unit_price=line.unit_price,
            discount_rate=line.discount_rate,
            tax_rate=line.tax_rate,
            warehouse_id=line.warehouse_id,
            remark=line.remark,
            line_id=line.line_id,
            expected_price=line.expected_price,
        )
        for line in lines
    ]


def ship_to_input(given: ShipToInput | None) -> services.ShipTo | None:
    if given is None:
        return None
    return services.ShipTo(
        receiver=given.receiver,
        phone=given.phone,
        province=given.province,
        city=given.city,
        district=given.district,
        detail=given.detail,
    )
