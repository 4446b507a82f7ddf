"""Display names of the codes reports group by: order statuses and return reasons, translated."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from saas.sales.models import OrderStatus, ReturnReason

ORDER_STATUS_LABELS: dict[str, Promise] = {
    OrderStatus.DRAFT: _("Draft"),
    OrderStatus.PENDING_REVIEW: _("Pending review"),
    OrderStatus.APPROVED: _("Approved"),
    OrderStatus.PENDING_PURCHASE: _("Pending purchase"),
    OrderStatus.PENDING_SHIPMENT: _("Pending shipment"),
    OrderStatus.PARTLY_SHIPPED: _("Partly shipped"),
    OrderStatus.PENDING_SIGNBACK: _("Pending sign-back"),
    OrderStatus.COMPLETED: _("Completed"),
    OrderStatus.CANCELLED: _("Cancelled"),
}

RETURN_REASON_LABELS: dict[str, Promise] = {
    ReturnReason.QUALITY: _("Quality problem"),
    ReturnReason.WRONG_ITEM: _("Wrong item sent"),
    ReturnReason.DAMAGED: _("Damaged in transit"),
    ReturnReason.NOT_NEEDED: _("No longer needed"),
    ReturnReason.OTHER: _("Other reason"),
}

# Workflow order, for reports grouped by status.
STATUS_ORDER = {status: index for index, status in enumerate(OrderStatus.values)}


def status_label(code: str) -> str:
    return str(ORDER_STATUS_LABELS.get(code, code))


def reason_label(code: str) -> str:
    return str(RETURN_REASON_LABELS.get(code, code))


def spec_text(values: object) -> str:
    return " / ".join(str(v) for v in values.values()) if isinstance(values, dict) else ""


def sku_text(product_name: str, spec_values: object) -> str:
    spec = spec_text(spec_values)
    return f"{product_name} {spec}".strip() if spec else product_name


def party_text(code: str | None, name: str | None) -> str:
    return name or code or ""
