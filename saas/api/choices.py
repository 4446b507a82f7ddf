"""GraphQL enums built from the models' closed sets (Django TextChoices), one helper for all.

    class SalesOrderStatus(ChoiceEnum, choices=OrderStatus, describe={"draft": "Being written."}):
        # its docstring: "Where a sales order is in its flow."

The members come from `choices`, a TextChoices or the domain's own constants (never copied
by hand): each value's GraphQL name is its model
value in capitals (`pending_review` → `PENDING_REVIEW`), GraphQL's convention, so a client maps
a value back by lowercasing it (the H5 app does, at its GraphQL boundary). The docstring is the
enum's description; `describe` gives a value's description by model value, else its label
when the label says more than the value. Members are `StrEnum`s whose values are the model
values: a resolver may return the model's string as it is, and arguments map back with
`model_value(s)` in the API layer, so services keep their plain strings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from enum import Enum, EnumType, StrEnum
from typing import Any, overload

import strawberry

_VALUE = re.compile(r"[a-z][a-z0-9_]*")

# Every enum built here, by GraphQL name: the H5 app converts exactly these at its boundary
# (tests/shell_enums.py writes mobile_shell/core/enum_paths.js from them).
CHOICE_ENUMS: dict[str, type[ChoiceEnum]] = {}


def _members(choices: Iterable[Enum | str]) -> list[tuple[str, str]]:
    """(value, label) of each member once, in order; a plain string is a value of a closed set
    that a domain keeps as constants rather than TextChoices."""
    members: dict[str, str] = {}
    for member in choices:
        value = str(member.value) if isinstance(member, Enum) else member
        if not _VALUE.fullmatch(value):
            raise ValueError(f"{value!r} is not a lower_snake value")
        members.setdefault(value, str(getattr(member, "label", value)))
    return list(members.items())


class _ChoiceType(EnumType):
    """Adds one member per value of `choices` to the class body, then registers the class
    with strawberry."""

    @classmethod
    def __prepare__(  # type: ignore[override]
        metacls, cls: str, bases: tuple[type, ...], *, choices: Any = None, describe: Any = None, **kwds: Any
    ) -> Any:
        namespace = super().__prepare__(cls, bases, **kwds)
        for value, _label in _members(choices or ()):
            namespace[value.upper()] = value
        return namespace

    def __new__(  # type: ignore[misc]
        metacls,
        cls: str,
        bases: tuple[type, ...],
        classdict: Any,
        *,
        choices: Iterable[Enum | str] | None = None,
        describe: Mapping[str, str] | None = None,
        **kwds: Any,
    ) -> Any:
        enum_class = super().__new__(metacls, cls, bases, classdict, **kwds)
        if choices is None:
            return enum_class  # the base class itself
        labels = dict(_members(choices))
        unknown = set(describe or {}) - set(labels)
        if unknown:
            raise ValueError(f"{cls}: descriptions of unknown values {sorted(unknown)}")
        if cls in CHOICE_ENUMS:
            raise ValueError(f"{cls} is built twice: build it once per domain and import it")
        doc = " ".join((enum_class.__doc__ or "").split())
        strawberry.enum(enum_class, description=doc or None)
        for item in enum_class.__strawberry_definition__.values:  # type: ignore[attr-defined]
            label = labels[item.value]
            item.description = (describe or {}).get(item.value) or (label if label != item.value else None)
        CHOICE_ENUMS[cls] = enum_class  # type: ignore[assignment]
        return enum_class


class ChoiceEnum(StrEnum, metaclass=_ChoiceType):
    """The base of every choice enum: subclass it with `choices=` (and `describe=`)."""

    def __init_subclass__(cls, *, choices: Any = None, describe: Any = None, **kwargs: Any) -> None:
        # The metaclass takes both keywords; declared here so type checkers accept them.
        super().__init_subclass__(**kwargs)


@overload
def model_value(value: Enum) -> str: ...
@overload
def model_value(value: None) -> None: ...
def model_value(value: Enum | None) -> str | None:
    """The model's string for an enum argument (None stays None: the argument was left out)."""
    return None if value is None else str(value.value)


def model_values(values: Iterable[Enum] | None) -> list[str] | None:
    """The model's strings for a list of enum arguments (None stays None)."""
    return None if values is None else [str(value.value) for value in values]
