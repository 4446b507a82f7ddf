"""Changing a person's own notifications: mark read, mark all read, choose how to hear of a kind."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, require_person
from saas.core.errors import InvalidInput, NotFound
from saas.core.ids import clean_id
from saas.core.live import send_notifications_read_on_commit
from saas.notifications.models import Notification, NotificationPreference
from saas.notifications.rules import RULES

MAX_IDS = 100


@transaction.atomic
def notifications_mark_read(*, actor: Actor, ids: Sequence[Any]) -> list[Notification]:
    """Mark these of the person's notifications read; another person's id is not found."""
    user = require_person(actor)
    if not ids:
        raise InvalidInput(_("Name at least one notification."), code="ids_required", field="ids")
    if len(ids) > MAX_IDS:
        raise InvalidInput(_("At most 100 at a time."), code="too_many", field="ids")
    pks = [clean_id(value, f"ids.{index}", _("Notification not found.")) for index, value in enumerate(ids)]
    rows = {row.pk: row for row in Notification.objects.select_for_update().filter(user=user, pk__in=pks)}
    for index, pk in enumerate(pks):
        if pk not in rows:
            raise NotFound(_("Notification not found."), field=f"ids.{index}")
    now = timezone.now()
    unread = [row for row in rows.values() if row.read_at is None]
    for row in unread:
        row.read_at = now
    Notification.objects.bulk_update(unread, ["read_at"])
    if unread:
        send_notifications_read_on_commit(user.pk)
    return [rows[pk] for pk in dict.fromkeys(pks)]


@transaction.atomic
def notifications_mark_all_read(*, actor: Actor) -> int:
    """Mark every unread notification of the person read; returns how many were unread."""
    user = require_person(actor)
    changed = Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())
    if changed:
        send_notifications_read_on_commit(user.pk)
    return changed


@transaction.atomic
def notification_preference_set(
    *, actor: Actor, kind: str, in_app: bool, email: bool
) -> NotificationPreference:
    """How the person wants to hear of one kind (in the app, by e-mail, both or neither)."""
    user = require_person(actor)
    if kind not in RULES:
        raise InvalidInput(_("There are no notifications of this kind."), code="kind_unknown", field="kind")
    row, _created = NotificationPreference.objects.update_or_create(
        user=user, kind=kind, defaults={"in_app": in_app, "email": email}
    )
    return row
