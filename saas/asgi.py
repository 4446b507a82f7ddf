"""The one ASGI application daphne serves: Django for HTTP, GraphQL subscriptions for WebSocket."""

from __future__ import annotations

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saas.settings")

from django.core.asgi import get_asgi_application  # noqa: E402

django_http = get_asgi_application()  # sets Django up before the imports below touch models

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.conf import settings  # noqa: E402
from django.urls import path  # noqa: E402

from saas.api.schema import schema  # noqa: E402
from saas.core.body_limit import BodyLimitMiddleware  # noqa: E402
from saas.core.gc_tuning import worker_gc_tune  # noqa: E402
from saas.realtime.consumer import LiveConsumer  # noqa: E402
from saas.realtime.middleware import TenantHostMiddleware, TenantSessionAuthMiddleware  # noqa: E402

# The WebSocket side of /graphql/: the same URL as queries and mutations over HTTP, so any
# standard GraphQL client subscribes there (graphql-transport-ws). HTTP never reaches channels.
websocket_routes = URLRouter([path("graphql/", LiveConsumer.as_asgi(schema=schema))])

application = ProtocolTypeRouter(
    {
        "http": BodyLimitMiddleware(django_http, settings.SPARROW_MAX_REQUEST_BYTES),
        "websocket": TenantHostMiddleware(TenantSessionAuthMiddleware(websocket_routes)),
    }
)

# Last: everything start-up loaded is frozen out of the collector's walks (saas/core/gc_tuning.py).
worker_gc_tune()
