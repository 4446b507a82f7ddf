"""Visit plans, visit frequencies by customer level, and work logs (imported by models.py)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils import timezone

from saas.sales.models.common import money_field


class VisitPlan(models.Model):
    """A rep's plan for one day: the customers to visit, in order (`stops`)."""

    rep = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="visit_plans")
    day = models.DateField()  # in the workspace's time zone
    # Who set it last: the rep, or a manager planning for them.
    planned_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["rep", "day"], name="visit_plan_once_a_day")]

    def __str__(self) -> str:
        return f"plan of {self.rep_id} on {self.day}"


class PlanStop(models.Model):
    """A customer in a day's plan. `visited_visit` is the day's first check-in there, linked when
    it happens (the `field_plans` consumer of visit.checked_in) or when the plan is set after it."""

    plan = models.ForeignKey(VisitPlan, on_delete=models.CASCADE, related_name="stops")
    customer = models.ForeignKey("customers.Customer", on_delete=models.CASCADE, related_name="+")
    position = models.PositiveSmallIntegerField()  # 1, 2, 3… the order of the route
    note = models.CharField(max_length=200, blank=True, default="")
    visited_visit = models.ForeignKey(
        "fieldsales.Visit", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="plan_stop_position_once"),
            models.UniqueConstraint(fields=["plan", "customer"], name="plan_stop_customer_once"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} #{self.position}: {self.customer_id}"


class VisitFrequency(models.Model):
    """How often customers of a level should be visited: A twice a month, B once."""

    level = models.OneToOneField(
        "customers.CustomerLevel", on_delete=models.CASCADE, related_name="visit_frequency"
    )
    visits_per_month = models.PositiveSmallIntegerField()

    def __str__(self) -> str:
        return f"level {self.level_id}: {self.visits_per_month} a month"


class WorkLog(models.Model):
    """A rep's daily report (业务日志): their text and the day's numbers as they were when it was
    written (a snapshot: a later change to an order does not rewrite the report)."""

    rep = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="work_logs")
    day = models.DateField()  # in the workspace's time zone
    text = models.TextField()
    visits = models.PositiveIntegerField(default=0)
    customers_visited = models.PositiveIntegerField(default=0)
    orders_created = models.PositiveIntegerField(default=0)
    orders_amount = money_field(default=Decimal("0"))
    orders_approved = models.PositiveIntegerField(default=0)
    approved_amount = money_field(default=Decimal("0"))
    receipts = models.PositiveIntegerField(default=0)
    collections = money_field(default=Decimal("0"))  # payments less refunds
    submitted_at = models.DateTimeField(default=timezone.now)  # the latest write

    class Meta:
        ordering = ["-day", "-id"]
        constraints = [models.UniqueConstraint(fields=["rep", "day"], name="work_log_once_a_day")]

    def __str__(self) -> str:
        return f"work log of {self.rep_id} on {self.day}"


class WorkLogComment(models.Model):
    """A manager's comment (点评) on a work log."""

    log = models.ForeignKey(WorkLog, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"comment {self.pk} on {self.log_id}"
