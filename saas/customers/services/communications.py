"""The communication log (沟通记录): calls, visits and messages with a customer, and when to
follow up next. A rep logs a visit from a phone that may resend, hence the idempotency key."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_kind, actor_label, actor_stamp, require_actor, user_of
from saas.core.errors import InvalidInput, NotFound
from saas.core.idempotency import run_once
from saas.core.tenancy import current_tenant
from saas.customers.access import visible_customer
from saas.customers.models import CommunicationKind, CommunicationLog
from saas.customers.services.inputs import clean_choice, clean_text

CLOCK_SKEW = timedelta(minutes=5)  # a phone's clock may run a little ahead
MAX_FOLLOW_UP = timedelta(days=3 * 366)


def _clean_happened_at(value: datetime | None, zone: ZoneInfo) -> datetime:
    now = timezone.now()
    if value is None:
        return now
    if timezone.is_naive(value):  # a wall-clock time, read in the workspace's time zone
        value = value.replace(tzinfo=zone)
    if value > now + CLOCK_SKEW:
        raise InvalidInput(
            _("This cannot be in the future."), code="happened_at_invalid", field="happened_at"
        )
    return value


def _clean_follow_up(value: date | None, happened_at: datetime, zone: ZoneInfo) -> date | None:
    if value is None:
        return None
    happened_on = happened_at.astimezone(zone).date()
    if value < happened_on or value > happened_on + MAX_FOLLOW_UP:
        raise InvalidInput(
            _("The follow-up date must be on or after the day of the conversation, within 3 years."),
            code="follow_up_invalid",
            field="next_follow_up",
        )
    return value


def communication_log_add(
    *,
    actor: Actor,
    customer_id: Any,
    kind: str,
    content: str,
    happened_at: datetime | None = None,
    next_follow_up: date | None = None,
    idempotency_key: str | None = None,
) -> CommunicationLog:
    user = require_actor(actor)
    zone = ZoneInfo(current_tenant().time_zone)
    kind = clean_choice(kind, CommunicationKind.values, "kind")
    content = clean_text(content, "content", 2000, required=True)
    when = _clean_happened_at(happened_at, zone)
    follow_up = _clean_follow_up(next_follow_up, when, zone)

    def write() -> dict[str, int]:
        customer = visible_customer(user, customer_id, field="customer_id")
        entry = CommunicationLog.objects.create(
            customer=customer,
            kind=kind,
            content=content,
            happened_at=when,
            next_follow_up=follow_up,
            actor=user_of(user),
            actor_kind=actor_kind(user),
            actor_label=actor_label(user),
        )
        return {"pk": entry.pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(user), key=idempotency_key, operation="communication_log_add", write=write
        )
    entry = CommunicationLog.objects.select_related("customer", "actor").filter(pk=result["pk"]).first()
    if entry is None:
        raise NotFound(_("Customer not found."), field="customer_id")
    return entry
