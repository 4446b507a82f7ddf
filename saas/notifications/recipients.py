"""Who a rule reaches, narrowed to the people who may see the object (the selectors' visibility)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

from saas.accounts import scopes
from saas.accounts.actors import MissingActor
from saas.accounts.models import User
from saas.accounts.selectors import user_get
from saas.core.domain_events import DomainEvent
from saas.core.errors import DomainError
from saas.core.models import LoggedEvent
from saas.core.object_audiences import audience_of
from saas.core.object_visibility import object_visible
from saas.customers.visibility import visible_customers
from saas.finance.selectors.receipts import receipt_get
from saas.notifications.rules import Rule
from saas.procurement.selectors import purchase_order_get
from saas.sales.selectors.returns import visible_returns
from saas.sales.selectors.visibility import visible_orders
from saas.shipping.selectors.shipments import shipment_get


def _through(get: Callable[..., Any], argument: str) -> Callable[[User, int], bool]:
    """A check that asks the domain's selector for the object as this user."""

    def visible(user: User, pk: int) -> bool:
        try:
            get(actor=user, **{argument: pk})
        except (DomainError, MissingActor):
            return False
        return True

    return visible


def _among(rows: Callable[[Any], QuerySet[Any]]) -> Callable[[User, int], bool]:
    """A check that looks for the object among the rows the domain lets this user see."""

    def visible(user: User, pk: int) -> bool:
        try:
            return rows(user).filter(pk=pk).exists()
        except (DomainError, MissingActor):
            return False

    return visible


# Fail closed: an object type without a check here is seen by no one, so notifies no one.
VISIBLE: dict[str, Callable[[User, int], bool]] = {
    "sales_order": _among(visible_orders),
    "return": _among(visible_returns),
    "shipment": _through(shipment_get, "shipment_id"),
    "receipt": _through(receipt_get, "receipt_id"),
    "purchase_order": _through(purchase_order_get, "order_id"),
    "customer": _among(visible_customers),
    "user": _through(user_get, "user_id"),
}


def may_see(user: User, object_type: str, object_id: int | None) -> bool:
    if object_type == "stock":  # stock levels are one list: who sees internal stock sees them
        return user.is_active and user.has_scope(scopes.INVENTORY_VIEW)
    if object_type == "webhook_endpoint":  # the partner integration is the admins' (saas/partners)
        return user.is_active and user.has_scope(scopes.TENANT_MANAGE)
    check = VISIBLE.get(object_type)
    if check is None:
        # Domains beside notifications in the domain chain (field sales' work logs, the
        # distribution network's wallet entries and portal orders) register their checks in
        # saas/core/object_visibility.py; an object type nobody registered is seen by no one.
        return object_visible(user, object_type, object_id)
    return object_id is not None and check(user, object_id)


def subject_of(rule: Rule, event: DomainEvent) -> tuple[str, int | None]:
    if rule.subject is None:
        return event.object_type, event.object_id
    object_type, field = rule.subject
    value = getattr(event, field)
    return object_type, int(value) if isinstance(value, str) and value.isdigit() else None


def recipients(rule: Rule, event: DomainEvent, record: LoggedEvent) -> list[User]:
    """The active people the rule names who may see the event's object, by id."""
    ids: set[int] = set()
    if rule.scopes:
        ids.update(
            User.objects.filter(is_active=True, roles__scopes__overlap=list(rule.scopes)).values_list(
                "pk", flat=True
            )
        )
    for field in rule.owners:
        value = getattr(event, field)
        if isinstance(value, str) and value.isdigit():
            ids.add(int(value))
    if rule.audience is not None:
        name, field = rule.audience
        value = getattr(event, field)
        ids.update(audience_of(name, int(value) if isinstance(value, str) and value.isdigit() else None))
    if not rule.tell_actor and record.actor_user_id is not None:
        ids.discard(record.actor_user_id)
    object_type, object_id = subject_of(rule, event)
    people = User.objects.filter(pk__in=ids, is_active=True).prefetch_related("roles").order_by("pk")
    return [person for person in people if may_see(person, object_type, object_id)]
