"""What time does to billing accounts, run by the hourly sweep (tenants/billing/tasks.py):

- a trial that ended unpaid becomes `trial_expired` (read-only);
- reminders 7, 3 and 1 days before a trial ends, by e-mail and in the app's inbox, each once;
- a past-due account whose grace period ended becomes `suspended` (read-only);
- a prepaid term (WeChat Pay, bank transfer) that ran out without a subscription becomes
  `past_due`, with the grace period before read-only.

Every move goes through the services (audited as "system"); a second run changes nothing.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.models import User
from saas.core.mail import sender
from saas.core.tenancy import public_schema, tenant_context
from saas.notifications.about_objects import Notice, notices_add
from tenants.billing import services
from tenants.billing.models import BillingAccount, BillingStatus

logger = logging.getLogger(__name__)

REMINDER_DAYS = (7, 3, 1)
REMINDER_KIND = "billing.trial_ending"
BILLING_LINK = "/billing"


@dataclass
class SweepReport:
    trials_expired: list[str] = field(default_factory=list)
    suspended: list[str] = field(default_factory=list)
    past_due: list[str] = field(default_factory=list)
    reminders: list[tuple[str, int]] = field(default_factory=list)


def reminder_due(account: BillingAccount, now: datetime) -> int | None:
    """The reminder to send now (7, 3 or 1 days before), or None; the smallest due one only, so a
    sweep that missed a day does not send two at once."""
    if account.status != BillingStatus.TRIALING or account.trial_ends_at is None:
        return None
    left = account.trial_ends_at - now
    if left <= timedelta(0):
        return None
    due = [days for days in REMINDER_DAYS if left <= timedelta(days=days)]
    if not due or min(due) in (account.trial_reminders_sent or []):
        return None
    return min(due)


def _owners() -> list[User]:
    return [
        user
        for user in User.objects.filter(is_active=True, roles__code=scopes.OWNER).distinct().order_by("pk")
    ]


def trial_reminder_send(account: BillingAccount, days: int) -> None:
    """Tell the owners by e-mail and in the inbox that the trial ends in `days` days."""
    ends = account.trial_ends_at
    assert ends is not None
    # One inbox row per owner and reminder: a negative id never meets an event's id.
    event_id = -(int(ends.timestamp()) // 60 * 10 + days)
    with tenant_context(account.tenant), transaction.atomic():
        owners = _owners()
        notices = []
        for owner in owners:
            with translation.override(owner.language):
                title = _("Your free trial ends in %(days)s days") % {"days": days}
                body = _(
                    "Choose a plan on the billing page to keep using the workspace; after the trial it is read-only."
                )
                notices.append(Notice(user=owner, title=title, body=body))
                try:
                    send_mail(title, body, sender(), [owner.email])
                except Exception:  # a mail outage must not stop the sweep; the inbox row stays
                    logger.warning("trial reminder e-mail to %s failed", owner.email, exc_info=True)
        notices_add(
            notices,
            kind=REMINDER_KIND,
            event_id=event_id,
            object_type="billing",
            object_id=account.pk,
            link=BILLING_LINK,
            payload={"days": days},
            created_at=timezone.now(),
        )
    with public_schema(), transaction.atomic():
        locked = BillingAccount.objects.select_for_update().get(pk=account.pk)
        locked.trial_reminders_sent = sorted({*(locked.trial_reminders_sent or []), days})
        locked.save(update_fields=["trial_reminders_sent", "updated_at"])


def billing_sweep(now: datetime | None = None) -> SweepReport:
    now = now or timezone.now()
    report = SweepReport()
    with public_schema():
        accounts = list(
            BillingAccount.objects.select_related("tenant", "plan").exclude(
                status__in=[BillingStatus.CLOSED, BillingStatus.SUSPENDED, BillingStatus.TRIAL_EXPIRED]
            )
        )
    for account in accounts:
        slug = account.tenant.slug
        try:
            if (
                account.status == BillingStatus.TRIALING
                and account.trial_ends_at
                and account.trial_ends_at <= now
            ):
                if account.paid_until and account.paid_until > now:
                    services.set_status(
                        account, "active", actor="system", reason="trial ended, paid", now=now
                    )
                else:
                    services.set_status(
                        account, "trial_expired", actor="system", reason="trial ended unpaid", now=now
                    )
                    report.trials_expired.append(slug)
            elif (
                account.status == BillingStatus.PAST_DUE
                and account.grace_ends_at
                and account.grace_ends_at <= now
            ):
                services.set_status(account, "suspended", actor="system", reason="grace period over", now=now)
                report.suspended.append(slug)
            elif (
                account.status == BillingStatus.ACTIVE
                and not account.stripe_subscription_id
                and account.paid_until is not None
                and account.paid_until <= now
            ):
                services.set_status(account, "past_due", actor="system", reason="prepaid term over", now=now)
                report.past_due.append(slug)
            else:
                days = reminder_due(account, now)
                if days is not None:
                    trial_reminder_send(account, days)
                    report.reminders.append((slug, days))
        except Exception:  # one workspace's failure never stops the others'
            logger.exception("billing sweep failed for %s", slug)
    return report
