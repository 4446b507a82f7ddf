"""The stock ledger stays append-only, with one exception: removing the onboarding's sample data
(saas/onboarding/services.py) deletes the sample documents' movements inside a transaction that
sets `sparrow.sample_purge` (SET LOCAL, gone at commit). Nothing else sets it; UPDATE stays refused."""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION inventory_movement_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('sparrow.sample_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'stock movements are append-only: record a correcting movement instead'
    USING ERRCODE = 'restrict_violation';
END
$$ LANGUAGE plpgsql;
"""
BACKWARD = """
CREATE OR REPLACE FUNCTION inventory_movement_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'stock movements are append-only: record a correcting movement instead'
    USING ERRCODE = 'restrict_violation';
END
$$ LANGUAGE plpgsql;
"""


class Migration(migrations.Migration):
    dependencies = [("inventory", "0006_sync_updated_at")]
    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
