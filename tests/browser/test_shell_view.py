"""saas/shell.py: serving the shell's files, compressed, revalidated, and nothing else."""

from __future__ import annotations

import gzip

import pytest
from django.conf import settings

from tests.fixtures.tenants import client_for

SHELL = settings.MOBILE_SHELL_DIR


def _body(response) -> bytes:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return gzip.decompress(content) if response.get("Content-Encoding") == "gzip" else content


@pytest.mark.parametrize("path", ["/app/", "/app/users", "/app/orders/42"])
def test_app_paths_get_the_page_and_a_csrf_cookie(alpha, path):
    response = client_for(alpha).get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert response["Cache-Control"] == "no-cache"
    assert _body(response) == (SHELL / "index.html").read_bytes()
    assert "csrftoken" in response.cookies


def test_text_is_gzipped_for_clients_that_accept_it(alpha):
    client = client_for(alpha)
    plain = client.get("/app/core/main.js")
    packed = client.get("/app/core/main.js", HTTP_ACCEPT_ENCODING="br, gzip;q=0.9")
    assert plain.get("Content-Encoding") is None
    assert packed["Content-Encoding"] == "gzip"
    assert packed["Content-Type"].startswith("text/javascript")
    assert "Accept-Encoding" in packed["Vary"]
    assert _body(packed) == _body(plain) == (SHELL / "core" / "main.js").read_bytes()
    assert len(packed.content) < len(plain.content)


def test_an_unchanged_file_costs_a_304(alpha):
    client = client_for(alpha)
    first = client.get("/app/styles/base.css", HTTP_ACCEPT_ENCODING="gzip")
    again = client.get("/app/styles/base.css", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again["ETag"] == first["ETag"]
    other_encoding = client.get("/app/styles/base.css", HTTP_IF_NONE_MATCH=first["ETag"])
    assert other_encoding.status_code == 200


def test_images_are_cached_for_a_day(alpha):
    response = client_for(alpha).get("/app/icons/icon-192.png", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.get("Content-Encoding") is None
    assert response["Cache-Control"] == "public, max-age=86400"


def test_service_worker_carries_the_shell_version(alpha):
    response = client_for(alpha).get("/app/sw.js")
    body = _body(response).decode()
    assert response["Service-Worker-Allowed"] == "/app/"
    assert response["Cache-Control"] == "no-cache"
    assert "__SHELL_VERSION__" not in body
    assert "const VERSION = '" in body


@pytest.mark.parametrize(
    "path",
    [
        "/app/missing.js",
        "/app/README.md",
        "/app/capacitor.config.json.bak",
        "/app/icons/draw_icons.py",
        "/app/../saas/settings.py",
        "/app/%2e%2e/saas/settings.py",
        "/app/.hidden.js",
    ],
)
def test_only_shell_files_are_served(alpha, path):
    assert client_for(alpha).get(path).status_code == 404


def test_head_works_and_writes_are_refused(alpha):
    client = client_for(alpha)
    assert client.head("/app/").status_code == 200
    assert client.post("/app/").status_code in {403, 405}
