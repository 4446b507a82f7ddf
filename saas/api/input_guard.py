"""The API's input layer: every argument of every operation is checked here once, before execution.

Strings of any type (String, ID, custom scalars) may not hold control characters; an ID must look
like one of our ids; a Decimal must be finite and within the digits any column holds. Codes:
`text_invalid`, `id_invalid`, `decimal_invalid`, `decimal_out_of_range`. An operation that breaks
a rule runs no resolver and no SQL. A mutation answers as mutations do, with its payload's
`errors { field code message }` (field as the services name it: `lines.3.unitPrice`, or the
argument's name for a plain argument); a query answers with GraphQL errors carrying
`extensions.code` and `extensions.field` (`filter.search`). Field rules of one domain (lengths,
ranges) stay in the services.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    OperationDefinitionNode,
    OperationType,
    TypeInfo,
    TypeInfoVisitor,
    VariableNode,
    Visitor,
    get_named_type,
    value_from_ast_untyped,
    visit,
)
from saas.core.errors import InvalidInput
from saas.core.ids import is_id
from saas.core.inputs import decimal_problem, has_control_characters


def _message(code: str) -> str:
    return {
        "text_invalid": _("Text may not contain control characters."),
        "id_invalid": _("This is not a valid id."),
        "decimal_invalid": _("Enter a finite number."),
        "decimal_out_of_range": _("This number is too large."),
    }[code]


def _scalar_problem(scalar: GraphQLScalarType, value: Any) -> str | None:
    if scalar.name == "Decimal":
        return decimal_problem(value)
    if scalar.name == "ID" and isinstance(value, str | int) and not isinstance(value, bool):
        # An empty ID is left to the resolver: optional filters treat it as "none".
        text = str(value)
        if text and not is_id(text):
            return "text_invalid" if has_control_characters(text) else "id_invalid"
        return None
    return _text_problem(value)


def _text_problem(value: Any) -> str | None:
    """Control characters anywhere in a string, also inside JSON-like custom scalars."""
    if isinstance(value, str):
        return "text_invalid" if has_control_characters(value) else None
    if isinstance(value, dict):
        value = list(value.keys()) + list(value.values())
    if isinstance(value, list):
        for item in value:
            problem = _text_problem(item)
            if problem:
                return problem
    return None


def _walk(type_: GraphQLInputType, value: Any, path: list[str]) -> Iterator[tuple[list[str], str]]:
    """(path, code) of every value that breaks a rule, walking a JSON value along its type."""
    if value is None:
        return
    if isinstance(type_, GraphQLNonNull):
        yield from _walk(type_.of_type, value, path)
    elif isinstance(type_, GraphQLList):
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            yield from _walk(type_.of_type, item, [*path, str(index)])
    elif isinstance(type_, GraphQLInputObjectType):
        if isinstance(value, dict):
            for name, item in value.items():
                field = type_.fields.get(name)
                if field is not None:
                    yield from _walk(field.type, item, [*path, name])
    elif isinstance(type_, GraphQLScalarType):
        code = _scalar_problem(type_, value)
        if code:
            yield path, code
    # Enums are checked by graphql-core against their values.


@dataclass(frozen=True)
class Problem:
    argument: str
    is_input_object: bool
    path: list[str]  # inside the argument
    code: str

    @property
    def query_field(self) -> str:
        return ".".join([self.argument, *self.path])

    @property
    def payload_field(self) -> str:
        # Services name the fields of an input object without the argument (`lines.0.skuId`).
        return ".".join(self.path) if self.is_input_object and self.path else self.query_field


class _ArgumentChecker(Visitor):
    def __init__(self, type_info: TypeInfo, variables: dict[str, Any]) -> None:
        super().__init__()
        self.type_info = type_info
        self.variables = variables
        self.problems: list[Problem] = []

    def enter_field(self, node: FieldNode, *_args: Any) -> None:
        definition = self.type_info.get_field_def()
        if definition is None:
            return
        for argument in node.arguments or ():
            spec = definition.args.get(argument.name.value)
            if spec is None:
                continue
            if isinstance(argument.value, VariableNode):
                raw = self.variables.get(argument.value.name.value)
            else:
                raw = value_from_ast_untyped(argument.value, self.variables)
            is_object = isinstance(get_named_type(spec.type), GraphQLInputObjectType)
            for path, code in _walk(spec.type, raw, []):
                self.problems.append(Problem(argument.name.value, is_object, path, code))


def input_problems(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: dict[str, Any],
) -> list[Problem]:
    """Problems in the operation's arguments, and in those of the fragments it may spread."""
    checker = _ArgumentChecker(TypeInfo(schema), variables)
    for definition in document.definitions:
        if definition is operation or isinstance(definition, FragmentDefinitionNode):
            type_info = TypeInfo(schema)
            checker.type_info = type_info
            visit(definition, TypeInfoVisitor(type_info, checker))
    return checker.problems


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name:
        return next((o for o in operations if o.name and o.name.value == name), None)
    return operations[0] if len(operations) == 1 else None


_NO_VALUE = object()


def _empty_value(type_: Any) -> Any:
    """What a payload field holds when nothing was done: null, an empty list, false (`replayed`).
    _NO_VALUE when no such value is honest (a non-null number or object)."""
    if not isinstance(type_, GraphQLNonNull):
        return None
    if isinstance(type_.of_type, GraphQLList):
        return []
    if isinstance(type_.of_type, GraphQLScalarType) and type_.of_type.name == "Boolean":
        return False
    return _NO_VALUE


def _payload_answer(
    schema: GraphQLSchema, operation: OperationDefinitionNode, problems: list[Problem]
) -> Any:
    """For a mutation of one field whose payload has `errors` and nothing else non-null that was
    asked for: that payload with the problems as its errors. None when it cannot be answered so."""
    selections = operation.selection_set.selections
    if operation.operation != OperationType.MUTATION or len(selections) != 1:
        return None
    field = selections[0]
    mutation_type = schema.mutation_type
    if not isinstance(field, FieldNode) or field.selection_set is None or mutation_type is None:
        return None
    definition = mutation_type.fields.get(field.name.value)
    payload = get_named_type(definition.type) if definition else None
    if not isinstance(payload, GraphQLObjectType) or "errors" not in payload.fields:
        return None
    answer: dict[str, Any] = {}
    for selection in field.selection_set.selections:
        if not isinstance(selection, FieldNode):
            return None  # fragments: rare in mutations; the plain errors below serve them
        key = selection.alias.value if selection.alias else selection.name.value
        if selection.name.value == "__typename":
            answer[key] = payload.name
        elif selection.name.value == "errors" and selection.selection_set is not None:
            wanted = [
                ((s.alias.value if s.alias else s.name.value), s.name.value)
                for s in selection.selection_set.selections
                if isinstance(s, FieldNode)
            ]
            answer[key] = [
                {
                    out: {
                        "field": p.payload_field,
                        "code": p.code,
                        "message": _message(p.code),
                        "__typename": "FieldError",
                    }.get(name)
                    for out, name in wanted
                }
                for p in problems[:20]
            ]
        else:
            empty = _empty_value(payload.fields[selection.name.value].type)
            if empty is _NO_VALUE:
                return None
            answer[key] = empty
    return {field.alias.value if field.alias else field.name.value: answer}


def _errors(problems: list[Problem]) -> list[GraphQLError]:
    return [
        GraphQLError(
            _message(problem.code),
            original_error=InvalidInput(_message(problem.code), code=problem.code, field=problem.query_field),
            extensions={"field": problem.query_field},
        )
        for problem in problems[:20]
    ]


class InputGuard(SchemaExtension):
    """Refuses the whole operation, before execution, when any input breaks the shared rules."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        operation = _operation(document, context.operation_name) if document is not None else None
        if document is not None and operation is not None and context.result is None:
            schema = context.schema._schema
            problems = input_problems(schema, document, operation, context.variables or {})
            if problems:
                data = _payload_answer(schema, operation, problems)
                context.result = ExecutionResult(data=data, errors=None if data else _errors(problems))
        yield
