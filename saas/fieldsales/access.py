"""Who may do what in the field, and whose field data each actor sees.

A rep sees their own field data, a manager (field.view_team) also that of the reps in the teams
they manage, the owner and admins (field.view_all) everyone's; a partner key with
`fieldsales:read` holds field.view_all. Rankings show every rep's numbers to anyone in the field
(a leaderboard is meant to be seen).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.access import require_person_scopes, require_scopes
from saas.accounts.actors import Actor, owner_id
from saas.accounts.models import User

FIELD_SCOPES = (scopes.FIELD_VIEW_OWN, scopes.FIELD_VIEW_TEAM, scopes.FIELD_VIEW_ALL)


def require_field_person(actor: Actor) -> User:
    """Checking in is done by a person in the field (a rep or a manager), never by a key or a job."""
    return require_person_scopes(
        actor, *FIELD_SCOPES, message=_("Only sales reps and their managers check in at customers.")
    )


def require_field_manager(actor: Actor) -> Actor:
    return require_scopes(actor, scopes.FIELD_MANAGE, message=_("Only managers change the field settings."))


def require_org_admin(actor: Actor) -> Actor:
    """Teams and regions are the workspace's structure: owners and admins (users.manage)."""
    return require_scopes(
        actor, scopes.USERS_MANAGE, message=_("Only owners and admins change teams and regions.")
    )


def require_field_reader(actor: Actor) -> Actor:
    return require_scopes(actor, *FIELD_SCOPES)


def visible_rep_ids(actor: Actor) -> set[int] | None:
    """The reps whose field data the actor sees; None for everyone."""
    from saas.fieldsales.models import TeamMember

    acting = require_field_reader(actor)
    if acting.has_scope(scopes.FIELD_VIEW_ALL):
        return None
    me = owner_id(acting)
    if me is None:
        return set()
    seen = {me}
    if acting.has_scope(scopes.FIELD_VIEW_TEAM):
        seen.update(TeamMember.objects.filter(team__manager_id=me).values_list("user_id", flat=True))
    return seen
