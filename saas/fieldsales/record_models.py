"""What a visit records beyond the check-in: the workspace's visit types with their typed forms,
and the orders taken during a visit."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class VisitKind(models.Model):
    """A kind of visit (例行拜访, 陈列检查, 催款 …) and the form a rep fills in at it
    (saas/fieldsales/visit_forms.py). Archived rather than deleted: visits keep pointing at it."""

    name = models.CharField(max_length=40)
    # [{key, label, kind, required, options}], checked by visit_forms.clean_definition.
    fields = models.JSONField(default=list)
    position = models.PositiveIntegerField(default=0)
    archived = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["archived", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["name"], condition=models.Q(archived=False), name="visitkind_active_name_once"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class VisitOrder(models.Model):
    """An order taken during a visit: an order belongs to at most one visit."""

    visit = models.ForeignKey("fieldsales.Visit", on_delete=models.CASCADE, related_name="order_links")
    order = models.OneToOneField("sales.SalesOrder", on_delete=models.CASCADE, related_name="visit_link")
    linked_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"visit {self.visit_id}: order {self.order_id}"
