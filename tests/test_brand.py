"""One brand per language everywhere: 麻雀订单云 in Chinese, Sparrow in English, on the server's
pages, in e-mails and in the H5 shell; and /favicon.ico is the app's icon on every host."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client

from tests.fixtures.events import deliver_events
from tests.fixtures.tenants import Workspace, client_for, graphql

REPO = Path(__file__).resolve().parents[1]
SHELL = REPO / "mobile_shell"
ZH, EN = "麻雀订单云", "Sparrow"
ICO_HEADER = b"\x00\x00\x01\x00"
FAVICON_LINK = '<link rel="icon" href="/favicon.ico"'


def title(response) -> str:
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S).group(1).strip()


def brands(response) -> set[str]:
    body = response.content.decode()
    return {name for name in (ZH, EN) if name in body}


@pytest.mark.parametrize("host", ["localhost", "alpha.localhost"], ids=["public", "workspace"])
def test_favicon_is_the_app_icon_on_public_and_workspace_hosts(alpha: Workspace, host):
    response = Client(HTTP_HOST=host).get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content == (SHELL / "icons" / "favicon.ico").read_bytes()
    assert response.content.startswith(ICO_HEADER)
    again = Client(HTTP_HOST=host).get("/favicon.ico", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_signup_page_names_one_brand_per_language_and_links_the_icon(world, db):
    chinese = Client(HTTP_HOST="localhost").get("/signup/")
    assert title(chinese) == f"创建您的工作区 · {ZH}"
    assert brands(chinese) == {ZH} and FAVICON_LINK in chinese.content.decode()
    english = Client(HTTP_HOST="localhost").get("/signup/?lang=en")
    assert title(english) == f"Create your workspace · {EN}"
    assert brands(english) == {EN}


def test_signin_page_names_one_brand_per_language(alpha: Workspace):
    chinese = Client(HTTP_HOST=alpha.host).get("/login/")
    assert title(chinese) == f"登录 · 阿尔法商贸 · {ZH}"
    assert brands(chinese) == {ZH} and FAVICON_LINK in chinese.content.decode()
    english = Client(HTTP_HOST=alpha.host).get("/login/?lang=en")
    assert brands(english) == {EN}


def test_print_and_report_pages_link_the_icon(alpha: Workspace):
    client = client_for(alpha, alpha.users["manager"])
    error_page = client.get("/reports/sales/print/", {"period": "fortnight"})
    assert error_page.status_code == 400
    assert FAVICON_LINK in error_page.content.decode()
    for template in (
        "saas/sales/templates/sales/print_base.html",
        "saas/shipping/templates/shipping/print.html",
        "saas/reports/templates/reports/print.html",
        "saas/templates/500.html",
    ):
        assert FAVICON_LINK in (REPO / template).read_text(encoding="utf-8"), template


def test_emails_come_from_the_brand_of_their_language(alpha: Workspace):
    Client(HTTP_HOST=alpha.host).post("/password-reset/", {"email": alpha.email("finance")})
    Client(HTTP_HOST=alpha.host).post("/password-reset/?lang=en", {"email": alpha.email("finance")})
    invite = """mutation($input: UserInviteInput!) { userInvite(input: $input) { errors { code } } }"""
    graphql(
        client_for(alpha, alpha.users["admin"]),
        invite,
        {"input": {"email": "brand-check@alpha.test", "fullName": "新同事", "roles": ["sales"]}},
    )
    deliver_events()  # the invitation e-mail is the user.invited event's consumer
    reset_zh, reset_en, invitation = mail.outbox
    assert reset_zh.from_email.startswith(f"{ZH} <") and reset_zh.subject == f"{ZH}：重置密码"
    assert reset_en.from_email.startswith(f"{EN} <") and reset_en.subject == "Sparrow: reset your password"
    assert invitation.from_email.startswith(f"{ZH} <") and ZH in invitation.subject


def catalogue_values(language: str) -> list[str]:
    files = [SHELL / "i18n" / f"{language}.js", *sorted((SHELL / "i18n" / language).glob("*.js"))]
    entry = re.compile(r"^\s*'[^']+':\s*'((?:[^'\\]|\\.)*)',?\s*$", re.MULTILINE)
    return [value for path in files for value in entry.findall(path.read_text(encoding="utf-8"))]


def test_the_h5_shell_names_the_brand_of_its_language():
    chinese, english = catalogue_values("zh-hans"), catalogue_values("en")
    assert [value for value in chinese if EN in value] == []
    assert [value for value in english if ZH in value] == []
    assert ZH in chinese and EN in english  # app.name
    # The screens take the name from the catalogue, never a literal.
    code = [p for p in SHELL.rglob("*.js") if SHELL / "i18n" not in p.parents and p.name != "sw.js"]
    assert [str(p) for p in code if re.search(r"['\"`]Sparrow['\"`]", p.read_text(encoding="utf-8"))] == []
    # The static shell speaks the default language, Chinese, until the app takes over.
    manifest = json.loads((SHELL / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["name"] == ZH and manifest["short_name"] == ZH and manifest["lang"] == "zh-Hans"
    index = (SHELL / "index.html").read_text(encoding="utf-8")
    assert f"<title>{ZH}</title>" in index and f'content="{ZH}"' in index
