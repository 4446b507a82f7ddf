"""GraphQL types of what shipping works from: orders to ship, their summaries, pick lists, the
daily list, a package being verified, and rows of an imported tracking-number sheet."""

from __future__ import annotations

import enum
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

import strawberry

from saas.api.catalog.types import SkuType
from saas.api.errors import FieldError
from saas.api.inventory.types import WarehouseType
from saas.api.pagination import Page
from saas.api.restricted import ORDER_MONEY, restricted
from saas.api.sales.enums import DeliveryMethod, SalesOrderStatus
from saas.api.shipping.enums import ShipmentStatus
from saas.api.shipping.types import (
    CarrierType,
    ShipmentType,
    address_of,
    carrier_view,
    shipment_view,
    sku_view,
    warehouse_view,
)
from saas.sales.models import SalesOrder
from saas.shipping import selectors
from saas.shipping.imports import ImportedRow
from saas.shipping.services import VerifyState
from saas.shipping.services import verify as verify_rules


@strawberry.enum(description="What the last scan did.")
class ScanOutcome(enum.Enum):
    STARTED = verify_rules.STARTED
    MATCHED = verify_rules.MATCHED
    EXTRA = verify_rules.EXTRA
    REMOVED = verify_rules.REMOVED
    UNKNOWN = verify_rules.UNKNOWN
    RESET = verify_rules.RESET


@strawberry.enum
class OrderGroup(enum.Enum):
    REP = "rep"
    CUSTOMER = "customer"
    DELIVERY_METHOD = "delivery_method"


@strawberry.type(name="ShippingOrderLine")
class ShippingOrderLineType:
    id: strawberry.ID
    line_no: int
    sku: SkuType
    warehouse: WarehouseType
    unit_name: str
    quantity: Decimal = strawberry.field(description="In unitName.")
    base_quantity: Decimal
    shipped_quantity: Decimal
    planned_quantity: Decimal = strawberry.field(description="In packing shipments, not yet shipped.")
    open_quantity: Decimal = strawberry.field(description="Base units still to ship and not planned.")
    unit_price: Decimal | None = strawberry.field(
        description="Per unitName, tax included.", extensions=restricted(ORDER_MONEY)
    )
    amount: Decimal | None = strawberry.field(
        description="The line's amount, tax included.", extensions=restricted(ORDER_MONEY)
    )


@strawberry.type(name="ShippingOrderShipment")
class OrderShipmentType:
    id: strawberry.ID
    number: str
    status: ShipmentStatus
    carrier_name: str | None
    tracking_number: str
    ship_date: date | None


@strawberry.type(name="ShippingOrder", description="An order as the shipping screens show it.")
class ShippingOrderType:
    id: strawberry.ID
    number: str
    status: SalesOrderStatus
    customer_id: strawberry.ID
    customer_name: str
    rep_id: strawberry.ID
    rep_name: str
    delivery_method: DeliveryMethod
    warehouse: WarehouseType
    order_date: date
    requested_date: date | None
    due_date: date = strawberry.field(description="The requested delivery date, else the order date.")
    contact_name: str
    contact_phone: str
    receiver: str
    receiver_phone: str
    province: str
    city: str
    district: str
    detail: str
    address: str
    remarks: str
    total_amount: Decimal | None = strawberry.field(
        description="What the customer owes for the goods, tax included.", extensions=restricted(ORDER_MONEY)
    )
    open_quantity: Decimal
    lines: list[ShippingOrderLineType]
    shipments: list[OrderShipmentType]
    last_ship_date: date | None
    signback_due_date: date | None = strawberry.field(description="The last day before it is overdue.")
    signback_overdue: bool


def order_view(order: SalesOrder, *, money: bool, planned: dict[int, Decimal]) -> ShippingOrderType:
    lines = list(order.lines.all())
    views = []
    for line in lines:
        planned_quantity = planned.get(line.pk, Decimal(0))
        open_quantity = Decimal(line.base_quantity) - Decimal(line.shipped_quantity) - planned_quantity
        views.append(
            ShippingOrderLineType(
                id=strawberry.ID(str(line.pk)),
                line_no=line.line_no,
                sku=sku_view(line.sku),
                warehouse=warehouse_view(line.warehouse),
                unit_name=line.unit_name,
                quantity=line.quantity,
                base_quantity=line.base_quantity,
                shipped_quantity=line.shipped_quantity,
                planned_quantity=planned_quantity,
                open_quantity=max(open_quantity, Decimal(0)),
                unit_price=line.unit_price if money else None,
                amount=line.amount if money else None,
            )
        )
    return ShippingOrderType(
        id=strawberry.ID(str(order.pk)),
        number=order.number,
        status=SalesOrderStatus(order.status),
        customer_id=strawberry.ID(str(order.customer_id)),
        customer_name=order.customer.name,
        rep_id=strawberry.ID(str(order.rep_id)),
        rep_name=order.rep.full_name,
        warehouse=warehouse_view(order.warehouse),
        delivery_method=DeliveryMethod(order.delivery_method),
        order_date=order.order_date,
        requested_date=order.requested_date,
        due_date=order.requested_date or order.order_date,
        contact_name=order.contact_name,
        contact_phone=order.contact_phone,
        receiver=order.ship_receiver,
        receiver_phone=order.ship_phone,
        province=order.ship_province,
        city=order.ship_city,
        district=order.ship_district,
        detail=order.ship_detail,
        address=address_of(order),
        remarks=order.remarks,
        total_amount=order.total_amount if money else None,
        open_quantity=sum((v.open_quantity for v in views), Decimal(0)),
        lines=views,
        shipments=[
            OrderShipmentType(
                id=strawberry.ID(str(s.pk)),
                number=s.number,
                status=ShipmentStatus(s.status),
                carrier_name=carrier_view(s.carrier).name if s.carrier else None,
                tracking_number=s.tracking_number,
                ship_date=s.ship_date,
            )
            for s in order.shipments.all()  # type: ignore[attr-defined]
        ],
        last_ship_date=getattr(order, "last_ship_date", None),
        signback_due_date=getattr(order, "signback_due", None),
        signback_overdue=bool(getattr(order, "signback_overdue", False)),
    )


@strawberry.type
class ShippingOrderPage(Page[ShippingOrderType]):
    pass
    print_url: str = strawberry.field(description="The list of orders to deliver, printable (&format=pdf).")


def delivery_list_url(params: dict[str, str]) -> str:
    query = urlencode({k: v for k, v in params.items() if v})
    return "/shipping/print/delivery-list/" + (f"?{query}" if query else "")


@strawberry.type(name="ShippingOrderSummaryRow")
class SummaryRowType:
    key: str = strawberry.field(description="The rep's or customer's id, or the delivery method.")
    name: str
    order_count: int
    open_quantity: Decimal
    amount: Decimal | None = strawberry.field(
        description="The orders' totals, tax included.", extensions=restricted(ORDER_MONEY)
    )


def summary_view(row: selectors.SummaryRow, *, money: bool) -> SummaryRowType:
    return SummaryRowType(
        key=row.key,
        name=row.name,
        order_count=row.order_count,
        open_quantity=row.open_quantity,
        amount=row.amount if money else None,
    )


@strawberry.type(name="PickListOrder")
class PickOrderType:
    order_number: str
    quantity: Decimal


@strawberry.type(name="PickListRow")
class PickRowType:
    sku: SkuType
    quantity: Decimal = strawberry.field(description="Base units.")
    orders: list[PickOrderType]


@strawberry.type(name="PickListGroup", description="One bin (库位) of one warehouse; no bin comes last.")
class PickGroupType:
    warehouse: WarehouseType
    bin_code: str | None
    bin_name: str | None
    rows: list[PickRowType]


@strawberry.type(name="PickList")
class PickListType:
    order_numbers: list[str]
    total_quantity: Decimal
    groups: list[PickGroupType]
    print_url: str


def pick_list_view(pick: selectors.PickList, print_url: str) -> PickListType:
    return PickListType(
        order_numbers=pick.order_numbers,
        total_quantity=pick.total_quantity,
        groups=[
            PickGroupType(
                warehouse=warehouse_view(group.warehouse),
                bin_code=group.bin.code if group.bin else None,
                bin_name=group.bin.name if group.bin else None,
                rows=[
                    PickRowType(
                        sku=sku_view(row.sku),
                        quantity=row.quantity,
                        orders=[
                            PickOrderType(order_number=o.order_number, quantity=o.quantity)
                            for o in row.orders
                        ],
                    )
                    for row in group.rows
                ],
            )
            for group in pick.groups
        ],
        print_url=print_url,
    )


@strawberry.type
class DailyShippingList:
    date: date
    shipment_count: int
    total_quantity: Decimal
    shipments: list[ShipmentType]
    print_url: str


def daily_view(daily: selectors.DailyList, *, money: bool) -> DailyShippingList:
    query = urlencode(
        {
            "date": daily.day.isoformat(),
            **({"warehouse": str(daily.warehouse_id)} if daily.warehouse_id else {}),
        }
    )
    return DailyShippingList(
        date=daily.day,
        shipment_count=len(daily.shipments),
        total_quantity=daily.total_quantity,
        shipments=[shipment_view(s, money=money) for s in daily.shipments],
        print_url=f"/shipping/print/daily-list/?{query}",
    )


@strawberry.type(name="ShipmentVerifyLine")
class VerifyLineType:
    sku: SkuType
    expected: Decimal = strawberry.field(description="Base units planned in the package.")
    scanned: Decimal
    missing: Decimal
    extra: Decimal


@strawberry.type(name="ShipmentVerifyState", description="The package's count after the last scan.")
class VerifyStateType:
    shipment_id: strawberry.ID
    shipment_number: str
    order_number: str
    tracking_number: str
    outcome: ScanOutcome
    scanned_sku: SkuType | None
    verified: bool = strawberry.field(description="Every planned item scanned exactly, nothing extra.")
    lines: list[VerifyLineType]
    missing: list[VerifyLineType]
    extra: list[VerifyLineType]
    missing_count: Decimal
    extra_count: Decimal


def verify_view(state: VerifyState) -> VerifyStateType:
    def line(item: verify_rules.VerifyLine) -> VerifyLineType:
        return VerifyLineType(
            sku=sku_view(state.skus[item.sku_id]),
            expected=item.expected,
            scanned=item.scanned,
            missing=item.missing,
            extra=item.extra,
        )

    shipment = state.shipment
    return VerifyStateType(
        shipment_id=strawberry.ID(str(shipment.pk)),
        shipment_number=shipment.number,
        order_number=shipment.order.number,
        tracking_number=shipment.tracking_number,
        outcome=ScanOutcome(state.outcome),
        scanned_sku=sku_view(state.skus[state.scanned_sku_id])
        if state.scanned_sku_id in state.skus
        else None,
        verified=state.verified,
        lines=[line(item) for item in state.lines],
        missing=[line(item) for item in state.missing],
        extra=[line(item) for item in state.extra],
        missing_count=sum((item.missing for item in state.lines), Decimal(0)),
        extra_count=sum((item.extra for item in state.lines), Decimal(0)),
    )


@strawberry.type(
    name="ShipmentImportRow", description="One row of an imported sheet, checked, nothing written."
)
class ImportRowType:
    row: int = strawberry.field(description="The sheet's own row number.")
    order_number: str
    order_id: strawberry.ID | None
    order_status: SalesOrderStatus | None
    tracking_number: str
    carrier: CarrierType | None
    errors: list[FieldError]


def import_row_view(row: ImportedRow) -> ImportRowType:
    return ImportRowType(
        row=row.row_no,
        order_number=row.order_number,
        order_id=strawberry.ID(str(row.order_id)) if row.order_id else None,
        order_status=SalesOrderStatus(row.order_status) if row.order_status else None,
        tracking_number=row.tracking_number,
        carrier=carrier_view(row.carrier) if row.carrier else None,
        errors=[FieldError(field=p.field, code=p.code, message=p.message) for p in row.problems],
    )
