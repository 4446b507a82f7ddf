"""Typed domain events: the catalogue, their JSON form, and `emit` into the tenant's event log.

A domain declares each event as a frozen dataclass with a dotted name and a version:

    @domain_event("sales_order.approved", version=1, object_type="sales_order")
    @dataclass(frozen=True, kw_only=True)
    class SalesOrderApproved(DomainEvent):
        id: str = described("the order's GraphQL id")
        number: str = described("SO-2026-000123")

and its service emits it inside the transaction of the change:

    emit(SalesOrderApproved(id=graphql_id(order.pk), number=order.number), by=actor_stamp(actor))

`emit` appends a row to the log (saas.core.models.LoggedEvent) and defers one fan-out job in the
same transaction (saas/core/event_delivery.py): a rolled-back change leaves neither. Payload
fields are plain values (str, int, bool, Decimal, date, datetime, None-able, tuples of nested
dataclasses); their JSON keys are camelCase like the GraphQL API's, and `graphql/EVENTS.md` is
generated from this catalogue (`sparrow events-doc`, checked by a test). A payload carries what a
partner needs without a second call; a change of meaning is a new version, never an edit.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar, TypeVar, Union, get_args, get_origin, get_type_hints

from django.db import transaction

from saas.core.audit import ActorStamp
from saas.core.models import LoggedEvent
from saas.core.tenancy import require_tenant_schema

__all__ = [
    "DomainEvent",
    "described",
    "catalogue",
    "domain_event",
    "emit",
    "envelope",
    "event_class",
    "event_of",
    "graphql_id",
]


class DomainEvent:
    """Base of every event: subclasses are frozen dataclasses made by `@domain_event`."""

    # Not `name`/`version`: payloads have fields of those names (a customer's name).
    event_name: ClassVar[str]
    event_version: ClassVar[int]
    # The kind of object the event is about (the inbox links to it); its id is the field `id`.
    object_type: ClassVar[str]

    def to_json(self) -> dict[str, Any]:
        return _encode_dataclass(self)

    @classmethod
    def from_json(cls: type[E], data: dict[str, Any]) -> E:
        event: E = _decode_dataclass(cls, data)
        return event

    @property
    def object_id(self) -> int | None:
        value = getattr(self, "id", None)
        return int(value) if isinstance(value, str) and value.isdigit() else None


E = TypeVar("E", bound=DomainEvent)


def described(doc: str, **options: Any) -> Any:
    """A payload field with its description for graphql/EVENTS.md (`= described("…")`)."""
    return dataclasses.field(metadata={"doc": doc}, **options)


_catalogue: dict[str, type[DomainEvent]] = {}


def domain_event(name: str, *, version: int = 1, object_type: str) -> Callable[[type[E]], type[E]]:
    """Add the event (a frozen, keyword-only dataclass) to the catalogue under `name`."""

    def register(cls: type[E]) -> type[E]:
        params = getattr(cls, "__dataclass_params__", None)
        if params is None or not params.frozen:
            raise TypeError(f"{cls.__qualname__}: an event is a @dataclass(frozen=True, kw_only=True)")
        if name in _catalogue and _catalogue[name].__qualname__ != cls.__qualname__:
            raise ValueError(f"two events are named {name!r}")
        cls.event_name = name
        cls.event_version = version
        cls.object_type = object_type
        _catalogue[name] = cls
        return cls

    return register


def catalogue() -> dict[str, type[DomainEvent]]:
    """Every declared event by name (the domains' `events` modules are imported at start-up)."""
    return dict(sorted(_catalogue.items()))


def event_class(name: str) -> type[DomainEvent]:
    return _catalogue[name]


def event_of(record: LoggedEvent) -> DomainEvent:
    """The typed event a log row holds."""
    return event_class(record.name).from_json(record.payload)


def graphql_id(pk: int | None) -> str:
    """The id the GraphQL API shows for a row, as event payloads carry it."""
    return "" if pk is None else str(pk)


def emit(event: DomainEvent, *, by: ActorStamp) -> LoggedEvent:
    """Append the event to this tenant's log and queue its fan-out, both in the caller's
    transaction: they commit with the change or not at all."""
    schema = require_tenant_schema()
    from saas.core.event_delivery import fan_out_defer  # the delivery imports this catalogue

    if not transaction.get_connection().in_atomic_block:
        # Alone, the row and the job would commit apart: a crash between them loses the event.
        raise RuntimeError("emit() belongs inside the transaction of the change it reports")
    record = LoggedEvent.objects.create(
        name=event.event_name,
        version=event.event_version,
        actor_kind=by.kind.value,
        actor_user_id=by.user_id,
        actor_ref=by.ref,
        actor_label=by.short_label,
        object_type=event.object_type,
        object_id=event.object_id,
        payload=event.to_json(),
    )
    fan_out_defer(schema, record.pk)
    return record


def emit_many(events: list[DomainEvent], *, by: ActorStamp) -> list[LoggedEvent]:
    """emit() for a batch of changes made in one transaction (an import): the same rows and
    jobs, written in two statements instead of two per event."""
    schema = require_tenant_schema()
    from saas.core.event_delivery import fan_out_defer_many

    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("emit_many() belongs inside the transaction of the changes it reports")
    records = LoggedEvent.objects.bulk_create(
        [
            LoggedEvent(
                name=event.event_name,
                version=event.event_version,
                actor_kind=by.kind.value,
                actor_user_id=by.user_id,
                actor_ref=by.ref,
                actor_label=by.short_label,
                object_type=event.object_type,
                object_id=event.object_id,
                payload=event.to_json(),
            )
            for event in events
        ]
    )
    fan_out_defer_many(schema, [record.pk for record in records])
    return records


def envelope(record: LoggedEvent) -> dict[str, Any]:
    """The event with who caused it, as one JSON object (what the feed shows of an event).
    Webhooks send the Standard Webhooks body instead (saas/partners/services/deliveries.py)."""
    return {
        "id": str(record.pk),
        "type": record.name,
        "version": record.version,
        "occurredAt": record.occurred_at.isoformat(),
        "actor": {
            "kind": record.actor_kind,
            "id": graphql_id(record.actor_user_id) or None,
            "label": record.actor_label,
        },
        "data": record.payload,
    }


# --- JSON form ---------------------------------------------------------------------------


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _optional(annotation: Any) -> tuple[Any, bool]:
    if get_origin(annotation) in (Union, types.UnionType):
        args = [arg for arg in get_args(annotation) if arg is not type(None)]
        if len(args) == 1 and len(get_args(annotation)) == 2:
            return args[0], True
    return annotation, False


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_encode(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _encode_dataclass(value)
    raise TypeError(f"an event cannot carry a {type(value).__name__}")


def _encode_dataclass(value: Any) -> dict[str, Any]:
    return {camel(f.name): _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}


def _decode(annotation: Any, raw: Any) -> Any:
    annotation, optional = _optional(annotation)
    if raw is None:
        if optional:
            return None
        raise ValueError("a required field is null")
    if get_origin(annotation) is tuple:
        (item, _ellipsis) = get_args(annotation)
        return tuple(_decode(item, entry) for entry in raw)
    if annotation is Decimal:
        return Decimal(raw)
    if annotation is datetime:
        return datetime.fromisoformat(raw)
    if annotation is date:
        return date.fromisoformat(raw)
    if dataclasses.is_dataclass(annotation):
        return _decode_dataclass(annotation, raw)
    if annotation in (str, int, bool) and type(raw) is annotation:
        return raw
    raise ValueError(f"{raw!r} is not a {annotation}")


def _decode_dataclass(cls: Any, data: dict[str, Any]) -> Any:
    hints = get_type_hints(cls)
    fields = {f.name: _decode(hints[f.name], data.get(camel(f.name))) for f in dataclasses.fields(cls)}
    return cls(**fields)


# --- the catalogue as text (graphql/EVENTS.md) ---------------------------------------------

_SCALARS = {
    str: "String",
    int: "Int",
    bool: "Boolean",
    Decimal: "Decimal",
    date: "Date",
    datetime: "DateTime",
}


def type_name(annotation: Any) -> str:
    """The field's type in GraphQL spelling (`String!`, `[StockLevelItem!]!`, `Decimal`)."""
    inner, optional = _optional(annotation)
    if get_origin(inner) is tuple:
        text = f"[{type_name(get_args(inner)[0])}]"
    elif isinstance(inner, type) and dataclasses.is_dataclass(inner):
        text = inner.__name__
    else:
        text = _SCALARS[inner]
    return text if optional else f"{text}!"


def payload_fields(cls: Any) -> list[tuple[str, str, str]]:
    """(JSON name, type, description) of each payload field, in declaration order."""
    hints = get_type_hints(cls)
    return [
        (camel(f.name), type_name(hints[f.name]), str(f.metadata.get("doc", "")))
        for f in dataclasses.fields(cls)
    ]


def nested_types(cls: Any) -> list[Any]:
    """The dataclasses a payload nests (item lists), each once, in order of appearance."""
    found: list[Any] = []
    for hint in get_type_hints(cls).values():
        inner, _optional_ = _optional(hint)
        if get_origin(inner) is tuple:
            inner = get_args(inner)[0]
        if dataclasses.is_dataclass(inner) and inner not in found:
            found.append(inner)
            found.extend(t for t in nested_types(inner) if t not in found)
    return found
