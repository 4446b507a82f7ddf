"""Profit sharing (分销分润) tables: rule sets, the sales they are computed on, the commission
ledger, monthly periods and their settlements.

Within the law (禁止传销条例, 团队计酬): a distributor earns only on goods its direct downline
(depth 1) and their downline (depth 2) bought, were shipped and kept — never on recruiting, and
never deeper. The database holds that line too: no rule and no entry may name a depth past
LAWFUL_MAX_DEPTH, whatever a workspace asks for.

- `CommissionRuleSet` is one saved version of the workspace's rules; the newest is in force.
  Rules are never edited: a change is a new version, and every entry keeps the rule it used.
- `CommissionSale` is the fact a completed order line leaves behind: what shipped, its revenue
  and its cost at shipment, the buyer and its parent and grandparent as they were then. The
  what-if preview replays these facts under other rules.
- `CommissionReturn` is the fact a received return leaves: how much of a sale came back.
- `CommissionEntry` is the ledger: an accrual (+) per earner per sale, a clawback (−) per
  earner per returned line. Entries are grouped by `CommissionPeriod` (a month in the
  workspace's time zone); a settlement locks its period and sums each earner's entries of it
  into the earner's statement, so each fen of a statement is one entry, one order line, one rule.
How the rules apply and what each number means: saas/distribution/commission_engine.py.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from saas.core.audit import actor_kind_field, actor_label_field
from saas.inventory.models import qty_field
from saas.sales.models.common import money_field, rate_field

# Direct parent and grandparent: pay computed on deeper downline sales is 团队计酬.
LAWFUL_MAX_DEPTH = 2


class CommissionBasis(models.TextChoices):
    REVENUE = "revenue", "revenue"  # the line's amount (tax included) for the goods shipped
    MARGIN = "margin", "margin"  # that amount less the cost of the goods shipped, at shipment


class EntryKind(models.TextChoices):
    ACCRUAL = "accrual", "accrual"  # an order completed: its shipped goods earn
    CLAWBACK = "clawback", "clawback"  # goods came back: what they earned is taken back


class SettlementStatus(models.TextChoices):
    DRAFT = "draft", "draft"  # computed and locked, under review
    POSTED = "posted", "posted"  # credited to the wallets


def _depth_lawful(name: str, column: str = "depth") -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{column}__gte": 1}) & Q(**{f"{column}__lte": LAWFUL_MAX_DEPTH}), name=name
    )


class CommissionRuleSet(models.Model):
    """One saved version of the workspace's commission rules; the highest version is in force."""

    version = models.PositiveIntegerField(unique=True)
    # How deep this workspace pays, 1 or 2; never past the law's 2 (a database check).
    max_depth = models.PositiveSmallIntegerField(default=LAWFUL_MAX_DEPTH)
    note = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-version"]
        constraints = [_depth_lawful("commissionruleset_depth_lawful", "max_depth")]

    def __str__(self) -> str:
        return f"v{self.version}"


class CommissionRule(models.Model):
    """What an earner of `level` (None: any level) gets on goods its downline at `depth` bought,
    for one category (with its subcategories; None: every category)."""

    rule_set = models.ForeignKey(CommissionRuleSet, on_delete=models.CASCADE, related_name="rules")
    level = models.ForeignKey(
        "distribution.DistributorLevel", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    depth = models.PositiveSmallIntegerField()  # 1: the buyer's parent earns; 2: its grandparent
    category = models.ForeignKey(
        "catalog.Category", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    basis = models.CharField(max_length=10, choices=CommissionBasis.choices)
    rate_percent = rate_field()

    class Meta:
        ordering = ["rule_set_id", "depth", "id"]
        constraints = [
            _depth_lawful("commissionrule_depth_lawful"),
            models.CheckConstraint(
                condition=Q(rate_percent__gt=0) & Q(rate_percent__lte=100), name="commissionrule_rate_range"
            ),
            models.CheckConstraint(
                condition=Q(basis__in=CommissionBasis.values), name="commissionrule_basis_known"
            ),
            models.UniqueConstraint(
                fields=["rule_set", "depth", "level", "category"],
                nulls_distinct=False,
                name="commissionrule_target_once",
            ),
        ]

    def __str__(self) -> str:
        return f"v{self.rule_set_id} depth {self.depth}: {self.rate_percent}% of {self.basis}"


class CommissionPeriod(models.Model):
    """A month of commissions (the workspace's time zone), locked when it is settled: what lands
    in it afterwards goes to the next open month (`CommissionEntry.moved_from` says so)."""

    month = models.DateField(unique=True)  # its first day
    locked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-month"]
        constraints = [models.CheckConstraint(condition=Q(month__day=1), name="commissionperiod_first_day")]

    def __str__(self) -> str:
        return self.month.strftime("%Y-%m")


class CommissionSale(models.Model):
    """A completed order line of a distributor: what commissions are computed on, as it was."""

    order = models.ForeignKey("sales.SalesOrder", on_delete=models.PROTECT, related_name="+")
    order_line = models.OneToOneField("sales.SalesOrderLine", on_delete=models.PROTECT, related_name="+")
    sku = models.ForeignKey("catalog.SKU", on_delete=models.PROTECT, related_name="+")
    category = models.ForeignKey(
        "catalog.Category", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    buyer = models.ForeignKey("distribution.Distributor", on_delete=models.PROTECT, related_name="+")
    # The buyer's upline when the order completed (active distributors only; None: nobody).
    parent = models.ForeignKey(
        "distribution.Distributor", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    parent_level = models.ForeignKey(
        "distribution.DistributorLevel", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    grandparent = models.ForeignKey(
        "distribution.Distributor", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    grandparent_level = models.ForeignKey(
        "distribution.DistributorLevel", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    quantity = qty_field()  # base units shipped
    revenue = money_field()  # the line's amount for them, tax included
    cost = models.DecimalField(max_digits=18, decimal_places=4)  # their cost at shipment
    booked_on = models.DateField()  # the day it completed, workspace time
    # Indexed with the id below: a period's sales are read in id order.
    period = models.ForeignKey(
        CommissionPeriod, on_delete=models.PROTECT, related_name="sales", db_index=False
    )
    event_id = models.BigIntegerField(null=True, blank=True)  # the event that completed it
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=Q(quantity__gt=0), name="commissionsale_quantity")]
        indexes = [
            models.Index(fields=["period", "id"], name="commissionsale_period_idx"),
        ]

    def __str__(self) -> str:
        return f"line {self.order_line_id} × {self.quantity}"


class CommissionReturn(models.Model):
    """Goods of a sale that came back (one received return line): what clawbacks are computed
    on, recorded whether or not anyone earned on the sale, so the what-if preview replays it."""

    sale = models.ForeignKey(CommissionSale, on_delete=models.PROTECT, related_name="returns")
    sales_return = models.ForeignKey("sales.SalesReturn", on_delete=models.PROTECT, related_name="+")
    return_line = models.OneToOneField("sales.SalesReturnLine", on_delete=models.PROTECT, related_name="+")
    quantity = qty_field()  # base units back, at most what the sale still kept
    returned_before = qty_field()  # of the sale, by earlier returns
    booked_on = models.DateField()
    period = models.ForeignKey(
        CommissionPeriod, on_delete=models.PROTECT, related_name="returns", db_index=False
    )
    moved_from = models.DateField(null=True, blank=True)
    event_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gt=0) & Q(returned_before__gte=0), name="commissionreturn_quantity"
            )
        ]
        indexes = [models.Index(fields=["period", "id"], name="commissionreturn_period_idx")]

    def __str__(self) -> str:
        return f"sale {self.sale_id}: {self.quantity} back"


class CommissionSettlement(models.Model):
    """The settlement run of one period: its statements, reviewed, then posted once."""

    number = models.CharField(max_length=30, unique=True)  # CS-2026-000001
    period = models.OneToOneField(CommissionPeriod, on_delete=models.PROTECT, related_name="settlement")
    status = models.CharField(max_length=10, choices=SettlementStatus.choices, default=SettlementStatus.DRAFT)
    statement_count = models.PositiveIntegerField(default=0)
    line_count = models.PositiveIntegerField(default=0)
    total_fen = models.BigIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_kind = actor_kind_field()
    actor_label = actor_label_field()
    created_at = models.DateTimeField(default=timezone.now)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    posted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-period__month"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=SettlementStatus.DRAFT, posted_at__isnull=True)
                | Q(status=SettlementStatus.POSTED, posted_at__isnull=False),
                name="commissionsettlement_posted_when",
            )
        ]

    def __str__(self) -> str:
        return self.number


class CommissionStatement(models.Model):
    """One earner's entries of a settled month and their sum, credited to its wallet when posted.
    Its lines are the earner's entries of the month, nothing else: a settled month is locked, so
    no entry lands in it afterwards, and an entry's month never changes."""

    settlement = models.ForeignKey(CommissionSettlement, on_delete=models.PROTECT, related_name="statements")
    distributor = models.ForeignKey("distribution.Distributor", on_delete=models.PROTECT, related_name="+")
    total_fen = models.BigIntegerField()
    line_count = models.PositiveIntegerField()
    # The wallet's commission entry; None before posting, and for a statement summing to zero.
    wallet_entry = models.OneToOneField(
        "distribution.WalletEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["settlement_id", "id"]
        constraints = [
            models.UniqueConstraint(fields=["settlement", "distributor"], name="commissionstatement_once")
        ]
        indexes = [models.Index(fields=["distributor", "-id"], name="commissionstatement_dist_idx")]

    def __str__(self) -> str:
        return f"{self.settlement_id}: {self.distributor_id} {self.total_fen}"


class CommissionEntry(models.Model):
    """One line of the commission ledger, signed from the earner's side."""

    kind = models.CharField(max_length=10, choices=EntryKind.choices)
    sale = models.ForeignKey(CommissionSale, on_delete=models.PROTECT, related_name="entries")
    earner = models.ForeignKey("distribution.Distributor", on_delete=models.PROTECT, related_name="+")
    depth = models.PositiveSmallIntegerField()
    # The rule as it was used: its version, basis and rate are copied, so the line explains itself.
    rule = models.ForeignKey(CommissionRule, on_delete=models.PROTECT, related_name="+")
    rule_version = models.PositiveIntegerField()
    basis = models.CharField(max_length=10, choices=CommissionBasis.choices)
    rate_percent = rate_field()
    quantity = qty_field()  # base units: shipped (accrual) or returned (clawback)
    base_amount = money_field()  # what the rate applied to; negative on a clawback
    commission_fen = models.BigIntegerField()
    # A clawback names the accrual it takes back from and the goods that came back.
    accrual = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="clawbacks"
    )
    returned = models.ForeignKey(
        CommissionReturn, null=True, blank=True, on_delete=models.PROTECT, related_name="clawbacks"
    )
    period = models.ForeignKey(
        CommissionPeriod, on_delete=models.PROTECT, related_name="entries", db_index=False
    )
    booked_on = models.DateField()
    # The month it belonged to when that month was already settled (it landed in `period`).
    moved_from = models.DateField(null=True, blank=True)
    event_id = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            _depth_lawful("commissionentry_depth_lawful"),
            models.UniqueConstraint(
                fields=["sale", "earner"],
                condition=Q(kind=EntryKind.ACCRUAL),
                name="commissionentry_accrual_once",
            ),
            models.UniqueConstraint(
                fields=["accrual", "returned"],
                condition=Q(kind=EntryKind.CLAWBACK),
                name="commissionentry_clawback_once",
            ),
            models.CheckConstraint(
                condition=Q(
                    kind=EntryKind.ACCRUAL,
                    commission_fen__gt=0,
                    accrual__isnull=True,
                    returned__isnull=True,
                )
                | Q(
                    kind=EntryKind.CLAWBACK,
                    commission_fen__lte=0,
                    accrual__isnull=False,
                    returned__isnull=False,
                ),
                name="commissionentry_kind_shape",
            ),
        ]
        indexes = [
            # A statement's lines: its earner's entries of its (locked) month, in order.
            models.Index(fields=["period", "earner", "id"], name="commissionentry_lines_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.earner_id} {self.commission_fen}"
