"""The GraphQL types of visit forms: a visit type with its typed form, and a visit's answers."""

from __future__ import annotations

from typing import Any

import strawberry

from saas.api.choices import ChoiceEnum
from saas.fieldsales import visit_forms, visit_records
from saas.fieldsales.models import VisitKind


class VisitFieldKind(
    ChoiceEnum,
    choices=list(visit_forms.FieldKind),
    describe={
        "text": "Free text, at most 500 characters.",
        "number": "A number (a count, a shelf's facings).",
        "money": "An amount in yuan, at most 2 decimals (a competitor's price).",
        "choice": "One of the options.",
        "multi_choice": "Any of the options (answered in `values`).",
        "boolean": "Yes or no (answered true or false).",
        "date": "A day, YYYY-MM-DD.",
    },
):
    """What a visit form's field holds."""


@strawberry.type(description="One field of a visit type's form.")
class VisitFormField:
    key: str = strawberry.field(description="Stable key the answers use (a-z and digits).")
    label: str = strawberry.field(description="What the rep sees.")
    kind: VisitFieldKind = strawberry.field(description="What it holds.")
    required: bool = strawberry.field(description="The record is refused without it.")
    options: list[str] = strawberry.field(description="The choices, for CHOICE and MULTI_CHOICE.")


@strawberry.type(name="VisitKind", description="A kind of visit and the form reps fill in at it.")
class VisitKindType:
    id: strawberry.ID
    name: str = strawberry.field(description="What reps pick (例行拜访, 陈列检查 …).")
    fields: list[VisitFormField] = strawberry.field(description="The form, in order.")
    position: int = strawberry.field(description="Where it sits in the list of types.")
    archived: bool = strawberry.field(description="No longer offered; visits keep it.")

    @classmethod
    def of(cls, kind: VisitKind) -> VisitKindType:
        return cls(
            id=strawberry.ID(str(kind.pk)),
            name=kind.name,
            fields=[
                VisitFormField(
                    key=spec.key,
                    label=spec.label,
                    kind=VisitFieldKind(spec.kind.value),
                    required=spec.required,
                    options=list(spec.options),
                )
                for spec in visit_records.kind_form(kind)
            ],
            position=kind.position,
            archived=kind.archived,
        )


@strawberry.type(description="One answer of a visit's form, as recorded (the label as it was then).")
class VisitAnswer:
    key: str = strawberry.field(description="The form field's key.")
    label: str = strawberry.field(description="The field's label when it was answered.")
    kind: VisitFieldKind = strawberry.field(description="What the field held when it was answered.")
    value: str | None = strawberry.field(
        description="The answer as text: numbers and money as decimals, yes/no as true or false, "
        "dates as YYYY-MM-DD; null for MULTI_CHOICE."
    )
    values: list[str] = strawberry.field(description="The options picked, for MULTI_CHOICE.")

    @classmethod
    def of(cls, row: dict[str, Any]) -> VisitAnswer:
        value = row["value"]
        if isinstance(value, list):
            return cls(
                key=row["key"], label=row["label"], kind=VisitFieldKind(row["kind"]), value=None, values=value
            )
        text = ("true" if value else "false") if isinstance(value, bool) else str(value)
        return cls(
            key=row["key"], label=row["label"], kind=VisitFieldKind(row["kind"]), value=text, values=[]
        )
