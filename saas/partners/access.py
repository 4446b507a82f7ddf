"""Who may manage the partner integration: named checks over saas/accounts/access.py."""

from __future__ import annotations

from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.access import require_person_scopes, require_scopes
from saas.accounts.actors import Actor
from saas.accounts.models import User
from saas.partners.scopes import WEBHOOKS_MANAGE, WEBHOOKS_VIEW


def require_key_admin(actor: Actor) -> User:
    """API keys are made and revoked by the workspace's owners and admins, never by a key."""
    return require_person_scopes(
        actor, scopes.TENANT_MANAGE, message=_("Only the workspace's owners and admins manage API keys.")
    )


def require_webhook_reader(actor: Actor) -> Actor:
    """Reading webhook endpoints and their delivery logs: owners and admins, or a key with
    `webhooks:read` (a key reads only the endpoints it made: selectors.visible_endpoints)."""
    return require_scopes(
        actor,
        scopes.TENANT_MANAGE,
        WEBHOOKS_VIEW,
        WEBHOOKS_MANAGE,
        message=_("Reading webhooks needs tenant.manage or the scope webhooks:read."),
    )


def require_webhook_admin(actor: Actor) -> Actor:
    """Webhook endpoints: owners and admins, or a key with `webhooks:write`."""
    return require_scopes(
        actor,
        scopes.TENANT_MANAGE,
        WEBHOOKS_MANAGE,
        message=_("Managing webhooks needs tenant.manage or the scope webhooks:write."),
    )
