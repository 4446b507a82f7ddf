"""Writes of a person's table settings: the columns of a list and their saved views. People only
(a partner key has no tables); each person reaches only their own rows, so another person's view
is simply not found."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qsl

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, require_person
from saas.accounts.models import User
from saas.accounts.view_models import LIST_NAMES, MAX_COLUMNS, MAX_VIEWS_PER_LIST, ListColumns, SavedView
from saas.core.errors import InvalidInput, NotFound
from saas.core.ids import parse_id
from saas.core.inputs import clean_text

COLUMN_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def clean_list_name(value: str, field: str = "list") -> str:
    name = (value or "").strip()
    if name not in LIST_NAMES:
        raise InvalidInput(_("This list is unknown."), code="list_invalid", field=field)
    return name


def _clean_columns(columns: Sequence[str], field: str = "columns") -> list[str]:
    if len(columns) > MAX_COLUMNS:
        raise InvalidInput(
            _("At most %(n)d columns.") % {"n": MAX_COLUMNS}, code="too_many_values", field=field
        )
    cleaned: list[str] = []
    for index, column in enumerate(columns):
        if not isinstance(column, str) or not COLUMN_KEY.match(column):
            raise InvalidInput(_("This column is unknown."), code="column_invalid", field=f"{field}.{index}")
        if column not in cleaned:
            cleaned.append(column)
    return cleaned


def _clean_query(value: str) -> str:
    """The list's URL query without its leading '?': what the filters and sort were."""
    query = clean_text(value, "query", 1000).lstrip("?")
    try:
        parse_qsl(query, strict_parsing=bool(query), max_num_fields=50)
    except ValueError as exc:
        raise InvalidInput(_("These filters cannot be read."), code="query_invalid", field="query") from exc
    return query


@transaction.atomic
def list_columns_set(*, actor: Actor, list_name: str, columns: Sequence[str]) -> list[str]:
    """Remember the columns this person shows in a list; an empty set goes back to the defaults."""
    user: User = require_person(actor)
    name = clean_list_name(list_name)
    cleaned = _clean_columns(columns)
    if not cleaned:
        ListColumns.objects.filter(user=user, list_name=name).delete()
        return []
    ListColumns.objects.update_or_create(user=user, list_name=name, defaults={"columns": cleaned})
    return cleaned


def saved_view_save(
    *,
    actor: Actor,
    list_name: str,
    name: str,
    query: str,
    columns: Sequence[str],
    view_id: Any = None,
) -> SavedView:
    """Create a view of a list, or change one of this person's own (by `view_id`)."""
    user: User = require_person(actor)
    list_name = clean_list_name(list_name)
    title = clean_text(name, "name", 60, required=True)
    cleaned_query = _clean_query(query)
    cleaned_columns = _clean_columns(columns)
    try:
        with transaction.atomic():
            if view_id in (None, ""):
                if SavedView.objects.filter(user=user, list_name=list_name).count() >= MAX_VIEWS_PER_LIST:
                    raise InvalidInput(
                        _("At most %(n)d views per list.") % {"n": MAX_VIEWS_PER_LIST},
                        code="too_many_views",
                        field="name",
                    )
                view = SavedView(user=user, list_name=list_name)
            else:
                pk = parse_id(view_id)
                found = (
                    SavedView.objects.select_for_update().filter(user=user, pk=pk).first()
                    if pk is not None
                    else None
                )
                if found is None or found.list_name != list_name:
                    raise NotFound(_("View not found."), field="id")
                view = found
            view.name, view.query, view.columns = title, cleaned_query, cleaned_columns
            view.save()
    except IntegrityError as exc:  # the unique (user, list, name), also against a concurrent save
        raise InvalidInput(
            _("You already have a view with this name."), code="name_taken", field="name"
        ) from exc
    return view


@transaction.atomic
def saved_view_delete(*, actor: Actor, view_id: Any) -> int:
    user: User = require_person(actor)
    pk = parse_id(view_id)
    deleted, _rows = SavedView.objects.filter(user=user, pk=pk).delete() if pk is not None else (0, {})
    if not deleted:
        raise NotFound(_("View not found."), field="id")
    return int(pk or 0)
