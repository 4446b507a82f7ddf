"""Sentry: started only with SENTRY_DSN; tags events with the tenant; never sends personal data."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import sentry_sdk
from django.http import HttpRequest, HttpResponse

SENSITIVE_KEY = re.compile(
    r"pass(word)?|secret|token|api[_-]?key|authorization|cookie|session|csrf|signature|dsn|email|phone",
    re.IGNORECASE,
)
FILTERED = "[Filtered]"


def scrub(value: Any) -> Any:
    """Replace the value of every sensitive-looking key, at any depth."""
    if isinstance(value, dict):
        return {
            k: FILTERED if isinstance(k, str) and SENSITIVE_KEY.search(k) else scrub(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [scrub(item) for item in value]
    return value


def before_send(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    event.pop("user", None)
    request = event.get("request")
    if isinstance(request, dict):
        request.pop("cookies", None)
        request.pop("data", None)  # form and GraphQL bodies carry passwords and personal data
        request.pop("query_string", None)
        if isinstance(request.get("headers"), dict):
            request["headers"] = scrub(request["headers"])
    for key in ("extra", "contexts"):
        if key in event:
            event[key] = scrub(event[key])
    for exception in (event.get("exception") or {}).get("values", []) or []:
        for frame in (exception.get("stacktrace") or {}).get("frames", []) or []:
            if "vars" in frame:
                frame["vars"] = scrub(frame["vars"])
    for crumb in (event.get("breadcrumbs") or {}).get("values", []) or []:
        if "data" in crumb:
            crumb["data"] = scrub(crumb["data"])
    return event


def sentry_init(*, dsn: str, environment: str, transport: Any = None) -> None:
    from sentry_sdk.integrations.django import DjangoIntegration

    options: dict[str, Any] = {
        "dsn": dsn,
        "environment": environment,
        "send_default_pii": False,
        "integrations": [DjangoIntegration()],
        "before_send": before_send,
        "traces_sample_rate": 0.0,
    }
    if transport is not None:
        options["transport"] = transport
    sentry_sdk.init(**options)


class SentryScopeMiddleware:
    """Tags the request's events with the workspace, so an error is traced to its tenant."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        tenant = getattr(request, "tenant", None)
        if tenant is not None:
            sentry_sdk.get_isolation_scope().set_tag("tenant", tenant.slug)
        return self.get_response(request)
