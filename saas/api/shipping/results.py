"""The per-row results of a batch, as GraphQL returns them (from the batch's stored results)."""

from __future__ import annotations

import strawberry

from saas.api.errors import FieldError
from saas.api.shipping.types import BatchRowType, ShipmentBatchType, shipment_view
from saas.shipping.models import Shipment, ShipmentBatch


def batch_view(batch: ShipmentBatch, shipments: dict[int, Shipment], *, money: bool) -> ShipmentBatchType:
    rows = []
    for row in batch.results:
        shipment = shipments.get(row.get("shipmentId") or 0)
        rows.append(
            BatchRowType(
                row=int(row["row"]),
                order_id=strawberry.ID(str(row["orderId"])) if row.get("orderId") else None,
                order_number=shipment.order.number if shipment else str(row.get("orderNumber") or ""),
                ok=shipment is not None,
                shipment=shipment_view(shipment, money=money) if shipment else None,
                errors=[
                    FieldError(field=e["field"], code=e["code"], message=e["message"]) for e in row["errors"]
                ],
            )
        )
    return ShipmentBatchType(
        id=strawberry.ID(str(batch.pk)),
        row_count=batch.row_count,
        shipped_count=batch.shipped_count,
        failed_count=batch.failed_count,
        created_at=batch.created_at,
        rows=rows,
    )
