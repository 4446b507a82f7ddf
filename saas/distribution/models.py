"""Distribution tables in each tenant schema: levels, distributors (a tree), their people, the
workspace's distribution settings, and the link from a portal order to its sales order.

The tree is kept as a materialized path: `path` is "/1/5/12/" (the ids from the root down to the
distributor itself), so "this distributor's subtree" is one indexed prefix query
(`path LIKE '/1/5/%'`) and a move rewrites the moved subtree's paths in one UPDATE. Price lists
and the wallet live in their own modules (imported at the end).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from saas.core.sync import updated_at_field
from saas.sales.models.common import money_field, rate_field

ZERO = Decimal("0")
# Deep enough for any real network (省 → 市 → 区 → 店 is four); a path of 10 ids fits its column.
MAX_DEPTH = 10


class DistributorStatus(models.TextChoices):
    ACTIVE = "active", "active"
    SUSPENDED = "suspended", "suspended"  # orders nothing; its history and wallet stay


class DistributorLevel(models.Model):
    """A tier of the network (省代, 市代, 零售商): levels are data, ranked from the top (1)."""

    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=40)
    rank = models.PositiveSmallIntegerField(default=1)
    # The least an order of a distributor of this level may come to (tax included); 0: none.
    min_order_amount = money_field(default=ZERO)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = updated_at_field()

    class Meta:
        ordering = ["rank", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_order_amount__gte=0), name="distlevel_min_order_not_negative"
            )
        ]

    def __str__(self) -> str:
        return self.name


class LevelCatalogEntry(models.Model):
    """What a level may see and order: a whole category (with its subcategories) or one product.
    A level without entries sees the whole active catalogue. PROTECT: deleting a category a
    level is limited to must never open the level's catalogue by leaving it without entries."""

    level = models.ForeignKey(DistributorLevel, on_delete=models.CASCADE, related_name="catalog_entries")
    category = models.ForeignKey(
        "catalog.Category", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    product = models.ForeignKey(
        "catalog.Product", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(category__isnull=True, product__isnull=False)
                | Q(category__isnull=False, product__isnull=True),
                name="levelcatalog_one_target",
            ),
            models.UniqueConstraint(
                fields=["level", "category"],
                condition=Q(category__isnull=False),
                name="levelcatalog_category_once",
            ),
            models.UniqueConstraint(
                fields=["level", "product"],
                condition=Q(product__isnull=False),
                name="levelcatalog_product_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.level_id}: category {self.category_id} product {self.product_id}"


class Distributor(models.Model):
    """A distributor of the workspace: its customer record carries the name, addresses, contacts,
    orders and receivables; this row carries its place in the network and its terms."""

    customer = models.OneToOneField(
        "customers.Customer", on_delete=models.PROTECT, related_name="distributor"
    )
    level = models.ForeignKey(DistributorLevel, on_delete=models.PROTECT, related_name="distributors")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # "/1/5/12/": the ids from the root down to this distributor; depth 0 is a root.
    path = models.CharField(max_length=255)
    depth = models.PositiveSmallIntegerField(default=0)
    sales_area = models.CharField(max_length=60, blank=True)
    # What it may owe on orders placed on credit (CNY, tax included); 0: no credit.
    credit_limit = money_field(default=ZERO)
    status = models.CharField(
        max_length=10, choices=DistributorStatus.choices, default=DistributorStatus.ACTIVE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = updated_at_field()

    class Meta:
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(condition=Q(credit_limit__gte=0), name="distributor_credit_not_negative"),
            models.CheckConstraint(condition=~Q(parent=models.F("id")), name="distributor_not_own_parent"),
            models.UniqueConstraint(fields=["path"], name="distributor_path_unique"),
        ]
        indexes = [
            # The subtree query is a prefix LIKE: varchar_pattern_ops lets the index serve it
            # whatever the database's collation.
            models.Index(
                fields=["path"], name="distributor_path_prefix_idx", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["level", "status"], name="distributor_level_idx"),
        ]

    def __str__(self) -> str:
        return self.path

    @property
    def name(self) -> str:
        return self.customer.name

    @property
    def ancestor_ids(self) -> list[int]:
        """From the root down to the parent."""
        return [int(part) for part in self.path.strip("/").split("/")[:-1] if part]


class DistributorMember(models.Model):
    """A person of the distributor role and the one distributor they order for."""

    distributor = models.ForeignKey(Distributor, on_delete=models.CASCADE, related_name="members")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="distributor_membership"
    )
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user_id} of {self.distributor_id}"


class DistributionSettings(models.Model):
    """The workspace's distribution rules, one row (made on first use). Changes of the network's
    shape lock it, so two moves never weave a cycle between them."""

    # Rebates (返利抵扣) may pay at most this percent of an order; 0: rebates pay nothing.
    rebate_cap_percent = rate_field(default=ZERO)
    # The warehouse distributor orders ship from; None: the first active warehouse.
    warehouse = models.ForeignKey(
        "inventory.Warehouse", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(rebate_cap_percent__gte=0) & Q(rebate_cap_percent__lte=100),
                name="distsettings_rebate_cap_range",
            )
        ]

    def __str__(self) -> str:
        return f"rebate cap {self.rebate_cap_percent}%"


class PayWith(models.TextChoices):
    WALLET = "wallet", "wallet"  # cash balance, and rebates up to the cap
    CREDIT = "credit", "credit"  # owed, within the credit limit


class DistributorOrder(models.Model):
    """A sales order a distributor placed in the portal: how it was paid, and why each line cost
    what it did (the line's unit price is on the sales order line, kept as it was placed)."""

    order = models.OneToOneField(
        "sales.SalesOrder", on_delete=models.PROTECT, related_name="distributor_order"
    )
    distributor = models.ForeignKey(Distributor, on_delete=models.PROTECT, related_name="orders")
    placed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    pay_with = models.CharField(max_length=10, choices=PayWith.choices)
    cash_fen = models.BigIntegerField(default=0)  # paid from the cash balance
    rebate_fen = models.BigIntegerField(default=0)  # paid from the rebate balance
    # [{"line_no": 1, "list_price": "59.00", "price_rule": "市代价目表 2026-12-01 · 9折"}, …]
    line_rules = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cash_fen__gte=0) & Q(rebate_fen__gte=0), name="distorder_paid_not_negative"
            ),
        ]
        indexes = [models.Index(fields=["distributor", "-id"], name="distorder_distributor_idx")]

    def __str__(self) -> str:
        return f"{self.distributor_id}: order {self.order_id}"


# Price lists, the wallet and channel stock live in their own modules.
from saas.distribution.channel_models import (  # noqa: E402,F401
    ChannelStockLine,
    ChannelStockReport,
    ChannelStockSource,
)
from saas.distribution.commission_models import (  # noqa: E402,F401
    CommissionEntry,
    CommissionPeriod,
    CommissionReturn,
    CommissionRule,
    CommissionRuleSet,
    CommissionSale,
    CommissionSettlement,
    CommissionStatement,
)
from saas.distribution.price_models import PriceList, PriceRule  # noqa: E402,F401
from saas.distribution.rebate_models import (  # noqa: E402,F401
    BonusRule,
    RebateLine,
    RebateRun,
    VolumeRebateRule,
    VolumeRebateTier,
)
from saas.distribution.wallet_models import Wallet, WalletEntry, WalletKind, WalletPocket  # noqa: E402,F401
