"""The only code that reads shipping data for users. Each selector takes the actor and applies
visibility (saas.shipping.access); import from here."""

from __future__ import annotations

from saas.shipping.selectors.orders import (
    OrderFilters,
    SummaryRow,
    attach_signback_due,
    orders_pending_signback,
    orders_to_ship,
    orders_to_ship_summary,
    planned_by_line,
    shipping_order_get,
    signback_overdue_count,
)
from saas.shipping.selectors.picking import PickGroup, PickList, PickOrder, PickRow, pick_list
from saas.shipping.selectors.setup import (
    CarrierSuggestion,
    SuggestedCarrier,
    TemplateView,
    carrier_list,
    carrier_suggest,
    print_template_get,
    print_template_list,
    settings_get,
)
from saas.shipping.selectors.shipments import (
    DailyList,
    ShipmentFilters,
    batch_shipments,
    daily_list,
    shipment_batch_get,
    shipment_get,
    shipment_list,
    shipment_lookup,
    shipment_verify_get,
)

__all__ = [
    "CarrierSuggestion",
    "DailyList",
    "OrderFilters",
    "PickGroup",
    "PickList",
    "PickOrder",
    "PickRow",
    "ShipmentFilters",
    "SuggestedCarrier",
    "SummaryRow",
    "TemplateView",
    "attach_signback_due",
    "batch_shipments",
    "carrier_list",
    "carrier_suggest",
    "daily_list",
    "orders_pending_signback",
    "orders_to_ship",
    "orders_to_ship_summary",
    "pick_list",
    "planned_by_line",
    "print_template_get",
    "print_template_list",
    "settings_get",
    "shipment_batch_get",
    "shipment_get",
    "shipment_list",
    "shipment_lookup",
    "shipment_verify_get",
    "shipping_order_get",
    "signback_overdue_count",
]
