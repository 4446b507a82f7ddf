"""What a printed sales order or quotation shows: the document as the caller may see it, the
company's name, and the total in Chinese capital numerals (大写金额) as 财务 expects on paper.
An order prints as the workspace's print settings for orders say (columns, texts, 大写金额);
money prints only for people who may see it, whatever those settings say."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.core.amount_words import rmb_upper as rmb_upper  # re-exported: print pages name it here
from saas.core.errors import InvalidInput
from saas.core.tenancy import current_tenant
from saas.sales.models import Quotation, SalesOrder
from saas.sales.models.printing import PrintDocument
from saas.sales.selectors.orders import order_get
from saas.sales.selectors.print_settings import PrintOptions, print_options
from saas.sales.selectors.quotations import quotation_get
from saas.sales.selectors.visibility import may_see_order_money


@dataclass(frozen=True)
class PrintPage:
    company: str
    document: Any
    lines: list[Any]
    show_money: bool
    total_in_words: str
    # The columns and texts (quotations print every column, with the default texts).
    show_prices: bool = True
    show_discounts: bool = True
    show_amounts: bool = True
    show_remarks: bool = True
    header_text: str = ""
    footer_text: str = ""
    signature_text: str = ""

    @property
    def total_colspan(self) -> int:
        """The total's label spans the columns before the amount."""
        return 6 + int(self.show_prices) + int(self.show_discounts)


def _order_page(order: SalesOrder, *, company: str, show_money: bool, options: PrintOptions) -> PrintPage:
    """Money columns need both the caller's sight of money and the settings' column."""
    return PrintPage(
        company=company,
        document=order,
        lines=list(order.lines.all()),
        show_money=show_money and (options.show_prices or options.show_discounts or options.show_amounts),
        total_in_words=rmb_upper(order.total_amount) if show_money and options.amount_in_words else "",
        show_prices=show_money and options.show_prices,
        show_discounts=show_money and options.show_discounts,
        show_amounts=show_money and options.show_amounts,
        show_remarks=options.show_remarks,
        header_text=options.header_text,
        footer_text=options.footer_text,
        signature_text=options.signature_text,
    )


def order_print_page(*, actor: Actor, order_id: Any) -> PrintPage:
    order: SalesOrder = order_get(actor=actor, order_id=order_id)
    return _order_page(
        order,
        company=current_tenant().name,
        show_money=may_see_order_money(actor),
        options=print_options(PrintDocument.ORDER),
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
    options = print_options(PrintDocument.ORDER)
    pages = []
    for order_id in dict.fromkeys(order_ids):
        order: SalesOrder = order_get(actor=actor, order_id=order_id)
        pages.append(_order_page(order, company=company, show_money=show_money, options=options))
    return pages
