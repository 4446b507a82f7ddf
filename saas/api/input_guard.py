"""The API's input layer: every argument of every operation is checked here once, before execution.

Strings of any type (String, ID, custom scalars) may not hold control characters; an ID must look
like one of our ids; a Decimal must be finite and within the digits any column holds. A request
that breaks a rule is refused whole, with one GraphQL error per problem carrying
`extensions.code` (`text_invalid`, `id_invalid`, `decimal_invalid`, `decimal_out_of_range`) and
the input path in `extensions.field`, before any resolver or SQL runs. Field rules of one domain
(lengths, ranges) stay in the services.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _
from graphql.language import ArgumentNode, FloatValueNode, IntValueNode, ObjectFieldNode, StringValueNode
from graphql.utilities import type_from_ast
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    GraphQLSchema,
    OperationDefinitionNode,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    visit,
)
from saas.core.errors import FieldProblem, InvalidInput
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
    if scalar.name == "Decimal" and value is not None:
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


def _variable_problems(type_: GraphQLInputType, value: Any, path: str) -> Iterator[FieldProblem]:
    """Walks a variable's JSON value along its declared type."""
    if value is None:
        return
    if isinstance(type_, GraphQLNonNull):
        yield from _variable_problems(type_.of_type, value, path)
    elif isinstance(type_, GraphQLList):
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            yield from _variable_problems(type_.of_type, item, f"{path}.{index}")
    elif isinstance(type_, GraphQLInputObjectType):
        if isinstance(value, dict):
            for name, item in value.items():
                field = type_.fields.get(name)
                if field is not None:
                    yield from _variable_problems(field.type, item, f"{path}.{name}")
    elif isinstance(type_, GraphQLScalarType):
        code = _scalar_problem(type_, value)
        if code:
            yield FieldProblem(field=path, code=code, message=_message(code))
    # Enums are checked by graphql-core against their values.


class _LiteralChecker(Visitor):
    """Checks values written into the document itself, e.g. `products(categoryId: "abc")`."""

    def __init__(self, type_info: TypeInfo) -> None:
        super().__init__()
        self.type_info = type_info
        self.names: list[str] = []
        self.problems: list[FieldProblem] = []

    def enter_argument(self, node: ArgumentNode, *_args: Any) -> None:
        self.names.append(node.name.value)

    def leave_argument(self, *_args: Any) -> None:
        self.names.pop()

    def enter_object_field(self, node: ObjectFieldNode, *_args: Any) -> None:
        self.names.append(node.name.value)

    def leave_object_field(self, *_args: Any) -> None:
        self.names.pop()

    def _check(self, value: Any) -> None:
        input_type = self.type_info.get_input_type()
        while isinstance(input_type, GraphQLNonNull | GraphQLList):
            input_type = input_type.of_type
        scalar = input_type if isinstance(input_type, GraphQLScalarType) else None
        code = _scalar_problem(scalar, value) if scalar else _text_problem(value)
        if code:
            self.problems.append(FieldProblem(field=".".join(self.names), code=code, message=_message(code)))

    def enter_string_value(self, node: StringValueNode, *_args: Any) -> None:
        self._check(node.value)

    def enter_int_value(self, node: IntValueNode, *_args: Any) -> None:
        self._check(node.value)

    def enter_float_value(self, node: FloatValueNode, *_args: Any) -> None:
        self._check(node.value)


def input_problems(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: dict[str, Any] | None,
    operation_name: str | None,
) -> list[FieldProblem]:
    type_info = TypeInfo(schema)
    literals = _LiteralChecker(type_info)
    visit(document, TypeInfoVisitor(type_info, literals))
    problems = list(literals.problems)
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        if operation_name and (definition.name is None or definition.name.value != operation_name):
            continue
        for variable in definition.variable_definitions or ():
            name = variable.variable.name.value
            declared = type_from_ast(schema, variable.type)
            if declared is not None and variables and name in variables:
                problems.extend(_variable_problems(declared, variables[name], name))  # type: ignore[arg-type]
    return problems


class InputGuard(SchemaExtension):
    """Refuses the whole operation, before execution, when any input breaks the shared rules."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and context.result is None:
            problems = input_problems(
                context.schema._schema, document, context.variables, context.operation_name
            )
            if problems:
                context.result = ExecutionResult(
                    data=None,
                    errors=[
                        GraphQLError(
                            problem.message,
                            original_error=InvalidInput(
                                problem.message, code=problem.code, field=problem.field
                            ),
                            extensions={"field": problem.field},
                        )
                        for problem in problems[:20]
                    ],
                )
        yield
