"""Live notifications about sales orders, sent after commit (a rolled-back order tells no one).

- submitted for review → every active reviewer (orders.review) but the one who submitted it;
- approved or rejected → the order's rep, unless the rep did it themselves.
"""

from __future__ import annotations

from typing import Any

from saas.accounts import scopes
from saas.accounts.actors import Actor, owner_id
from saas.accounts.models import User
from saas.core.events import send_to_users_on_commit
from saas.sales.models import SalesOrder


def _payload(order: SalesOrder, **extra: Any) -> dict[str, Any]:
    return {"id": order.pk, "number": order.number, "customer": order.customer.name, **extra}


def order_submitted_notify(*, actor: Actor, order: SalesOrder) -> None:
    reviewers = list(
        User.objects.filter(is_active=True, roles__scopes__contains=[scopes.ORDERS_REVIEW])
        .exclude(pk=owner_id(actor) or 0)
        .distinct()
        .values_list("pk", flat=True)
    )
    if reviewers:
        send_to_users_on_commit(reviewers, "order.submitted", _payload(order))


def order_decided_notify(*, actor: Actor, order: SalesOrder, approved: bool, note: str = "") -> None:
    if order.rep_id == owner_id(actor):
        return
    kind = "order.approved" if approved else "order.rejected"
    send_to_users_on_commit([order.rep_id], kind, _payload(order, status=order.status, note=note))
