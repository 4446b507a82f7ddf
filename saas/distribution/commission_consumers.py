"""Consumers of sales events for profit sharing (registered in apps.py):

- `distribution_commission_accrual` (sales_order.completed): the order's shipped goods accrue
  commissions for the buyer's parent and grandparent (services/commission_accrual.py);
- `distribution_commission_clawback` (return.received): the goods that came back take back
  exactly what they earned. Received, not approved: an approved return may still be cancelled
  (and no event says so), while a received one has put the goods back in stock and taken their
  value off the order, which is when the sale is undone.

Each acts once per event (the fan-out claims it per consumer) and the ledger's unique indexes
hold even against a second event for the same order or return.
"""

from __future__ import annotations

from saas.core.models import LoggedEvent
from saas.distribution.services.commission_accrual import commission_accrue_orders, commission_claw_back


def commission_accrual(record: LoggedEvent) -> None:
    if record.object_id:
        commission_accrue_orders(order_ids=[record.object_id], event_id=record.pk)


def commission_clawback(record: LoggedEvent) -> None:
    if record.object_id:
        commission_claw_back(return_id=record.object_id, event_id=record.pk)
