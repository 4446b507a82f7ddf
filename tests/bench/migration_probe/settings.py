"""Sparrow's settings plus the probe app, without its migration until the benchmark names it."""

from saas.settings import *  # noqa: F403
from saas.settings import INSTALLED_APPS, TENANT_APPS

TENANT_APPS = [*TENANT_APPS, "tests.bench.migration_probe"]
INSTALLED_APPS = [*INSTALLED_APPS, "tests.bench.migration_probe"]
PROBE_MIGRATIONS = "tests.bench.migration_probe.migrations"
MIGRATION_MODULES = {"migration_probe": None}
