"""The one ASGI application daphne serves: Django for HTTP, channels for WebSocket."""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saas.settings")

from django.core.asgi import get_asgi_application  # noqa: E402

django_http = get_asgi_application()  # sets Django up before the imports below touch models

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.conf import settings  # noqa: E402
from django.urls import path  # noqa: E402

from saas.core.body_limit import BodyLimitMiddleware  # noqa: E402
from saas.realtime.consumers import EventsConsumer  # noqa: E402
from saas.realtime.middleware import TenantHostMiddleware, TenantSessionAuthMiddleware  # noqa: E402

websocket_routes = URLRouter([path("ws/events/", EventsConsumer.as_asgi())])

application = ProtocolTypeRouter(
    {
        "http": BodyLimitMiddleware(django_http, settings.SPARROW_MAX_REQUEST_BYTES),
        "websocket": TenantHostMiddleware(TenantSessionAuthMiddleware(websocket_routes)),
    }
)
