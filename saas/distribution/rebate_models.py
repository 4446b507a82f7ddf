"""Rebates and bonuses (返利 / 业绩奖) tables: volume rebate rules with tiers, top-10 bonus rules,
and the runs that compute them per period, reviewed and then posted to the rebate balance.

What a period's purchases are, how tiers and ranks apply and how ties split: see
saas/distribution/rebate_engine.py. A run copies the rule, tier, rate and rank it used onto each
line, so changing a rule later never rewrites what a run says.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from saas.core.audit import actor_kind_field, actor_label_field
from saas.sales.models.common import money_field, rate_field

TOP_RANKS = 10  # a bonus pays the top ten


class PeriodKind(models.TextChoices):
    MONTH = "month", "month"
    QUARTER = "quarter", "quarter"


class RebateMeasure(models.TextChoices):
    QUANTITY = "quantity", "quantity"  # base units bought in the period
    AMOUNT = "amount", "amount"  # yuan bought in the period, tax included


class BonusMode(models.TextChoices):
    RANKS = "ranks", "ranks"  # a fixed amount per rank
    POOL = "pool", "pool"  # one pool shared by the ranked in proportion to their quantity


class RunStatus(models.TextChoices):
    DRAFT = "draft", "draft"  # computed; may be computed again
    APPROVED = "approved", "approved"  # reviewed; waits to be posted
    POSTED = "posted", "posted"  # credited to the rebate balances


class RebateLineKind(models.TextChoices):
    VOLUME = "volume", "volume"
    BONUS = "bonus", "bonus"


def _one_active(name: str) -> models.UniqueConstraint:
    # One active rule per period kind and level (None: every level), so a distributor is never
    # paid twice for the same purchases by two rules of the same kind.
    return models.UniqueConstraint(
        fields=["period_kind", "level"], condition=Q(is_active=True), nulls_distinct=False, name=name
    )


class VolumeRebateRule(models.Model):
    """返利: once a distributor's purchases in a period reach a tier's threshold, it gets the
    tier's percent of those purchases (the highest tier reached, on all of them)."""

    name = models.CharField(max_length=60)
    level = models.ForeignKey(
        "distribution.DistributorLevel", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    period_kind = models.CharField(max_length=10, choices=PeriodKind.choices)
    measure = models.CharField(max_length=10, choices=RebateMeasure.choices)
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["period_kind", "id"]
        constraints = [_one_active("volumerebate_one_active")]

    def __str__(self) -> str:
        return self.name


class VolumeRebateTier(models.Model):
    rule = models.ForeignKey(VolumeRebateRule, on_delete=models.CASCADE, related_name="tiers")
    threshold = models.DecimalField(max_digits=16, decimal_places=3)  # base units, or yuan
    rate_percent = rate_field()

    class Meta:
        ordering = ["rule_id", "threshold"]
        constraints = [
            models.UniqueConstraint(fields=["rule", "threshold"], name="volumetier_threshold_once"),
            models.CheckConstraint(condition=Q(threshold__gt=0), name="volumetier_threshold_positive"),
            models.CheckConstraint(
                condition=Q(rate_percent__gt=0) & Q(rate_percent__lte=100), name="volumetier_rate_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.threshold}: {self.rate_percent}%"


class BonusRule(models.Model):
    """业绩奖: the top ten distributors by purchase quantity in a period."""

    name = models.CharField(max_length=60)
    level = models.ForeignKey(
        "distribution.DistributorLevel", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    period_kind = models.CharField(max_length=10, choices=PeriodKind.choices)
    mode = models.CharField(max_length=10, choices=BonusMode.choices)
    # RANKS: yuan for rank 1, 2, … (at most ten, as strings: ["5000.00", "3000.00"]).
    rank_amounts = models.JSONField(default=list, blank=True)
    pool_amount = money_field(default=0)  # POOL: yuan shared by the ranked
    is_active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["period_kind", "id"]
        constraints = [
            _one_active("bonusrule_one_active"),
            models.CheckConstraint(condition=Q(pool_amount__gte=0), name="bonusrule_pool_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name


class RebateRun(models.Model):
    """One period's rebates and bonuses: computed after the period closes, reviewed, posted."""

    number = models.CharField(max_length=30, unique=True)  # RB-2026-000001
    period_kind = models.CharField(max_length=10, choices=PeriodKind.choices)
    period_start = models.DateField()
    period_end = models.DateField()  # inclusive
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.DRAFT)
    line_count = models.PositiveIntegerField(default=0)
    total_fen = models.BigIntegerField(default=0)
    computed_at = models.DateTimeField(default=timezone.now)
    computed_by_kind = actor_kind_field()
    computed_by_label = actor_label_field()
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    review_note = models.CharField(max_length=200, blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    posted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-period_start", "period_kind"]
        constraints = [
            models.UniqueConstraint(fields=["period_kind", "period_start"], name="rebaterun_period_once"),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="rebaterun_period_order"
            ),
        ]

    def __str__(self) -> str:
        return self.number


class RebateLine(models.Model):
    """What one distributor gets from one rule in a run, and why."""

    run = models.ForeignKey(RebateRun, on_delete=models.CASCADE, related_name="lines")
    distributor = models.ForeignKey("distribution.Distributor", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=RebateLineKind.choices)
    volume_rule = models.ForeignKey(
        VolumeRebateRule, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    bonus_rule = models.ForeignKey(
        BonusRule, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    rule_name = models.CharField(max_length=60)
    purchase_quantity = models.DecimalField(max_digits=16, decimal_places=3)
    purchase_amount = money_field()
    tier_threshold = models.DecimalField(max_digits=16, decimal_places=3, null=True, blank=True)
    rate_percent = rate_field(null=True, blank=True)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    tied = models.PositiveSmallIntegerField(null=True, blank=True)  # how many share the rank
    amount_fen = models.BigIntegerField()
    # The wallet's rebate entry, once posted.
    wallet_entry = models.OneToOneField(
        "distribution.WalletEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["run_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["run", "distributor", "kind"], name="rebateline_once"),
            models.CheckConstraint(condition=Q(amount_fen__gt=0), name="rebateline_amount_positive"),
            models.CheckConstraint(
                condition=Q(kind=RebateLineKind.VOLUME, volume_rule__isnull=False, bonus_rule__isnull=True)
                | Q(kind=RebateLineKind.BONUS, volume_rule__isnull=True, bonus_rule__isnull=False),
                name="rebateline_one_rule",
            ),
        ]
        indexes = [models.Index(fields=["distributor", "-id"], name="rebateline_distributor_idx")]

    def __str__(self) -> str:
        return f"{self.run_id}: {self.distributor_id} {self.kind} {self.amount_fen}"
