"""The executor's fast lane for the lists' plain rows (saas/api/projection.py,
saas/api/sales/projection.py).

graphql-core executes every field the same way: a path, a `GraphQLResolveInfo`, the resolver
through the middleware chain, then `complete_value` unwrapping the type and coercing the value.
That is some 10 µs a field, and a page of 100 orders with their lines is 5,700 fields: once the
rows answered their fields directly (saas/api/projection_fields.py), this loop was half of the
page's time.

For an object that is a plain row, `PlainRowsExecutionContext.execute_fields` answers its
fields through their direct paths, with no path or info unless a rule or resolver reads them
(and one info for all rows of a selection when only `Restricted` rules read it):
a scalar or enum through the type's own `coerce_output_value`; an object or a list of objects
(the order's customer, its lines) by executing the object's selection right here, which comes
back to this lane when the object is a plain row too. graphql-core's own `execute_field` takes,
unchanged: `__typename`, fields without a direct path or with arguments, a direct path that
declines (`SLOW`), a null where the type forbids one, an object that is not of the field's type,
and any exception (raised again there, so the error carries its path and the answer its nulls).
What a request answers is the same either way: tests/test_projection_executor.py compares the
two, and tests/test_list_projection.py the lists' plain rows with their model path.

The lane skips the field middleware, so it opens only when the request's middleware is known
to leave such values alone: strawberry-django's optimizer, which acts only on querysets and
managers (a direct path declines those).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from graphql.execution.collect_fields import FieldDetailsList
from graphql.pyutils import Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry_django.optimizer import DjangoOptimizerExtension

from graphql import (
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLResolveInfo,
    is_leaf_type,
)
from saas.api.projection import HELD
from saas.api.projection_fields import NEEDS_INFO, RULES_ONLY, SLOW, Direct, direct_of

# Middleware that leaves a plain row's leaf values alone (see the module docstring).
_HARMLESS_MIDDLEWARE = (DjangoOptimizerExtension,)
_NO_ANSWER = object()  # the lane declines a field: graphql-core's own path answers it


@dataclass
class _Entry:
    """One field of a selection on a plain row's type, compiled once per request (`_entry`)."""

    name: str  # the response name (an alias, or the field's name)
    details: FieldDetailsList
    direct: Direct | None = None  # None: graphql-core's own path
    nullable: bool = True
    needs_info: str | None = None  # projection_fields.RULES_ONLY or RESOLVER
    info: GraphQLResolveInfo | None = None  # the one info of a RULES_ONLY field
    leaf: GraphQLLeafType | None = None  # a scalar or enum
    many: bool = False  # a list of objects
    object_type: GraphQLObjectType | None = None
    origin: type | None = None  # the strawberry type's class, which a plain row's class extends


class PlainRowsExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """strawberry's execution context, with the fast lane above for plain rows."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Compiled per selection: the grouped field set is kept alive here, so its id is not reused.
        self._plain_plans: dict[tuple[str, int], tuple[Any, list[_Entry]]] = {}
        middleware = self.middleware_manager.middlewares if self.middleware_manager else ()
        self._plain_lane = all(isinstance(item, _HARMLESS_MIDDLEWARE) for item in middleware)

    def execute_fields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path | None,
        grouped_field_set: Any,
        position_context: Any,
    ) -> Any:
        held = HELD.get(type(source_value))
        if held is None or position_context is not None or not self._plain_lane:
            return super().execute_fields(
                parent_type, source_value, path, grouped_field_set, position_context
            )
        results: dict[str, Any] = {}
        for entry in self._plan(parent_type, grouped_field_set):
            result = _NO_ANSWER
            if entry.direct is not None:
                try:
                    result = self._answer(entry, parent_type, source_value, path, held)
                except Exception:  # noqa: BLE001, S112  # graphql-core's path below reports it
                    result = _NO_ANSWER
            if result is _NO_ANSWER:
                field_path = Path(path, entry.name, parent_type.name)
                result = self.execute_field(parent_type, source_value, entry.details, field_path, None)
                if self.is_awaitable(result):  # off the lane: graphql-core answers the whole object
                    return super().execute_fields(
                        parent_type, source_value, path, grouped_field_set, position_context
                    )
            results[entry.name] = result
        return results

    def _answer(
        self,
        entry: _Entry,
        parent_type: GraphQLObjectType,
        source: Any,
        path: Path | None,
        held: frozenset[str],
    ) -> Any:
        """The field's completed value, or _NO_ANSWER for graphql-core's own path."""
        info = None
        if entry.needs_info == RULES_ONLY:  # one info for every row of this selection
            info = entry.info = entry.info or self._info(parent_type, entry, path)
        elif entry.needs_info:
            info = self._info(parent_type, entry, path)
        value = entry.direct(source, info, held)  # type: ignore[misc, arg-type]
        if value is None:
            return None if entry.nullable else _NO_ANSWER
        if value is SLOW:
            return _NO_ANSWER
        if entry.leaf is not None:
            coerced = entry.leaf.coerce_output_value(value)
            return _NO_ANSWER if coerced is None else coerced
        field_path = Path(path, entry.name, parent_type.name)
        if not entry.many:
            return self._object(entry, value, field_path)
        answers = []
        for index, item in enumerate(value):
            answer = _NO_ANSWER if item is None else self._object(entry, item, Path(field_path, index, None))
            if answer is _NO_ANSWER:
                return _NO_ANSWER
            answers.append(answer)
        return answers

    def _object(self, entry: _Entry, value: Any, path: Path) -> Any:
        if not isinstance(value, entry.origin):  # type: ignore[arg-type]  # strawberry's is_type_of
            return _NO_ANSWER
        object_type = cast(GraphQLObjectType, entry.object_type)
        grouped, defer_usages, _forbidden = self.collect_subfields(object_type, entry.details)
        if defer_usages:
            return _NO_ANSWER
        answer = self.execute_fields(object_type, value, path, grouped, None)
        return _NO_ANSWER if self.is_awaitable(answer) else answer

    def _plan(self, parent_type: GraphQLObjectType, grouped_field_set: Any) -> list[_Entry]:
        key = (parent_type.name, id(grouped_field_set))
        cached = self._plain_plans.get(key)
        if cached is not None:
            return cached[1]
        entries = [_entry(parent_type, name, details) for name, details in grouped_field_set.items()]
        self._plain_plans[key] = (grouped_field_set, entries)
        return entries

    def _info(self, parent_type: GraphQLObjectType, entry: _Entry, path: Path | None) -> GraphQLResolveInfo:
        field_def = parent_type.fields[entry.details[0].node.name.value]
        nodes = [detail.node for detail in entry.details]
        return self.build_resolve_info(
            field_def, nodes, parent_type, Path(path, entry.name, parent_type.name)
        )


def _entry(parent_type: GraphQLObjectType, name: str, details: FieldDetailsList) -> _Entry:
    """How the lane answers one field of `parent_type`: a leaf, an object or a list of objects
    read through the field's direct path, or (no `direct`) graphql-core's own path."""
    entry = _Entry(name, details)
    field_def = parent_type.fields.get(details[0].node.name.value)
    if field_def is None or details[0].node.arguments:
        return entry
    direct = direct_of(field_def.resolve)
    return_type = field_def.type
    entry.nullable = not isinstance(return_type, GraphQLNonNull)
    inner = _nullable(return_type)
    if isinstance(inner, GraphQLList):
        entry.many = True
        inner = _nullable(inner.of_type)
    if is_leaf_type(inner) and not entry.many:
        entry.leaf = cast(GraphQLLeafType, inner)
    elif isinstance(inner, GraphQLObjectType):
        definition = (inner.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
        origin = getattr(definition, "origin", None)
        if origin is None:
            return entry
        entry.object_type, entry.origin = inner, origin
    else:
        return entry
    entry.direct = direct
    entry.needs_info = getattr(direct, NEEDS_INFO, None)
    return entry


def _nullable(type_: Any) -> Any:
    return type_.of_type if isinstance(type_, GraphQLNonNull) else type_
