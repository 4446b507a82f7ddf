"""The executor's lane for plain rows (saas/api/projection_executor.py) answers exactly what
graphql-core's own execution answers, for every caller and every shape of query (aliases,
fragments, directives, __typename, nulls where the type forbids them), and it is what answers
the rows' fields."""

from __future__ import annotations

import pytest
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from saas.api.projection import HELD
from saas.api.projection_executor import PlainRowsExecutionContext
from saas.api.schema import schema
from saas.catalog.models import Product
from saas.sales.models import SalesOrderLine
from saas.sales.selectors import order_page
from tests.fixtures.tenants import client_for, graphql

QUERY = """
query($withLines: Boolean!) {
  salesOrders(limit: 10) {
    totalCount
    items {
      __typename id number status money: totalAmount balanceDue orderDate
      ...Who
      shipTo { receiver city }
      lines @include(if: $withLines) {
        __typename qty: quantity quantity unitPrice amount openQuantity
        sku { code name specLabel specValues { name value } }
        warehouse { code }
      }
      again: lines @skip(if: $withLines) { id }
    }
  }
}
fragment Who on SalesOrder { customer { __typename code name } rep { fullName } warehouse { code name } }
"""


@pytest.fixture
def graphql_core_only(monkeypatch):
    """Execution as graphql-core does it, field by field, for the same requests."""

    def off() -> None:
        monkeypatch.setattr(schema, "execution_context_class", StrawberryGraphQLCoreExecutionContext)

    return off


def _ask(client, variables: dict) -> dict:
    """The answer, without the caller's cost bucket (it refills with time)."""
    body = graphql(client, QUERY, variables)
    body.get("extensions", {}).pop("cost", None)
    return body


def _orders(selling) -> None:
    Product.objects.filter(pk=selling.shirt.product_id).update(spec_names=["颜色", "尺码"])
    selling.order([(selling.shirt, "2", "59.5"), (selling.phone, "1")], status="approved", remarks="快")
    selling.order([(selling.shirt, "1")], status="pending_review")
    selling.order([(selling.phone, "1")], actor=selling.manager)


def test_the_lane_answers_what_graphql_core_answers(selling, alpha, graphql_core_only):
    _orders(selling)
    assert schema.execution_context_class is PlainRowsExecutionContext
    callers = {
        "manager": selling.manager,
        "rep": selling.rep,
        "keeper": selling.keeper,  # order money withheld
    }
    asked = [(who, lines) for who in callers for lines in (True, False)]
    lane = {key: _ask(client_for(alpha, callers[key[0]]), {"withLines": key[1]}) for key in asked}
    graphql_core_only()
    for key in asked:
        own = _ask(client_for(alpha, callers[key[0]]), {"withLines": key[1]})
        assert lane[key] == own, key
    manager = lane["manager", True]["data"]["salesOrders"]["items"]
    assert len(manager) == 3 and manager[0]["__typename"] == "SalesOrder"
    assert manager[0]["lines"][0]["qty"] == manager[0]["lines"][0]["quantity"]
    assert (
        "again" not in manager[0] and "lines" not in lane["manager", False]["data"]["salesOrders"]["items"][0]
    )
    keeper = lane["keeper", True]
    assert keeper["data"]["salesOrders"]["items"][0]["money"] is None
    assert {"field": "SalesOrder.totalAmount", "rule": "order_money"} in keeper["extensions"]["withheld"]


def test_the_rows_fields_are_answered_by_the_lane(selling, alpha, monkeypatch):
    """graphql-core's per-field path sees a plain row only for `__typename`, whatever the page."""
    _orders(selling)
    seen: list[str] = []
    real = PlainRowsExecutionContext.execute_field

    def counting(self, parent_type, source, details, path, position):
        if type(source) in HELD:
            seen.append(details[0].node.name.value)
        return real(self, parent_type, source, details, path, position)

    monkeypatch.setattr(PlainRowsExecutionContext, "execute_field", counting)
    body = graphql(client_for(alpha, selling.manager), QUERY, {"withLines": True})
    assert "errors" not in body and len(body["data"]["salesOrders"]["items"]) == 3
    assert set(seen) == {"__typename"}


def test_a_null_the_type_forbids_is_graphql_cores_error(selling, alpha, graphql_core_only, monkeypatch):
    """A value the lane cannot answer goes to graphql-core's path, which reports it at its place
    and nulls what the spec says it nulls (here up to the list: every level is non-null)."""
    _orders(selling)
    real = order_page._line
    first = SalesOrderLine.objects.order_by("-order_id", "line_no").first()  # items.0.lines.0

    def broken(data):
        line = real(data)
        if line.id == first.pk:
            line.__dict__["quantity"] = None  # `quantity: Decimal!`
        return line

    monkeypatch.setattr(order_page, "_line", broken)
    client = client_for(alpha, selling.manager)
    lane = _ask(client, {"withLines": True})
    graphql_core_only()
    assert lane == _ask(client, {"withLines": True})
    assert [error["path"] for error in lane["errors"]] == [["salesOrders", "items", 0, "lines", 0, "qty"]]
