"""Invoices and receipts move from the sales app to finance, with their rows.

How: `SeparateDatabaseAndState`. The state creates the four models in finance (sales 0003 has
just deleted them from the sales state); the database keeps every row and only renames: the
tables sales_<model> become finance_<model>, and their sequences, constraints and indexes whose
names start with the old table name are renamed the same way (sales_invoice_pkey →
finance_invoice_pkey). `ALTER TABLE … RENAME` keeps the table's OID, so every foreign key (to
sales orders, customers and users, and between the four tables) stays exactly as it was, and the
identity sequences carry on from the last id. Renaming rather than keeping `db_table` leaves one
naming rule for every table (app label + model) and no `db_table` to remember when a later
migration or a squash recreates them. Names the rename would push past PostgreSQL's 63
characters keep their old name (Django finds field constraints by column, not by name).

The content types sales.<model> become finance.<model> (same ids), so permissions and anything
else that points at them follow. New tenants run this too (their template schema is migrated);
tenants cloned from an old template are migrated like any other.
"""

import django.db.models.deletion
import django.db.models.functions.text
import django.utils.timezone
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models

MOVED = ("invoice", "invoiceorder", "receipt", "receiptallocation")
MAX_NAME = 63  # PostgreSQL's identifier length

# Renames the objects of table `new` named `old_…` to `new_…`, in the current (tenant) schema.
# Constraints first: renaming a constraint that owns an index (pkey, unique) renames the index.
RENAME_OWNED = """
DO $$
DECLARE
    item record;
BEGIN
    FOR item IN
        SELECT s.relname AS name FROM pg_class s JOIN pg_depend d ON d.objid = s.oid
        WHERE s.relkind = 'S' AND d.refobjid = '{new}'::regclass AND d.deptype IN ('a', 'i')
            AND s.relname LIKE '{old_like}\\_%'
    LOOP
        IF length(item.name) - length('{old}') + length('{new}') <= {max_name} THEN
            EXECUTE format('ALTER SEQUENCE %I.%I RENAME TO %I', current_schema(), item.name,
                           '{new}' || substr(item.name, length('{old}') + 1));
        END IF;
    END LOOP;
    FOR item IN
        SELECT conname AS name FROM pg_constraint
        WHERE conrelid = '{new}'::regclass AND conname LIKE '{old_like}\\_%'
    LOOP
        IF length(item.name) - length('{old}') + length('{new}') <= {max_name} THEN
            EXECUTE format('ALTER TABLE %I.%I RENAME CONSTRAINT %I TO %I', current_schema(), '{new}',
                           item.name, '{new}' || substr(item.name, length('{old}') + 1));
        END IF;
    END LOOP;
    FOR item IN
        SELECT i.relname AS name FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
        WHERE x.indrelid = '{new}'::regclass AND i.relname LIKE '{old_like}\\_%'
    LOOP
        IF length(item.name) - length('{old}') + length('{new}') <= {max_name} THEN
            EXECUTE format('ALTER INDEX %I.%I RENAME TO %I', current_schema(), item.name,
                           '{new}' || substr(item.name, length('{old}') + 1));
        END IF;
    END LOOP;
END $$;
"""


def rename_tables(from_app: str, to_app: str) -> list[str]:
    statements = []
    for model in MOVED:
        old, new = f"{from_app}_{model}", f"{to_app}_{model}"
        statements.append(f"ALTER TABLE {old} RENAME TO {new}")
        statements.append(
            RENAME_OWNED.format(old=old, new=new, old_like=old.replace("_", "\\_"), max_name=MAX_NAME)
        )
    return statements


def move_content_types(from_app: str, to_app: str):
    def run(apps, schema_editor):
        content_types = apps.get_model("contenttypes", "ContentType").objects.using(schema_editor.connection.alias)
        for model in MOVED:
            if not content_types.filter(app_label=to_app, model=model).exists():
                content_types.filter(app_label=from_app, model=model).update(app_label=to_app)

    return run


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("customers", "0002_duplicates_and_primary_contact"),
        ("sales", "0003_money_moves_to_finance"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(sql=rename_tables("sales", "finance"), reverse_sql=rename_tables("finance", "sales")),
            ],
            state_operations=[
                migrations.CreateModel(
                    name="Invoice",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("number", models.CharField(max_length=30, unique=True)),
                        ("tax_invoice_number", models.CharField(blank=True, max_length=30)),
                        ("kind", models.CharField(choices=[("normal", "normal"), ("special", "special")], default="normal", max_length=10)),
                        ("status", models.CharField(choices=[("draft", "draft"), ("issued", "issued"), ("void", "void")], default="draft", max_length=10)),
                        ("title", models.CharField(max_length=120)),
                        ("taxpayer_id", models.CharField(blank=True, max_length=30)),
                        ("amount", models.DecimalField(decimal_places=2, max_digits=16)),
                        ("tax_amount", models.DecimalField(decimal_places=2, default=Decimal("0"), max_digits=16)),
                        ("issue_date", models.DateField(blank=True, null=True)),
                        ("note", models.CharField(blank=True, max_length=200)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("created_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("customer", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="invoices", to="customers.customer")),
                    ],
                    options={
                        "ordering": ["-id"],
                        "constraints": [
                            models.CheckConstraint(condition=models.Q(("amount__gt", 0)), name="invoice_amount_positive"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="InvoiceOrder",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("amount", models.DecimalField(decimal_places=2, max_digits=16)),
                        ("invoice", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="order_links", to="finance.invoice")),
                        ("order", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="invoice_links", to="sales.salesorder")),
                    ],
                    options={
                        "constraints": [
                            models.UniqueConstraint(fields=("invoice", "order"), name="invoiceorder_unique"),
                            models.CheckConstraint(condition=models.Q(("amount__gt", 0)), name="invoiceorder_amount_positive"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Receipt",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("number", models.CharField(max_length=30, unique=True)),
                        ("kind", models.CharField(choices=[("payment", "payment"), ("refund", "refund")], default="payment", max_length=10)),
                        ("method", models.CharField(choices=[("bank", "bank"), ("cash", "cash"), ("wechat", "wechat"), ("alipay", "alipay"), ("other", "other")], default="bank", max_length=10)),
                        ("amount", models.DecimalField(decimal_places=2, max_digits=16)),
                        ("unallocated_amount", models.DecimalField(decimal_places=2, default=Decimal("0"), max_digits=16)),
                        ("received_on", models.DateField()),
                        ("reference", models.CharField(blank=True, max_length=60)),
                        ("note", models.CharField(blank=True, max_length=200)),
                        ("is_void", models.BooleanField(default=False)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("created_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("customer", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="receipts", to="customers.customer")),
                    ],
                    options={
                        "ordering": ["-id"],
                        "indexes": [
                            models.Index(fields=["customer", "received_on"], name="receipt_customer_idx"),
                            models.Index(django.db.models.functions.text.Upper("reference"), condition=models.Q(("reference", ""), _negated=True), name="receipt_reference_idx"),
                        ],
                        "constraints": [
                            models.CheckConstraint(condition=models.Q(("amount__gt", 0)), name="receipt_amount_positive"),
                            models.CheckConstraint(condition=models.Q(("unallocated_amount__gte", 0), ("unallocated_amount__lte", models.F("amount"))), name="receipt_unallocated_within_amount"),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="ReceiptAllocation",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("amount", models.DecimalField(decimal_places=2, max_digits=16)),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("order", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="allocations", to="sales.salesorder")),
                        ("receipt", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="allocations", to="finance.receipt")),
                    ],
                    options={
                        "constraints": [
                            models.UniqueConstraint(fields=("receipt", "order"), name="allocation_unique"),
                            models.CheckConstraint(condition=models.Q(("amount__gt", 0)), name="allocation_amount_positive"),
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_types("sales", "finance"), move_content_types("finance", "sales")),
    ]
