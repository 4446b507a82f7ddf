"""Helpers for running code inside one tenant's schema, explicitly."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.db import connection
from django_tenants.postgresql_backend.base import DatabaseWrapper
from django_tenants.utils import get_public_schema_name, get_tenant_model, schema_context, tenant_context

if TYPE_CHECKING:
    from tenants.models import Tenant

__all__ = [
    "current_tenant",
    "public_schema",
    "require_tenant_schema",
    "schema_context",
    "tenant_context",
    "tenant_db",
]


def tenant_db() -> DatabaseWrapper:
    """The default connection, typed as django-tenants' wrapper (schema_name, set_schema_to_public…)."""
    return cast(DatabaseWrapper, connection)


def current_tenant() -> Tenant:
    """The tenant whose schema the connection is set to; raises on the public schema.

    Inside schema_context() django-tenants installs a stand-in that knows only the schema
    name; the real row (time zone, currency…) is then read from the public schema.
    """
    from tenants.models import Tenant

    db = tenant_db()
    if db.schema_name == get_public_schema_name():
        raise RuntimeError("No tenant is active: wrap this code in tenant_context(tenant).")
    tenant = getattr(db, "tenant", None)
    if isinstance(tenant, Tenant):
        return tenant
    # TenantMixin is untyped, so the manager answers Any: name the type it returns.
    found: Tenant = Tenant.objects.get(schema_name=db.schema_name)
    return found


def require_tenant_schema() -> str:
    schema = str(tenant_db().schema_name)
    if schema == get_public_schema_name():
        raise RuntimeError("This code must run in a tenant schema, not the public one.")
    return schema


@contextmanager
def public_schema() -> Iterator[None]:
    with schema_context(get_public_schema_name()):
        yield


def workspace_schemas() -> list[str]:
    """Every workspace's schema (not the public one, not the template new workspaces are copied
    from): where the nightly chores defer a job each."""
    excluded = [get_public_schema_name(), settings.SPARROW_TEMPLATE_SCHEMA]
    return list(
        get_tenant_model()
        .objects.exclude(schema_name__in=excluded)
        .order_by("pk")
        .values_list("schema_name", flat=True)
    )
