"""Who runs the onboarding: the workspace's managers (tenant.manage: owners and admins), people only."""

from __future__ import annotations

from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.access import require_person_scopes
from saas.accounts.actors import Actor
from saas.accounts.models import User


def require_workspace_manager(actor: Actor) -> User:
    return require_person_scopes(actor, scopes.TENANT_MANAGE, message=_("You are not allowed to do this."))
