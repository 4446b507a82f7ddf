"""What a GraphQL operation costs, computed from its document before anything runs.

In the spirit of the IBM GraphQL cost directives (`@cost`, `@listSize(slicingArguments,
sizedFields)`), with one uniform rule for the whole API instead of annotations on each field:

| What is selected                       | It costs                                              |
|----------------------------------------|-------------------------------------------------------|
| a field of an object type              | OBJECT_COST (1), plus what it selects                 |
| a scalar or enum field, `__typename`   | 0                                                     |
| a list of objects                      | its size × (OBJECT_COST + what each item selects)     |
| a field of the mutation root           | MUTATION_COST (10), plus what its payload selects     |
| `__schema`, `__type` (introspection)   | INTROSPECTION_COST (100), whatever they select        |

A list's size: a field with a `first` or `limit` argument sizes the lists it returns: itself when
it is a list, otherwise the lists it selects directly (a page's `items`, a report's `rows`), as
IBM's `sizedFields` do. `first` wins over `limit` when given, as the resolvers page by it then
(saas/api/pagination.page_window). The size is the argument's value, literal or variable, else
its default in the schema (50 on most lists, 500 on reports), else `MAX_PAGE` (saas/core/paging).
A list that nothing sizes (an order's `lines`) counts DEFAULT_LIST_SIZE (3) items.

The number is an upper bound: `@skip`/`@include` are ignored and every inline fragment on an
abstract type is counted. A document refused by validation has no meaningful cost; the caller
computes it after validation (saas/api/cost_limit.py).
"""

from __future__ import annotations

from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLUnionType,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValueNode,
    VariableNode,
    get_named_type,
    value_from_ast_untyped,
)
from saas.core.paging import MAX_PAGE

OBJECT_COST = 1
MUTATION_COST = 10
# A full schema dump is one fixed price, about what a page of 50 rows with a few objects costs.
INTROSPECTION_COST = 100
INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})
# Lists without paging arguments are short by nature (an order's lines, a product's SKUs, a
# customer's contacts): a handful, an expected size rather than a bound (the input caps bound them).
# Nested lists multiply it, so it decides what a page of documents with their lines costs: at 3, a
# partner's sync of 100 orders with lines and SKUs costs 801 and fits SPARROW_API_MAX_QUERY_COST
# (2,000); at 10 it would cost 2,201 and be refused at the largest page the API offers.
DEFAULT_LIST_SIZE = 3
# Checked in this order: a cursor page's `first` replaces `limit` when it is given.
SLICING_ARGUMENTS = ("first", "limit")


def query_cost(
    schema: GraphQLSchema,
    document: DocumentNode,
    variables: dict[str, Any] | None,
    operation_name: str | None,
) -> int:
    """The cost of the operation `operation_name` names (or the document's only one); 0 when the
    document names no such operation."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name:
        operation = next((o for o in operations if o.name and o.name.value == operation_name), None)
    else:
        operation = operations[0] if len(operations) == 1 else None
    root = schema.get_root_type(operation.operation) if operation is not None else None
    if operation is None or root is None:
        return 0
    return _Walk(schema, document, operation, variables or {}).selections(root, operation.selection_set, None)


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)  # JSON variables may say 50.0; GraphQL's Int accepts it
    return value if isinstance(value, int) else None


class _Walk:
    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        operation: OperationDefinitionNode,
        variables: dict[str, Any],
    ) -> None:
        self.schema = schema
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        defaults = {
            d.variable.name.value: value_from_ast_untyped(d.default_value)
            for d in operation.variable_definitions or ()
            if d.default_value is not None
        }
        self.variables = {**defaults, **variables}
        # A fragment spread many times (or fragments spreading each other twice over) is walked
        # once per size it is sized with: the walk stays linear in the document.
        self.fragment_costs: dict[tuple[str, int | None], int] = {}

    def selections(
        self, parent: GraphQLNamedType, selection_set: SelectionSetNode | None, size: int | None
    ) -> int:
        """What a selection set costs; `size` sizes the lists selected directly in it."""
        total = 0
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                total += self.field(parent, selection, size)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                on = self.schema.get_type(condition.name.value) if condition else parent
                total += self.selections(on or parent, selection.selection_set, size)
            elif isinstance(selection, FragmentSpreadNode):
                total += self.spread(selection.name.value, size)
        return total

    def spread(self, name: str, size: int | None) -> int:
        key = (name, size)
        if key not in self.fragment_costs:
            self.fragment_costs[key] = 0  # a cycle (validation refuses them) counts once, as nothing
            fragment = self.fragments.get(name)
            on = self.schema.get_type(fragment.type_condition.name.value) if fragment else None
            if fragment is not None and on is not None:
                self.fragment_costs[key] = self.selections(on, fragment.selection_set, size)
        return self.fragment_costs[key]

    def field(self, parent: GraphQLNamedType, node: FieldNode, size: int | None) -> int:
        if node.name.value in INTROSPECTION_FIELDS:
            return INTROSPECTION_COST
        fields = parent.fields if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType) else {}
        definition = fields.get(node.name.value)
        if definition is None:
            return 0  # __typename (or a field validation refuses)
        base = MUTATION_COST if parent is self.schema.mutation_type else 0
        item = get_named_type(definition.type)
        if not isinstance(item, GraphQLObjectType | GraphQLInterfaceType | GraphQLUnionType):
            return base  # scalars and enums come with the object that holds them
        own = self.slice_size(definition, node)
        inner = definition.type.of_type if isinstance(definition.type, GraphQLNonNull) else definition.type
        if isinstance(inner, GraphQLList):
            count = own if own is not None else size if size is not None else DEFAULT_LIST_SIZE
            return base + count * (OBJECT_COST + self.selections(item, node.selection_set, None))
        return base + OBJECT_COST + self.selections(item, node.selection_set, own)

    def slice_size(self, definition: GraphQLField, node: FieldNode) -> int | None:
        """The rows a paged field asks for; None when it has no paging argument."""
        if not any(name in definition.args for name in SLICING_ARGUMENTS):
            return None
        given = {argument.name.value: argument.value for argument in node.arguments or ()}
        for name in SLICING_ARGUMENTS:
            if name not in definition.args:
                continue
            value = self.value(given[name]) if name in given else None
            if value is None:  # not given, null, or a variable not sent: the schema's default
                value = _int(definition.args[name].default_value)
            if value is not None:
                return max(value, 0)  # a negative size is refused by the page rule; it never pays back
        return MAX_PAGE

    def value(self, node: ValueNode) -> int | None:
        if isinstance(node, VariableNode):
            return _int(self.variables.get(node.name.value))
        if isinstance(node, IntValueNode):
            return int(node.value)
        return None
