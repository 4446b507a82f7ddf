"""An index on receipts' references (upper-cased, non-empty): the duplicate check of a new receipt."""

from django.db import migrations, models
from django.db.models.functions import Upper


class Migration(migrations.Migration):
    dependencies = [("sales", "0001_initial")]

    operations = [
        migrations.AddIndex(
            model_name="receipt",
            index=models.Index(
                Upper("reference"), condition=~models.Q(reference=""), name="receipt_reference_idx"
            ),
        ),
    ]
