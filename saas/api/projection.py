"""Projection fast paths for the big lists: a page read with `.values()` of only the columns the
query asked for, turned into plain objects of the GraphQL types (no model instances, every
column, prefetch caches and optimizer wrappers).

A list declares a `Shape`: which GraphQL fields its rows can answer and the columns each reads
(`"specLabel": ("spec_values", "product__spec_names")`), its to-one relations (`One`, joined in
the page's statement) and its to-many relations (`Many`, one statement per relation for the whole
page). `fetcher(info, shape)` compiles the query's selection against the shape; any field the
shape does not know (a detail only the model path serves) returns None, and the list takes the
model path with the same schema and answers. `page_window(..., fetch=...)` pages either way.

Visibility stays where it is: the page reads the selector's own queryset (its WHERE), and a
`Many` reads the child rows through the selector's `Prefetch` of the same name when there is one
(`visible_skus`, a rep's own receipt allocations). Field rules (saas/api/restricted.py) run on
the plain objects as on models, so a shape always reads the columns a rule asks of its row
(`always`: a customer's `owner_id`).
"""

from __future__ import annotations

import types
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Model, Prefetch, QuerySet
from strawberry.types import Info
from strawberry_django.descriptors import ModelProperty

from saas.api.procurement.selection import _fields

Fetch = Callable[[QuerySet[Any], int, int], list[Any]]
_PARENT = "projection_parent"


class Row:
    """A plain object carrying what a resolver reads of a related row it does not return."""


@dataclass(frozen=True)
class One:
    """A to-one relation the page joins: `attr` is the model's relation (`owner`, `sku`)."""

    attr: str
    shape: Shape


@dataclass(frozen=True)
class Many:
    """A to-many relation read for the whole page in one statement: `attr` is what the type's
    resolver reads (a relation name or a prefetch's `to_attr`), `parent` the child's path to
    the parent's id (`product_id`; `customers` through a many-to-many)."""

    attr: str
    model: type[Model]
    parent: str
    shape: Shape


@dataclass(frozen=True)
class Shape:
    """What rows of one GraphQL type can answer: `fields` (GraphQL name → columns it reads,
    relative to the row, `__` crossing to-one relations), `one`, `many`, the columns every row
    reads (`always`), and model methods its resolvers call on the row (`methods`)."""

    type: type
    fields: Mapping[str, tuple[str, ...]]
    one: Mapping[str, One] = field(default_factory=dict)
    many: Mapping[str, Many] = field(default_factory=dict)
    always: tuple[str, ...] = ()
    methods: Mapping[str, Callable[..., Any]] = field(default_factory=dict)


def columns(*names: str) -> dict[str, tuple[str, ...]]:
    """Fields that read their own column: `columns("is_active")` is `{"isActive": ("is_active",)}`."""
    return {_camel(name): (name,) for name in names}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


@dataclass
class _Plan:
    cls: type
    columns: set[str]
    ones: dict[str, _Plan] = field(default_factory=dict)
    manys: dict[str, tuple[Many, _Plan]] = field(default_factory=dict)
    methods: Mapping[str, Callable[..., Any]] = field(default_factory=dict)
    row_class: type = Row


def _add_path(plan: _Plan, path: str) -> None:
    head, _sep, rest = path.partition("__")
    if not rest:
        plan.columns.add(head)
        return
    nested = plan.ones.setdefault(head, _Plan(Row, {"id"}))
    _add_path(nested, rest)


def _merge(into: _Plan, other: _Plan) -> None:
    if into.cls is Row:
        into.cls, into.methods = other.cls, other.methods
    into.columns |= other.columns
    for attr, sub in other.ones.items():
        if attr in into.ones:
            _merge(into.ones[attr], sub)
        else:
            into.ones[attr] = sub
    for attr, (many, sub) in other.manys.items():
        if attr in into.manys:
            _merge(into.manys[attr][1], sub)
        else:
            into.manys[attr] = (many, sub)


def _compile(shape: Shape, nodes: Iterable[Any]) -> _Plan | None:
    plan = _Plan(shape.type, {"id"}, methods=shape.methods)
    for path in shape.always:
        _add_path(plan, path)
    for node in nodes:
        if node.name in ("__typename", "id"):  # every row carries its id
            continue
        if node.name in shape.one:
            one = shape.one[node.name]
            sub = _compile(one.shape, _fields(node))
            if sub is None:
                return None
            _merge(plan, _Plan(plan.cls, set(), ones={one.attr: sub}))
        elif node.name in shape.many:
            many = shape.many[node.name]
            sub = _compile(many.shape, _fields(node))
            if sub is None:
                return None
            _merge(plan, _Plan(plan.cls, set(), manys={many.attr: (many, sub)}))
        elif node.name in shape.fields:
            for path in shape.fields[node.name]:
                _add_path(plan, path)
        else:
            return None
    return plan


def _finish(plan: _Plan) -> _Plan:
    plan.row_class = _class(plan)
    for sub in plan.ones.values():
        _finish(sub)
    for _many, sub in plan.manys.values():
        _finish(sub)
    return plan


def _keys(plan: _Plan, prefix: str = "") -> list[str]:
    keys = [prefix + column for column in sorted(plan.columns)]
    for attr, sub in plan.ones.items():
        keys += _keys(sub, f"{prefix}{attr}__")
    return keys


def _held(obj: Any) -> Any:  # never called: the row's own value is read (see held_class)
    raise AttributeError


# Each held class and the attributes its rows hold: how saas/api/projection_fields.py tells a
# plain row (answered directly) from a model instance. Bounded like a cache: when full it starts
# over, and rows of a class no longer listed are answered by their fields' own resolvers.
HELD: dict[type, frozenset[str]] = {}
_CLASSES: dict[tuple[type, frozenset[str]], type] = {}
_MAX_CLASSES = 512


def held_class(cls: type, names: frozenset[str]) -> type:
    """`cls` (what strawberry's type check asks) with each attribute in `names` marked as a
    value the row already carries (also for salesOrders' rows, saas/api/sales/projection.py).
    strawberry-django reads such a value straight from the row; for any other attribute of a
    non-model object it builds a queryset hook per field and row first, which cost more than
    the model path saved."""
    made = _CLASSES.get((cls, names))
    if made is not None:
        return made
    namespace: dict[str, Any] = {"__module__": cls.__module__, "__qualname__": cls.__qualname__}
    for name in names:
        held = ModelProperty(_held)
        held.name = name
        namespace[name] = held
    made = type(cls.__name__, (cls,), namespace)
    if len(_CLASSES) >= _MAX_CLASSES:
        _CLASSES.clear()
        HELD.clear()
    _CLASSES[cls, names] = made
    HELD[made] = names
    return made


def _class(plan: _Plan) -> type:
    if plan.cls is Row:
        return Row
    return held_class(plan.cls, frozenset({*plan.columns, *plan.ones, *plan.manys}))


def _build(plan: _Plan, data: dict[str, Any], prefix: str = "") -> Any:
    if data[prefix + "id"] is None:  # a to-one relation that is not set
        return None
    obj: Any = object.__new__(plan.row_class)
    values = obj.__dict__
    for column in plan.columns:
        values[column] = data[prefix + column]
    for attr, sub in plan.ones.items():
        values[attr] = _build(sub, data, f"{prefix}{attr}__")
    values["pk"] = values["id"]
    for name, method in plan.methods.items():
        values[name] = types.MethodType(method, obj)
    return obj


def _children_source(parent: QuerySet[Any], many: Many) -> QuerySet[Any]:
    """The selector's own Prefetch of this relation (its visibility and order), else all rows."""
    for lookup in getattr(parent, "_prefetch_related_lookups", ()):
        if isinstance(lookup, Prefetch) and lookup.prefetch_to == many.attr and lookup.queryset is not None:
            return lookup.queryset
    return many.model._default_manager.all()


def _attach(parent: QuerySet[Any], rows: list[Any], plan: _Plan) -> None:
    ids = [row.pk for row in rows]
    for attr, (many, sub) in plan.manys.items():
        source = _children_source(parent, many)
        children = source.filter(**{f"{many.parent}__in": ids})
        grouped: dict[Any, list[Any]] = {pk: [] for pk in ids}
        for child, data in _objects(children, sub, lambda qs: qs, parent_path=many.parent):
            grouped[data[_PARENT]].append(child)
        for row in rows:
            row.__dict__[attr] = grouped[row.pk]


def _objects(
    queryset: QuerySet[Any],
    plan: _Plan,
    window: Callable[[QuerySet[Any]], QuerySet[Any]],
    parent_path: str | None = None,
) -> list[tuple[Any, dict[str, Any]]]:
    extra = {_PARENT: F(parent_path)} if parent_path else {}
    data = list(window(queryset.prefetch_related(None).values(*_keys(plan), **extra)))
    pairs = [(_build(plan, row), row) for row in data]
    if plan.manys and pairs:
        _attach(queryset, [obj for obj, _row in pairs], plan)
    return pairs


def fetcher(info: Info, shape: Shape) -> Fetch | None:
    """How `page_window` reads the page as plain rows of `shape`, or None when the query asks
    for something the shape does not carry (the model path serves it)."""
    items = [child for root in info.selected_fields for child in _fields(root) if child.name == "items"]
    plan = _compile(shape, [node for item in items for node in _fields(item)])
    if plan is None:
        return None
    compiled = _finish(plan)

    def fetch(queryset: QuerySet[Any], start: int, stop: int) -> list[Any]:
        return [obj for obj, _row in _objects(queryset, compiled, lambda qs: qs[start:stop])]

    return fetch
