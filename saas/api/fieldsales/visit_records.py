"""Visit records in GraphQL: visit types with their forms, one visit, recording a visit, and the
orders that can be linked to it (the types of forms and answers are in visit_forms.py)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from saas.api.choices import model_value
from saas.api.errors import FieldError, run_service
from saas.api.fieldsales.types import VisitPayload, VisitType
from saas.api.fieldsales.visit_forms import VisitFieldKind, VisitKindType
from saas.api.permissions import current_actor
from saas.api.sales.types import SalesOrderType
from saas.fieldsales import visit_records


@strawberry.input(description="One field of a visit type's form.")
class VisitFormFieldInput:
    key: str = strawberry.field(
        description="Lower-case letters and digits, from a letter; unique in the form."
    )
    label: str = strawberry.field(description="What the rep sees (at most 40 characters).")
    kind: VisitFieldKind = strawberry.field(description="What it holds.")
    required: bool = strawberry.field(default=False, description="A record is refused without it.")
    options: list[str] | None = strawberry.field(
        default=None, description="For CHOICE and MULTI_CHOICE: 1 to 30 distinct options."
    )


@strawberry.input(description="A new visit type (no id) or a change to one.")
class VisitKindSaveInput:
    id: strawberry.ID | None = strawberry.field(
        default=None, description="The type to change; null for a new one."
    )
    name: str = strawberry.field(description="At most 40 characters, unique among the types in use.")
    fields: list[VisitFormFieldInput] = strawberry.field(description="The form, in order (at most 30).")
    position: int | None = strawberry.field(
        default=None, description="Where it sits in the list; unchanged when null."
    )
    archived: bool = strawberry.field(
        default=False, description="No longer offered to new visits; visits recorded with it keep it."
    )


@strawberry.input(description="One answer: `value` for one value, `values` for MULTI_CHOICE.")
class VisitAnswerInput:
    key: str = strawberry.field(description="The form field's key.")
    value: str | None = strawberry.field(
        default=None, description="The answer as text (numbers, true/false, YYYY-MM-DD); empty for none."
    )
    values: list[str] | None = strawberry.field(
        default=None, description="The options picked, for MULTI_CHOICE."
    )


@strawberry.input(description="A visit's record; what is given replaces what was recorded.")
class VisitRecordInput:
    visit_id: strawberry.ID | None = strawberry.field(default=None, description="The visit.")
    visit_client_id: str | None = strawberry.field(
        default=None,
        description="Or the clientId of its check-in: a record written offline after an offline check-in.",
    )
    kind_id: strawberry.ID | None = strawberry.field(default=None, description="The visit type.")
    purpose: str = strawberry.field(default="", description="Why the rep came (at most 200 characters).")
    notes: str | None = strawberry.field(default=None, description="Notes; unchanged when null.")
    follow_up_on: date | None = strawberry.field(default=None, description="When to come back.")
    answers: list[VisitAnswerInput] | None = strawberry.field(
        default=None, description="The type's form, answered (at most 30)."
    )
    order_ids: list[strawberry.ID] | None = strawberry.field(
        default=None,
        description="Orders taken at the visit (its customer's, by the rep, that day); unchanged when null.",
    )


@strawberry.type(description="A visit type after a change.")
class VisitKindPayload:
    kind: VisitKindType | None = strawberry.field(description="The type; null when refused.")
    errors: list[FieldError]


def _answers(given: list[VisitAnswerInput] | None) -> dict[str, Any]:
    return {
        answer.key: answer.values if answer.values is not None else answer.value for answer in given or []
    }


@strawberry.type
class VisitRecordQueries:
    @strawberry.field(description="The workspace's visit types with their forms.")
    def visit_kinds(
        self,
        info: Info,
        include_archived: Annotated[
            bool, strawberry.argument(description="Archived types too (to read old visits).")
        ] = False,
    ) -> list[VisitKindType]:
        kinds = visit_records.visit_kinds(actor=current_actor(info), include_archived=include_archived)
        return [VisitKindType.of(kind) for kind in kinds]

    @strawberry.field(description="One visit the caller sees (a rep their own, a manager their teams').")
    def visit(self, info: Info, id: strawberry.ID) -> VisitType:
        return VisitType.of(visit_records.visit_get(actor=current_actor(info), visit_id=id))

    @strawberry.field(description="The rep's orders that can be linked to their visit.")
    def visit_order_candidates(self, info: Info, visit_id: strawberry.ID) -> list[SalesOrderType]:
        return visit_records.visit_order_candidates(actor=current_actor(info), visit_id=visit_id)  # type: ignore[return-value]


@strawberry.type
class VisitRecordMutations:
    @strawberry.mutation(description="Add or change a visit type and its form (field.manage).")
    def visit_kind_save(self, info: Info, input: VisitKindSaveInput) -> VisitKindPayload:
        kind, errors = run_service(
            lambda: visit_records.visit_kind_save(
                actor=current_actor(info),
                kind_id=input.id,
                name=input.name,
                fields=[
                    {
                        "key": spec.key,
                        "label": spec.label,
                        "kind": model_value(spec.kind),
                        "required": spec.required,
                        "options": spec.options or [],
                    }
                    for spec in input.fields
                ],
                position=input.position,
                archived=input.archived,
            )
        )
        return VisitKindPayload(kind=VisitKindType.of(kind) if kind else None, errors=errors)

    @strawberry.mutation(
        description="Record a visit (its own rep, within 7 days): type, purpose, notes, follow-up, "
        "the form's answers, the orders taken. A resend is harmless."
    )
    def visit_record(self, info: Info, input: VisitRecordInput) -> VisitPayload:
        visit, errors = run_service(
            lambda: visit_records.visit_record(
                actor=current_actor(info),
                visit_id=input.visit_id,
                visit_client_id=input.visit_client_id,
                kind_id=input.kind_id,
                purpose=input.purpose,
                notes=input.notes,
                follow_up_on=input.follow_up_on,
                answers=_answers(input.answers),
                order_ids=input.order_ids,
            )
        )
        return VisitPayload(visit=VisitType.of(visit) if visit else None, errors=errors)
