"""Fields some callers may not see, resolved by one field extension: `Restricted(rule)`.

A restricted field is nullable, and its description ends with its rule (added here, from the
rule's `note`). When the caller may not see it:

- **In a list** (the field's path crosses a list index: `salesOrders.items.3.totalAmount`)
  it resolves to null. One hidden field must not sink a page of rows.
- **On one object** the caller asked for by name (`salesOrder(id) { totalAmount }`, a
  mutation's payload) it is null as well for a *lenient* rule, and an error (`forbidden`, at
  the field's path; the rest of the answer stands) for a *strict* one. Money, costs and stock
  numbers are lenient: an order without its prices is the warehouse's designed view of it, and
  its screens open and ship single orders. The details of customers, people and warehouses
  are strict: their nulls already mean something ("no credit limit", "never signed in"), so a
  null in their place would lie to whoever asked for exactly that field.
- **Never silent**: every answer in which a field was withheld carries
  `extensions.withheld`, each field once: `[{"field": "SalesOrder.totalAmount", "rule":
  "order_money"}]`. strawberry-django's own permission extensions default to
  `fail_silently=True`; this one does not have that mode.

The rules below are the API's only field-level checks; each asks the domain's own predicate
(cost.view, `may_see_order_money`, `stock_view`, the customers' and users' row rules).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from graphql.pyutils import Path
from strawberry.extensions import SchemaExtension
from strawberry.extensions.field_extension import (
    AsyncExtensionResolver,
    FieldExtension,
    SyncExtensionResolver,
)
from strawberry.types import Info
from strawberry.types.base import StrawberryOptional
from strawberry.types.field import StrawberryField

from graphql import GraphQLResolveInfo
from saas.accounts import scopes
from saas.accounts.actors import Actor
from saas.accounts.selectors import USER_VISIBILITY
from saas.accounts.visibility import RowRule, row_visible
from saas.api.permissions import current_actor
from saas.catalog.selectors import can_view_cost
from saas.core.errors import Forbidden
from saas.customers.visibility import CUSTOMER_VISIBILITY
from saas.inventory.availability import StockView, stock_view
from saas.sales.selectors.visibility import may_see_order_money

_ANSWERS = "_sparrow_field_rules"
_WITHHELD = "_sparrow_withheld"


@dataclass(frozen=True)
class FieldRule:
    """Who may see a field. `allows(actor, row)`; `per_row` rules are asked for every row,
    the others once per request. `strict`: a denial on one object is an error (above)."""

    code: str
    note: str
    allows: Callable[[Actor, Any], bool]
    per_row: bool = False
    strict: bool = False


def _row_rule(rule: RowRule, owner_of: Callable[[Any], int | None]) -> Callable[[Actor, Any], bool]:
    return lambda actor, row: row_visible(owner_of(row), actor=actor, rule=rule)


def _sees_stock_numbers(actor: Actor) -> bool:
    try:
        return stock_view(actor) is StockView.NUMBERS
    except Forbidden:
        return False


_customer_details = _row_rule(CUSTOMER_VISIBILITY, lambda row: row.owner_id)
_person = _row_rule(USER_VISIBILITY, lambda row: row.pk)

COST = FieldRule(
    code="cost",
    note="Null unless the caller holds cost.view.",
    allows=lambda actor, _row: can_view_cost(actor),
)
ORDER_MONEY = FieldRule(
    code="order_money",
    note="Order money: null for callers who may not see it (the warehouse role; see orders.view_own, "
    "orders.view_all, finance.view).",
    allows=lambda actor, _row: may_see_order_money(actor),
)
ORDER_COST = FieldRule(
    code="order_cost",
    note="Null unless the caller sees order money and holds cost.view.",
    allows=lambda actor, _row: may_see_order_money(actor) and can_view_cost(actor),
)
STOCK_NUMBERS = FieldRule(
    code="stock_numbers",
    note="A stock number: null unless the caller holds inventory.view (distributors see bands only).",
    allows=lambda actor, _row: _sees_stock_numbers(actor),
)
WAREHOUSE_DETAILS = FieldRule(
    code="warehouse_details",
    note="Needs inventory.view; an error when asked of one warehouse without it, null in lists.",
    allows=lambda actor, _row: actor.has_scope(scopes.INVENTORY_VIEW),
    strict=True,
)
CUSTOMER_DETAILS = FieldRule(
    code="customer_details",
    note="Only for callers who see this customer (customers.view_all, or customers.view_own as "
    "its owner); an error when asked of one customer, null in lists.",
    allows=_customer_details,
    per_row=True,
    strict=True,
)
CUSTOMER_BILLING = FieldRule(
    code="customer_billing",
    note="For callers who see this customer or see order money (invoicing works from it); an "
    "error when asked of one customer, null in lists.",
    allows=lambda actor, row: may_see_order_money(actor) or _customer_details(actor, row),
    per_row=True,
    strict=True,
)
PERSON_DETAILS = FieldRule(
    code="person_details",
    note="Only for the person themself and holders of users.view_all or users.manage; an error "
    "when asked of one person, null in lists.",
    allows=lambda actor, row: actor.has_scope(scopes.USERS_MANAGE) or _person(actor, row),
    per_row=True,
    strict=True,
)


def _in_list(info: Info | GraphQLResolveInfo) -> bool:
    path: Path | None = info.path
    while path is not None:
        if isinstance(path.key, int):
            return True
        path = path.prev
    return False


def _allowed(rule: FieldRule, info: Info | GraphQLResolveInfo, source: Any) -> bool:
    if rule.per_row:
        return rule.allows(current_actor(info), source)
    # Asked once per request, never kept past it; the answer is looked up before the actor,
    # as this runs for every restricted field of every row of a list.
    answers: dict[str, bool] = info.context.request.__dict__.setdefault(_ANSWERS, {})
    answer = answers.get(rule.code)
    if answer is None:
        answer = answers[rule.code] = rule.allows(current_actor(info), None)
    return answer


def _withhold(rule: FieldRule, info: Info | GraphQLResolveInfo) -> None:
    withheld: dict[str, str] = info.context.request.__dict__.setdefault(_WITHHELD, {})
    withheld.setdefault(f"{info.path.typename}.{info.field_name}", rule.code)
    if rule.strict and not _in_list(info):
        raise Forbidden(_("You are not allowed to see this."), code="forbidden")


class Restricted(FieldExtension):
    """The field resolves only for callers its rule allows; see the module docstring."""

    def __init__(self, rule: FieldRule) -> None:
        self.rule = rule

    def apply(self, field: StrawberryField) -> None:
        if not isinstance(field.type, StrawberryOptional):
            raise TypeError(f"A restricted field must be nullable: {field.python_name}")
        field.description = " ".join(part for part in (field.description, self.rule.note) if part)

    def admits(self, source: Any, info: Info | GraphQLResolveInfo) -> bool:
        """Whether the field resolves for this caller and row; when not, the field is withheld
        (or, strict on one object, an error). Also asked by the plain rows' direct resolvers
        (saas/api/projection_fields.py), with graphql-core's info: both carry the context,
        path and field name read here."""
        if _allowed(self.rule, info, source):
            return True
        _withhold(self.rule, info)
        return False

    def resolve(self, next_: SyncExtensionResolver, source: Any, info: Info, **kwargs: Any) -> Any:
        return next_(source, info, **kwargs) if self.admits(source, info) else None

    async def resolve_async(
        self, next_: AsyncExtensionResolver, source: Any, info: Info, **kwargs: Any
    ) -> Any:
        return await next_(source, info, **kwargs) if self.admits(source, info) else None


def sees(info: Info, rule: FieldRule) -> bool:
    """A rule that is not per row, asked by a resolver that filters rather than nulls (a list of
    a document's expenses, the price changes in its revisions)."""
    return _allowed(rule, info, None)


def restricted(rule: FieldRule) -> list[FieldExtension]:
    """`strawberry.field(extensions=restricted(COST))`: the extension list for one rule."""
    return [Restricted(rule)]


class Withheld(SchemaExtension):
    """Tells the caller which fields came back null by a rule: `extensions.withheld`."""

    def on_operation(self) -> Iterator[None]:
        request = getattr(self.execution_context.context, "request", None)
        if request is not None:
            request.__dict__.pop(_WITHHELD, None)
            request.__dict__.pop(_ANSWERS, None)
        yield

    def get_results(self) -> dict[str, Any]:
        request = getattr(self.execution_context.context, "request", None)
        withheld: dict[str, str] = getattr(request, _WITHHELD, None) or {}
        if not withheld:
            return {}
        return {"withheld": [{"field": field, "rule": rule} for field, rule in sorted(withheld.items())]}
