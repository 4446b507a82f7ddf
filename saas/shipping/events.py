"""The shipping domain's events: a shipment leaves, and its signed delivery note comes back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from saas.core.domain_events import DomainEvent, described, domain_event, graphql_id
from saas.shipping.models import Shipment

SHIPMENT = "shipment"


@dataclass(frozen=True, kw_only=True)
class ShipmentFacts(DomainEvent):
    id: str = described("the shipment's GraphQL id")
    number: str = described("document number, SH-2026-000123")
    order_id: str = described("the sales order's GraphQL id")
    order_number: str = described("the sales order's number")
    order_status: str = described("the sales order's status after the change")
    customer_id: str = described("the customer's GraphQL id")
    customer_name: str = described("the customer's name")
    rep_id: str = described("the GraphQL id of the rep who owns the order")
    warehouse_id: str = described("the GraphQL id of the warehouse it left from")
    delivery_method: str = described("express, logistics, pickup, own_delivery")
    carrier_code: str = described("the carrier's code (SF, ZTO, …), empty without one")
    carrier_name: str = described("the carrier's Chinese name, empty without one")
    tracking_number: str = described("the carrier's tracking number, may be empty")


def shipment_facts(shipment: Shipment, order_status: str) -> dict[str, Any]:
    """The facts of a shipment; the order's status is passed in, as shipping just moved it."""
    order = shipment.order
    return {
        "id": graphql_id(shipment.pk),
        "number": shipment.number,
        "order_id": graphql_id(order.pk),
        "order_number": order.number,
        "order_status": order_status,
        "customer_id": graphql_id(order.customer_id),
        "customer_name": order.customer.name,
        "rep_id": graphql_id(order.rep_id),
        "warehouse_id": graphql_id(shipment.warehouse_id),
        "delivery_method": str(shipment.delivery_method),
        "carrier_code": shipment.carrier.code if shipment.carrier is not None else "",
        "carrier_name": shipment.carrier.name_zh if shipment.carrier is not None else "",
        "tracking_number": shipment.tracking_number,
    }


@domain_event("shipment.shipped", object_type=SHIPMENT)
@dataclass(frozen=True, kw_only=True)
class ShipmentShipped(ShipmentFacts):
    """A shipment left the warehouse (the stock is out)."""

    shipped_at: datetime = described("when it was shipped")


@domain_event("shipment.signed", object_type=SHIPMENT)
@dataclass(frozen=True, kw_only=True)
class ShipmentSigned(ShipmentFacts):
    """The customer's signed delivery note for a shipment is back (签回)."""

    signed_at: datetime = described("when the signed note was recorded")
