"""Every type, field, root argument and enum value of the schema has a description: partners and
the app's translators read them (a field's own description, or saas/api/descriptions)."""

from __future__ import annotations

from graphql import GraphQLEnumType, GraphQLInputObjectType, GraphQLObjectType
from saas.api.schema import schema


def undescribed() -> list[str]:
    graphql_schema = schema._schema
    roots = {
        root.name
        for root in (
            graphql_schema.query_type,
            graphql_schema.mutation_type,
            graphql_schema.subscription_type,
        )
        if root is not None
    }
    missing: list[str] = []
    for name, type_ in sorted(graphql_schema.type_map.items()):
        if name.startswith("__"):  # introspection; built-in scalars are neither of the kinds below
            continue
        if not isinstance(type_, GraphQLObjectType | GraphQLInputObjectType | GraphQLEnumType):
            continue
        if not type_.description:
            missing.append(name)
        if isinstance(type_, GraphQLEnumType):
            missing += [f"{name}.{value}" for value, v in type_.values.items() if not v.description]
            continue
        for field_name, field in type_.fields.items():
            if not field.description:
                missing.append(f"{name}.{field_name}")
            if name in roots and isinstance(type_, GraphQLObjectType):
                missing += [
                    f"{name}.{field_name}({arg})" for arg, a in field.args.items() if not a.description
                ]
    return missing


def test_every_type_field_root_argument_and_enum_value_is_described():
    assert undescribed() == []


def test_a_restricted_field_says_its_rule():
    sku = schema._schema.type_map["Sku"]
    assert isinstance(sku, GraphQLObjectType)
    assert "cost.view" in (sku.fields["costPrice"].description or "")
    order = schema._schema.type_map["SalesOrder"]
    assert isinstance(order, GraphQLObjectType)
    assert "Order money" in (order.fields["totalAmount"].description or "")
