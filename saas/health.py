"""/healthz on every host, even unknown ones (load balancers call by IP): database, cache, channel layer.

Runs before the tenant middleware so it never depends on a Domain row existing.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse

from saas.core.tenancy import tenant_db
from saas.realtime.layers import release_channel

logger = logging.getLogger(__name__)
HEALTH_PATHS = {"/healthz", "/healthz/"}
CHECK_TIMEOUT_SECONDS = 3


def database_status() -> str:
    tenant_db().set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def cache_status() -> str:
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "1", timeout=5)
    if cache.get(key) != "1":
        raise RuntimeError("cache did not return what was stored")
    cache.delete(key)
    if getattr(cache, "degraded", False):
        # The app works on (saas/core/cache.py), but the operator must hear that Redis is away.
        raise RuntimeError("Redis unreachable; serving the cache from process memory")
    return "ok"


def channel_layer_status() -> str:
    layer = get_channel_layer()
    if layer is None:
        raise RuntimeError("no channel layer configured")

    async def round_trip() -> None:
        channel = await layer.new_channel("healthz.")
        try:
            await layer.send(channel, {"type": "healthz.ping"})
            message = await layer.receive(channel)
        finally:
            await release_channel(layer, channel)
        if message.get("type") != "healthz.ping":
            raise RuntimeError("channel layer returned another message")

    async def bounded() -> None:
        await asyncio.wait_for(round_trip(), timeout=CHECK_TIMEOUT_SECONDS)

    async_to_sync(bounded)()
    return "ok"


CHECKS: dict[str, Callable[[], str]] = {
    "database": database_status,
    "cache": cache_status,
    "channel_layer": channel_layer_status,
}


def health_report() -> tuple[bool, dict[str, object]]:
    report: dict[str, object] = {}
    healthy = True
    for name, check in CHECKS.items():
        started = time.perf_counter()
        try:
            status = check()
        except Exception as exc:  # any failure is the answer we are asked for
            logger.warning("health check %s failed: %s", name, exc)
            healthy = False
            status = "down"
        report[name] = {"status": status, "ms": round((time.perf_counter() - started) * 1000, 1)}
    return healthy, report


class HealthCheckMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path not in HEALTH_PATHS:
            return self.get_response(request)
        healthy, checks = health_report()
        body = {"status": "ok" if healthy else "down", "checks": checks}
        response = JsonResponse(body, status=200 if healthy else 503)
        response["Cache-Control"] = "no-store"
        return response
