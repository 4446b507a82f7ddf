"""ASGI middleware for WebSocket connections: resolve the tenant, then the signed-in user.

django-tenants keeps the schema on the thread's connection, and every database_sync_to_async
call of the channels consumers shares one thread. So each ORM hop here is a single sync
function that sets its own schema first, and never relies on what a previous hop left behind.
"""

from __future__ import annotations

from http.cookies import CookieError, SimpleCookie
from typing import Any

from channels.db import database_sync_to_async
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, load_backend
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.utils.crypto import constant_time_compare
from django_tenants.utils import remove_www, schema_context, tenant_context

from saas.core.read_only import workspace_is_read_only
from tenants.models import Domain, Tenant


def _header(scope: dict[str, Any], name: bytes) -> str:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return str(value.decode("latin-1"))
    return ""


def host_of(scope: dict[str, Any]) -> str:
    return remove_www(_header(scope, b"host").split(":")[0].strip().lower())


def origin_matches_host(scope: dict[str, Any]) -> bool:
    """Browsers always send Origin: refuse a page of another site (or another workspace) opening
    a socket with this workspace's cookies. Clients without Origin are not browsers."""
    origin = _header(scope, b"origin")
    if not origin:
        return True
    return origin.split("://", 1)[-1].split(":")[0].lower() == _header(scope, b"host").split(":")[0].lower()


def tenant_for_host(host: str) -> Tenant | None:
    with schema_context("public"):
        domain = Domain.objects.select_related("tenant").filter(domain=host).first()
    if domain is None or domain.tenant.schema_name == "public":
        return None
    # A read-only workspace keeps its sockets; the consumer's database hops run read-only.
    if not (domain.tenant.is_usable or workspace_is_read_only(domain.tenant)):
        return None
    return domain.tenant


def user_for_session(tenant: Tenant, session_key: str | None) -> Any:
    """The session's user in this tenant's schema, or AnonymousUser; checks the session hash."""
    if not session_key:
        return AnonymousUser()
    with tenant_context(tenant):
        session = SessionStore(session_key=session_key)
        user_id = session.get(SESSION_KEY)
        backend_path = session.get(BACKEND_SESSION_KEY)
        if user_id is None or backend_path not in settings.AUTHENTICATION_BACKENDS:
            return AnonymousUser()
        user = load_backend(backend_path).get_user(user_id)
        if user is None or not user.is_active:
            return AnonymousUser()
        # A changed password invalidates old sessions, on sockets as on pages.
        if not constant_time_compare(session.get(HASH_SESSION_KEY, ""), user.get_session_auth_hash()):
            return AnonymousUser()
        user.scopes  # noqa: B018 - load the roles now, inside the tenant's schema
        return user


def user_for_bearer(authorization: str) -> Any:
    """Who a `connection_init` payload's `authorization: Bearer <key>` speaks for, or None.

    Today's subscriptions (notifications, unread count) are a person's inbox, which a partner key
    does not have: partners hear of events through webhooks and the event feed (saas/partners).
    So no bearer speaks for a socket, and one that offers a key is refused, never let through on
    its cookie instead. A partner subscription would authenticate here with
    saas.partners.services.keys.authenticate_key.
    """
    return None


class TenantHostMiddleware:
    """Puts scope["tenant"]; refuses a WebSocket whose Host is not a live workspace."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        tenant = await database_sync_to_async(tenant_for_host)(host_of(scope))
        if tenant is None or not origin_matches_host(scope):
            await send({"type": "websocket.close", "code": 4404})
            return None
        return await self.inner({**scope, "tenant": tenant}, receive, send)


class TenantSessionAuthMiddleware:
    """Puts scope["user"], loaded from the session cookie inside the tenant's schema."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> Any:
        cookies: SimpleCookie = SimpleCookie()
        try:
            cookies.load(_header(scope, b"cookie"))
        except CookieError:
            pass
        morsel = cookies.get(settings.SESSION_COOKIE_NAME)
        user = await database_sync_to_async(user_for_session)(
            scope["tenant"], morsel.value if morsel else None
        )
        return await self.inner({**scope, "user": user}, receive, send)
