"""Webhook endpoints: create, change, switch on and off, delete, rotate the signing secret."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp, user_of
from saas.core.errors import InvalidInput, NotFound
from saas.core.idempotency import run_once
from saas.core.ids import clean_id
from saas.core.inputs import clean_text
from saas.partners.access import require_webhook_admin
from saas.partners.addresses import check_url
from saas.partners.models import ApiKey, WebhookEndpoint
from saas.partners.selectors import events_for, visible_endpoints
from saas.partners.signing import new_secret

MAX_ENDPOINTS = 20
MAX_EVENTS = 60
SECRET_GRACE = timedelta(hours=24)


def _clean_events(actor: Actor, names: list[str]) -> list[str]:
    cleaned = sorted({name.strip() for name in names})
    if not cleaned:
        raise InvalidInput(_("Choose at least one event."), code="required", field="events")
    if len(cleaned) > MAX_EVENTS:
        raise InvalidInput(_("Too many events."), code="too_many", field="events")
    offered = events_for(actor)
    for index, name in enumerate(cleaned):
        if name not in offered:
            raise InvalidInput(
                _("Unknown event %(name)s, or one this key may not read.") % {"name": name[:60]},
                code="event_unknown",
                field=f"events.{index}",
            )
    return cleaned


def _clean_url(url: str) -> str:
    text = clean_text(url, field="url", max_length=2000, required=True)
    check_url(text, allow_private=settings.SPARROW_WEBHOOKS_ALLOW_PRIVATE)
    return text


def endpoint_create(
    *,
    actor: Actor,
    url: str,
    events: list[str],
    description: str = "",
    idempotency_key: str | None = None,
) -> WebhookEndpoint:
    """A new endpoint with its own signing secret; retried with the same `idempotency_key`, the
    first endpoint comes back (secret included: the same actor made it)."""
    acting = require_webhook_admin(actor)
    cleaned_url = _clean_url(url)
    cleaned_events = _clean_events(acting, events)
    cleaned_description = clean_text(description, field="description", max_length=200)

    def write() -> dict[str, int]:
        if WebhookEndpoint.objects.filter(deleted_at__isnull=True).count() >= MAX_ENDPOINTS:
            raise InvalidInput(
                _("A workspace has at most %(n)d webhook endpoints.") % {"n": MAX_ENDPOINTS},
                code="too_many_endpoints",
            )
        endpoint = WebhookEndpoint.objects.create(
            url=cleaned_url,
            events=cleaned_events,
            description=cleaned_description,
            secret=new_secret(),
            api_key=acting if isinstance(acting, ApiKey) else None,
            created_by=user_of(acting),
        )
        return {"id": endpoint.pk}

    result, _replayed = run_once(
        by=actor_stamp(acting), key=idempotency_key, operation="webhook_endpoint.create", write=write
    )
    return WebhookEndpoint.objects.get(pk=result["id"])


def endpoint_for(actor: Actor, endpoint_id: object, *, lock: bool = False) -> WebhookEndpoint:
    """An endpoint the actor may change (webhooks:write or tenant.manage), locked when asked."""
    require_webhook_admin(actor)
    queryset = visible_endpoints(actor)
    if lock:
        queryset = queryset.select_for_update()
    endpoint = queryset.filter(pk=clean_id(endpoint_id, "id", _("Webhook endpoint not found."))).first()
    if endpoint is None:
        raise NotFound(_("Webhook endpoint not found."), field="id")
    return endpoint


def endpoint_update(
    *,
    actor: Actor,
    endpoint_id: object,
    url: str | None = None,
    events: list[str] | None = None,
    description: str | None = None,
    enabled: bool | None = None,
) -> WebhookEndpoint:
    """Change what is given. Switching on a failing endpoint resumes its held deliveries."""
    from saas.partners.services.deliveries import resume_endpoint

    with transaction.atomic():
        endpoint = endpoint_for(actor, endpoint_id, lock=True)
        if url is not None:
            endpoint.url = _clean_url(url)
        if events is not None:
            endpoint.events = _clean_events(require_webhook_admin(actor), events)
        if description is not None:
            endpoint.description = clean_text(description, field="description", max_length=200)
        if enabled is False and endpoint.state != WebhookEndpoint.State.DISABLED:
            endpoint.state = WebhookEndpoint.State.DISABLED
            endpoint.disabled_at = timezone.now()
            endpoint.next_probe_at = None
        endpoint.save()
        if enabled is True and not endpoint.enabled:
            resume_endpoint(endpoint)
    return endpoint


def endpoint_delete(*, actor: Actor, endpoint_id: object) -> WebhookEndpoint:
    """Deliveries stop; the delivery log stays readable to whoever could see it until purged."""
    with transaction.atomic():
        endpoint = endpoint_for(actor, endpoint_id, lock=True)
        endpoint.deleted_at = timezone.now()
        endpoint.state = WebhookEndpoint.State.DISABLED
        endpoint.save(update_fields=["deleted_at", "state"])
    return endpoint


def endpoint_rotate_secret(*, actor: Actor, endpoint_id: object) -> WebhookEndpoint:
    """A new signing secret; for 24 hours deliveries carry signatures by both, so the receiver
    can switch without rejecting anything."""
    with transaction.atomic():
        endpoint = endpoint_for(actor, endpoint_id, lock=True)
        endpoint.previous_secret = endpoint.secret
        endpoint.previous_secret_until = timezone.now() + SECRET_GRACE
        endpoint.secret = new_secret()
        endpoint.save(update_fields=["previous_secret", "previous_secret_until", "secret"])
    return endpoint
