"""Reading a person's notifications: only their own, newest first; the unread count; preferences."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from saas.accounts.actors import Actor, require_person
from saas.core.paging import check_page
from saas.notifications.models import Notification, NotificationPreference
from saas.notifications.rules import RULES

REPLAY_LIMIT = 500  # a client offline for long gets the latest; the centre has the rest


def notification_list(*, actor: Actor, unread_only: bool = False) -> QuerySet[Notification]:
    """The person's own notifications, newest first (a key or a job has none: Forbidden)."""
    user = require_person(actor)
    rows = Notification.objects.filter(user=user)
    if unread_only:
        rows = rows.filter(read_at__isnull=True)
    return rows.order_by("-id")


def notification_page(
    *, actor: Actor, unread_only: bool = False, limit: int = 20, offset: int = 0
) -> tuple[int, list[Notification]]:
    check_page(limit, offset)
    rows = notification_list(actor=actor, unread_only=unread_only)
    return rows.count(), list(rows[offset : offset + limit])


def notifications_after(*, actor: Actor, after: int, limit: int = REPLAY_LIMIT) -> list[Notification]:
    """The person's notifications with an id greater than `after`, oldest first: what a client
    that was away missed (the subscription's replay). At most `limit`, the latest ones."""
    newest = list(notification_list(actor=actor).filter(id__gt=after)[:limit])
    return newest[::-1]


def unread_count(*, actor: Actor) -> int:
    return notification_list(actor=actor, unread_only=True).count()


@dataclass(frozen=True)
class PreferenceView:
    kind: str
    label: str
    in_app: bool
    email: bool


# The kinds a person can choose for, with their names in the app (gettext at request time).
KIND_LABELS = {
    "sales_order.submitted": gettext_noop("Orders waiting for review"),
    "sales_order.approved": gettext_noop("My orders approved"),
    "sales_order.rejected": gettext_noop("My orders sent back"),
    "sales_order.cancelled": gettext_noop("My orders cancelled"),
    "sales_order.completed": gettext_noop("My orders completed"),
    "shipment.shipped": gettext_noop("My orders shipped"),
    "shipment.signed": gettext_noop("Signed delivery notes back"),
    "return.requested": gettext_noop("Returns waiting for review"),
    "return.approved": gettext_noop("Returns approved"),
    "return.received": gettext_noop("Returned goods back in stock"),
    "receipt.recorded": gettext_noop("Money received from my customers"),
    "purchase_order.received": gettext_noop("Goods arrived for purchase orders"),
    "stock.low": gettext_noop("Low stock"),
    "customer.created": gettext_noop("Customers given to me"),
    "user.invited": gettext_noop("Colleagues invited"),
    "webhook_endpoint.disabled": gettext_noop("Webhook endpoints switched off"),
    "webhook_endpoint.recovered": gettext_noop("Webhook endpoints working again"),
    "work_log.commented": gettext_noop("Comments on my work logs"),
    "wallet.entry_posted": gettext_noop("My distributor's wallet changes"),
    "distributor_order.status_changed": gettext_noop("Progress of my distributor's orders"),
}


def preference_list(*, actor: Actor) -> list[PreferenceView]:
    """Every kind with the person's choice, or the default where they have not chosen."""
    user = require_person(actor)
    chosen = {row.kind: row for row in NotificationPreference.objects.filter(user=user)}
    views = []
    for kind, rule in RULES.items():
        row = chosen.get(kind)
        views.append(
            PreferenceView(
                kind=kind,
                label=_(KIND_LABELS.get(kind, kind)),
                in_app=row.in_app if row else True,
                email=row.email if row else rule.email_default,
            )
        )
    return views
