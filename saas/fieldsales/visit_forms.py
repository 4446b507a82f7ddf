"""Typed forms for visit records: a visit type's field definitions, and the answers a rep gives.

A workspace describes what its reps record at a kind of visit (陈列检查: shelf facings, the
competitor's price, the customer's stock …) as a short list of typed fields. The definition is
checked here when it is saved, and each visit's answers are checked against it when recorded.

Answers are stored on the visit as a snapshot — key, label, kind and value — so a visit keeps
saying what was asked and answered after its type's form changes or the type is archived.
Values are JSON: text and choices as strings, numbers and money as decimal strings (exact),
multiple choices as a list of strings, yes/no as a boolean, dates as YYYY-MM-DD.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext as _

from saas.core.errors import InvalidInput
from saas.core.inputs import clean_date, clean_text, decimal_places, parse_decimal

MAX_FIELDS = 30
MAX_OPTIONS = 30
LABEL_LENGTH = 40
OPTION_LENGTH = 40
TEXT_LENGTH = 500
# Letters and digits only: the key names its answer in errors (answers.<key>), and the API spells
# error paths in camel case, which would rewrite an underscore.
KEY = re.compile(r"^[a-z][a-z0-9]{0,39}$")
# Numbers a field may hold: more than any shelf count or price, fewer digits than Decimal's.
LIMIT = Decimal("1000000000")


class FieldKind(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    MONEY = "money"  # yuan, two decimals
    CHOICE = "choice"
    MULTI_CHOICE = "multi_choice"
    BOOLEAN = "boolean"
    DATE = "date"


CHOICE_KINDS = (FieldKind.CHOICE, FieldKind.MULTI_CHOICE)


@dataclass(frozen=True)
class FormField:
    key: str
    label: str
    kind: FieldKind
    required: bool = False
    options: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "kind": self.kind.value,
            "required": self.required,
            "options": list(self.options),
        }

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> FormField:
        return cls(
            key=row["key"],
            label=row["label"],
            kind=FieldKind(row["kind"]),
            required=bool(row.get("required")),
            options=tuple(row.get("options") or ()),
        )


def _problem(message: str, code: str, field: str) -> InvalidInput:
    return InvalidInput(message, code=code, field=field)


def clean_definition(fields: list[dict[str, Any]]) -> list[FormField]:
    """The fields as given, checked: unique keys (a-z, digits), labels, a known kind, and for
    choices 1–30 distinct options. Errors name the field by its position (fields.2.options)."""
    if len(fields) > MAX_FIELDS:
        raise _problem(_("At most %(n)d fields.") % {"n": MAX_FIELDS}, "too_many_fields", "fields")
    cleaned: list[FormField] = []
    seen: set[str] = set()
    for index, row in enumerate(fields):
        where = f"fields.{index}"
        key = str(row.get("key") or "").strip()
        if not KEY.match(key):
            raise _problem(
                _("A key is a lower-case letter, then lower-case letters or digits (at most 40)."),
                "field_key_invalid",
                f"{where}.key",
            )
        if key in seen:
            raise _problem(_("Each key once."), "field_key_duplicate", f"{where}.key")
        seen.add(key)
        label = clean_text(row.get("label"), field=f"{where}.label", max_length=LABEL_LENGTH, required=True)
        try:
            kind = FieldKind(str(row.get("kind") or ""))
        except ValueError:
            raise _problem(_("Unknown field kind."), "field_kind_invalid", f"{where}.kind") from None
        options: tuple[str, ...] = ()
        if kind in CHOICE_KINDS:
            raw = [
                clean_text(option, field=f"{where}.options", max_length=OPTION_LENGTH)
                for option in row.get("options") or []
            ]
            options = tuple(option for option in raw if option)
            if not 1 <= len(options) <= MAX_OPTIONS or len(set(options)) != len(options):
                raise _problem(
                    _("A choice needs 1 to %(n)d distinct options.") % {"n": MAX_OPTIONS},
                    "field_options_invalid",
                    f"{where}.options",
                )
        cleaned.append(
            FormField(key=key, label=label, kind=kind, required=bool(row.get("required")), options=options)
        )
    return cleaned


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def _number(value: Any, field: str, places: int | None) -> str:
    number = parse_decimal(value)
    if number is None or abs(number) >= LIMIT:
        raise _problem(_("Enter a number."), "answer_invalid", field)
    if places is not None and decimal_places(number) > places:
        raise _problem(_("At most 2 decimals."), "answer_invalid", field)
    return str(number.quantize(Decimal("0.01")) if places is not None else number.normalize())


def _value(spec: FormField, value: Any, field: str) -> Any:
    """One answer as stored, or InvalidInput(answer_invalid) naming the answer."""
    if spec.kind == FieldKind.TEXT:
        return clean_text(str(value), field=field, max_length=TEXT_LENGTH)
    if spec.kind == FieldKind.NUMBER:
        return _number(value, field, None)
    if spec.kind == FieldKind.MONEY:
        return _number(value, field, 2)
    if spec.kind == FieldKind.BOOLEAN:
        if isinstance(value, bool):
            return value
        if str(value).strip().lower() in ("true", "false"):
            return str(value).strip().lower() == "true"
        raise _problem(_("Answer yes or no."), "answer_invalid", field)
    if spec.kind == FieldKind.DATE:
        day = clean_date(value, field)
        return day.isoformat() if day is not None else None
    picked = value if isinstance(value, list) else [value]
    picked = [str(item).strip() for item in picked]
    if any(item not in spec.options for item in picked):
        raise _problem(_("Pick one of the options."), "answer_invalid", field)
    if spec.kind == FieldKind.CHOICE:
        if len(picked) != 1:
            raise _problem(_("Pick one of the options."), "answer_invalid", field)
        return picked[0]
    # Multiple choices keep the form's order and each option once.
    return [option for option in spec.options if option in picked]


def clean_answers(definition: list[FormField], answers: dict[str, Any]) -> list[dict[str, Any]]:
    """The answers checked against the form, as the visit's snapshot (in the form's order).

    An unknown key is refused (answer_unknown), a required field left empty too (required);
    empty optional answers are left out. Errors name the answer: `answers.<key>`.
    """
    known = {spec.key for spec in definition}
    for key in answers:
        if key not in known:
            raise _problem(_("This form has no such field."), "answer_unknown", f"answers.{key}")
    snapshot: list[dict[str, Any]] = []
    for spec in definition:
        field = f"answers.{spec.key}"
        raw = answers.get(spec.key)
        value = None if _empty(raw) else _value(spec, raw, field)
        if _empty(value):
            if spec.required:
                raise _problem(_("This field is required."), "required", field)
            continue
        snapshot.append({"key": spec.key, "label": spec.label, "kind": spec.kind.value, "value": value})
    return snapshot
