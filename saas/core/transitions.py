"""Status changes of documents: one table of allowed moves per document type, one event row per move.

    PO_FLOW = TransitionTable("purchase_order", {"draft": {"submitted", "cancelled"}, ...})
    PO_FLOW.move(actor=user, document=po, to="submitted", note="…")

An illegal move raises InvalidInput(code="transition_invalid"); it is never a silent no-op.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from saas.core.errors import InvalidInput
from saas.core.models import DocumentEvent


class TransitionTable:
    def __init__(self, doc_type: str, allowed: dict[str, set[str]]) -> None:
        self.doc_type = doc_type
        self.allowed = allowed

    def can_move(self, current: str, to: str) -> bool:
        return to in self.allowed.get(current, set())

    def move(self, *, actor: Any, document: models.Model, to: str, note: str = "") -> None:
        """Change document.status (the caller holds the row lock) and record the event."""
        current = str(document.status)  # type: ignore[attr-defined]
        if not self.can_move(current, to):
            raise InvalidInput(
                _("A %(doc)s cannot go from %(current)s to %(to)s.")
                % {"doc": self.doc_type, "current": current, "to": to},
                code="transition_invalid",
                field="status",
            )
        document.status = to  # type: ignore[attr-defined]
        document.save(update_fields=["status"])
        self.record(actor=actor, document=document, from_status=current, to_status=to, note=note)

    def record(
        self, *, actor: Any, document: models.Model, from_status: str, to_status: str, note: str = ""
    ) -> None:
        """Record a status the document was created in (no from_status) or moved to."""
        DocumentEvent.objects.create(
            doc_type=self.doc_type,
            doc_id=document.pk,
            from_status=from_status,
            to_status=to_status,
            actor=actor,
            note=note[:200],
        )


def events_of(doc_type: str, doc_id: int) -> models.QuerySet[DocumentEvent]:
    return (
        DocumentEvent.objects.filter(doc_type=doc_type, doc_id=doc_id).select_related("actor").order_by("id")
    )
