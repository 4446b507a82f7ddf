"""Sign-up portal: the happy path, every bad input, and no leftovers when it fails half-way."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django_tenants.utils import schema_exists, tenant_context

from saas.accounts.models import User
from tenants import provisioning, services
from tenants.models import Domain, ReadySchema, Tenant

GOOD = {
    "company_name": "杭州小麻雀贸易有限公司",
    "slug": "xiaomaque",
    "owner_name": "陈明",
    "email": "chen@xiaomaque.cn",
    "password": "Spring-Tea-2026!",
}


def public_client() -> Client:
    return Client(HTTP_HOST="localhost")


def post_signup(**changes: str):
    return public_client().post("/signup/", {**GOOD, **changes})


def field_errors(response) -> dict[str, str]:
    form = response.context["form"]
    return {field: " ".join(str(e) for e in errors) for field, errors in form.errors.items()}


def error_codes(response) -> dict[str, set[str]]:
    form = response.context["form"]
    return {field: {e.code for e in errors.as_data()} for field, errors in form.errors.items()}


def test_signup_page_is_chinese_by_default_and_english_on_request(world, db):
    page = public_client().get("/signup/")
    assert page.status_code == 200
    assert "创建" in page.content.decode()
    english = public_client().get("/signup/?lang=en")
    assert "Create your workspace" in english.content.decode()


def test_signup_creates_tenant_schema_domain_and_owner_then_logs_in_on_tenant_host(world, db):
    response = post_signup()
    assert response.status_code == 302
    assert response["Location"].startswith("http://xiaomaque.localhost:")
    assert "/login/handoff/?token=" in response["Location"]

    tenant = Tenant.objects.get(slug="xiaomaque")
    assert tenant.schema_name == "t_xiaomaque"
    assert tenant.status == "trialing" and tenant.time_zone == "Asia/Shanghai" and tenant.currency == "CNY"
    assert tenant.plan is not None and tenant.plan.code == "free"
    assert Domain.objects.filter(tenant=tenant, domain="xiaomaque.localhost", is_primary=True).exists()
    assert schema_exists("t_xiaomaque")
    with tenant_context(tenant):
        owner = User.objects.get(email="chen@xiaomaque.cn")
        assert owner.role_codes == ["owner"]
        assert owner.check_password(GOOD["password"])

    tenant_client = Client(HTTP_HOST="xiaomaque.localhost", enforce_csrf_checks=True)
    path = response["Location"].split(":", 2)[2].split("/", 1)[1]
    landed = tenant_client.get("/" + path)
    assert landed.status_code == 302 and landed["Location"] == "/app/"
    me = tenant_client.post("/graphql/", {"query": "{ me { email } }"}, content_type="application/json")
    # The session cookie now exists, so the API wants the CSRF token the shell would send.
    assert me.status_code == 403 and me.json()["errors"][0]["extensions"]["code"] == "csrf_failed"
    tenant_client.get("/app/")
    me = tenant_client.post(
        "/graphql/",
        {"query": "{ me { email } }"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=tenant_client.cookies["csrftoken"].value,
    )
    assert me.json()["data"] == {"me": {"email": "chen@xiaomaque.cn"}} and "errors" not in me.json()


def test_handoff_token_works_once_and_only_on_its_own_workspace(world, db, alpha):
    response = post_signup()
    handoff = "/" + response["Location"].split(":", 2)[2].split("/", 1)[1]
    assert Client(HTTP_HOST="alpha.localhost").get(handoff)["Location"] == "/login/"
    first = Client(HTTP_HOST="xiaomaque.localhost").get(handoff)
    assert first["Location"] == "/app/"
    replay = Client(HTTP_HOST="xiaomaque.localhost").get(handoff)
    assert replay["Location"] == "/login/"
    forged = Client(HTTP_HOST="xiaomaque.localhost").get("/login/handoff/?token=abc:def")
    assert forged["Location"] == "/login/"


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"company_name": ""}, "company_name", "required"),
        ({"company_name": "x" * 101}, "company_name", "max_length"),
        ({"slug": "ab"}, "slug", "slug_length"),
        ({"slug": "a" * 31}, "slug", "max_length"),
        ({"slug": "Has_Under"}, "slug", "slug_format"),
        ({"slug": "-start"}, "slug", "slug_format"),
        ({"slug": "end-"}, "slug", "slug_format"),
        ({"slug": "dou--ble"}, "slug", "slug_format"),
        ({"slug": "中文名"}, "slug", "slug_format"),
        ({"slug": "www"}, "slug", "slug_reserved"),
        ({"slug": "api"}, "slug", "slug_reserved"),
        ({"slug": "admin"}, "slug", "slug_reserved"),
        ({"slug": "app"}, "slug", "slug_reserved"),
        ({"slug": "public"}, "slug", "slug_reserved"),
        ({"slug": "static"}, "slug", "slug_reserved"),
        ({"slug": "alpha"}, "slug", "slug_taken"),
        ({"owner_name": ""}, "owner_name", "required"),
        ({"email": "not-an-email"}, "email", "invalid"),
        ({"password": "short"}, "password", "password_weak"),
        ({"password": "12345678901"}, "password", "password_weak"),
        ({"password": "password123"}, "password", "password_weak"),
        ({"password": "chen@xiaomaque.cn"}, "password", "password_weak"),
    ],
)
def test_each_bad_input_re_renders_the_form_with_that_fields_error(world, db, changes, field, code):
    tenants_before = Tenant.objects.count()
    response = post_signup(**changes)
    assert response.status_code == 400
    assert code in error_codes(response)[field], error_codes(response)
    assert field_errors(response)[field]
    assert Tenant.objects.count() == tenants_before
    assert 'value="杭州小麻雀贸易有限公司"' in response.content.decode() or field == "company_name"


def test_errors_are_translated_to_english_when_asked(world, db):
    response = public_client().post("/signup/?lang=en", {**GOOD, "slug": "www"})
    assert "This address is reserved" in field_errors(response)["slug"]
    chinese = post_signup(slug="www")
    assert "保留" in field_errors(chinese)["slug"]


def _nothing_left() -> None:
    """No tenant row, domain or schema of the GOOD sign-up."""
    connection.set_schema_to_public()
    assert not Tenant.objects.filter(slug="xiaomaque").exists()
    assert not Domain.objects.filter(domain="xiaomaque.localhost").exists()
    assert not schema_exists("t_xiaomaque")


def test_a_failure_half_way_leaves_no_tenant_schema_or_domain(world, db, monkeypatch):
    ready_before = set(ReadySchema.objects.values_list("schema_name", flat=True))

    def explode(**kwargs):
        raise RuntimeError("disk full while creating the owner")

    monkeypatch.setattr(services.account_services, "owner_create", explode)
    with pytest.raises(RuntimeError):
        services.tenant_signup(**GOOD)
    _nothing_left()
    # The ready schema it had claimed is back in the pool, untouched.
    assert set(ReadySchema.objects.values_list("schema_name", flat=True)) == ready_before
    assert all(schema_exists(name) for name in ready_before)


def test_the_owners_password_is_hashed_in_a_thread_while_the_workspace_is_written(world, db, monkeypatch):
    """saas/accounts/hashers.password_hash_started: the hash is made off the request's thread
    (argon2 releases the GIL), and it is the one the owner signs in with."""
    import threading

    from saas.accounts import hashers

    threads: list[str] = []
    real = hashers.make_password

    def recording(password):
        threads.append(threading.current_thread().name)
        return real(password)

    monkeypatch.setattr(hashers, "make_password", recording)
    result = services.tenant_signup(**GOOD)
    assert len(threads) == 1 and threads[0].startswith("password-hash")
    with tenant_context(result.tenant):
        assert User.objects.get(email=GOOD["email"]).check_password(GOOD["password"])


def test_a_hash_that_fails_leaves_no_workspace(world, db, monkeypatch):
    from saas.accounts import hashers

    def failing(password):
        raise RuntimeError("out of memory while hashing")

    monkeypatch.setattr(hashers, "make_password", failing)
    with pytest.raises(RuntimeError):
        services.tenant_signup(**GOOD)
    _nothing_left()


def test_a_failing_form_submission_shows_an_error_page_not_a_traceback(world, db, monkeypatch):
    def explode(**kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services.account_services, "owner_create", explode)
    client = public_client()
    client.raise_request_exception = False
    response = client.post("/signup/", GOOD)
    assert response.status_code == 500
    assert "Traceback" not in response.content.decode() and "boom" not in response.content.decode()
    assert not Tenant.objects.filter(slug="xiaomaque").exists()


def test_signup_takes_a_ready_schema_from_the_pool_when_there_is_one(world, db):
    assert ReadySchema.objects.exists()
    result = services.tenant_signup(**GOOD)
    assert result.provisioned_from == "pool"


def test_signup_clones_the_template_when_the_pool_is_empty(world, db):
    ReadySchema.objects.all().delete()  # rolled back after the test, like everything here
    result = services.tenant_signup(**GOOD)
    assert result.provisioned_from == "clone"
    with tenant_context(result.tenant):
        assert User.objects.get().email == GOOD["email"]
        assert {r for r in User.objects.get().role_codes} == {"owner"}


def test_slug_is_normalised_to_lower_case(world, db):
    result = services.tenant_signup(**{**GOOD, "slug": "  XiaoMaQue "})
    assert result.tenant.slug == "xiaomaque"


def test_provisioned_schema_has_exactly_the_templates_tables(world, db):
    result = services.tenant_signup(**GOOD)

    def tables(schema: str) -> set[str]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = %s", [schema]
            )
            return {row[0] for row in cursor.fetchall()}

    assert tables(result.tenant.schema_name) == tables(provisioning.template_schema())
    assert "accounts_user" in tables(result.tenant.schema_name)


def test_cloned_schema_keeps_the_templates_constraint_and_index_names(world, db):
    # Migrations drop and alter constraints by name; a clone must use the same names.
    ReadySchema.objects.all().delete()
    result = services.tenant_signup(**GOOD)
    assert result.provisioned_from == "clone"

    def names(schema: str) -> tuple[set[str], set[str]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT conname FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace "
                "WHERE n.nspname = %s",
                [schema],
            )
            constraints = {row[0] for row in cursor.fetchall()}
            cursor.execute("SELECT indexname FROM pg_indexes WHERE schemaname = %s", [schema])
            return constraints, {row[0] for row in cursor.fetchall()}

    template_constraints, template_indexes = names(provisioning.template_schema())
    clone_constraints, clone_indexes = names(result.tenant.schema_name)
    assert "stocklevel_unique_sku_warehouse" in clone_constraints
    assert clone_constraints == template_constraints
    assert clone_indexes == template_indexes
