"""Invoices and receipts leave the sales app's state; their tables stay (finance 0001 takes them).

State only: no table is dropped. finance.0001_initial depends on this migration, creates the
same models in the finance app's state and renames the tables to finance_*.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("sales", "0002_receipt_reference_index")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                # The link tables first: nothing in the state may point at a deleted model.
                migrations.DeleteModel(name="InvoiceOrder"),
                migrations.DeleteModel(name="ReceiptAllocation"),
                migrations.DeleteModel(name="Invoice"),
                migrations.DeleteModel(name="Receipt"),
            ],
            database_operations=[],
        ),
    ]
