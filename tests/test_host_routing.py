"""Every Host lands in the right place: public site, a workspace, or a clear 404."""

from __future__ import annotations

from django.test import Client

from tenants.models import TenantStatus


def test_bare_base_domain_is_the_public_site(world, db):
    response = Client(HTTP_HOST="localhost").get("/")
    assert response.status_code == 200
    assert 'href="/signup/"' in response.content.decode()


def test_unknown_workspace_host_gets_a_clear_404_page_not_a_500(world, db):
    response = Client(HTTP_HOST="nobody-here.localhost").get("/app/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "工作区不存在" in body and "nobody-here.localhost" in body


def test_host_outside_allowed_hosts_gets_404_not_500(world, db):
    client = Client(HTTP_HOST="evil.example.com")
    client.raise_request_exception = False
    assert client.get("/").status_code in {400, 404}


def test_workspace_root_sends_to_the_app_and_the_app_is_served(alpha):
    client = Client(HTTP_HOST=alpha.host)
    assert client.get("/")["Location"] == "/app/"
    app = client.get("/app/")
    assert app.status_code == 200
    body = b"".join(app.streaming_content) if app.streaming else app.content
    assert b"<!doctype html>" in body.lower()
    assert "csrftoken" in app.cookies


def test_app_shell_does_not_serve_files_outside_its_folder(alpha):
    client = Client(HTTP_HOST=alpha.host)
    assert client.get("/app/../pyproject.toml").status_code == 404
    assert client.get("/app/%2e%2e/pyproject.toml").status_code == 404


def test_signup_exists_only_on_the_public_site_and_graphql_only_on_workspaces(alpha):
    assert Client(HTTP_HOST=alpha.host).get("/signup/").status_code == 404
    assert Client(HTTP_HOST="localhost").post("/graphql/", {}).status_code == 404


def test_a_suspended_or_closed_workspace_still_signs_in_read_only(alpha):
    # Read-only, not gone (tests/test_billing_read_only.py): people sign in, read, export and pay.
    for status in (TenantStatus.SUSPENDED, TenantStatus.CLOSED):
        alpha.tenant.status = status
        alpha.tenant.save(update_fields=["status"])
        assert Client(HTTP_HOST=alpha.host).get("/login/").status_code == 200
        assert Client(HTTP_HOST=alpha.host).get("/app/").status_code == 200


def test_host_with_port_and_upper_case_resolves(alpha):
    assert Client(HTTP_HOST="ALPHA.localhost:8000").get("/login/").status_code == 200
