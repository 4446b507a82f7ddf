"""/healthz: 200 with every dependency up, 503 as soon as one is down."""

from __future__ import annotations

from django.db import OperationalError
from django.test import Client

from saas import health


def get_health(host: str = "localhost"):
    return Client(HTTP_HOST=host).get("/healthz")


def test_healthz_is_ok_on_every_host_including_unknown_ones(world, db):
    for host in ["localhost", "alpha.localhost", "unknown.localhost"]:
        response = get_health(host)
        assert response.status_code == 200, host
        body = response.json()
        assert body["status"] == "ok"
        assert {name: check["status"] for name, check in body["checks"].items()} == {
            "database": "ok",
            "cache": "ok",
            "channel_layer": "ok",
        }


def test_healthz_503_when_the_cache_is_down(world, db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    response = get_health()
    assert response.status_code == 503
    assert response.json()["checks"]["cache"]["status"] == "down"
    assert response.json()["checks"]["database"]["status"] == "ok"


def test_healthz_503_when_the_channel_layer_is_down(world, db, settings):
    from channels.layers import channel_layers

    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": ["redis://127.0.0.1:1/0"]},
        }
    }
    channel_layers.backends.clear()
    try:
        response = get_health()
    finally:
        channel_layers.backends.clear()
    assert response.status_code == 503
    assert response.json()["checks"]["channel_layer"]["status"] == "down"


def test_healthz_503_when_the_database_is_down(world, db, monkeypatch):
    def refuse() -> str:
        raise OperationalError("connection refused")

    monkeypatch.setitem(health.CHECKS, "database", refuse)
    response = get_health()
    assert response.status_code == 503
    assert response.json()["status"] == "down"
    assert response.json()["checks"]["database"]["status"] == "down"
