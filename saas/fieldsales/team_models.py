"""Teams, regions, targets and the daily rollup behind rankings (imported by models.py)."""

from __future__ import annotations

from decimal import Decimal

from django.db import models

from saas.sales.models.common import money_field


class Region(models.Model):
    """A sales region (华东区, 华南区): teams belong to one."""

    name = models.CharField(max_length=40, unique=True)

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A sales team with its manager: the manager sees the field data of its members."""

    name = models.CharField(max_length=40, unique=True)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.SET_NULL, related_name="teams")
    manager = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="managed_teams"
    )

    def __str__(self) -> str:
        return self.name


class TeamMember(models.Model):
    """A rep in a team: one team per rep."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="members")
    user = models.OneToOneField("accounts.User", on_delete=models.CASCADE, related_name="field_team")

    def __str__(self) -> str:
        return f"{self.user_id} in {self.team_id}"


class Metric(models.TextChoices):
    SALES_AMOUNT = "sales_amount", "sales amount"
    COLLECTIONS = "collections", "collections"
    NEW_CUSTOMERS = "new_customers", "new customers"
    VISITS = "visits", "visits"


class TargetPeriod(models.TextChoices):
    MONTH = "month", "month"
    QUARTER = "quarter", "quarter"


class Dimension(models.TextChoices):
    REP = "rep", "rep"
    TEAM = "team", "team"
    REGION = "region", "region"


class FieldTarget(models.Model):
    """What a rep, a team or a region should reach in a month or a quarter, per metric."""

    period = models.CharField(max_length=7, choices=TargetPeriod.choices)
    starts_on = models.DateField()  # the first day of the month or quarter
    dimension = models.CharField(max_length=6, choices=Dimension.choices)
    subject_id = models.BigIntegerField()  # the user, team or region
    metric = models.CharField(max_length=15, choices=Metric.choices)
    value = models.DecimalField(max_digits=18, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["period", "starts_on", "dimension", "subject_id", "metric"], name="field_target_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.dimension} {self.subject_id} {self.metric} {self.starts_on}: {self.value}"


class FieldDailyStats(models.Model):
    """One rep's day in numbers, kept by the rollup (saas/fieldsales/rollup.py): rankings read
    these rows, never the orders, receipts and visits themselves."""

    day = models.DateField()
    rep = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    sales_amount = money_field(default=Decimal("0"))
    collections = money_field(default=Decimal("0"))
    new_customers = models.PositiveIntegerField(default=0)
    visits = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["day", "rep"], name="field_daily_stats_once")]
        indexes = [models.Index(fields=["day"], name="field_daily_stats_day_idx")]

    def __str__(self) -> str:
        return f"{self.rep_id} on {self.day}"
