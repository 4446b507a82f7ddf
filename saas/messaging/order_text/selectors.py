"""Reading a pasted message into draft lines for the person pasting (`orderTextParse`).

The text is capped (MAX_TEXT characters, MAX_LINES lines) before anything runs. The customer,
when given, must be one the person may see (a distributor: its own); the SKUs they bought in
their last orders the person may see rank first among candidates. Nothing is written: the lines
are a draft the order entry screen shows, and nothing is ordered until the person confirms there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.catalog.models import SKU
from saas.catalog.selectors import sku_list
from saas.core.errors import InvalidInput, NotFound
from saas.core.ids import parse_id
from saas.customers.visibility import visible_customers
from saas.distribution.models import DistributorOrder
from saas.messaging.order_text.access import Parser, order_text_parser
from saas.messaging.order_text.parser import ParseResult, parse
from saas.messaging.order_text.resolve import View
from saas.messaging.order_text.snapshot import workspace_index
from saas.sales.models import OrderStatus, SalesOrderLine
from saas.sales.selectors.visibility import visible_orders

MAX_TEXT = 5000
MAX_LINES = 200
HISTORY_ORDERS = 50


@dataclass(frozen=True)
class ParsedText:
    result: ParseResult
    skus: dict[int, SKU]  # every SKU a line names, with its product


def _customer_history(parser: Parser, customer_id: Any) -> dict[int, int]:
    """SKU → how many of the customer's last orders (that the person may see) had it. A
    distributor's person ranks by its own distributor's orders, whatever it sends."""
    if parser.distributor is not None:
        if customer_id not in (None, "") and parse_id(customer_id) != parser.distributor.customer_id:
            raise NotFound(_("Customer not found."), field="customer_id")
        recent = list(
            DistributorOrder.objects.filter(distributor=parser.distributor)
            .order_by("-order_id")
            .values_list("order_id", flat=True)[:HISTORY_ORDERS]
        )
    elif customer_id in (None, ""):
        return {}
    else:
        pk = parse_id(customer_id)
        if pk is None or not visible_customers(parser.actor).filter(pk=pk).exists():
            raise NotFound(_("Customer not found."), field="customer_id")
        recent = list(
            visible_orders(parser.actor)
            .filter(customer_id=pk)
            .exclude(status=OrderStatus.CANCELLED)
            .order_by("-id")
            .values_list("id", flat=True)[:HISTORY_ORDERS]
        )
    if not recent:
        return {}
    rows = (
        SalesOrderLine.objects.filter(order_id__in=recent)
        .values("sku_id")
        .annotate(n=Count("order_id", distinct=True))
    )
    return {row["sku_id"]: row["n"] for row in rows}


def clean_pasted_text(text: str) -> str:
    text = text or ""
    if len(text) > MAX_TEXT:
        raise InvalidInput(
            _("Paste at most %(n)d characters at a time.") % {"n": MAX_TEXT},
            code="text_too_long",
            field="text",
        )
    if text.count("\n") + 1 > MAX_LINES:
        raise InvalidInput(
            _("Paste at most %(n)d lines at a time.") % {"n": MAX_LINES}, code="too_many_lines", field="text"
        )
    return text


def order_text_parse(*, actor: Actor, text: str, customer_id: Any = None) -> ParsedText:
    text = clean_pasted_text(text)
    parser = order_text_parser(actor)
    history = _customer_history(parser, customer_id)
    view = View(
        allowed_skus=parser.allowed_skus,
        distributor_id=parser.distributor.pk if parser.distributor else None,
        history=history,
    )
    result = parse(text, workspace_index(), view)
    named = {pk for line in result.lines for pk in (line.sku_id, *line.candidates) if pk is not None}
    skus = sku_list(actor=parser.actor).filter(pk__in=named).in_bulk() if named else {}
    return ParsedText(result=result, skus=skus)
