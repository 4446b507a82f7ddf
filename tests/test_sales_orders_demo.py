"""The demo seed: orders of the demo reps in every queue, through the services, once."""

from __future__ import annotations

from collections import Counter

from saas.catalog.demo import catalog_demo_seed
from saas.customers.demo import customers_demo_seed
from saas.inventory.demo import inventory_demo_seed
from saas.inventory.services.checks import ledger_mismatches
from saas.sales.demo import sales_demo_seed
from saas.sales.models import Quotation, SalesOrder


def test_the_demo_has_orders_in_every_queue_and_runs_once(in_alpha):
    catalog_demo_seed()
    inventory_demo_seed()
    customers_demo_seed()
    assert sales_demo_seed() == 11
    statuses = Counter(SalesOrder.objects.values_list("status", flat=True))
    assert set(statuses) == {
        "draft",
        "pending_review",
        "pending_purchase",
        "pending_shipment",
        "partly_shipped",
        "pending_signback",
        "completed",
        "cancelled",
    }
    assert {q.status for q in Quotation.objects.all()} == {"draft", "sent"}
    assert ledger_mismatches() == []
    assert sales_demo_seed() == 0 and SalesOrder.objects.count() == 11


def test_without_demo_customers_the_seed_makes_its_own(in_alpha):
    catalog_demo_seed()
    inventory_demo_seed()
    assert sales_demo_seed() == 11
    assert SalesOrder.objects.values("customer").distinct().count() == 2
