"""Field sales records of a workspace: where customers are, field settings, and visits (check-ins)."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from saas.fieldsales.geo import CoordinateSystem, RangeVerdict


class FieldSettings(models.Model):
    """The workspace's field rules, one row (made on first use)."""

    # A check-in farther than this from the customer (after the fix's accuracy) is out of range.
    radius_m = models.PositiveIntegerField(default=200)
    # Positions (check-ins, customer sites set by reps) are kept this long, then cleared (PIPL).
    position_retention_days = models.PositiveIntegerField(default=180)
    # Signs the customers' printed QR codes (saas/fieldsales/proofs.py); never leaves the server.
    qr_key = models.CharField(max_length=64, blank=True, default="")

    def __str__(self) -> str:
        return f"radius {self.radius_m} m"


class CustomerSite(models.Model):
    """A customer in the field: where it is, in WGS-84, with the map system it was picked on
    (GCJ-02 points from AMap or Tencent are converted on the way in; saas/fieldsales/geo.py), and
    the version of its printed QR code (a rotation refuses every older print)."""

    customer = models.OneToOneField("customers.Customer", on_delete=models.CASCADE, related_name="site")
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    qr_version = models.PositiveIntegerField(default=1)
    source_system = models.CharField(
        max_length=5, choices=[(s.value, s.value) for s in CoordinateSystem], default=CoordinateSystem.WGS84
    )
    set_at = models.DateTimeField(default=timezone.now)
    set_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.customer_id}: {self.latitude}, {self.longitude}"


class Visit(models.Model):
    """A rep at a customer: the check-in (server time; the device's claimed time kept beside it),
    the position and how far it was from the customer, and the check-out."""

    class Verdict(models.TextChoices):
        IN_RANGE = RangeVerdict.IN_RANGE.value, "in range"
        OUT_OF_RANGE = RangeVerdict.OUT_OF_RANGE.value, "out of range"
        UNVERIFIABLE = RangeVerdict.UNVERIFIABLE.value, "unverifiable"
        # No position given, or the customer has no site: nothing to compare.
        NO_POSITION = "no_position", "no position"

    rep = models.ForeignKey("accounts.User", on_delete=models.PROTECT, related_name="visits")
    customer = models.ForeignKey("customers.Customer", on_delete=models.PROTECT, related_name="visits")
    # The phone's id for the check-in: a resend (the outbox after a lost answer) finds this visit.
    # Null, not "", without one: the unique (rep, client_id) must not collide on empty ids.
    client_id = models.CharField(max_length=64, null=True, blank=True)  # noqa: DJ001
    checked_in_at = models.DateTimeField(default=timezone.now)  # when the server received it
    captured_at = models.DateTimeField(null=True, blank=True)  # when the phone says it happened
    captured_offline = models.BooleanField(default=False)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    accuracy_m = models.DecimalField(max_digits=9, decimal_places=1, null=True, blank=True)
    distance_m = models.PositiveIntegerField(null=True, blank=True)
    verdict = models.CharField(max_length=15, choices=Verdict.choices, default=Verdict.NO_POSITION)
    radius_m = models.PositiveIntegerField()  # the workspace's radius when it was judged
    qr_verified = models.BooleanField(default=False)
    checked_out_at = models.DateTimeField(null=True, blank=True)
    checkout_latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    checkout_longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    checkout_accuracy_m = models.DecimalField(max_digits=9, decimal_places=1, null=True, blank=True)
    notes = models.TextField(blank=True, default="")
    # The visit record (客户拜访记录), filled in at the visit or after it (visit_records.py).
    kind = models.ForeignKey(
        "fieldsales.VisitKind", null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    purpose = models.CharField(max_length=200, blank=True, default="")
    follow_up_on = models.DateField(null=True, blank=True)
    # The form's answers as a snapshot: [{key, label, kind, value}] (visit_forms.clean_answers).
    answers = models.JSONField(default=list, blank=True)
    recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-checked_in_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["rep", "client_id"], name="visit_client_id_once"),
        ]
        indexes = [models.Index(fields=["rep", "checked_in_at"], name="visit_rep_day_idx")]

    def __str__(self) -> str:
        return f"visit {self.pk}: {self.rep_id} at {self.customer_id}"

    @property
    def out_of_range(self) -> bool:
        return self.verdict == self.Verdict.OUT_OF_RANGE


# Check-in photos live in their own module.
from saas.fieldsales.photo_models import VisitPhoto  # noqa: E402,F401

# Visit plans, visit frequencies and work logs live in their own module.
from saas.fieldsales.plan_models import (  # noqa: E402,F401
    PlanStop,
    VisitFrequency,
    VisitPlan,
    WorkLog,
    WorkLogComment,
)

# Visit types (their forms) and the orders taken at a visit live in their own module.
from saas.fieldsales.record_models import VisitKind, VisitOrder  # noqa: E402,F401

# Teams, regions, targets and the daily rollup live in their own module.
from saas.fieldsales.team_models import (  # noqa: E402,F401
    Dimension,
    FieldDailyStats,
    FieldTarget,
    Metric,
    Region,
    TargetPeriod,
    Team,
    TeamMember,
)
