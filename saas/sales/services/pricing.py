"""Line and document amounts of sales orders and quotations, from tax-inclusive prices (含税价).

    goods    = round(quantity × unit price)                       before the discount
    amount   = round(quantity × unit price × (1 − discount % / 100))
    discount = goods − amount
    tax      = round(amount − amount / (1 + tax rate % / 100))    the VAT inside the amount

Each line is rounded to the cent once, when it is written; document totals are sums of the
rounded lines, so a printed order always adds up.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol

from saas.sales.models.common import ZERO, to_money

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class LineAmounts:
    goods: Decimal
    amount: Decimal
    discount: Decimal
    tax: Decimal


def line_amounts(
    *, quantity: Decimal, unit_price: Decimal, discount_rate: Decimal, tax_rate: Decimal
) -> LineAmounts:
    goods = to_money(quantity * unit_price)
    amount = to_money(quantity * unit_price * (1 - discount_rate / HUNDRED))
    tax = to_money(amount - amount / (1 + tax_rate / HUNDRED))
    return LineAmounts(goods=goods, amount=amount, discount=goods - amount, tax=tax)


class PricedLine(Protocol):
    quantity: Decimal
    unit_price: Decimal
    discount_rate: Decimal
    tax_rate: Decimal
    amount: Decimal
    discount_amount: Decimal
    tax_amount: Decimal


class PricedDocument(Protocol):
    goods_amount: Decimal
    discount_amount: Decimal
    total_amount: Decimal
    tax_amount: Decimal


def price_line(line: PricedLine) -> None:
    """Set the line's amount, discount_amount and tax_amount from its quantity and rates."""
    amounts = line_amounts(
        quantity=Decimal(line.quantity),
        unit_price=Decimal(line.unit_price),
        discount_rate=Decimal(line.discount_rate),
        tax_rate=Decimal(line.tax_rate),
    )
    line.amount, line.discount_amount, line.tax_amount = amounts.amount, amounts.discount, amounts.tax


def apply_totals(document: PricedDocument, lines: Iterable[PricedLine]) -> None:
    """Set the document's totals to the sums of its (already priced) lines."""
    goods = discount = total = tax = ZERO
    for line in lines:
        goods += line.amount + line.discount_amount
        discount += line.discount_amount
        total += line.amount
        tax += line.tax_amount
    document.goods_amount, document.discount_amount = goods, discount
    document.total_amount, document.tax_amount = total, tax
