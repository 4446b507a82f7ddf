"""Routes each request to its tenant's schema by Host; unknown hosts get a clear 404 page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_tenants.middleware.main import TenantMainMiddleware
from django_tenants.utils import remove_www

from saas.core.read_only import workspace_is_read_only
from tenants.models import Tenant
from tenants.routing import tenant_for_host


class TenantHostMiddleware(TenantMainMiddleware):
    @staticmethod
    def hostname_from_request(request: HttpRequest) -> str:
        # Host names are case-insensitive; Domain rows are stored in lower case.
        return str(remove_www(request.get_host().split(":")[0].lower()))

    def get_tenant(self, domain_model: Any, hostname: str) -> Tenant:
        # Kept per process, dropped on any change (tenants/routing.py): no SQL for known hosts.
        return tenant_for_host(hostname)

    def no_tenant_found(self, request: HttpRequest, hostname: str) -> HttpResponse:
        return render(request, "tenants/unknown_host.html", {"hostname": hostname}, status=404)

    def process_request(self, request: HttpRequest) -> HttpResponse | None:
        response = super().process_request(request)
        if response is not None:
            return response
        tenant = request.tenant  # type: ignore[attr-defined]
        # Suspended (or its trial over) and closed workspaces stay readable: people sign in, read,
        # export and pay, in read-only sessions (saas/core/read_only.py).
        request.workspace_read_only = tenant.schema_name != "public" and workspace_is_read_only(tenant)  # type: ignore[attr-defined]
        return None
