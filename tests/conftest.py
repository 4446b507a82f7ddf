"""Shared pytest setup: tenants built once per session, per-test rollback, a live daphne server."""

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
