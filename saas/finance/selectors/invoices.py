"""Invoices (开票) for users: every one for those who see all money, for a rep those that cover
their own orders or are their own customers' (showing only their own orders' shares)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.core.errors import InvalidInput, NotFound
from saas.core.ids import clean_id
from saas.finance.models import Invoice, InvoiceOrder, InvoiceStatus
from saas.finance.selectors.access import touching_own
from saas.sales.selectors.visibility import money_viewer, sees_all_money


def invoice_list(
    *, actor: Actor, customer_id: Any = None, order_id: Any = None, status: str | None = None
) -> QuerySet[Invoice]:
    user = money_viewer(actor)
    links = InvoiceOrder.objects.select_related("order").order_by("order_id")
    queryset = Invoice.objects.select_related("customer", "created_by")
    if not sees_all_money(user):
        queryset = queryset.filter(touching_own(user, InvoiceOrder.objects.all(), "invoice_id"))
        links = links.filter(order__rep_id=user.pk)  # a colleague's orders stay unseen
    queryset = queryset.prefetch_related(Prefetch("order_links", queryset=links))
    if customer_id is not None:
        queryset = queryset.filter(customer_id=clean_id(customer_id, "customerId", _("Customer not found.")))
    if order_id is not None:
        pk = clean_id(order_id, "orderId", _("Order not found."))
        queryset = queryset.filter(pk__in=InvoiceOrder.objects.filter(order_id=pk).values("invoice_id"))
    if status:
        if status not in InvoiceStatus.values:
            raise InvalidInput(_("Unknown status."), code="status_invalid", field="status")
        queryset = queryset.filter(status=status)
    return queryset.order_by("-id")


def invoice_get(*, actor: Actor, invoice_id: Any) -> Invoice:
    pk = clean_id(invoice_id, "id", _("Invoice not found."))
    invoice = invoice_list(actor=actor).filter(pk=pk).first()
    if invoice is None:
        raise NotFound(_("Invoice not found."), field="id")
    return invoice
