"""What a printed sales order or quotation shows: the document as the caller may see it, the
company's name, and the total in Chinese capital numerals (大写金额) as 财务 expects on paper."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from saas.accounts.actors import Actor
from saas.core.tenancy import current_tenant
from saas.sales.models import Quotation, SalesOrder
from saas.sales.selectors.orders import order_get
from saas.sales.selectors.quotations import quotation_get
from saas.sales.selectors.visibility import may_see_order_money

DIGITS = "零壹贰叁肆伍陆柒捌玖"
SMALL_UNITS = ("", "拾", "佰", "仟")
GROUP_UNITS = ("", "万", "亿", "万亿")


def _group(number: int) -> str:
    """0-9999 in capitals, zeros collapsed ('壹仟零伍')."""
    text, zero = "", False
    for position in range(3, -1, -1):
        digit = number // 10**position % 10
        if digit == 0:
            zero = bool(text)
            continue
        if zero:
            text += "零"
            zero = False
        text += DIGITS[digit] + SMALL_UNITS[position]
    return text


def rmb_upper(amount: Decimal) -> str:
    """人民币大写: 3953.5 → 叁仟玖佰伍拾叁元伍角; 100 → 壹佰元整; negative amounts get 负."""
    cents = int((abs(amount) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    sign = "负" if amount < 0 and cents else ""
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    parts: list[str] = []
    group_index, need_zero = 0, False
    while yuan:
        group = yuan % 10000
        if group:
            text = _group(group) + GROUP_UNITS[group_index]
            if need_zero:
                text += "零"
            parts.insert(0, text)
            need_zero = group < 1000
        elif parts:
            need_zero = True
        yuan //= 10000
        group_index += 1
    words = "".join(parts)
    if words:
        words += "元"
    if not jiao and not fen:
        return sign + (words or "零元") + "整"
    if jiao:
        words += DIGITS[jiao] + "角"
    elif words:
        words += "零"
    if fen:
        words += DIGITS[fen] + "分"
    return sign + words


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
