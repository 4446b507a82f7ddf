"""Reads of the partner integration: keys, endpoints, deliveries and the event feed, per actor."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, require_actor
from saas.core.domain_events import catalogue
from saas.core.errors import InvalidInput, NotFound
from saas.core.ids import clean_id, parse_id
from saas.core.models import LoggedEvent
from saas.core.paging import check_page
from saas.partners import scopes as partner_scopes
from saas.partners.access import require_key_admin, require_webhook_reader
from saas.partners.models import ApiKey, FeedEntry, WebhookDelivery, WebhookEndpoint


def partner_events() -> dict[str, str]:
    """Event name → area, for every event partners may hear of (people's events are internal)."""
    found: dict[str, str] = {}
    for name, cls in catalogue().items():
        area = partner_scopes.EVENT_AREAS.get(cls.object_type)
        if area is not None:
            found[name] = area
    return found


def events_for(actor: Actor) -> dict[str, str]:
    """The events this actor may subscribe to or read in the feed: a key only its areas' events."""
    offered = partner_events()
    if isinstance(actor, ApiKey):
        return {name: area for name, area in offered.items() if actor.holds(area, partner_scopes.READ)}
    return offered


def api_keys(actor: Actor) -> QuerySet[ApiKey]:
    """Every key of the workspace, newest first: owners and admins only."""
    require_key_admin(actor)
    return ApiKey.objects.all()


def visible_endpoints(actor: Actor) -> QuerySet[WebhookEndpoint]:
    """Endpoints the actor manages: all for admins, a key only those it made."""
    acting = require_webhook_reader(actor)
    queryset = WebhookEndpoint.objects.filter(deleted_at__isnull=True)
    if isinstance(acting, ApiKey):
        queryset = queryset.filter(api_key=acting)
    return queryset


def endpoint_get(actor: Actor, endpoint_id: object) -> WebhookEndpoint:
    """One endpoint the actor may read, or NotFound (one of another partner is not found either)."""
    endpoint = (
        visible_endpoints(actor)
        .filter(pk=clean_id(endpoint_id, "id", _("Webhook endpoint not found.")))
        .first()
    )
    if endpoint is None:
        raise NotFound(_("Webhook endpoint not found."), field="id")
    return endpoint


def endpoint_deliveries(actor: Actor, endpoint: WebhookEndpoint) -> QuerySet[WebhookDelivery]:
    """An endpoint's delivery log, newest event first (the endpoint came from visible_endpoints)."""
    require_webhook_reader(actor)
    return WebhookDelivery.objects.filter(endpoint=endpoint).prefetch_related("log")


# Events about webhook endpoints (disabled, recovered) carry the endpoint's URL and its errors.
ENDPOINT_OBJECT = "webhook_endpoint"
MAX_FEED_TYPES = 100


def others_endpoint_events(key: ApiKey) -> QuerySet[LoggedEvent]:
    """Events about webhook endpoints this key did not make: one partner never hears of another's
    endpoints, their URLs or their failures, in the feed or by webhook."""
    own = WebhookEndpoint.objects.filter(api_key=key).values("pk")
    return LoggedEvent.objects.filter(object_type=ENDPOINT_OBJECT).exclude(object_id__in=own)


@dataclass(frozen=True)
class FeedPage:
    events: list[LoggedEvent]
    end_cursor: str | None
    has_more: bool


def event_feed(*, actor: Actor, after: str | None, types: list[str] | None, limit: int) -> FeedPage:
    """Events after the one `after` names, in the order they became visible (saas/partners/models.
    FeedEntry), of the given types, and only of the areas the actor may read."""
    acting = require_actor(actor)
    if not isinstance(acting, ApiKey):
        require_key_admin(acting)
    check_page(limit, 0)
    offered = events_for(acting)
    wanted = set(offered)
    if types:
        if len(types) > MAX_FEED_TYPES:
            raise InvalidInput(_("Too many events."), code="too_many", field="types")
        for index, name in enumerate(types):
            if name not in offered:
                raise InvalidInput(
                    _("Unknown event %(name)s, or one this key may not read.") % {"name": name[:60]},
                    code="event_unknown",
                    field=f"types.{index}",
                )
        wanted = set(types)
    position = 0
    if after is not None:
        event_id = parse_id(after) or 0
        found = FeedEntry.objects.filter(event_id=event_id).values_list("position", flat=True).first()
        if found is None:
            raise InvalidInput(_("No event has this id."), code="cursor_invalid", field="after")
        position = found
    rows = FeedEntry.objects.filter(position__gt=position, event_type__in=sorted(wanted))
    if isinstance(acting, ApiKey):
        rows = rows.exclude(event_id__in=others_endpoint_events(acting).values("pk"))
    entries = list(rows.order_by("position")[: limit + 1])
    page = entries[:limit]
    records = LoggedEvent.objects.in_bulk([entry.event_id for entry in page])
    events = [records[entry.event_id] for entry in page if entry.event_id in records]
    end = str(page[-1].event_id) if page else after
    return FeedPage(events=events, end_cursor=end, has_more=len(entries) > limit)
