"""Values of printed documents from real records: the letterhead, delivery notes, pick lists, the
daily shipping list and the list of orders to deliver. Every value is a finished string."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from saas.core.amount_words import rmb_upper
from saas.core.clock import tenant_now, tenant_today
from saas.core.tenancy import current_tenant
from saas.sales.models import DeliveryMethod, SalesOrder
from saas.shipping.models import Carrier, Shipment
from saas.shipping.printing.document import DocData, Letterhead, money_text, quantity_text
from saas.shipping.selectors import DailyList, PickList
from saas.shipping.services.settings import shipping_settings

CENT = Decimal("0.01")
DELIVERY_LABELS = {
    DeliveryMethod.EXPRESS: gettext_lazy("Express"),
    DeliveryMethod.LOGISTICS: gettext_lazy("Freight"),
    DeliveryMethod.DELIVERY: gettext_lazy("Our delivery"),
    DeliveryMethod.PICKUP: gettext_lazy("Customer pickup"),
}
LOGO_TYPES = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg"}


def delivery_label(method: str) -> str:
    return str(DELIVERY_LABELS.get(method, method))  # type: ignore[call-overload]


def carrier_label(carrier: Carrier | None) -> str:
    if carrier is None:
        return ""
    return carrier.display_name(translation.get_language() or "zh-hans")


def now_text() -> str:
    return tenant_now().strftime("%Y-%m-%d %H:%M")


def letterhead() -> Letterhead:
    settings_row = shipping_settings()
    logo: bytes | None = None
    if settings_row.logo:
        try:
            with settings_row.logo.open("rb") as handle:
                logo = handle.read()
        except OSError:  # the row outlived its file; print without the logo rather than fail
            logo = None
    logo_type = next((kind for magic, kind in LOGO_TYPES.items() if logo and logo.startswith(magic)), "")
    return Letterhead(
        company_name=settings_row.print_company_name or current_tenant().name,
        phone=settings_row.print_phone,
        address=settings_row.print_address,
        logo=logo if logo_type else None,
        logo_type=logo_type,
        footer_text=settings_row.print_footer,
    )


def address_text(order: SalesOrder) -> str:
    return "".join(
        part
        for part in (order.ship_province, order.ship_city, order.ship_district, order.ship_detail)
        if part
    )


def _order_header(order: SalesOrder) -> dict[str, str]:
    return {
        "order_number": order.number,
        "customer_name": order.customer.name,
        "receiver": order.ship_receiver or order.contact_name,
        "receiver_phone": order.ship_phone or order.contact_phone,
        "address": address_text(order),
        "delivery_method": delivery_label(order.delivery_method),
        "rep": order.rep.full_name,
        "remarks": order.remarks,
    }


def delivery_note_data(shipment: Shipment) -> DocData:
    """The shipment's lines in base units; prices per base unit net of the line's discount, so
    the amounts add up to what the customer owes for exactly these goods."""
    order = shipment.order
    rows: list[dict[str, str]] = []
    total_quantity, total_amount = Decimal(0), Decimal(0)
    for index, line in enumerate(shipment.lines.all(), start=1):
        order_line = line.order_line
        quantity = Decimal(line.quantity)
        base_total = Decimal(order_line.base_quantity) or Decimal(1)
        unit_price = Decimal(order_line.amount) / base_total
        amount = (Decimal(order_line.amount) * quantity / base_total).quantize(CENT, rounding=ROUND_HALF_UP)
        total_quantity += quantity
        total_amount += amount
        rows.append(
            {
                "line_no": str(index),
                "sku_code": line.sku.code,
                "product_name": line.sku.product.name,
                "spec": line.sku.spec_label,
                "barcode": line.sku.barcode or "",
                "unit": line.sku.product.base_unit,
                "quantity": quantity_text(quantity),
                "unit_price": f"{unit_price.quantize(Decimal('0.0001')).normalize():f}",
                "amount": money_text(amount),
                "remark": order_line.remark,
            }
        )
    header = _order_header(order)
    header.update(
        {
            "shipment_number": shipment.number,
            "ship_date": (shipment.ship_date or tenant_today()).isoformat(),
            "carrier": carrier_label(shipment.carrier),
            "tracking_number": shipment.tracking_number,
        }
    )
    return DocData(
        header=header,
        rows=rows,
        footer={
            "total_quantity": quantity_text(total_quantity),
            "total_amount": money_text(total_amount),
            "total_in_words": rmb_upper(total_amount),
        },
    )


def pick_list_data(pick: PickList) -> list[DocData]:
    """One page per warehouse: a picker walks one building, bin by bin."""
    pages: dict[int, DocData] = {}
    totals: dict[int, Decimal] = {}
    orders: dict[int, set[str]] = {}
    for group in pick.groups:
        page = pages.get(group.warehouse.pk)
        if page is None:
            page = pages[group.warehouse.pk] = DocData(
                header={
                    "warehouse": f"{group.warehouse.code} {group.warehouse.name}",
                    "printed_at": now_text(),
                }
            )
            totals[group.warehouse.pk] = Decimal(0)
            orders[group.warehouse.pk] = set()
        for row in group.rows:
            totals[group.warehouse.pk] += row.quantity
            orders[group.warehouse.pk].update(o.order_number for o in row.orders)
            page.rows.append(
                {
                    "bin": group.bin.code if group.bin else _("No bin"),
                    "sku_code": row.sku.code,
                    "product_name": row.sku.product.name,
                    "spec": row.sku.spec_label,
                    "barcode": row.sku.barcode or "",
                    "unit": row.sku.product.base_unit,
                    "quantity": quantity_text(row.quantity),
                    "orders": ", ".join(f"{o.order_number}×{quantity_text(o.quantity)}" for o in row.orders),
                    "check": "☐",
                }
            )
    for warehouse_id, page in pages.items():
        page.header["order_count"] = str(len(orders[warehouse_id]))
        page.footer["total_quantity"] = quantity_text(totals[warehouse_id])
    return list(pages.values()) or [DocData(header={"printed_at": now_text(), "order_count": "0"})]


def daily_list_data(daily: DailyList, warehouse_name: str = "") -> DocData:
    rows: list[dict[str, str]] = []
    total_quantity, total_amount = Decimal(0), Decimal(0)
    for shipment in daily.shipments:
        order = shipment.order
        quantity = sum((Decimal(line.quantity) for line in shipment.lines.all()), Decimal(0))
        amount = sum(
            (
                Decimal(line.order_line.amount)
                * Decimal(line.quantity)
                / (Decimal(line.order_line.base_quantity) or 1)
                for line in shipment.lines.all()
            ),
            Decimal(0),
        ).quantize(CENT, rounding=ROUND_HALF_UP)
        total_quantity += quantity
        total_amount += amount
        rows.append(
            {
                "shipment_number": shipment.number,
                "order_number": order.number,
                "customer_name": order.customer.name,
                "receiver": order.ship_receiver,
                "city": order.ship_city,
                "delivery_method": delivery_label(shipment.delivery_method),
                "carrier": carrier_label(shipment.carrier),
                "tracking_number": shipment.tracking_number,
                "quantity": quantity_text(quantity),
                "rep": order.rep.full_name,
                "amount": money_text(amount),
            }
        )
    return DocData(
        header={
            "date": daily.day.isoformat(),
            "warehouse": warehouse_name or _("All warehouses"),
            "shipment_count": str(len(daily.shipments)),
            "printed_at": now_text(),
        },
        rows=rows,
        footer={"total_quantity": quantity_text(total_quantity), "total_amount": money_text(total_amount)},
    )


def delivery_list_data(orders: Iterable[SalesOrder], selection: str) -> DocData:
    rows: list[dict[str, str]] = []
    total_quantity, total_amount = Decimal(0), Decimal(0)
    for order in orders:
        open_quantity = sum(
            (Decimal(line.base_quantity) - Decimal(line.shipped_quantity) for line in order.lines.all()),
            Decimal(0),
        )
        total_quantity += open_quantity
        total_amount += Decimal(order.total_amount)
        due: Any = getattr(order, "due_date", None) or order.requested_date or order.order_date
        row = _order_header(order)
        row.update(
            {
                "requested_date": due.isoformat() if due else "",
                "open_quantity": quantity_text(open_quantity),
                "amount": money_text(Decimal(order.total_amount)),
                "signature": "",
            }
        )
        rows.append(row)
    return DocData(
        header={"filters": selection, "order_count": str(len(rows)), "printed_at": now_text()},
        rows=rows,
        footer={"total_quantity": quantity_text(total_quantity), "total_amount": money_text(total_amount)},
    )
