"""Login CSRF: a page of another site cannot sign a visitor into the attacker's account, by form or
by the GraphQL `login` mutation (issue: defects found by an attacker)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.fixtures.tenants import PASSWORD, Workspace

LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { errors { code } } }"


def _strict(workspace: Workspace) -> Client:
    return Client(HTTP_HOST=workspace.host, enforce_csrf_checks=True)


def _mutation(client: Client, workspace: Workspace, **headers: str):
    return client.post(
        "/graphql/",
        {"query": LOGIN, "variables": {"e": workspace.email("sales"), "p": PASSWORD}},
        content_type="application/json",
        **headers,
    )


def test_the_login_form_refuses_a_post_without_a_csrf_token(alpha: Workspace) -> None:
    response = _strict(alpha).post("/login/", {"email": alpha.email("sales"), "password": PASSWORD})
    assert response.status_code == 403
    assert "_auth_user_id" not in _strict(alpha).session


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_REFERER": "https://evil.example/page"},
        {"HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_COOKIE": "csrftoken=forged"},
    ],
    ids=["origin", "referer", "fetch-metadata", "cookie"],
)
def test_a_browser_login_mutation_without_a_csrf_token_is_refused(alpha: Workspace, headers: dict) -> None:
    client = _strict(alpha)
    response = _mutation(client, alpha, **headers)
    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "csrf_failed"
    assert "sessionid" not in response.cookies


def test_the_app_signs_in_with_its_csrf_token(alpha: Workspace) -> None:
    client = _strict(alpha)
    client.get("/app/")  # the shell sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = _mutation(
        client,
        alpha,
        HTTP_X_CSRFTOKEN=token,
        HTTP_ORIGIN=f"http://{alpha.host}",
        HTTP_REFERER=f"http://{alpha.host}/app/",
    )
    assert response.status_code == 200
    assert response.json()["data"]["login"]["errors"] == []
    assert "sessionid" in response.cookies


def test_a_script_without_browser_headers_or_cookies_may_still_call_the_api(alpha: Workspace) -> None:
    # Nothing ambient to forge: partners and scripts send no cookies, no Origin, no Referer.
    response = _mutation(_strict(alpha), alpha)
    assert response.status_code == 200
