"""The customer's price of a SKU (客户价): its tier price when another area prices the customer (a
distributor's price lists, registered from DistributionConfig.ready(), so sales never imports
distribution), else the SKU's list price.

It is a reference price per base unit at quantity 1: what the order form fills in and shows
beside the last price paid, and what a phone's cached copy is compared with when an order taken
offline arrives (`price_changed`). Quantity breaks of a tier are not applied here: on a staff
order the rep sets the line's price.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from saas.catalog.models import SKU


@dataclass(frozen=True)
class CustomerPrice:
    sku_id: int
    list_price: Decimal
    price: Decimal  # per base unit, tax included
    rule: str  # why, when a tier prices it ("市代价目表 2026-12-01 · 9.0折"); "" for the list price
    tiered: bool


# A source answers {sku id: (price, rule)} for the SKUs it prices for this customer (it may leave
# some out); the first source that prices a SKU wins.
PriceSource = Callable[[int, dict[int, Decimal]], dict[int, tuple[Decimal, str]]]
_SOURCES: dict[str, PriceSource] = {}


def customer_price_source_register(name: str, source: PriceSource) -> None:
    """Call from an AppConfig.ready(): `source(customer_id, {sku_id: list_price})`."""
    _SOURCES[name] = source


def customer_prices(customer_id: int, sku_ids: Iterable[int]) -> dict[int, CustomerPrice]:
    """The customer's price of each known SKU (unknown ids are left out)."""
    lists = {
        pk: Decimal(price)
        for pk, price in SKU.objects.filter(pk__in=set(sku_ids)).values_list("pk", "list_price")
    }
    found: dict[int, tuple[Decimal, str]] = {}
    for source in _SOURCES.values():
        if len(found) == len(lists):
            break
        for pk, answer in source(customer_id, {k: v for k, v in lists.items() if k not in found}).items():
            found.setdefault(pk, answer)
    result = {}
    for pk, list_price in lists.items():
        price, rule = found.get(pk, (list_price, ""))
        result[pk] = CustomerPrice(pk, list_price, price, rule, pk in found)
    return result
