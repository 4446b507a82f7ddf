"""What a partner key may call: each root field belongs to an area, and a key needs its scope.

A key's scopes name areas (`sales:read`, `catalog:write`; saas/partners/scopes.py). Before any
resolver runs, `PartnerAccess` looks at the operation's root fields: a query field needs
`<area>:read`, a mutation field `<area>:write` (which includes read). A key lacking one is refused
as a whole, nothing run, with code `forbidden` and `extensions.missingScope`. Inside the
answer the services' own checks still apply to the internal scopes the key's areas grant, and
fields of other areas (an order's customer details without `customers:read`) are withheld like
they are for a person without that scope.

A root field's area is the API package that defines it (`saas/api/sales/…` → `sales`), so a new
field lands in its area without a list to keep. Packages missing from AREAS serve people only
(their profile, inbox, dashboard, users, API keys): a key calling them is refused.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.utils.translation import gettext as _
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import Schema
from strawberry.types import ExecutionResult

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
)
from saas.api.permissions import request_key
from saas.core.errors import Forbidden
from saas.partners import scopes as partner_scopes
from saas.partners.models import ApiKey

# Any valid key: the workspace's own settings, and the event feed (filtered by area per event).
ANY_KEY = "*"
PEOPLE_ONLY = ""
# Module prefix of a root field's resolver class → its area; the longest prefix wins.
AREAS: dict[str, str] = {
    "saas.api.catalog": "catalog",
    "saas.api.inventory": "inventory",
    "saas.api.customers": "customers",
    "saas.api.sales": "sales",
    "saas.api.finance": "finance",
    "saas.api.shipping": "shipping",
    "saas.api.procurement": "procurement",
    "saas.api.reports": "reports",
    "saas.api.fieldsales": "fieldsales",
    "saas.api.distribution": "distribution",
    # The distributors' own portal: people of a distributor only, never a key.
    "saas.api.distribution.portal": PEOPLE_ONLY,
    "saas.api.tenants": ANY_KEY,
    "saas.api.partners.webhooks": "webhooks",
    "saas.api.partners.feed": ANY_KEY,
}


def _area_of_module(module: str) -> str:
    best = ""
    for prefix in AREAS:
        if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > len(best):
            best = prefix
    return AREAS[best] if best else PEOPLE_ONLY


_field_areas: dict[tuple[str, str], str] = {}


def field_areas(schema: Schema) -> dict[tuple[str, str], str]:
    """(root type, GraphQL field name) → area, for Query, Mutation and Subscription."""
    if not _field_areas:
        for type_name in ("Query", "Mutation", "Subscription"):
            definition = schema.get_type_by_name(type_name)
            for field in getattr(definition, "fields", []):
                module = getattr(field.origin, "__module__", "") or ""
                name = schema.config.name_converter.get_graphql_name(field)
                _field_areas[(type_name, name)] = _area_of_module(module)
    return _field_areas


def root_fields(document: DocumentNode, selections: SelectionSetNode) -> Iterator[str]:
    fragments = {d.name.value: d for d in document.definitions if hasattr(d, "name") and d.name}
    for selection in selections.selections:
        if isinstance(selection, FieldNode):
            yield selection.name.value
        elif isinstance(selection, InlineFragmentNode):
            yield from root_fields(document, selection.selection_set)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is not None and hasattr(fragment, "selection_set"):
                yield from root_fields(document, fragment.selection_set)


_ROOTS = {
    OperationType.QUERY: ("Query", partner_scopes.READ),
    OperationType.MUTATION: ("Mutation", partner_scopes.WRITE),
    OperationType.SUBSCRIPTION: ("Subscription", partner_scopes.READ),
}


def missing_scope(
    key: ApiKey, schema: Schema, document: DocumentNode, operation: OperationDefinitionNode
) -> str | None:
    """The first scope the key lacks for the operation's root fields ("" when no key may call
    one: people only), or None when it may run."""
    type_name, level = _ROOTS[operation.operation]
    areas = field_areas(schema)
    for name in root_fields(document, operation.selection_set):
        if name.startswith("__"):
            continue  # introspection and __typename
        area = areas.get((type_name, name), PEOPLE_ONLY)
        if area == ANY_KEY:
            continue
        if area == PEOPLE_ONLY:
            return ""
        if not key.holds(area, level):
            return f"{area}:{level}"
    return None


def _refusal(scope: str, field_hint: str | None = None) -> GraphQLError:
    if scope:
        message = _("This API key lacks the scope %(scope)s.") % {"scope": scope}
    else:
        message = _("API keys cannot use this; it is for people signed in to the workspace.")
    return GraphQLError(
        message,
        original_error=Forbidden(message, code="forbidden"),
        extensions={"missingScope": scope or None},
    )


class PartnerAccess(SchemaExtension):
    """Refuses a key's operation before execution when a root field is outside its scopes."""

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        key = request_key(getattr(context.context, "request", None))
        document = context.graphql_document
        if isinstance(key, ApiKey) and document is not None and context.result is None:
            operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
            named = context.operation_name
            operation = next(
                (o for o in operations if not named or (o.name is not None and o.name.value == named)), None
            )
            if operation is not None:
                scope = missing_scope(key, context.schema, document, operation)
                if scope is not None:
                    context.result = ExecutionResult(data=None, errors=[_refusal(scope)])
        yield
