"""The wallet ledger is append-only: the database itself refuses UPDATE and DELETE of entries."""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION distribution_walletentry_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'wallet entries are append-only: record an adjustment instead'
    USING ERRCODE = 'restrict_violation';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER distribution_walletentry_append_only
  BEFORE UPDATE OR DELETE ON distribution_walletentry
  FOR EACH ROW EXECUTE FUNCTION distribution_walletentry_append_only();
"""
BACKWARD = """
DROP TRIGGER IF EXISTS distribution_walletentry_append_only ON distribution_walletentry;
DROP FUNCTION IF EXISTS distribution_walletentry_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("distribution", "0001_initial")]
    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
