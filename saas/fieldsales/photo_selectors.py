"""Check-in photos read per actor: whoever sees a rep's visits sees that rep's photos (access.py)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.core.errors import NotFound
from saas.core.ids import parse_id
from saas.fieldsales.access import visible_rep_ids
from saas.fieldsales.photo_models import VisitPhoto


def visible_photos(actor: Actor) -> QuerySet[VisitPhoto]:
    """A rep's own photos (attached or still waiting for a check-in), a manager's teams' too,
    everyone's with field.view_all: the visits' rule, so a photo is seen wherever its visit is."""
    reps = visible_rep_ids(actor)
    queryset = VisitPhoto.objects.all()
    return queryset if reps is None else queryset.filter(rep_id__in=reps)


def visit_photo_get(*, actor: Actor, photo_id: Any) -> VisitPhoto:
    """A photo the actor may see; otherwise not found (the same for another workspace's id)."""
    pk = parse_id(photo_id)
    photo = visible_photos(actor).filter(pk=pk).first() if pk is not None else None
    if photo is None:
        raise NotFound(_("Photo not found."))
    return photo


def visit_photos(*, actor: Actor, visit_id: Any) -> list[VisitPhoto]:
    """A visit's photos in the order they were taken, as the actor may see them."""
    pk = parse_id(visit_id)
    if pk is None:
        return []
    return list(visible_photos(actor).filter(visit_id=pk).order_by("created_at", "id"))
