"""Direct field resolution for the lists' plain rows (saas/api/projection.py, and salesOrders'
rows in saas/api/sales/projection.py).

A page of 100 orders with their lines answers some 5,700 fields. Through strawberry-django each
one builds a strawberry `Info`, converts (no) arguments, chains field extensions, asks the
field whether its value is a cached relation or a queryset to optimize, and wraps a resolver
for sync/async safety: some 30 µs a field, five times the SQL of the page. The plain rows need
none of that: their values sit in `__dict__`, and no resolver of theirs returns a queryset.

`serve_plain_rows(schema)` gives every field of our strawberry-django types a resolver that
answers a plain row directly and hands anything else (model instances, the model path)
to the field's own resolver, unchanged:

- a field without resolver reads the row's value, when the row holds it (`held_class`);
- a resolver (`open_quantity`, `spec_label`) is called with the row as its `self`/`root` and a
  strawberry `Info` only when it asks for one;
- `Restricted` rules are asked first, as their extension asks them: hidden fields stay null
  and are reported in `extensions.withheld` (tests/test_list_projection.py compares both paths
  for every role).

A field with arguments, other extensions or an async resolver, a resolver that returns a
queryset or manager, and any call in an async context take the field's own resolver. The
schema itself (types, descriptions) is untouched.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.db.models import QuerySet
from django.db.models.manager import BaseManager
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types.field import StrawberryField
from strawberry.utils.inspect import in_async_context
from strawberry_django.fields.base import StrawberryDjangoFieldBase

from graphql import GraphQLField, GraphQLObjectType, GraphQLResolveInfo, GraphQLSchema
from saas.api.projection import HELD
from saas.api.restricted import Restricted

Resolver = Callable[..., Any]
Direct = Callable[[Any, GraphQLResolveInfo, frozenset[str]], Any]
# What a direct path reads of its info, for the executor (saas/api/projection_executor.py): a
# path without this mark reads none (it is given None); RULES_ONLY reads what `Restricted` reads
# (the request, the parent type and field name, whether the path crosses a list), the same for
# every row of one selection, so one info serves them all; RESOLVER gets its own each time.
NEEDS_INFO = "needs_info"
RULES_ONLY = "rules"
RESOLVER = "resolver"
SLOW = object()  # the direct path declines: the field's own resolver answers


def _direct(field: StrawberryField, info_class: type) -> Direct | None:
    """How a plain row answers `field`, or None when only the field's own resolver may."""
    if field.arguments or not isinstance(field, StrawberryDjangoFieldBase):
        return None
    rules = [extension for extension in field.extensions if isinstance(extension, Restricted)]
    if len(rules) != len(field.extensions):
        return None
    resolver = field.base_resolver
    answer: Direct
    if resolver is None:
        name = field.django_name or field.python_name

        def value(source: Any, _info: GraphQLResolveInfo, held: frozenset[str]) -> Any:
            if name in held:
                return source.__dict__[name]
            return SLOW

        answer = value
    else:
        if resolver.is_async:
            return None
        function = cast(Callable[..., Any], resolver.wrapped_func)  # a plain function here
        as_self = resolver.self_parameter is not None
        names = [p.name for p in (resolver.root_parameter, resolver.parent_parameter) if p is not None]
        info_name = resolver.info_parameter.name if resolver.info_parameter is not None else None

        def call(source: Any, info: GraphQLResolveInfo, _held: frozenset[str]) -> Any:
            if in_async_context():  # its own resolver moves off the event loop
                return SLOW
            kwargs = dict.fromkeys(names, source)
            if info_name is not None:
                kwargs[info_name] = info_class(_raw_info=info, _field=field)
            result = function(source, **kwargs) if as_self else function(**kwargs)
            if callable(result) or isinstance(result, BaseManager | QuerySet):
                return SLOW  # strawberry-django calls, optimizes or fetches it
            return result

        answer = call
        if info_name is not None:
            setattr(answer, NEEDS_INFO, RESOLVER)
    if not rules:
        return answer

    def restricted(source: Any, info: GraphQLResolveInfo, held: frozenset[str]) -> Any:
        for rule in rules:
            if not rule.admits(source, info):
                return None
        return answer(source, info, held)

    setattr(restricted, NEEDS_INFO, getattr(answer, NEEDS_INFO, RULES_ONLY))
    return restricted


def _resolver(own: Resolver, direct: Direct) -> Resolver:
    def resolve(source: Any, info: GraphQLResolveInfo, **kwargs: Any) -> Any:
        held = HELD.get(type(source))
        if held is not None:
            result = direct(source, info, held)
            if result is not SLOW:
                return result
        return own(source, info, **kwargs)

    resolve.__wrapped__ = own  # type: ignore[attr-defined]  # the field's own (tests/bench/lists.py)
    resolve.direct = direct  # type: ignore[attr-defined]  # for saas/api/projection_executor.py
    return resolve


def direct_of(resolve: Resolver | None) -> Direct | None:
    """The direct path `serve_plain_rows` gave a field's resolver, if it gave one."""
    return getattr(resolve, "direct", None)


def serve_plain_rows(schema: GraphQLSchema, info_class: type) -> None:
    """Give the fields of every strawberry-django object type their direct path (above)."""
    for type_ in schema.type_map.values():
        if not isinstance(type_, GraphQLObjectType) or type_.name.startswith("__"):
            continue
        for graphql_field in type_.fields.values():
            _serve(graphql_field, info_class)


def _serve(graphql_field: GraphQLField, info_class: type) -> None:
    field = (graphql_field.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if not isinstance(field, StrawberryField) or graphql_field.resolve is None:
        return
    direct = _direct(field, info_class)
    if direct is not None:
        graphql_field.resolve = _resolver(graphql_field.resolve, direct)
