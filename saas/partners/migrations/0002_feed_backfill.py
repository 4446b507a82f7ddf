"""The feed starts with the events logged before it existed, in id order (all committed by now)."""

from django.db import migrations

# The object types partners hear of when this ran (saas/partners/scopes.EVENT_AREAS then).
PARTNER_OBJECTS = ["customer", "purchase_order", "receipt", "return", "sales_order", "shipment", "stock"]

BACKFILL = """
INSERT INTO partners_feedentry (event_id, event_type, object_type)
SELECT id, name, object_type FROM core_event_log
WHERE object_type = ANY(%s)
ORDER BY id
ON CONFLICT (event_id) DO NOTHING
"""


def backfill(apps, schema_editor):  # type: ignore[no-untyped-def]
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(BACKFILL, [PARTNER_OBJECTS])


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0001_initial"),
        ("core", "0005_event_log"),
    ]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
