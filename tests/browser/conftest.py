"""Browser tests: one headless Chromium per session, a fresh context per test, screenshots of
failures (and of key screens), and no console errors allowed.

Chromium is Debian's (/usr/bin/chromium). Without it the tests skip, except in CI (CI=true),
where a missing browser is a failure: the suite must not pass by testing nothing.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from playwright.sync_api import Browser, sync_playwright

from tests.browser.driver import ARTIFACTS, PHONE, ShellPage, api_login, in_workspace
from tests.fixtures.live import LiveServer
from tests.fixtures.tenants import PASSWORD, Workspace, World

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    # Fixtures read the outcome to decide whether to take a failure screenshot.
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, f"report_{report.when}", report)


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.exists():
        reason = f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium fonts-wqy-microhei)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{reason}; browser tests cannot be skipped in CI.")
        pytest.skip(reason)
    return CHROMIUM


@pytest.fixture(scope="package")
def browser(chromium: Path, live_server: LiveServer) -> Iterator[Browser]:
    # Playwright's sync API keeps an asyncio loop running on the main thread, where Django
    # refuses ORM calls: every database read and clean-up here runs in a worker thread.
    for old_failure in ARTIFACTS.glob("*-failure*.png"):
        old_failure.unlink()  # only this run's failures should be there to look at
    playwright = sync_playwright().start()
    try:
        launched = playwright.chromium.launch(
            executable_path=str(chromium), args=CHROMIUM_ARGS, headless=True
        )
        yield launched
        launched.close()
    finally:
        # Stop Playwright first: while its loop runs, Django refuses even closing a connection
        # on this thread, and an error here would leave the loop running for later tests.
        # Then close what the main thread opened, or it outlives the test database.
        playwright.stop()
        connections.close_all()


@pytest.fixture(scope="session")
def _login_cookies(live_server: LiveServer) -> Callable[[str, str], list[dict[str, str]]]:
    # One API sign-in per user for the whole session: hashing the password is the slow part.
    cache: dict[tuple[str, str], list[dict[str, str]]] = {}

    def cookies(host: str, email: str) -> list[dict[str, str]]:
        if (host, email) not in cache:
            cache[(host, email)] = api_login(live_server, host, email, PASSWORD)
        return cache[(host, email)]

    return cookies


@pytest.fixture
def read_db(django_db_blocker: Any) -> Callable[..., Any]:
    """read_db(workspace, query): runs an ORM query against what the live server committed."""

    def read(workspace: Workspace, query: Callable[[], Any]) -> Any:
        with django_db_blocker.unblock():
            return in_workspace(workspace, query)

    return read


def _artifact_name(item: pytest.Item, index: int) -> str:
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.name)
    return f"{name}-failure{'' if index == 0 else f'-{index}'}.png"


@pytest.fixture
def shell(
    request: pytest.FixtureRequest,
    browser: Browser,
    live_server: LiveServer,
    world: World,
    _login_cookies: Callable[[str, str], list[dict[str, str]]],
) -> Iterator[Callable[..., ShellPage]]:
    """Opens the app in a new browser context: shell(as_user="owner", viewport=PHONE, path="/app/",
    touch=False, user_agent=None, service_worker=False, enforce_csp=False).

    Most tests let the browser bypass the Content-Security-Policy, because Playwright's
    wait_for_function evaluates strings in the page; enforce_csp=True keeps it, and then every
    violation is a console error that fails the test (use ShellPage.wait_until to wait).

    as_user=None opens it signed out. Every page's console errors fail the test; a failing
    test leaves a screenshot of each of its pages in test-artifacts/.
    """
    opened: list[ShellPage] = []

    def open_shell(
        *,
        as_user: str | None = "owner",
        viewport: dict[str, int] = PHONE,
        host: str | None = None,
        path: str = "/app/",
        touch: bool = False,
        user_agent: str | None = None,
        service_worker: bool = False,
        enforce_csp: bool = False,
    ) -> ShellPage:
        host = host or world.alpha.host
        context = browser.new_context(
            viewport=viewport,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            has_touch=touch,
            is_mobile=touch,
            user_agent=user_agent,
            # Installing the worker downloads the whole shell a second time; only the tests
            # about working offline need it.
            service_workers="allow" if service_worker else "block",
            bypass_csp=not enforce_csp,
        )
        context.set_default_timeout(10000)
        if as_user:
            workspace = world.alpha if host == world.alpha.host else world.beta
            context.add_cookies(_login_cookies(host, workspace.email(as_user)))  # type: ignore[arg-type]
        page = context.new_page()
        app = ShellPage(context=context, page=page, live_server=live_server, host=host)
        page.on("console", app.on_console)
        page.on("pageerror", lambda error: app.errors.append(f"pageerror: {error}"))
        opened.append(app)
        return app.open(path) if path else app

    yield open_shell

    report = getattr(request.node, "report_call", None)
    failed = report is not None and report.failed
    ARTIFACTS.mkdir(exist_ok=True)
    unexpected: list[str] = []
    for index, app in enumerate(opened):
        if failed:
            try:
                app.page.screenshot(path=str(ARTIFACTS / _artifact_name(request.node, index)), full_page=True)
            except Exception as exc:  # a crashed page must not hide the test's own failure
                warnings.warn(f"could not save a failure screenshot: {exc}", stacklevel=1)
        unexpected += app.unexpected_errors()
        app.context.close()
    if unexpected and not failed:
        pytest.fail("Console errors in the app:\n" + "\n".join(unexpected))
