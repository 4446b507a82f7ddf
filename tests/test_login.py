"""Sign-in, sign-out, throttling of failed logins, and password reset by e-mail."""

from __future__ import annotations

import re

from django.core import mail
from django.test import Client
from django_tenants.utils import tenant_context

from saas.accounts import services
from tests.fixtures.tenants import PASSWORD, client_for, graphql


def login(client: Client, email: str, password: str):
    return client.post("/login/", {"email": email, "password": password})


def test_login_with_right_password_lands_in_the_app_signed_in(alpha):
    client = Client(HTTP_HOST=alpha.host)
    response = login(client, "Owner@Alpha.test", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/app/"
    assert graphql(client, "{ me { email } }")["data"] == {"me": {"email": "owner@alpha.test"}}


def test_wrong_password_re_renders_with_a_translated_error(alpha):
    response = login(Client(HTTP_HOST=alpha.host), "owner@alpha.test", "wrong-password")
    assert response.status_code == 400
    assert "邮箱或密码不正确" in response.content.decode()


def test_a_user_of_another_workspace_cannot_sign_in_here(alpha, beta):
    response = login(Client(HTTP_HOST=alpha.host), "owner@beta.test", PASSWORD)
    assert response.status_code == 400


def test_login_redirects_only_to_the_same_host(alpha):
    client = Client(HTTP_HOST=alpha.host)
    ok = client.post("/login/?next=/app/users", {"email": "owner@alpha.test", "password": PASSWORD})
    assert ok["Location"] == "/app/users"
    evil = Client(HTTP_HOST=alpha.host).post(
        "/login/", {"email": "owner@alpha.test", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert evil["Location"] == "/app/"


def test_repeated_failures_lock_the_account_even_for_the_right_password(alpha, settings):
    client = Client(HTTP_HOST=alpha.host)
    for _ in range(settings.SPARROW_LOGIN_MAX_FAILURES):
        assert login(client, "sales@alpha.test", "nope-nope").status_code == 400
    locked = login(client, "sales@alpha.test", PASSWORD)
    assert locked.status_code == 429
    assert "15 分钟" in locked.content.decode()
    # The same e-mail in another workspace is a different account, and is not locked.
    assert login(Client(HTTP_HOST="beta.localhost"), "sales@beta.test", PASSWORD).status_code == 302


def test_lock_is_per_account_not_for_everyone_on_the_same_address(alpha, settings):
    client = Client(HTTP_HOST=alpha.host)
    for _ in range(settings.SPARROW_LOGIN_MAX_FAILURES):
        login(client, "sales@alpha.test", "nope-nope")
    assert login(client, "finance@alpha.test", PASSWORD).status_code == 302


def test_graphql_login_shares_the_throttle_and_returns_typed_errors(alpha, settings):
    client = Client(HTTP_HOST=alpha.host)
    mutation = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { user { email } errors { code } } }"
    bad = graphql(client, mutation, {"e": "admin@alpha.test", "p": "x"})
    assert bad["data"]["login"] == {"user": None, "errors": [{"code": "login_invalid"}]}
    for _ in range(settings.SPARROW_LOGIN_MAX_FAILURES):
        graphql(client, mutation, {"e": "admin@alpha.test", "p": "x"})
    locked = graphql(client, mutation, {"e": "admin@alpha.test", "p": PASSWORD})
    assert locked["data"]["login"]["errors"][0]["code"] == "login_throttled"


def test_logout_ends_the_session(alpha):
    client = client_for(alpha, alpha.users["owner"])
    assert client.post("/logout/")["Location"] == "/login/"
    assert graphql(client, "{ me { email } }")["errors"][0]["extensions"]["code"] == "unauthenticated"


def test_deactivated_user_is_signed_out_and_cannot_sign_in(alpha):
    client = client_for(alpha, alpha.users["sales"])
    with tenant_context(alpha.tenant):
        services.user_deactivate(actor=alpha.users["owner"], user=alpha.users["sales"])
    assert graphql(client, "{ me { email } }")["errors"][0]["extensions"]["code"] == "unauthenticated"
    assert login(Client(HTTP_HOST=alpha.host), "sales@alpha.test", PASSWORD).status_code == 400


def test_password_reset_mails_a_link_on_the_workspace_host_that_sets_a_new_password(alpha):
    client = Client(HTTP_HOST=alpha.host)
    response = client.post("/password-reset/", {"email": "finance@alpha.test"})
    assert response["Location"] == "/password-reset/sent/"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["finance@alpha.test"]
    link = re.search(r"http://alpha\.localhost(?::\d+)?(/reset/\S+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "Brand-New-Pass-91", "new_password2": "Brand-New-Pass-91"},
    )
    assert done["Location"] == "/reset/done/"
    assert login(Client(HTTP_HOST=alpha.host), "finance@alpha.test", "Brand-New-Pass-91").status_code == 302


def test_password_reset_for_unknown_address_says_the_same_and_sends_nothing(alpha):
    response = Client(HTTP_HOST=alpha.host).post("/password-reset/", {"email": "owner@beta.test"})
    assert response["Location"] == "/password-reset/sent/"
    assert mail.outbox == []


def test_new_passwords_use_argon2id_and_old_pbkdf2_hashes_upgrade_at_login(alpha):
    from django.contrib.auth.hashers import make_password

    with tenant_context(alpha.tenant):
        user = alpha.users["warehouse"]
        assert user.password.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
        user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
        user.save(update_fields=["password"])
    assert login(Client(HTTP_HOST=alpha.host), "warehouse@alpha.test", PASSWORD).status_code == 302
    with tenant_context(alpha.tenant):
        user.refresh_from_db()
        assert user.password.startswith("argon2$argon2id$")
