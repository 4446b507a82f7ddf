"""What a sold order still owes and what it was overpaid: one definition for order statistics,
receivables and the customer statement (and SalesOrder.outstanding / .overpaid in Python).

balance = total − returned − received. A received return takes the goods' value off what the
order is worth whether or not the customer had paid, so a paid order with goods back has
received more than it is now worth. That excess is `overpaid` — money the business owes back
(a refund, or credit until refunded) — and never a negative `outstanding`:
outstanding = max(balance, 0), overpaid = max(−balance, 0), balance = outstanding − overpaid.
Only net figures set the two against each other: a customer's net receivable and statement
balance, and the arrears report.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import DecimalField, F, Value
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Greatest

MONEY = DecimalField(max_digits=18, decimal_places=2)
ZERO = Decimal("0.00")  # so sums and untouched buckets read "0.00", as money does
NOTHING = Value(Decimal("0.00"), output_field=MONEY)


def order_balance(prefix: str = "") -> CombinedExpression:
    """total − returned − received, signed: negative when the order is overpaid."""
    return F(f"{prefix}total_amount") - F(f"{prefix}returned_amount") - F(f"{prefix}received_amount")


def order_outstanding(prefix: str = "") -> Greatest:
    """What the customer still owes for the goods kept (未收余额)."""
    return Greatest(order_balance(prefix), NOTHING, output_field=MONEY)


def order_overpaid(prefix: str = "") -> Greatest:
    """What the order received beyond its worth after returns (多收, to refund)."""
    return Greatest(-order_balance(prefix), NOTHING, output_field=MONEY)
