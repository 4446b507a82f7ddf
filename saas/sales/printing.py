"""What a printed sales order or quotation shows: the document as the caller may see it, the
company's name, and the total in Chinese capital numerals (大写金额) as 财务 expects on paper."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.core.amount_words import rmb_upper as rmb_upper  # re-exported: print pages name it here
from saas.core.errors import InvalidInput
from saas.core.tenancy import current_tenant
from saas.sales.models import Quotation, SalesOrder
from saas.sales.selectors.orders import order_get
from saas.sales.selectors.quotations import quotation_get
from saas.sales.selectors.visibility import may_see_order_money


@dataclass(frozen=True)
class PrintPage:
    company: str
    document: Any
    lines: list[Any]
    show_money: bool
    total_in_words: str


def order_print_page(*, actor: Actor, order_id: Any) -> PrintPage:
    order: SalesOrder = order_get(actor=actor, order_id=order_id)
    show_money = may_see_order_money(actor)
    return PrintPage(
        company=current_tenant().name,
        document=order,
        lines=list(order.lines.all()),
        show_money=show_money,
        total_in_words=rmb_upper(order.total_amount) if show_money else "",
    )


def quotation_print_page(*, actor: Actor, quotation_id: Any) -> PrintPage:
    quotation: Quotation = quotation_get(actor=actor, quotation_id=quotation_id)
    return PrintPage(
        company=current_tenant().name,
        document=quotation,
        lines=list(quotation.lines.all()),
        show_money=True,  # only those who see order money see quotations at all
        total_in_words=rmb_upper(quotation.total_amount),
    )


MAX_BATCH = 100


def orders_print_pages(*, actor: Actor, order_ids: list[str], show_prices: bool = True) -> list[PrintPage]:
    """Several orders on one page to print at once, each on a sheet of its own, in the order
    asked; any order the caller may not see is not found, as alone. `show_prices=False` prints
    them without money even for those who may see it (a copy for the warehouse or the driver)."""
    if not order_ids:
        raise InvalidInput(_("Choose at least one order."), code="lines_required", field="ids")
    if len(order_ids) > MAX_BATCH:
        raise InvalidInput(
            _("At most %(n)d orders at once.") % {"n": MAX_BATCH}, code="too_many_lines", field="ids"
        )
    company = current_tenant().name
    show_money = show_prices and may_see_order_money(actor)
    pages = []
    for order_id in dict.fromkeys(order_ids):
        order: SalesOrder = order_get(actor=actor, order_id=order_id)
        pages.append(
            PrintPage(
                company=company,
                document=order,
                lines=list(order.lines.all()),
                show_money=show_money,
                total_in_words=rmb_upper(order.total_amount) if show_money else "",
            )
        )
    return pages
