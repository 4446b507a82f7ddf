"""Status changes of documents: one table of allowed moves per document type, one event row per move.

    PO_FLOW = TransitionTable("purchase_order", {"draft": {"submitted", "cancelled"}, ...})
    PO_FLOW.move(by=actor_stamp(actor), document=po, to="submitted", note="…")

`by` is who acted (saas.core.audit.ActorStamp): the event row keeps the person, if one, and the
kind and name of whoever it was, so a job's or a partner key's move is told apart from a person's.

An illegal move raises InvalidInput(code="transition_invalid"); it is never a silent no-op.

A service that moves a document through several statuses in one operation (submitted, approved,
then waiting for shipment) takes each `step` in memory, saves the document once and inserts the
returned rows in one statement (`DocumentEvent.objects.bulk_create`): the same checks and rows
as a `move` per status, one UPDATE.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from django.db import models
from django.utils.translation import gettext as _

from saas.core.audit import ActorStamp
from saas.core.errors import InvalidInput
from saas.core.models import DocumentEvent


class TransitionTable:
    def __init__(self, doc_type: str, allowed: dict[str, set[str]]) -> None:
        self.doc_type = doc_type
        self.allowed = allowed

    def can_move(self, current: str, to: str) -> bool:
        return to in self.allowed.get(current, set())

    def move(self, *, by: ActorStamp, document: models.Model, to: str, note: str = "") -> None:
        """Change document.status (the caller holds the row lock) and record the event."""
        event = self.step(by=by, document=document, to=to, note=note)
        # A synced document's updated_at moves with its status (saas.core.sync; auto_now sets it).
        synced = any(field.name == "updated_at" for field in document._meta.concrete_fields)
        document.save(update_fields=["status", "updated_at"] if synced else ["status"])
        event.save()

    def step(self, *, by: ActorStamp, document: models.Model, to: str, note: str = "") -> DocumentEvent:
        """Change document.status in memory (the caller holds the row lock, or the document is
        not written yet) and return the event row, unsaved: the caller saves both."""
        current = str(document.status)  # type: ignore[attr-defined]
        if not self.can_move(current, to):
            raise InvalidInput(
                _("A %(doc)s cannot go from %(current)s to %(to)s.")
                % {"doc": self.doc_type, "current": current, "to": to},
                code="transition_invalid",
                field="status",
            )
        document.status = to  # type: ignore[attr-defined]
        return self.event(by=by, document=document, from_status=current, to_status=to, note=note)

    def record(
        self, *, by: ActorStamp, document: models.Model, from_status: str, to_status: str, note: str = ""
    ) -> None:
        """Record a status the document was created in (no from_status) or moved to."""
        self.event(by=by, document=document, from_status=from_status, to_status=to_status, note=note).save()

    def event(
        self, *, by: ActorStamp, document: models.Model, from_status: str, to_status: str, note: str = ""
    ) -> DocumentEvent:
        """The event row of a status, unsaved (doc_id is the document's id when it has one)."""
        return DocumentEvent(
            doc_type=self.doc_type,
            doc_id=document.pk,
            from_status=from_status,
            to_status=to_status,
            actor_id=by.user_id,
            actor_kind=by.kind.value,
            actor_label=by.short_label,
            note=note[:200],
        )


def events_of(doc_type: str, doc_id: int) -> models.QuerySet[DocumentEvent]:
    return (
        DocumentEvent.objects.filter(doc_type=doc_type, doc_id=doc_id).select_related("actor").order_by("id")
    )


class HasScopes(Protocol):
    def has_scope(self, scope: str) -> bool: ...


@dataclass(frozen=True)
class Action:
    """Something a person (or key, or job) may do to a document, for `availableActions`.

    An action that moves the document (`to`) is offered where the transition table allows that
    move; one that keeps the status (editing, shipping a part) lists the statuses it works in
    (`during`). Either way the actor needs one of `scopes`. The services still check everything
    (money against an order, quantities left): this tells clients which buttons to show.
    """

    name: str
    scopes: tuple[str, ...]
    to: str | None = None
    during: tuple[str, ...] = ()


def available_actions(
    table: TransitionTable, actions: Iterable[Action], status: str, actor: HasScopes
) -> list[str]:
    """The names of the actions the actor may take on a document in `status`, in table order."""
    offered = []
    for action in actions:
        possible = table.can_move(status, action.to) if action.to is not None else status in action.during
        if possible and any(actor.has_scope(scope) for scope in action.scopes):
            offered.append(action.name)
    return offered
