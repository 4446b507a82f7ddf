"""Trigram GIN indexes on search_text, where the server offers pg_trgm.

Search filters with `search_text LIKE '%term%'` (the text is stored lower-case), which a
gin_trgm_ops index serves. The extension is database-wide, so it is created once in `public`,
which is on every tenant's search_path; each tenant schema then gets its own indexes.

Servers without pg_trgm (the embedded development server ships only plpgsql) and roles that
may not create extensions skip the indexes: search still works, by sequential scan.
"""

from django.db import migrations

FORWARD = """
DO $catalog_trgm$
DECLARE
    trgm_schema text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
        RAISE NOTICE 'pg_trgm is not available: catalog search runs without trigram indexes';
        RETURN;
    END IF;
    BEGIN
        CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public;
    EXCEPTION WHEN insufficient_privilege THEN
        RAISE NOTICE 'no privilege to create pg_trgm: catalog search runs without trigram indexes';
        RETURN;
    END;
    SELECT n.nspname INTO trgm_schema
      FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
     WHERE e.extname = 'pg_trgm';
    -- An extension someone installed into a tenant's schema is not visible to the others.
    IF trgm_schema IS DISTINCT FROM 'public' THEN
        RAISE NOTICE 'pg_trgm lives in schema %, not public: no trigram indexes', trgm_schema;
        RETURN;
    END IF;
    CREATE INDEX IF NOT EXISTS catalog_product_search_trgm
        ON catalog_product USING gin (search_text public.gin_trgm_ops);
    CREATE INDEX IF NOT EXISTS catalog_sku_search_trgm
        ON catalog_sku USING gin (search_text public.gin_trgm_ops);
END
$catalog_trgm$;
"""

BACKWARD = """
DROP INDEX IF EXISTS catalog_product_search_trgm;
DROP INDEX IF EXISTS catalog_sku_search_trgm;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0002_spec_options"),
    ]

    operations = [
        migrations.RunSQL(FORWARD, BACKWARD, elidable=False),
    ]
