"""The notification consumers of the event fan-out: the inbox, e-mail, and live delivery.

They run in this order in the event's fan-out job, each in its own transaction with its
processed mark (saas/core/event_delivery.py), so a retried job writes no second row and sends
no second e-mail; `live` pushes the rows `inbox` wrote, after its mark commits.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from saas.core.domain_events import DomainEvent, event_of
from saas.core.event_delivery import consumer_register
from saas.core.live import LiveNotification, send_notification_on_commit
from saas.core.mail import sender
from saas.core.models import LoggedEvent
from saas.core.tenancy import current_tenant
from saas.notifications.models import Notification
from saas.notifications.preferences import wants
from saas.notifications.recipients import recipients, subject_of
from saas.notifications.rules import RULES, Rule, rule_for
from tenants.addresses import tenant_url


def _text(value: Any) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else str(value)
    return "" if value is None else str(value)


def facts(event: DomainEvent) -> dict[str, str]:
    """The event's fields as text, for a rule's placeholders."""
    return {f.name: _text(getattr(event, f.name)) for f in dataclasses.fields(event)}  # type: ignore[arg-type]


def render(rule: Rule, event: DomainEvent, language: str) -> tuple[str, str, str]:
    """(title, body, link) in the language given."""
    values = facts(event)
    with translation.override(language):
        words = {
            name: str(rule.labels[name].get(value, value)) if name in rule.labels else value
            for name, value in values.items()
        }
        title = str(rule.title) % words
        body = (str(rule.body) % words).strip() if rule.body else ""
    return title[:200], body[:500], (rule.link % values)[:200]


def inbox(record: LoggedEvent) -> None:
    """Write one inbox row per recipient who may see the object and wants it in the app."""
    rule = rule_for(record.name)
    if rule is None:
        return
    event = event_of(record)
    object_type, object_id = subject_of(rule, event)
    rows = []
    for user in recipients(rule, event, record):
        if not wants(user, record.name, channel="in_app", rule=rule):
            continue
        title, body, link = render(rule, event, user.language)
        rows.append(
            Notification(
                user=user,
                kind=record.name,
                event_id=record.pk,
                title=title,
                body=body,
                object_type=object_type,
                object_id=object_id,
                link=link,
                payload=record.payload,
                created_at=record.occurred_at,
            )
        )
    Notification.objects.bulk_create(rows, ignore_conflicts=True)


def email(record: LoggedEvent) -> None:
    """E-mail the recipients who asked for this kind by e-mail."""
    rule = rule_for(record.name)
    if rule is None:
        return
    event = event_of(record)
    for user in recipients(rule, event, record):
        if not user.email or not wants(user, record.name, channel="email", rule=rule):
            continue
        title, body, link = render(rule, event, user.language)
        with translation.override(user.language):
            footer = _("Open it in Sparrow: %(url)s") % {"url": tenant_url(current_tenant(), f"/app{link}")}
        send_mail(title, "\n\n".join(part for part in (body, footer) if part), sender(), [user.email])


def live(record: LoggedEvent) -> None:
    """Push the event's new inbox rows to their people's open sockets (after this commits)."""
    for row in Notification.objects.filter(event_id=record.pk).order_by("pk"):
        send_notification_on_commit(row.user_id, live_notification(row))


def live_notification(row: Notification) -> LiveNotification:
    return LiveNotification(
        id=row.pk,
        kind=row.kind,
        title=row.title,
        body=row.body,
        link=row.link,
        created_at=row.created_at.isoformat(),
        read=row.read_at is not None,
        payload=notification_payload(row),
    )


def notification_payload(row: Notification) -> dict[str, Any]:
    """The event's facts (camelCase, as in graphql/EVENTS.md) and what the row is about."""
    return {
        **row.payload,
        "objectType": row.object_type,
        "objectId": _text(row.object_id),
        "eventId": str(row.event_id),
    }


def register() -> None:
    kinds = set(RULES)
    consumer_register("inbox", inbox, events=kinds)
    consumer_register("email", email, events=kinds)
    consumer_register("live", live, events=kinds)
