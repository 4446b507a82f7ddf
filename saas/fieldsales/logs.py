"""Work logs (业务日志, writes): a rep's daily report, filled in from the day's work, and managers'
comments on it, which tell the rep (the work_log.commented event; saas/notifications).

What the numbers of a day count, in the workspace's time zone, when the log is written (a
snapshot; writing again refreshes it):
- visits: the rep's check-ins that day (when captured: one sent later from the outbox counts on
  the day it happened, as in the field day), and how many customers they were at;
- orders created: the rep's orders created that day, cancelled ones left out, with their total;
- orders approved: the rep's orders approved that day that still count as sold, with their total;
- collections (回款): receipts received that day from the rep's customers, void ones left out,
  payments less refunds — as the rankings' rollup counts them.

Only the rep writes their log, for today or yesterday. Managers who see the rep's field data
comment (field.view_team for their teams, field.view_all for everyone); the rep does not
comment on their own log.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.access import require_person_scopes
from saas.accounts.actors import Actor, actor_stamp
from saas.accounts.models import User
from saas.core.clock import day_bounds, tenant_today
from saas.core.domain_events import emit
from saas.core.errors import Forbidden, InvalidInput
from saas.core.inputs import clean_text
from saas.fieldsales.access import require_field_person
from saas.fieldsales.events import WorkLogCommented
from saas.fieldsales.models import WorkLog, WorkLogComment
from saas.fieldsales.plan_selectors import day_visits, work_log_get
from saas.finance.models import ReceiptKind
from saas.finance.selectors.receipts import receipt_list
from saas.sales.models import SOLD_STATUSES, OrderStatus
from saas.sales.selectors.visibility import visible_orders

ZERO = Decimal("0")
TEXT_LENGTH = 5000
COMMENT_LENGTH = 1000


@dataclass(frozen=True)
class DaySummary:
    visits: int
    customers_visited: int
    orders_created: int
    orders_amount: Decimal
    orders_approved: int
    approved_amount: Decimal
    receipts: int
    collections: Decimal


def day_summary(rep: User, day: date) -> DaySummary:
    """The rep's numbers of `day` (the module docstring says what each counts), read as the rep."""
    start, end = day_bounds(day)
    visits = (
        day_visits(rep.pk, day)
        .order_by()
        .aggregate(n=Count("id"), customers=Count("customer_id", distinct=True))
    )
    orders = visible_orders(rep).filter(rep=rep)
    created = (
        orders.filter(created_at__gte=start, created_at__lt=end)
        .exclude(status=OrderStatus.CANCELLED)
        .aggregate(n=Count("id"), total=Sum("total_amount"))
    )
    approved = orders.filter(approved_at__gte=start, approved_at__lt=end, status__in=SOLD_STATUSES).aggregate(
        n=Count("id"), total=Sum("total_amount")
    )
    money: dict[str, Any] = {"n": 0, "paid": None, "refunded": None}
    try:
        receipts = receipt_list(actor=rep, include_void=False)
    except Forbidden:  # a role that sees no order money collects none
        receipts = None
    if receipts is not None:
        money = receipts.filter(received_on=day, customer__owner=rep).aggregate(
            n=Count("id"),
            paid=Sum("amount", filter=Q(kind=ReceiptKind.PAYMENT)),
            refunded=Sum("amount", filter=Q(kind=ReceiptKind.REFUND)),
        )
    return DaySummary(
        visits=visits["n"],
        customers_visited=visits["customers"],
        orders_created=created["n"],
        orders_amount=created["total"] or ZERO,
        orders_approved=approved["n"],
        approved_amount=approved["total"] or ZERO,
        receipts=money["n"],
        collections=(money["paid"] or ZERO) - (money["refunded"] or ZERO),
    )


def _log_day(day: date) -> date:
    today = tenant_today()
    if day not in (today, today - timedelta(days=1)):
        raise InvalidInput(
            _("Work logs are written for today or yesterday."), code="date_invalid", field="date"
        )
    return day


def work_log_write(*, actor: Actor, day: date, text: str) -> WorkLog:
    """The rep's log of `day` (today or yesterday): their text and the day's numbers, written
    again as often as they like; each write takes the numbers afresh."""
    rep = require_field_person(actor)
    on = _log_day(day)
    body = clean_text(text, field="text", max_length=TEXT_LENGTH, required=True)
    summary = day_summary(rep, on)
    values = {**asdict(summary), "text": body, "submitted_at": timezone.now()}
    try:
        with transaction.atomic():
            log, _created = WorkLog.objects.update_or_create(rep=rep, day=on, defaults=values)
    except IntegrityError:
        # The first write of the day raced in from a second request: write over it.
        with transaction.atomic():
            log, _created = WorkLog.objects.update_or_create(rep=rep, day=on, defaults=values)
    return log


def work_log_comment(*, actor: Actor, log_id: Any, text: str) -> WorkLogComment:
    """A manager's comment on a log of a rep whose field data they see; the rep is told."""
    manager = require_person_scopes(
        actor,
        scopes.FIELD_VIEW_TEAM,
        scopes.FIELD_VIEW_ALL,
        message=_("Only managers comment on work logs."),
    )
    log = work_log_get(actor=manager, log_id=log_id)
    if log.rep_id == manager.pk:
        raise Forbidden(_("Only managers comment on work logs."), code="forbidden", field="id")
    body = clean_text(text, field="text", max_length=COMMENT_LENGTH, required=True)
    with transaction.atomic():
        comment = WorkLogComment.objects.create(log=log, author=manager, text=body)
        emit(WorkLogCommented.of(comment), by=actor_stamp(manager))
    return comment
