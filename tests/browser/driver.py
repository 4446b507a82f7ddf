"""Drives the H5 shell in Chromium for the browser tests: signing in, waiting, reading the DB.

Chromium resolves *.localhost by itself; Python does not, so requests made from Python go to
127.0.0.1 with the workspace's Host header.
"""

from __future__ import annotations

import json
import re
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any, TypeVar

from django.db import connections
from django_tenants.utils import tenant_context
from playwright.sync_api import BrowserContext, ConsoleMessage, Page

from tests.fixtures.live import LiveServer
from tests.fixtures.tenants import Workspace

T = TypeVar("T")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
LOGIN_MUTATION = """mutation($email: String!, $password: String!) {
  login(email: $email, password: $password) { user { id } errors { code } }
}"""


def api_login(live_server: LiveServer, host: str, email: str, password: str) -> list[dict[str, str]]:
    """Signs in through the API from Python; returns the session cookies for a browser context."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{live_server.port}/graphql/",
        data=json.dumps(
            {"query": LOGIN_MUTATION, "variables": {"email": email, "password": password}}
        ).encode(),
        headers={"Content-Type": "application/json", "Host": f"{host}:{live_server.port}"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        body = json.loads(response.read())
        set_cookies = response.headers.get_all("Set-Cookie") or []
    assert body["data"]["login"]["errors"] == [], body
    jar: SimpleCookie = SimpleCookie()
    for header in set_cookies:
        jar.load(header)
    url = live_server.url(host, "/")
    return [{"name": name, "value": morsel.value, "url": url} for name, morsel in jar.items()]


def in_workspace(workspace: Workspace, query: Callable[[], T]) -> T:
    """Runs an ORM query in the workspace's schema, in a fresh thread.

    Playwright's sync API keeps an event loop running on the main thread, where Django refuses
    synchronous database access; a worker thread has no loop (and its own connection, outside
    any test transaction, so it sees what the live server committed).
    """

    def run() -> T:
        try:
            with tenant_context(workspace.tenant):
                return query()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run).result()


@dataclass
class ShellPage:
    """One browser context + page on a workspace host, collecting console errors."""

    context: BrowserContext
    page: Page
    live_server: LiveServer
    host: str
    errors: list[str] = field(default_factory=list)
    allowed_errors: list[re.Pattern[str]] = field(default_factory=list)

    def url(self, path: str = "/app/") -> str:
        return self.live_server.url(self.host, path)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location.get('url', '')})")

    def allow_error(self, pattern: str) -> None:
        """Expects a console error matching `pattern` (e.g. a request the test aborts on purpose)."""
        self.allowed_errors.append(re.compile(pattern))

    def unexpected_errors(self) -> list[str]:
        return [error for error in self.errors if not any(p.search(error) for p in self.allowed_errors)]

    def open(self, path: str = "/app/") -> ShellPage:
        self.page.goto(self.url(path))
        self.wait_ready()
        return self

    def wait_until(self, expression: str, arg: Any = None, timeout: float = 10000) -> None:
        """Polls a JavaScript expression or function in the page until it is truthy.

        Unlike Playwright's wait_for_function, this compiles nothing inside the page, so it also
        works in a context that enforces the Content-Security-Policy (no 'unsafe-eval').
        """
        deadline = time.monotonic() + timeout / 1000
        while not self.page.evaluate(expression, arg):
            if time.monotonic() > deadline:
                raise TimeoutError(f"timed out after {timeout} ms waiting for {expression!r}")
            self.page.wait_for_timeout(50)

    def wait_ready(self) -> None:
        """Waits until the app decided who is signed in and mounted a screen."""
        self.wait_until(
            "Boolean(document.body.dataset.screen && document.documentElement.dataset.auth)",
            timeout=10000,
        )

    def screen(self) -> str:
        return str(self.page.evaluate("document.body.dataset.screen"))

    def wait_screen(self, screen_id: str) -> None:
        self.page.wait_for_function(
            f"document.body.dataset.screen === {json.dumps(screen_id)}", timeout=10000
        )

    def wait_service_worker(self) -> None:
        """Waits until the service worker controls the page (its shell copy is then complete)."""
        self.page.wait_for_function(
            "navigator.serviceWorker && navigator.serviceWorker.controller !== null", timeout=15000
        )

    def graphql(self, query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        """A GraphQL call from inside the page, with the page's session and CSRF token."""
        return dict(
            self.page.evaluate(
                """async ([query, variables]) => {
                    const token = (document.cookie.match(/(?:^|;\\s*)csrftoken=([^;]+)/) || [])[1] || '';
                    const response = await fetch('/graphql/', {
                        method: 'POST', credentials: 'same-origin',
                        headers: {'Content-Type': 'application/json', 'X-CSRFToken': token},
                        body: JSON.stringify({query, variables}),
                    });
                    return response.json();
                }""",
                [query, variables or {}],
            )
        )


def snapshot(app: ShellPage, name: str) -> None:
    """Saves a screenshot of a key screen in a passing run, for people reviewing the UI."""
    ARTIFACTS.mkdir(exist_ok=True)
    app.page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
