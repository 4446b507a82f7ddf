"""The tier price of a distributor's SKUs for staff order entry: sales asks through its customer
price registry (saas/sales/customer_prices.py), registered from DistributionConfig.ready()."""

from __future__ import annotations

from decimal import Decimal

from saas.core.clock import tenant_today
from saas.distribution.models import Distributor, DistributorStatus
from saas.distribution.pricing import NOT_FOUND, price_book, price_sku, sku_facts


def distributor_tier_prices(
    customer_id: int, list_prices: dict[int, Decimal]
) -> dict[int, tuple[Decimal, str]]:
    """{sku id: (price per base unit at quantity 1, the rule)} when the customer is an active
    distributor and a rule of its lists prices the SKU; nothing otherwise (the list price holds)."""
    distributor = Distributor.objects.filter(customer_id=customer_id, status=DistributorStatus.ACTIVE).first()
    if distributor is None or not list_prices:
        return {}
    book = price_book(distributor, on=tenant_today())
    result: dict[int, tuple[Decimal, str]] = {}
    for pk, facts in sku_facts(set(list_prices)).items():
        priced = price_sku(book, facts, Decimal(1))
        # A rule that leaves the list price as it is prices nothing worth showing.
        if priced.problem != NOT_FOUND and priced.unit_price != priced.list_price:
            result[pk] = (priced.unit_price, priced.price_rule)
    return result
