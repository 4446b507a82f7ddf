"""Where a tenant lives on the web: its host name and absolute URLs on it."""

from __future__ import annotations

import os

from django.conf import settings

from tenants.models import Tenant


def tenant_host(slug: str) -> str:
    return f"{slug}.{settings.SPARROW_BASE_DOMAIN}"


def site_origin(host: str) -> str:
    """scheme://host[:port]; production is always https on the default port."""
    if settings.PRODUCTION:
        return f"https://{host}"
    port = os.environ.get("SPARROW_PUBLIC_PORT") or os.environ.get("PORT") or "8000"
    return f"http://{host}" if port == "80" else f"http://{host}:{port}"


def tenant_url(tenant: Tenant, path: str) -> str:
    return site_origin(tenant_host(tenant.slug)) + path
