"""Descriptions for the whole schema: partners and the app's translators read them.

A description written next to its field in code always wins. What is left gets one from here,
by schema coordinate (`SalesOrder.remarks`, `Query.salesOrders(limit)`, `OrderGroup.REP`) from
the domain tables, then by the rules of `common.py`: words that mean the same on every type
(`id`, `createdAt`, `idempotencyKey`, address parts…), and shapes that say it themselves (a
`…Payload`, a `…Page`, a group-by enum). `tests/test_schema_descriptions.py` fails on anything
still undescribed, so a new field needs a description in code or a line here.
"""

from __future__ import annotations

from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType, GraphQLSchema
from saas.api.descriptions import (
    catalog,
    common,
    customers,
    fieldsales,
    finance,
    inventory,
    partners,
    procurement,
    sales,
    shipping,
)

# Coordinates: "Type", "Type.field", "Enum.VALUE", "Query.field(arg)".
BY_COORDINATE: dict[str, str] = {
    **common.ROOT,
    **catalog.TEXT,
    **customers.TEXT,
    **inventory.TEXT,
    **procurement.TEXT,
    **sales.TEXT,
    **finance.TEXT,
    **shipping.TEXT,
    **partners.TEXT,
    **fieldsales.TEXT,
}


def describe(schema: GraphQLSchema) -> None:
    """Fill every missing description of our own types, fields, root arguments and enum values."""
    roots = {t.name for t in (schema.query_type, schema.mutation_type, schema.subscription_type) if t}
    for name, type_ in schema.type_map.items():
        if name.startswith("__") or not isinstance(
            type_, GraphQLObjectType | GraphQLInputObjectType | GraphQLEnumType
        ):
            continue
        if not type_.description:
            type_.description = BY_COORDINATE.get(name) or common.type_text(schema, name, type_)
        if isinstance(type_, GraphQLEnumType):
            for value_name, value in type_.values.items():
                if not value.description:
                    value.description = BY_COORDINATE.get(f"{name}.{value_name}") or common.value_text(
                        name, value_name
                    )
            continue
        for field_name, field in type_.fields.items():
            if not field.description:
                field.description = BY_COORDINATE.get(f"{name}.{field_name}") or common.field_text(
                    name, field_name
                )
            if name in roots and not isinstance(type_, GraphQLInputObjectType):
                for arg_name, arg in field.args.items():  # type: ignore[union-attr]
                    if not arg.description:
                        arg.description = BY_COORDINATE.get(f"{name}.{field_name}({arg_name})") or (
                            common.argument_text(name, arg_name)
                        )
