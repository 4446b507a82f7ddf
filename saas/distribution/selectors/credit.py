"""The credit a distributor has in use: what its customer owes plus its portal orders on credit
that are not yet approved. One definition for the order check and the portal's display."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import DecimalField, Sum
from django.db.models.functions import Coalesce

from saas.accounts import scopes
from saas.accounts.actors import System
from saas.distribution.models import Distributor, DistributorOrder, PayWith
from saas.finance.selectors.receivables import receivables
from saas.sales.models import OrderStatus

MONEY = DecimalField(max_digits=18, decimal_places=2)
# Credit orders not yet approved: receivables do not count them yet, the credit limit must.
WAITING = (OrderStatus.DRAFT, OrderStatus.PENDING_REVIEW)
# Reads the customer's receivables for the credit check: the distributor itself sees no finance.
CREDIT_READER = System(reason="distributor credit", scopes=frozenset({scopes.FINANCE_VIEW}))


def credit_in_use(distributor: Distributor) -> Decimal:
    """What the distributor's customer owes (finance's receivables: the sold orders still open,
    whoever placed them) plus its credit orders placed in the portal and not yet approved."""
    owed = receivables(actor=CREDIT_READER, customer_id=distributor.customer_id).total.owed
    waiting = DistributorOrder.objects.filter(
        distributor=distributor, pay_with=PayWith.CREDIT, order__status__in=WAITING
    ).aggregate(total=Coalesce(Sum("order__total_amount"), Decimal(0), output_field=MONEY))["total"]
    return Decimal(owed) + Decimal(waiting)


def credit_available(distributor: Distributor) -> Decimal:
    """The credit limit less what is in use; never below zero."""
    return max(distributor.credit_limit - credit_in_use(distributor), Decimal("0.00"))
