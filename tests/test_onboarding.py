"""A new workspace's checklist and its sample data: steps ticked from the workspace's own data
only, the sample set loaded through the services and removed to the last row (row counts per
table), a sample record used by real data refused with nothing removed, who may do it, and
another workspace untouched."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection

from saas.core.errors import Forbidden, InvalidInput
from saas.customers.models import Customer
from saas.inventory.models import StockLevel, StockMovement, Warehouse
from saas.inventory.services.checks import ledger_mismatches
from saas.inventory.services.entries import EntryLine, stock_entry_create
from saas.onboarding.selectors import onboarding
from saas.onboarding.services import onboarding_dismiss, sample_data_load, sample_data_remove
from saas.sales import services as sales
from saas.sales.models import SalesOrder
from saas.sales.services.settings import sales_settings
from saas.shipping.services.settings import shipping_settings_update
from tests.fixtures.events import deliver_events
from tests.fixtures.inventory import in_tenant, make_sku
from tests.fixtures.sales import sales_customer
from tests.fixtures.tenants import client_for, graphql

# Kept on purpose (saas/onboarding/services.py says why): the append-only event log and the
# bookkeeping of its deliveries, and document number sequences (a number is never reused).
KEPT = {"core_event_log", "core_processedevent", "core_documentsequence", "partners_feedentry"}


def row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
            "AND table_type = 'BASE TABLE' ORDER BY table_name"
        )
        tables = [name for (name,) in cursor.fetchall() if name not in KEPT]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 (names from the catalogue)
            counts[table] = cursor.fetchone()[0]
    return counts


def steps(actor) -> dict[str, bool]:
    return {step.key: step.done for step in onboarding(actor=actor).steps}


def test_a_new_workspace_has_nothing_ticked_but_its_colleagues(in_alpha):
    owner = in_alpha.users["owner"]
    ticked = steps(owner)
    assert list(ticked) == ["company", "warehouse", "products", "colleagues", "first_order"]
    # alpha's fixture has one colleague per role already.
    assert ticked == {
        "company": False,
        "warehouse": False,
        "products": False,
        "colleagues": True,
        "first_order": False,
    }
    assert onboarding(actor=owner).sample_loaded is False


def test_steps_are_ticked_from_real_data_and_not_from_the_sample_set(in_alpha):
    owner = in_alpha.users["owner"]
    sample_data_load(actor=owner)
    assert onboarding(actor=owner).sample_loaded is True
    assert steps(owner)["warehouse"] is False and steps(owner)["first_order"] is False
    assert steps(owner)["products"] is False
    shipping_settings_update(actor=owner, print_phone="0571-88886666")
    Warehouse.objects.create(code="REAL", name="真仓库")
    make_sku("REAL-1", "真商品")
    ticked = steps(owner)
    assert (ticked["company"], ticked["warehouse"], ticked["products"]) == (True, True, True)


def test_sample_data_is_marked_and_made_through_the_services(in_alpha):
    owner = in_alpha.users["owner"]
    counts = sample_data_load(actor=owner)
    assert (counts.products, counts.customers, counts.orders) == (5, 3, 4)
    assert all(name.startswith("【示例】") for name in Customer.objects.values_list("name", flat=True))
    statuses = sorted(SalesOrder.objects.values_list("status", flat=True))
    assert statuses == ["draft", "pending_review", "pending_shipment", "pending_shipment"]
    assert ledger_mismatches() == []
    with pytest.raises(InvalidInput) as twice:
        sample_data_load(actor=owner)
    assert twice.value.code == "sample_loaded"


def test_removing_sample_data_leaves_every_table_as_it_was(in_alpha):
    owner = in_alpha.users["owner"]
    # The sales settings row is made with its defaults the first time anything reads it (the
    # first order does): a default row and no row are the same settings, so read it first.
    sales_settings()
    before = row_counts()
    sample_data_load(actor=owner)
    deliver_events()  # the inbox, the field rollup and the partners' feed have heard of it
    assert row_counts() != before
    removed = sample_data_remove(actor=owner)
    assert (removed.orders, removed.customers) == (4, 3)
    after = row_counts()
    assert {t: (before[t], after[t]) for t in before if before[t] != after[t]} == {}
    assert onboarding(actor=owner).sample_loaded is False
    # And again: the set can be loaded and removed as often as wanted.
    sample_data_load(actor=owner)
    sample_data_remove(actor=owner)
    assert row_counts() == before
    with pytest.raises(InvalidInput) as nothing:
        sample_data_remove(actor=owner)
    assert nothing.value.code == "sample_not_loaded"


def test_a_sample_record_used_by_a_real_order_is_refused_and_nothing_removed(in_alpha):
    owner = in_alpha.users["owner"]
    sample_data_load(actor=owner)
    customer = Customer.objects.order_by("id").first()
    real_warehouse = Warehouse.objects.create(code="REAL", name="真仓库")
    sku = make_sku("REAL-1", "真商品", "5")
    stock_entry_create(
        actor=owner,
        warehouse_id=real_warehouse.pk,
        direction="in",
        reason="opening",
        lines=[EntryLine(sku_id=sku.pk, quantity="5", unit_cost="5")],
    )
    real = sales.order_create(
        actor=owner,
        customer_id=customer.pk,
        warehouse_id=real_warehouse.pk,
        lines=[sales.LineInput(sku_id=sku.pk, quantity="1", unit_price=Decimal("10"))],
    )
    before = row_counts()
    with pytest.raises(InvalidInput) as refused:
        sample_data_remove(actor=owner)
    assert refused.value.code == "sample_in_use"
    assert real.number in refused.value.problems[0].message
    assert row_counts() == before
    assert StockMovement.objects.filter(warehouse__code="SAMPLE-WH").exists()
    assert ledger_mismatches() == []


def test_a_real_stock_movement_in_the_sample_warehouse_is_refused(in_alpha):
    owner = in_alpha.users["owner"]
    sample_data_load(actor=owner)
    warehouse = Warehouse.objects.get(code="SAMPLE-WH")
    sku = make_sku("REAL-1", "真商品", "5")
    stock_entry_create(
        actor=owner,
        warehouse_id=warehouse.pk,
        direction="in",
        reason="opening",
        lines=[EntryLine(sku_id=sku.pk, quantity="5", unit_cost="5")],
    )
    with pytest.raises(InvalidInput) as refused:
        sample_data_remove(actor=owner)
    assert refused.value.code == "sample_in_use"
    assert StockLevel.objects.filter(warehouse=warehouse).count() == 6


def test_only_people_who_manage_the_workspace_load_remove_or_dismiss(in_alpha):
    for role in ("manager", "sales", "warehouse", "finance", "distributor"):
        user = in_alpha.users[role]
        for call in (sample_data_load, sample_data_remove, onboarding_dismiss, onboarding):
            with pytest.raises(Forbidden):
                call(actor=user)
    assert not SalesOrder.objects.exists()
    admin = in_alpha.users["admin"]
    onboarding_dismiss(actor=admin)
    assert onboarding(actor=in_alpha.users["owner"]).dismissed is True
    onboarding_dismiss(actor=admin, dismissed=False)
    assert onboarding(actor=admin).dismissed is False


def test_graphql_loads_and_removes_and_another_workspace_sees_none_of_it(alpha, beta):
    client = client_for(alpha, alpha.users["owner"])
    fields = "onboarding { sampleLoaded dismissed steps { key done } } errors { field code message }"
    loaded = graphql(client, f"mutation {{ sampleDataLoad {{ {fields} }} }}")
    assert loaded["data"]["sampleDataLoad"]["errors"] == []
    assert loaded["data"]["sampleDataLoad"]["onboarding"]["sampleLoaded"] is True
    again = graphql(client, f"mutation {{ sampleDataLoad {{ {fields} }} }}")["data"]["sampleDataLoad"]
    assert [error["code"] for error in again["errors"]] == ["sample_loaded"]
    beta_client = client_for(beta, beta.users["owner"])
    beta_home = graphql(beta_client, "{ dashboard { onboarding { sampleLoaded } } }")
    assert beta_home["data"]["dashboard"]["onboarding"]["sampleLoaded"] is False
    beta_remove = graphql(beta_client, f"mutation {{ sampleDataRemove {{ {fields} }} }}")
    assert [e["code"] for e in beta_remove["data"]["sampleDataRemove"]["errors"]] == ["sample_not_loaded"]
    with in_tenant(alpha):
        assert SalesOrder.objects.count() == 4
    rep = graphql(client_for(alpha, alpha.users["sales"]), f"mutation {{ sampleDataRemove {{ {fields} }} }}")
    assert [e["code"] for e in rep["data"]["sampleDataRemove"]["errors"]] == ["forbidden"]
    removed = graphql(client, f"mutation {{ sampleDataRemove {{ {fields} }} }}")["data"]["sampleDataRemove"]
    assert removed["errors"] == [] and removed["onboarding"]["sampleLoaded"] is False
    with in_tenant(alpha):
        assert not SalesOrder.objects.exists() and not Customer.objects.exists()
    dismissed = graphql(client, f"mutation {{ onboardingDismiss {{ {fields} }} }}")["data"][
        "onboardingDismiss"
    ]
    assert dismissed["onboarding"]["dismissed"] is True


def test_a_sample_customer_of_a_real_rep_counts_as_sample(in_alpha):
    # A customer the owner made for real is never touched by removal.
    owner = in_alpha.users["owner"]
    real = sales_customer(owner=owner, name="真客户")
    sample_data_load(actor=owner)
    sample_data_remove(actor=owner)
    assert list(Customer.objects.values_list("pk", flat=True)) == [real.pk]
