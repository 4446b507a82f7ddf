"""A schema cloned from the template equals it, and a new workspace starts with nothing of another's."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext

from saas.catalog.models import Category
from saas.core.tenancy import schema_context
from tenants import cloning, provisioning
from tenants.models import ReadySchema
from tenants.services import tenant_signup

# Every aspect of a schema a migration or the ORM depends on, with the schema's own name
# replaced so two schemas compare equal when they differ only by name.
ASPECTS = {
    "tables": """
        SELECT c.relname, c.relkind::text, coalesce(array_to_string(c.reloptions, ','), '')
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = %(schema)s AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')""",
    "columns": """
        SELECT c.relname, row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum), a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
               coalesce(pg_get_expr(d.adbin, d.adrelid), ''), a.attidentity::text, a.attgenerated::text
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = %(schema)s AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped""",
    "constraints": """
        SELECT c.relname, con.conname, con.contype::text, pg_get_constraintdef(con.oid)
        FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %(schema)s""",
    "indexes": """
        SELECT c.relname, ic.relname, pg_get_indexdef(i.indexrelid)
        FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = %(schema)s""",
    "sequences": """
        SELECT s.relname, t.relname, a.attname, d.deptype::text, pg_sequence_last_value(s.oid)
        FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace
        LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid
             AND d.refclassid = 'pg_class'::regclass
        LEFT JOIN pg_class t ON t.oid = d.refobjid
        LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
        WHERE n.nspname = %(schema)s AND s.relkind = 'S'""",
    "sequence_owners": """
        SELECT s.relname, pg_get_userbyid(s.relowner), t.relname, pg_get_userbyid(t.relowner)
        FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace
        JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid
        JOIN pg_class t ON t.oid = d.refobjid
        WHERE n.nspname = %(schema)s AND s.relkind = 'S'""",
    "triggers": """
        SELECT c.relname, t.tgname, pg_get_triggerdef(t.oid)
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = %(schema)s AND NOT t.tgisinternal""",
    "functions": """
        SELECT p.proname, pg_get_function_identity_arguments(p.oid), p.prosrc
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = %(schema)s""",
}


def schema_snapshot(schema: str) -> dict[str, list[tuple]]:
    """Each aspect of `schema` as sorted rows, the schema's name replaced by <schema>."""
    snapshot = {}
    with connection.cursor() as cursor:
        cursor.execute("SET search_path TO pg_catalog")  # every definition names its schema
        for aspect, query in ASPECTS.items():
            cursor.execute(query, {"schema": schema})
            rows = [
                tuple(str(value).replace(f"{schema}.", "<schema>.") for value in row)
                for row in cursor.fetchall()
            ]
            snapshot[aspect] = sorted(rows)
    connection.set_schema_to_public()  # forget the search path set by hand
    return snapshot


def table_rows(schema: str) -> dict[str, int]:
    tables = [row[0] for row in schema_snapshot(schema)["tables"] if row[1] == "r"]
    with connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join(
                f'SELECT \'{table}\', count(*) FROM "{schema}"."{table}"'  # noqa: S608 (catalog names)
                for table in tables
            )
        )
        return dict(cursor.fetchall())


def test_a_cloned_schema_equals_the_template(world, db):
    template = provisioning.template_schema()
    provisioning._clone_template("sparrow_clone_probe")

    clone, original = schema_snapshot("sparrow_clone_probe"), schema_snapshot(template)
    assert len(original["tables"]) > 100 and len(original["constraints"]) > 400
    for aspect in ASPECTS:
        assert clone[aspect] == original[aspect], aspect
    assert table_rows("sparrow_clone_probe") == table_rows(template)  # roles, content types, carriers


def test_a_clone_reads_no_catalog_that_grows_with_the_schemas(world, db):
    # Every catalog lookup names a table oid or a (name, namespace) pair: both indexed, so
    # the clone costs the same at 10 tenants and at 10,000. Counted by what the SQL filters on.
    cloning._scripts.clear()
    with CaptureQueriesContext(connection) as queries:
        provisioning._clone_template("sparrow_clone_probe")
    catalog_reads = [
        q["sql"] for q in queries.captured_queries if "pg_" in q["sql"] and "FROM pg_" in q["sql"]
    ]
    assert catalog_reads
    for sql in catalog_reads:
        assert "nspname = " in sql or "= ANY(" in sql, sql
        assert "relnamespace = " not in sql or "relname = ANY(" in sql, sql
    assert "pg_namespace n ON" not in " ".join(catalog_reads)  # no join over every schema's objects
    # A second clone with the same template runs the same script; the one catalog read left is
    # where the template's identity sequences stand now, looked up by table oid.
    with CaptureQueriesContext(connection) as queries:
        provisioning._clone_template("sparrow_clone_probe_2")
    reads = [q["sql"] for q in queries.captured_queries if "FROM pg_" in q["sql"][:400]]
    assert len(reads) == 1 and "a.attrelid = ANY(" in reads[0] and "pg_sequence_last_value" in reads[0]


def test_a_clone_starts_its_sequences_where_the_template_stands_now(world, db):
    # The script is kept per template version, but a sequence moves without the version
    # changing (a migration row recorded and removed): each clone reads the positions afresh.
    template = provisioning.template_schema()
    provisioning._clone_template("sparrow_clone_probe")
    with schema_context(template), connection.cursor() as cursor:
        cursor.execute("INSERT INTO django_migrations (app, name, applied) VALUES ('probe', 'moved', now())")
        cursor.execute("DELETE FROM django_migrations WHERE app = 'probe'")
    provisioning._clone_template("sparrow_clone_probe_2")
    assert schema_snapshot("sparrow_clone_probe_2")["sequences"] == schema_snapshot(template)["sequences"]


def test_a_workspace_provisioned_by_the_clone_path_sees_nothing_of_another(world, db, alpha):
    with schema_context(alpha.tenant.schema_name):
        Category.objects.create(name="阿尔法专属类目")
    ReadySchema.objects.all().delete()  # the pool is empty: the template is cloned in the sign-up

    result = tenant_signup(
        company_name="新店",
        slug="fresh-clone",
        owner_name="陈明",
        email="chen@fresh-clone.cn",
        password="Spring-Tea-2026!",
    )

    assert result.provisioned_from == "clone"
    with schema_context(result.tenant.schema_name):
        assert not Category.objects.filter(name="阿尔法专属类目").exists()
        assert Category.objects.count() == 0
    with schema_context(alpha.tenant.schema_name):
        assert Category.objects.filter(name="阿尔法专属类目").count() == 1


def test_ids_in_a_clone_continue_after_the_template_rows(world, db):
    from saas.accounts.models import Role

    provisioning._clone_template("sparrow_clone_probe")
    with schema_context("sparrow_clone_probe"):
        highest = max(Role.objects.values_list("id", flat=True))
        role = Role.objects.create(code="probe", name_zh="探针", name_en="probe")
    assert role.id > highest
