"""Who may do what in the field: named checks over saas/accounts/access.py, and the row rule."""

from __future__ import annotations

from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.access import require_person_scopes, require_scopes
from saas.accounts.actors import Actor
from saas.accounts.models import User
from saas.accounts.visibility import RowRule

# A rep sees their own visits, a manager (field.view_all) everyone's.
VISIT_VISIBILITY = RowRule(
    all_scope=scopes.FIELD_VIEW_ALL, owner_field="rep", own_scope=scopes.FIELD_VIEW_OWN
)


def require_field_person(actor: Actor) -> User:
    """Checking in is done by a person in the field (a rep or a manager), never by a key or a job."""
    return require_person_scopes(
        actor,
        scopes.FIELD_VIEW_OWN,
        scopes.FIELD_VIEW_ALL,
        message=_("Only sales reps and their managers check in at customers."),
    )


def require_field_manager(actor: Actor) -> Actor:
    return require_scopes(actor, scopes.FIELD_MANAGE, message=_("Only managers change the field settings."))


def require_field_reader(actor: Actor) -> Actor:
    return require_scopes(actor, scopes.FIELD_VIEW_OWN, scopes.FIELD_VIEW_ALL)
