"""The onboarding state of the workspace (one row) and the rows that belong to the sample set."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class OnboardingState(models.Model):
    """One row per workspace, made when the checklist is first put away. Whether sample data is
    loaded is whether any SampleRecord exists."""

    dismissed_at = models.DateTimeField(null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"dismissed={self.dismissed_at is not None}"


class SampleKind(models.TextChoices):
    """The roots of the sample set; everything else it made hangs off one of them."""

    WAREHOUSE = "warehouse", "warehouse"
    PRODUCT = "product", "product"
    CUSTOMER = "customer", "customer"
    STOCK_ENTRY = "stock_entry", "stock_entry"
    SALES_ORDER = "sales_order", "sales_order"


class SampleRecord(models.Model):
    """A row the sample loader made. Removal deletes exactly these (and what hangs off them);
    the checklist does not count them as the workspace's own data."""

    kind = models.CharField(max_length=20, choices=SampleKind.choices)
    object_id = models.BigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="sample_record_unique")]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
