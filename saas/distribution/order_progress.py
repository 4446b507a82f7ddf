"""A portal order's progress, told in the distribution network's own words.

The order moves through sales and shipping, whose events speak to the workspace (the rep hears of
an approval, and links go to the staff's order screen). A distributor's people may see none of
that: the sales selectors show them no orders. So the `distribution_order_progress` consumer
turns each of those events about a portal order into `distributor_order.status_changed`, which
the notification inbox tells the distributor's people (linking to the portal's order) and
partners of the network hear. It carries what the portal shows the distributor — the number and
the status — never the reviewer's note or the rep.

Emitted in the consumer's own transaction, with the original event's actor, so a retried fan-out
(claimed per consumer and event) never emits it twice.
"""

from __future__ import annotations

from saas.core.audit import ActorKind, ActorStamp
from saas.core.domain_events import emit, event_of
from saas.core.models import LoggedEvent
from saas.distribution.events import DistributorOrderStatusChanged
from saas.distribution.models import DistributorOrder

# The event each change comes from, and the payload fields of the sales order's id and of its
# status after the change (as it was then: the order may have moved on before this runs).
CHANGES: dict[str, tuple[str, str, str]] = {
    "sales_order.approved": ("approved", "id", "status"),
    "sales_order.rejected": ("rejected", "id", "status"),
    "sales_order.cancelled": ("cancelled", "id", "status"),
    "sales_order.completed": ("completed", "id", "status"),
    "shipment.shipped": ("shipped", "order_id", "order_status"),
    "shipment.signed": ("signed", "order_id", "order_status"),
}


def order_progress(record: LoggedEvent) -> None:
    """An event of a sales order placed in the portal: tell it as the distributor's order."""
    change, id_field, status_field = CHANGES[record.name]
    event = event_of(record)
    value = getattr(event, id_field)
    order_id = int(value) if isinstance(value, str) and value.isdigit() else None
    status = str(getattr(event, status_field))
    if change == "signed" and status == "completed":
        return  # the last signed note completes the order: its own event tells that, once
    placed = (
        DistributorOrder.objects.select_related("order").filter(order_id=order_id).first()
        if order_id is not None
        else None
    )
    if placed is None:  # not a portal order: sales' own notifications are all there is
        return
    order = placed.order
    emit(
        DistributorOrderStatusChanged(
            id=str(order.pk),
            number=order.number,
            distributor_id=str(placed.distributor_id),
            change=change,
            status=status,
        ),
        by=ActorStamp(
            user_id=record.actor_user_id,
            kind=ActorKind(record.actor_kind),
            label=record.actor_label,
            ref=record.actor_ref,
        ),
    )
