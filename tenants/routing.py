"""The tenant of a host name, kept in the process so a request does not ask the database for it.

Every HTTP request used to begin with `SET search_path = public` and a join of Domain and Tenant
before its own work. Host names and tenants change rarely (a sign-up, a suspension), so each
process keeps what it looked up, and drops it when:

- the routing version changes: any save or delete of a Tenant or Domain (`routing_changed`,
  connected in TenantsConfig.ready) writes a new token to the shared cache (Redis in production,
  so every worker sees it on its next request; one GET, no SQL), or
- it is older than SPARROW_TENANT_CACHE_SECONDS (60 by default): a bound for changes made
  without `save()` (a queryset `update()` by hand).

Hosts that name no tenant are not kept: a new sign-up's host routes at once. Each request gets
its own copy of the Tenant, so nothing a request sets on it reaches another.
"""

from __future__ import annotations

import copy
import os
import threading
import time
import uuid
from typing import Any

from django.core.cache import cache

from tenants.models import Domain, Tenant

# One key for every worker and schema (saas.core.cache.make_key), the same Redis key as before.
VERSION_KEY = "shared:sparrow:tenant-routing-version"
_lock = threading.Lock()
# host -> (loaded at, routing version then, tenant)
_hosts: dict[str, tuple[float, str | None, Tenant]] = {}


def routing_version() -> str | None:
    """The token that changes with every Tenant, Domain or billing account change (one cache GET)."""
    return _version()


def _version() -> str | None:
    value = cache.get(VERSION_KEY)
    return None if value is None else str(value)


def tenant_for_host(hostname: str) -> Tenant:
    """The tenant this host name routes to; Domain.DoesNotExist when none."""
    version = _version()
    entry = _hosts.get(hostname)
    max_age = float(os.environ.get("SPARROW_TENANT_CACHE_SECONDS", "60"))
    if entry is not None and entry[1] == version and time.monotonic() - entry[0] < max_age:
        return copy.copy(entry[2])
    domain = Domain.objects.select_related("tenant").get(domain=hostname)
    with _lock:
        _hosts[hostname] = (time.monotonic(), version, domain.tenant)
    return copy.copy(domain.tenant)


def routing_forget() -> None:
    """Drop this process's hosts (tests, and after a change made without save())."""
    with _lock:
        _hosts.clear()


def routing_changed(**_signal: Any) -> None:
    """A Tenant or Domain changed: every process looks its hosts up again."""
    routing_forget()
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
