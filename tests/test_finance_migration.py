"""Moving invoices and receipts from sales to finance keeps every row (finance 0001).

A tenant schema is migrated to the last state before the move, filled through that state's models
with invoices (issued, void), receipts (a part-allocated payment, a refund, a void one), their
order links and allocations and the models' content types, then migrated forward like
`migrate_schemas` does: every row, id and relation is there through the finance models, the
foreign keys still hold, the ids carry on, and the move can be undone.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from saas.finance.models import Invoice, InvoiceOrder, Receipt, ReceiptAllocation

SCHEMA = "finance_move_check"
BEFORE = [("sales", "0002_receipt_reference_index")]
MOVE = ("sales", "0003_money_moves_to_finance")
MOVED = {
    "invoice": Invoice,
    "invoiceorder": InvoiceOrder,
    "receipt": Receipt,
    "receiptallocation": ReceiptAllocation,
}


def _migrate(targets: list[tuple[str, str]] | None = None) -> MigrationExecutor:
    """Migrate the current schema to `targets` (everything when None), as migrate_schemas does."""
    # Rows written earlier in this transaction must not leave deferred FK checks pending: PostgreSQL
    # refuses to ALTER a table with pending trigger events.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    executor = MigrationExecutor(connection)
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return MigrationExecutor(connection)


def _before_the_move() -> list[tuple[str, str]]:
    """Every app at its latest migration that does not need the move, sales just before it."""
    graph = MigrationExecutor(connection).loader.graph
    return BEFORE + [
        leaf for leaf in graph.leaf_nodes() if leaf[0] != "sales" and MOVE not in graph.forwards_plan(leaf)
    ]


def _applied_apps(executor: MigrationExecutor) -> Any:
    """The models as the migrations applied to this schema left them (historical models)."""
    return executor.loader.project_state(tuple(executor.loader.applied_migrations)).apps


def _tables() -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def _seed(apps: Any) -> dict[str, Any]:
    """Money documents as the sales app wrote them before the move."""
    user = apps.get_model("accounts", "User").objects.create(
        email="f@move.test", full_name="财务", password="!"
    )
    customers = apps.get_model("customers", "Customer").objects
    acme = customers.create(code="C-1", name="甲公司", created_by=user, owner=user)
    other = customers.create(code="C-2", name="乙公司", created_by=user)
    warehouse = apps.get_model("inventory", "Warehouse").objects.create(code="W1", name="总仓")
    orders = apps.get_model("sales", "SalesOrder").objects
    common = {"rep": user, "created_by": user, "warehouse": warehouse, "status": "approved"}
    first = orders.create(
        number="SO-1", customer=acme, order_date=date(2026, 3, 1), total_amount=400, **common
    )
    second = orders.create(
        number="SO-2", customer=acme, order_date=date(2026, 3, 2), total_amount=300, **common
    )
    third = orders.create(
        number="SO-3", customer=other, order_date=date(2026, 3, 3), total_amount=90, **common
    )

    invoices = apps.get_model("sales", "Invoice").objects
    issued = invoices.create(
        number="IV-1",
        customer=acme,
        status="issued",
        kind="special",
        title="甲公司",
        taxpayer_id="91330100MA",
        amount=Decimal("500.00"),
        tax_amount=Decimal("57.52"),
        tax_invoice_number="04412345",
        issue_date=date(2026, 3, 5),
        created_by=user,
    )
    void = invoices.create(
        number="IV-2", customer=other, status="void", title="乙公司", amount=90, created_by=user
    )
    links = apps.get_model("sales", "InvoiceOrder").objects
    links.create(invoice=issued, order=first, amount=Decimal("300.00"))
    links.create(invoice=issued, order=second, amount=Decimal("200.00"))
    links.create(invoice=void, order=third, amount=Decimal("90.00"))

    receipts = apps.get_model("sales", "Receipt").objects
    payment = receipts.create(
        number="RC-1",
        customer=acme,
        method="wechat",
        amount=Decimal("800.00"),
        unallocated_amount=Decimal("100.00"),
        received_on=date(2026, 3, 6),
        reference="WX-0001",
        created_by=user,
    )
    refund = receipts.create(
        number="RC-2", customer=acme, kind="refund", amount=50, received_on=date(2026, 3, 7), created_by=user
    )
    receipts.create(
        number="RC-3", customer=other, amount=90, received_on=date(2026, 3, 8), is_void=True, created_by=user
    )
    allocations = apps.get_model("sales", "ReceiptAllocation").objects
    allocations.create(receipt=payment, order=first, amount=Decimal("400.00"))
    allocations.create(receipt=payment, order=second, amount=Decimal("300.00"))
    allocations.create(receipt=refund, order=first, amount=Decimal("50.00"))

    content_types = apps.get_model("contenttypes", "ContentType").objects
    return {
        "user": user.pk,
        "orders": [first.pk, second.pk, third.pk],
        "rows": {name: list(apps.get_model("sales", name).objects.order_by("pk").values()) for name in MOVED},
        "content_types": {name: content_types.create(app_label="sales", model=name).pk for name in MOVED},
    }


@pytest.fixture
def old_tenant(world: Any, db: None) -> Iterator[dict[str, Any]]:
    """A tenant schema at the last migration before the move, with money in it."""
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE SCHEMA "{SCHEMA}"')
    connection.set_schema(SCHEMA)
    try:
        executor = _migrate(_before_the_move())
        assert {"sales_invoice", "sales_receipt", "django_content_type"} <= _tables()
        assert "finance_invoice" not in _tables()
        yield _seed(_applied_apps(executor))
    finally:
        ContentType.objects.clear_cache()
        connection.set_schema_to_public()  # the test's rollback drops the schema


def test_moving_money_to_finance_keeps_every_row_and_relation(old_tenant: dict[str, Any]) -> None:
    _migrate()

    tables = _tables()
    assert {f"finance_{name}" for name in MOVED} <= tables
    assert not {f"sales_{name}" for name in MOVED} & tables
    # Every row, with every column (ids, amounts, kinds, foreign key ids), through the new models.
    # (Columns added after the move are left out: finance 0003's updated_at, for partner sync.)
    for name, model in MOVED.items():
        rows = old_tenant["rows"][name]
        assert list(model.objects.order_by("pk").values(*rows[0])) == rows, name

    first, second, third = old_tenant["orders"]
    issued = Invoice.objects.select_related("customer").get(number="IV-1")
    assert issued.customer.code == "C-1" and issued.created_by_id == old_tenant["user"]
    assert sorted(issued.order_links.values_list("order__number", "amount")) == [
        ("SO-1", Decimal("300.00")),
        ("SO-2", Decimal("200.00")),
    ]
    payment = Receipt.objects.get(number="RC-1")
    assert payment.unallocated_amount == Decimal("100.00") and payment.reference == "WX-0001"
    assert sorted(payment.allocations.values_list("order_id", "amount")) == [
        (first, Decimal("400.00")),
        (second, Decimal("300.00")),
    ]
    refund = Receipt.objects.get(number="RC-2")
    assert refund.kind == "refund" and list(refund.allocations.values_list("order_id", flat=True)) == [first]
    assert Receipt.objects.get(number="RC-3").is_void

    # The content types moved with their ids (permissions and generic links follow them).
    moved_types = dict(ContentType.objects.filter(app_label="finance").values_list("model", "pk"))
    assert {name: moved_types[name] for name in MOVED} == old_tenant["content_types"]
    assert not ContentType.objects.filter(app_label="sales", model__in=list(MOVED)).exists()

    # The foreign keys to orders still hold in the database.
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("DELETE FROM sales_salesorder WHERE id = %s", [third])
    # Ids carry on from the old sequences, and the objects were renamed with their tables.
    newer = Receipt.objects.create(
        number="RC-4",
        customer_id=issued.customer_id,
        amount=1,
        received_on=date(2026, 3, 9),
        created_by_id=old_tenant["user"],
    )
    assert newer.pk > max(row["id"] for row in old_tenant["rows"]["receipt"])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relname LIKE 'sales\\_%%' AND c.relname NOT LIKE 'sales\\_sales%%' "
            "AND c.relname NOT LIKE 'sales\\_order%%' AND c.relname NOT LIKE 'sales\\_quotation%%' "
            "AND c.relname NOT LIKE 'sales\\_print%%'",
            [SCHEMA],
        )
        assert cursor.fetchall() == []
        cursor.execute("SELECT pg_get_serial_sequence('finance_receipt', 'id')")
        assert cursor.fetchone()[0] == f"{SCHEMA}.finance_receipt_id_seq"


def test_the_move_can_be_undone_with_its_rows(old_tenant: dict[str, Any]) -> None:
    _migrate([("finance", "0001_initial")])
    assert "finance_receipt" in _tables()

    executor = _migrate(BEFORE)

    tables = _tables()
    assert {f"sales_{name}" for name in MOVED} <= tables and "finance_receipt" not in tables
    apps = _applied_apps(executor)
    for name in MOVED:
        assert (
            list(apps.get_model("sales", name).objects.order_by("pk").values()) == old_tenant["rows"][name]
        ), name
    content_types = apps.get_model("contenttypes", "ContentType").objects
    assert (
        dict(content_types.filter(app_label="sales").values_list("model", "pk"))
        == old_tenant["content_types"]
    )
