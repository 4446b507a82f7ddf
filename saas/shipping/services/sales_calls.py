"""The two sales services shipping relies on, called from this one module only.

`order_ship` is the one way goods of an order leave stock: it posts the SHIPMENT movements at
the moving-average cost (named after our shipment through `source`), takes the quantities out
of the lines' reservations and moves the order to partly_shipped or pending_signback.
`order_sign_back` completes an order whose signed delivery note is back. Both run in the
caller's transaction and check the actor's access to the order themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from saas.accounts.actors import Actor
from saas.inventory.services.ledger import Source
from saas.sales.models import SalesOrder
from saas.sales.services import order_ship, order_sign_back
from saas.shipping.models import SHIPMENT_DOC_TYPE, Shipment


def ship_lines(*, actor: Actor, shipment: Shipment, lines: Sequence[tuple[int, Decimal]]) -> SalesOrder:
    """Post the shipment's (order line id, base quantity) pairs out of stock; all or nothing."""
    return order_ship(
        actor=actor,
        order=shipment.order_id,
        lines=list(lines),
        source=Source(SHIPMENT_DOC_TYPE, shipment.pk, shipment.number),
        note=shipment.number,
    )


def complete_order(*, actor: Actor, order_id: int, note: str) -> SalesOrder:
    """pending_signback → completed."""
    return order_sign_back(actor=actor, order=order_id, note=note)
