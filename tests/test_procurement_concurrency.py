"""Real parallel transactions: two receivers never both check in the same outstanding goods, and
a retried confirmation never makes a second set of orders."""

from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context

from saas.core.errors import InvalidInput
from saas.inventory.models import StockLevel, Warehouse
from saas.inventory.services.checks import ledger_mismatches
from saas.procurement import services
from saas.procurement.models import GoodsReceipt, PurchaseOrder, Supplier
from tests.fixtures.inventory import make_sku
from tests.fixtures.parallel import run_in_parallel, scratch_workspace
from tests.fixtures.procurement import supply

THREADS = 8


@pytest.fixture(scope="module")
def scratch(world, django_db_blocker):
    return scratch_workspace(django_db_blocker, "proc")


def _setup(owner):
    tag = uuid.uuid4().hex[:6].upper()
    warehouse = Warehouse.objects.create(code=f"W{tag}", name="并发仓")
    sku = make_sku(f"PO-{tag}")
    supplier = Supplier.objects.create(code=f"S{tag}", name="并发供应商")
    supply(supplier, sku, "10")
    return warehouse, sku, supplier


def test_parallel_receipts_of_the_same_goods_accept_them_once(scratch, django_db_blocker):
    tenant, owner = scratch
    with django_db_blocker.unblock(), tenant_context(tenant):
        warehouse, sku, supplier = _setup(owner)
        order = services.purchase_order_create(
            actor=owner,
            supplier_id=supplier.pk,
            lines=[services.OrderLineInput(sku.pk, warehouse.pk, "5")],
        )
        services.purchase_order_submit(actor=owner, order_id=order.pk)
        services.purchase_order_approve(actor=owner, order_id=order.pk)
        line_id = order.lines.get().pk

        results = run_in_parallel(
            tenant,
            lambda i: services.goods_receipt_create(
                actor=owner, order_id=order.pk, lines=[services.ReceiptLineInput(line_id, accepted_qty="3")]
            ),
            THREADS,
        )
        done = [r for r in results if isinstance(r, GoodsReceipt)]
        refused = [r for r in results if isinstance(r, InvalidInput)]
        assert (len(done), len(refused)) == (1, THREADS - 1), results
        assert {problem.code for r in refused for problem in r.problems} == {"over_receipt"}
        # 3 of 5 in: every other receiver saw 2 outstanding once the first committed.
        assert StockLevel.objects.get(sku=sku, warehouse=warehouse).on_hand == Decimal(3)
        assert PurchaseOrder.objects.get(pk=order.pk).status == "partly_received"
        assert ledger_mismatches() == []


def test_parallel_retries_of_one_confirmation_make_one_set_of_orders(scratch, django_db_blocker):
    tenant, owner = scratch
    with django_db_blocker.unblock(), tenant_context(tenant):
        warehouse, sku, supplier = _setup(owner)
        key = f"confirm-{uuid.uuid4().hex[:12]}"
        results = run_in_parallel(
            tenant,
            lambda i: services.replenishment_confirm(
                actor=owner,
                lines=[services.ConfirmLineInput(supplier.pk, sku.pk, warehouse.pk, "7")],
                idempotency_key=key,
            ),
            THREADS,
        )
        assert all(isinstance(r, list) for r in results), results
        assert {tuple(o.pk for o in r) for r in results if isinstance(r, list)} == {
            (PurchaseOrder.objects.get(supplier=supplier).pk,)
        }
