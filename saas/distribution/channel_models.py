"""Channel stock (分销商库存上报): what a distributor says it holds and has sold, per SKU and day.

A report is one submission for one date, by form or by a sheet; it is never changed. A second
report for the same date replaces the first as the one that counts (`current`), and both stay
as history. Each line says the stock on hand at the end of the report date and the units sold
since the distributor's previous report (the period the report covers).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


def quantity_field() -> models.DecimalField:  # type: ignore[type-arg]
    """Base units to 3 decimals, as the stock and order documents count them."""
    return models.DecimalField(max_digits=14, decimal_places=3)


class ChannelStockSource(models.TextChoices):
    FORM = "form", "form"
    UPLOAD = "upload", "upload"


class ChannelStockReport(models.Model):
    distributor = models.ForeignKey(
        "distribution.Distributor", on_delete=models.PROTECT, related_name="stock_reports"
    )
    report_date = models.DateField()
    # False once a later report of the same date replaced it: kept as history, counted no more.
    current = models.BooleanField(default=True)
    source = models.CharField(max_length=10, choices=ChannelStockSource.choices)
    file_name = models.CharField(max_length=200, blank=True)
    note = models.CharField(max_length=500, blank=True)
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-report_date", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["distributor", "report_date"],
                condition=Q(current=True),
                name="channelstock_one_current_per_day",
            ),
        ]
        indexes = [
            models.Index(fields=["distributor", "-report_date"], name="channelstock_distributor_idx"),
            models.Index(fields=["report_date"], name="channelstock_date_idx", condition=Q(current=True)),
        ]

    def __str__(self) -> str:
        return f"{self.distributor_id} on {self.report_date}"


class ChannelStockLine(models.Model):
    report = models.ForeignKey(ChannelStockReport, on_delete=models.CASCADE, related_name="lines")
    sku = models.ForeignKey("catalog.SKU", on_delete=models.PROTECT, related_name="+")
    on_hand = quantity_field()  # at the end of the report date
    sold = quantity_field()  # since the previous report
    # The line's place in the form (from 1) or its row in the sheet, so history points back to it.
    row_no = models.PositiveIntegerField()

    class Meta:
        ordering = ["row_no", "id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "sku"], name="channelstock_sku_once"),
            models.CheckConstraint(
                condition=Q(on_hand__gte=0) & Q(sold__gte=0), name="channelstock_not_negative"
            ),
        ]
        indexes = [models.Index(fields=["sku", "report"], name="channelstock_line_sku_idx")]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.sku_id}"
