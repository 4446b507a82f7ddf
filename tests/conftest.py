"""Shared pytest setup: tenants built once per session, per-test rollback, a live daphne server."""

from __future__ import annotations

from typing import Any

import pytest
from xdist.scheduler import LoadScopeScheduling

pytest_plugins = [
    "tests.fixtures.tenants",
    "tests.fixtures.live",
    "tests.fixtures.catalog",
    "tests.fixtures.inventory",
    "tests.fixtures.reports",
    "tests.fixtures.sales",
    "tests.fixtures.shipping",
    "tests.fixtures.customers",
    "tests.fixtures.finance",
    "tests.fixtures.partners",
    "tests.fixtures.distribution",
    "tests.fixtures.fuzz",
    "tests.fixtures.fuzz_documents",
    "tests.fixtures.stripe",
]


# The fuzzer's longest test (about 95 s) runs beside the browser tests, its other three (about
# 160 s) beside the rest: measured, that makes the two halves take about the same time.
WITH_THE_BROWSER = (
    "tests/browser/",
    "tests/test_graphql_fuzz.py::test_a_full_scope_key_never_gets_a_500_or_a_leak_from_generated_mutations",
)


class TwoHalves(LoadScopeScheduling):
    """`make test` runs the suite in two processes (`-n 2 --dist loadscope`), each with its own test
    database: one takes the browser tests (and one fuzzer test), the other everything else, each
    half in the order one process would run it. Browser tests commit orders and customers through
    the live server that stay for the session, so the tests that count the seeded workspaces' rows
    must not meet them; in one process they never do, as those run first."""

    def _split_scope(self, nodeid: str) -> str:
        return "browser" if nodeid.startswith(WITH_THE_BROWSER) else "rest"


def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> LoadScopeScheduling | None:
    return TwoHalves(config, log) if config.getvalue("dist") == "loadscope" else None
