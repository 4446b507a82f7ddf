"""Whether a person wants a kind of notification in the app and by e-mail."""

from __future__ import annotations

from typing import Literal

from saas.accounts.models import User
from saas.notifications.models import NotificationPreference
from saas.notifications.rules import Rule

Channel = Literal["in_app", "email"]


def wants(user: User, kind: str, *, channel: Channel, rule: Rule) -> bool:
    """The person's choice for this kind, or the rule's default (in the app yes, e-mail as set)."""
    chosen = NotificationPreference.objects.filter(user=user, kind=kind).first()
    if chosen is None:
        return True if channel == "in_app" else rule.email_default
    return chosen.in_app if channel == "in_app" else chosen.email
