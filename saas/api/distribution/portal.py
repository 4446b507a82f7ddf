"""The distributors' portal (people only: a partner key is refused before it runs): its own
distributor, its catalogue at its prices and the categories its level may see, a priced cart,
its orders with their shipments, and placing an order.
Every resolver starts from the caller's membership (saas/distribution/selectors/portal.py), so
no argument can reach another distributor's rows."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

import strawberry
from django.utils import translation
from strawberry.types import Info

from saas.api.catalog.types import SkuType
from saas.api.choices import model_value
from saas.api.distribution.downline import DownlineMemberType, DownlinePage
from saas.api.distribution.enums import DistributorPayWith
from saas.api.distribution.types import DistributorType
from saas.api.errors import FieldError, run_service
from saas.api.inventory.availability import AvailabilityBand
from saas.api.permissions import current_actor
from saas.api.sales.enums import SalesOrderStatus
from saas.api.shipping.enums import ShipmentStatus
from saas.core.errors import NotFound
from saas.core.paging import check_page
from saas.distribution.lines import OrderLineInput
from saas.distribution.models import DistributorOrder
from saas.distribution.pricing import LinePrice
from saas.distribution.selectors import portal
from saas.distribution.selectors.downline import my_downline, my_downline_member
from saas.distribution.services.common import from_fen
from saas.distribution.services.ordering import distributor_order_place
from saas.sales.services.pricing import line_amounts
from saas.shipping.models import Shipment
from saas.shipping.models import ShipmentStatus as ShipmentStatusChoice


@strawberry.type(
    name="DistributorCatalogItem", description="A SKU the caller's level may order, at its price."
)
class CatalogItemType:
    sku: SkuType = strawberry.field(description="The SKU (code, name, specs, list price).")
    price: Decimal = strawberry.field(description="The caller's price for one base unit, tax included.")
    list_price: Decimal = strawberry.field(description="The SKU's list price (标准价).")
    price_rule: str = strawberry.field(
        description="Which rule set the price: the list, its date, the quantity break, the discount."
    )
    case_quantity: int | None = strawberry.field(
        description="Order in multiples of this; null: any quantity."
    )
    availability: AvailabilityBand | None = strawberry.field(  # type: ignore[valid-type]
        description="In stock, low or out; null when the workspace shows distributors nothing."
    )


@strawberry.type
class DistributorCatalogPage:
    total_count: int = strawberry.field(description="Rows in the whole list, with the same filters.")
    items: list[CatalogItemType] = strawberry.field(description="The rows of this page, in product order.")


@strawberry.type(
    name="DistributorCartLine", description="One line of a cart, priced as an order placed today."
)
class CartLineType:
    sku_id: strawberry.ID = strawberry.field(description="The SKU asked for.")
    quantity: Decimal = strawberry.field(description="In base units.")
    price: Decimal = strawberry.field(description="Per base unit, tax included.")
    list_price: Decimal = strawberry.field(description="The SKU's list price.")
    amount: Decimal = strawberry.field(description="quantity × price, to the cent.")
    price_rule: str = strawberry.field(description="Which rule set the price.")
    case_quantity: int | None = strawberry.field(
        description="Order in multiples of this; null: any quantity."
    )
    problem: str | None = strawberry.field(
        description="Why the line cannot be ordered: not_found, not_allowed or case_multiple; null: it can."
    )
    _cart: strawberry.Private[portal.PricedCart]

    @strawberry.field(description="The SKU; null when it does not exist.")
    def sku(self) -> SkuType | None:
        return self._cart.sku(int(self.sku_id))  # type: ignore[return-value]

    @classmethod
    def of(cls, line: LinePrice, cart: portal.PricedCart) -> CartLineType:
        amounts = line_amounts(
            quantity=line.quantity, unit_price=line.unit_price, discount_rate=Decimal(0), tax_rate=Decimal(0)
        )
        return cls(
            sku_id=strawberry.ID(str(line.sku_id)),
            quantity=line.quantity,
            price=line.unit_price,
            list_price=line.list_price,
            amount=amounts.amount,
            price_rule=line.price_rule,
            case_quantity=line.case_quantity,
            problem=line.problem,
            _cart=cart,
        )


@strawberry.type(name="DistributorCart", description="A cart priced line by line.")
class CartType:
    lines: list[CartLineType] = strawberry.field(description="The lines, in the order sent.")
    total: Decimal = strawberry.field(description="The lines that can be ordered, added up.")


@strawberry.type(
    name="DistributorOrderLine", description="A line of a distributor's order, as it was placed."
)
class OrderLineType:
    sku: SkuType = strawberry.field(description="The SKU ordered.")
    quantity: Decimal = strawberry.field(description="In base units.")
    unit_price: Decimal = strawberry.field(description="The price it was placed at, tax included.")
    amount: Decimal = strawberry.field(description="quantity × unitPrice, to the cent.")
    shipped_quantity: Decimal = strawberry.field(description="Base units shipped so far.")
    list_price: Decimal | None = strawberry.field(description="The list price when it was placed.")
    price_rule: str = strawberry.field(description="Which rule set the price when it was placed.")


@strawberry.type(
    name="DistributorCategory",
    description="A category of the goods the caller's level may see (its catalogue's, or a product's).",
)
class CategoryType:
    id: strawberry.ID
    name: str = strawberry.field(description="The category's own name.")
    parent_id: strawberry.ID | None = strawberry.field(description="Its parent category; null: top level.")
    path: list[str] = strawberry.field(description="Names from the top level down: [女装, 衬衫].")


@strawberry.type(
    name="DistributorShipment",
    description="A package of the distributor's order that has left the warehouse (已发货 / 已签收).",
)
class ShipmentType:
    id: strawberry.ID
    number: str = strawberry.field(description="The shipment's number, SH-2026-000123.")
    status: ShipmentStatus = strawberry.field(description="Shipped, or signed for.")  # type: ignore[valid-type]
    carrier_name: str | None = strawberry.field(
        description="The carrier (快递公司) in the user's language; null: delivered without one."
    )
    carrier_phone: str = strawberry.field(description="The carrier's customer service; may be empty.")
    tracking_number: str = strawberry.field(description="The carrier's number (快递单号); may be empty.")
    shipped_at: datetime | None = strawberry.field(description="When it left the warehouse.")
    signed: bool = strawberry.field(description="The signed delivery note or signature is back (已签收).")
    signed_at: datetime | None = strawberry.field(description="When it was signed for, as reported.")

    @classmethod
    def of(cls, shipment: Shipment) -> ShipmentType:
        carrier = shipment.carrier
        return cls(
            id=strawberry.ID(str(shipment.pk)),
            number=shipment.number,
            status=ShipmentStatus(shipment.status),
            carrier_name=carrier.display_name(translation.get_language() or "zh-hans") if carrier else None,
            carrier_phone=carrier.phone if carrier else "",
            tracking_number=shipment.tracking_number,
            shipped_at=shipment.shipped_at,
            signed=shipment.status == ShipmentStatusChoice.SIGNED,
            signed_at=shipment.signed_at,
        )


@strawberry.type(name="DistributorOrder", description="A sales order the distributor placed, as it sees it.")
class DistributorOrderType:
    id: strawberry.ID = strawberry.field(description="The sales order's id.")
    number: str = strawberry.field(description="The sales order's number.")
    status: SalesOrderStatus = strawberry.field(description="Where it is: review, shipping, done.")  # type: ignore[valid-type]
    order_date: date = strawberry.field(description="The day it was placed, in the workspace's time zone.")
    total: Decimal = strawberry.field(description="What it comes to, tax included.")
    pay_with: DistributorPayWith = strawberry.field(description="How it was paid.")  # type: ignore[valid-type]
    paid_from_wallet: Decimal = strawberry.field(description="Paid from the cash balance.")
    paid_from_rebate: Decimal = strawberry.field(description="Paid from the rebate balance.")
    created_at: datetime
    lines: list[OrderLineType] = strawberry.field(description="The lines, in order.")
    shipments: list[ShipmentType] = strawberry.field(
        description="Its packages that have left (shipped or signed for), oldest first, with the "
        "carrier and tracking number; one still being packed is not listed."
    )

    @classmethod
    def of(cls, placed: DistributorOrder) -> DistributorOrderType:
        order = placed.order
        rules = {row.get("line_no"): row for row in placed.line_rules or []}
        return cls(
            id=strawberry.ID(str(order.pk)),
            number=order.number,
            status=SalesOrderStatus(order.status),
            order_date=order.order_date,
            total=order.total_amount,
            pay_with=DistributorPayWith(placed.pay_with),
            paid_from_wallet=from_fen(placed.cash_fen),
            paid_from_rebate=from_fen(placed.rebate_fen),
            created_at=order.created_at,
            lines=[
                OrderLineType(
                    sku=line.sku,  # type: ignore[arg-type]
                    quantity=line.quantity,
                    unit_price=line.unit_price,
                    amount=line.amount,
                    shipped_quantity=line.shipped_quantity,
                    list_price=Decimal(rules[line.line_no]["list_price"]) if line.line_no in rules else None,
                    price_rule=str(rules.get(line.line_no, {}).get("price_rule", "")),
                )
                for line in order.lines.all()
            ],
            shipments=[ShipmentType.of(shipment) for shipment in getattr(order, "portal_shipments", [])],
        )


@strawberry.type
class DistributorOrderPage:
    total_count: int = strawberry.field(description="Rows in the whole list, with the same filters.")
    items: list[DistributorOrderType] = strawberry.field(description="The orders, newest first.")


@strawberry.input(description="A SKU and how many base units of it.")
class DistributorOrderLineInput:
    sku_id: strawberry.ID = strawberry.field(description="The SKU.")
    quantity: Decimal = strawberry.field(description="In base units; a multiple of the case quantity if any.")


@strawberry.input(description="An order of the caller's distributor.")
class DistributorOrderPlaceInput:
    lines: list[DistributorOrderLineInput] = strawberry.field(description="1 to 100 lines, one per SKU.")
    pay_with: DistributorPayWith = strawberry.field(description="From the wallet or on credit.")  # type: ignore[valid-type]
    rebate_amount: Decimal | None = strawberry.field(
        default=None,
        description="Yuan of rebate to use (WALLET only): at most the rebate balance and the workspace's cap.",
    )
    remarks: str | None = strawberry.field(
        default=None, description="For the workspace (at most 500 characters)."
    )
    idempotency_key: str | None = strawberry.field(
        default=None, description="A retry with the same key returns the first order instead of a second."
    )


@strawberry.type
class DistributorOrderPlacePayload:
    sales_order: DistributorOrderType | None = strawberry.field(
        description="The order as placed, submitted for review; null when refused."
    )
    errors: list[FieldError]


def _lines(lines: list[DistributorOrderLineInput]) -> list[OrderLineInput]:
    return [OrderLineInput(sku_id=line.sku_id, quantity=line.quantity) for line in lines]


Search = Annotated[str, strawberry.argument(description="Names, codes, pinyin, spec values or a barcode.")]
CategoryId = Annotated[
    strawberry.ID | None, strawberry.argument(description="Only this category and its subcategories.")
]


@strawberry.type
class PortalQueries:
    @strawberry.field(
        description="The caller's own distributor, with its level, wallet and credit; for people of the "
        "distributor role (others: not_a_distributor)."
    )
    def my_distributor(self, info: Info) -> DistributorType:
        return DistributorType.of(portal.my_distributor(actor=current_actor(info)))

    @strawberry.field(
        description="What the caller's level may order, at the caller's prices (one base unit)."
    )
    def distributor_catalog(
        self,
        info: Info,
        search: Search = "",
        category_id: CategoryId = None,
        limit: int = 20,
        offset: int = 0,
    ) -> DistributorCatalogPage:
        page = portal.distributor_catalog(
            actor=current_actor(info), search=search, category_id=category_id, limit=limit, offset=offset
        )
        return DistributorCatalogPage(
            total_count=page.total_count,
            items=[
                CatalogItemType(
                    sku=item.price.sku,  # type: ignore[arg-type]
                    price=item.price.unit_price,
                    list_price=item.price.list_price,
                    price_rule=item.price.price_rule,
                    case_quantity=item.price.case_quantity,
                    availability=item.availability,
                )
                for item in page.items
            ],
        )

    @strawberry.field(
        description="The categories the caller's level may see, in tree order: choose one for "
        "distributorCatalog(categoryId). A level without a catalogue sees every category."
    )
    def distributor_categories(self, info: Info) -> list[CategoryType]:
        return [
            CategoryType(
                id=strawberry.ID(str(row.pk)),
                name=row.name,
                parent_id=strawberry.ID(str(row.parent_id)) if row.parent_id is not None else None,
                path=row.path,
            )
            for row in portal.distributor_categories(actor=current_actor(info))
        ]

    @strawberry.field(
        description="A cart of up to 1,000 lines priced as an order placed today, line by line."
    )
    def distributor_cart_price(
        self,
        info: Info,
        lines: Annotated[
            list[DistributorOrderLineInput], strawberry.argument(description="The cart: one line per SKU.")
        ],
    ) -> CartType:
        cart = portal.cart_price(actor=current_actor(info), lines=_lines(lines))
        priced = [CartLineType.of(line, cart) for line in cart.lines]
        return CartType(
            lines=priced, total=sum((line.amount for line in priced if line.problem is None), Decimal(0))
        )

    @strawberry.field(description="The caller's distributor's orders, newest first.")
    def distributor_orders(self, info: Info, limit: int = 20, offset: int = 0) -> DistributorOrderPage:
        check_page(limit, offset)
        rows = portal.my_orders(actor=current_actor(info))
        return DistributorOrderPage(
            total_count=rows.count(),
            items=[DistributorOrderType.of(row) for row in rows[offset : offset + limit]],
        )

    @strawberry.field(description="One of the caller's distributor's orders, by its sales order id.")
    def distributor_order(self, info: Info, id: strawberry.ID) -> DistributorOrderType:
        return DistributorOrderType.of(portal.my_order(actor=current_actor(info), order_id=id))

    @strawberry.field(
        description="The caller's distributor's downline (下级): every distributor of its subtree below "
        "it, in tree order, with this month's purchases and its latest stock report. Never a sibling, "
        "an ancestor or another branch."
    )
    def my_downline(self, info: Info, limit: int = 50, offset: int = 0) -> DownlinePage:
        page = my_downline(actor=current_actor(info), limit=limit, offset=offset)
        return DownlinePage(
            total_count=page.total_count, items=[DownlineMemberType.of(row) for row in page.items]
        )

    @strawberry.field(description="One distributor of the caller's downline; any other id is not_found.")
    def my_downline_member(self, info: Info, id: strawberry.ID) -> DownlineMemberType:
        return DownlineMemberType.of(my_downline_member(actor=current_actor(info), member_id=id))


@strawberry.type
class PortalMutations:
    @strawberry.mutation(
        description="Place an order of the caller's distributor at its prices, paid from its wallet or on "
        "credit, submitted into the workspace's review queue. Codes: sku_not_allowed, case_multiple, "
        "below_minimum_order, insufficient_balance, insufficient_rebate, rebate_over_cap, "
        "credit_limit_exceeded, distributor_suspended."
    )
    def distributor_order_place(
        self, info: Info, input: DistributorOrderPlaceInput
    ) -> DistributorOrderPlacePayload:
        actor = current_actor(info)
        order, errors = run_service(
            lambda: distributor_order_place(
                actor=actor,
                lines=_lines(input.lines),
                pay_with=model_value(input.pay_with) or "",
                rebate_amount=input.rebate_amount,
                remarks=input.remarks or "",
                idempotency_key=input.idempotency_key,
            )
        )
        if order is None:
            return DistributorOrderPlacePayload(sales_order=None, errors=errors)
        try:
            placed = portal.my_order(actor=actor, order_id=order.pk)
        except NotFound:  # never: the order was placed by this caller's distributor
            return DistributorOrderPlacePayload(sales_order=None, errors=errors)
        return DistributorOrderPlacePayload(sales_order=DistributorOrderType.of(placed), errors=errors)
