"""Reads of quotations for users: a rep sees their own, whoever sees every order sees every
quotation; the warehouse sees none (quotations are prices and nothing to ship)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.actors import Actor
from saas.accounts.visibility import RowRule, visible_rows
from saas.core.errors import NotFound
from saas.core.ids import parse_id
from saas.core.models import DocumentEvent
from saas.core.transitions import events_of
from saas.sales.models import Quotation, QuotationLine

QUOTATION_DOC_TYPE = "quotation"
QUOTATION_VISIBILITY = RowRule(
    all_scope=scopes.ORDERS_VIEW_ALL, own_scope=scopes.ORDERS_VIEW_OWN, owner_field="rep"
)


def visible_quotations(actor: Actor) -> QuerySet[Quotation]:
    return visible_rows(Quotation.objects.all(), actor=actor, rule=QUOTATION_VISIBILITY)


def quotation_list(
    *,
    actor: Actor,
    status: str | None = None,
    customer_id: Any = None,
    search: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[Quotation]:
    queryset = (
        visible_quotations(actor)
        .select_related("customer", "rep")
        .prefetch_related(Prefetch("lines", queryset=QuotationLine.objects.select_related("sku__product")))
    )
    if status:
        queryset = queryset.filter(status=status)
    if customer_id is not None:
        queryset = queryset.filter(customer_id=parse_id(customer_id) or 0)
    if search:
        queryset = queryset.filter(Q(number__icontains=search) | Q(customer__name__icontains=search))
    if date_from is not None:
        queryset = queryset.filter(quote_date__gte=date_from)
    if date_to is not None:
        queryset = queryset.filter(quote_date__lte=date_to)
    return queryset.order_by("-id")


def quotation_get(*, actor: Actor, quotation_id: Any) -> Quotation:
    pk = parse_id(quotation_id)
    quotation = quotation_list(actor=actor).filter(pk=pk).first() if pk is not None else None
    if quotation is None:
        raise NotFound(_("Quotation not found."), field="id")
    quotation.events = list(events_of(QUOTATION_DOC_TYPE, quotation.pk))  # type: ignore[attr-defined]
    return quotation


def quotation_events(quotation: Quotation) -> list[DocumentEvent]:
    events = getattr(quotation, "events", None)
    return list(events) if events is not None else list(events_of(QUOTATION_DOC_TYPE, quotation.pk))
