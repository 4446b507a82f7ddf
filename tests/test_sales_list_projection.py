"""The salesOrders list served as plain rows in one statement: the same answer as the model
path, field for field; five statements per request whatever the page; visibility and money rules
as before; anything the rows do not carry falls back to the model path."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from strawberry_django.fields.field import StrawberryDjangoField

from saas.api.projection import HELD
from saas.catalog.models import Product
from tests.fixtures.tenants import client_for, graphql

FIELDS = """
  id number status currency orderDate requestedDate deliveryMethod contactName contactPhone remarks
  creditHold revision cancelReason createdAt submittedAt approvedAt shippedAt completedAt updatedAt
  quotationId goodsAmount discountAmount totalAmount taxAmount expenseAmount receivedAmount
  returnedAmount invoicedAmount balanceDue __typename
  shipTo { receiver phone province city district detail }
  customer { id code name } rep { id fullName } warehouse { id code name }
  lines {
    id lineNo unitName unitFactor quantity baseQuantity reservedQuantity shippedQuantity
    returnedQuantity remark openQuantity unitPrice discountRate taxRate amount discountAmount
    taxAmount costAmount
    sku { id code barcode name specLabel specValues { name value } } warehouse { id code name }
  }
"""


LAST: list = []


def _list(client, extra: str = "", variables: dict | None = None) -> tuple[dict, int]:
    query = (
        "query($filter: SalesOrderFilter, $limit: Int, $offset: Int) { salesOrders(filter: $filter, "
        f"limit: $limit, offset: $offset) {{ totalCount pageInfo {{ hasNextPage endCursor }} items {{ {FIELDS} {extra} }} }} }}"
    )
    with CaptureQueriesContext(connection) as queries:
        body = graphql(client, query, variables or {"limit": 10})
    assert "errors" not in body, body
    LAST[:] = queries.captured_queries
    return body, len(queries)


def _orders(selling) -> None:
    Product.objects.filter(pk=selling.shirt.product_id).update(spec_names=["颜色", "尺码"])
    selling.order([(selling.shirt, "2", "59.5"), (selling.phone, "1")], status="approved", remarks="快")
    selling.order([(selling.shirt, "1")], status="pending_review")
    selling.order([(selling.shirt, "3")], status="shipped")
    selling.order([(selling.phone, "1")], actor=selling.manager)  # the manager's own: not the rep's


def test_plain_rows_answer_exactly_what_the_models_answer(selling, alpha):
    _orders(selling)
    for role in ("manager", "sales", "warehouse"):
        client = client_for(alpha, alpha.users[role])
        _list(client)  # a worker that has seen the host already (tenants/routing.py)
        fast, statements = _list(client)
        fast_sql = [q["sql"][:120] for q in LAST]
        # events only the model path serves: the same request, the long way round.
        slow, _slow_statements = _list(client, extra="events { toStatus }")
        for item in slow["data"]["salesOrders"]["items"]:
            del item["events"]
        assert fast["data"] == slow["data"], role
        assert fast["extensions"].get("withheld") == slow["extensions"].get("withheld"), role
        # search_path, session, user with scopes, the count, the page with its lines.
        assert statements == 5, (role, fast_sql)


def test_visibility_and_money_rules_hold_on_plain_rows(selling, alpha):
    _orders(selling)
    rep_page = _list(client_for(alpha, selling.rep))[0]["data"]["salesOrders"]
    assert rep_page["totalCount"] == 3 and len(rep_page["items"]) == 3
    assert {item["rep"]["id"] for item in rep_page["items"]} == {str(selling.rep.pk)}
    keeper = _list(client_for(alpha, selling.keeper))[0]
    items = keeper["data"]["salesOrders"]["items"]
    assert {item["status"] for item in items} <= {"PENDING_SHIPMENT", "PARTLY_SHIPPED", "PENDING_SIGNBACK"}
    assert items and all(item["totalAmount"] is None for item in items)
    assert all(line["unitPrice"] is None for item in items for line in item["lines"])
    assert {"field": "SalesOrder.totalAmount", "rule": "order_money"} in keeper["extensions"]["withheld"]


def test_paging_and_counts_on_plain_rows(selling, alpha):
    _orders(selling)
    client = client_for(alpha, selling.manager)
    first, _ = _list(client, variables={"limit": 2, "offset": 0})
    rest, _ = _list(client, variables={"limit": 2, "offset": 2})
    pages = first["data"]["salesOrders"], rest["data"]["salesOrders"]
    assert [p["pageInfo"] for p in pages] == [
        {"hasNextPage": True, "endCursor": None},
        {"hasNextPage": False, "endCursor": None},
    ]
    assert [p["totalCount"] for p in pages] == [4, 4]
    numbers = [i["number"] for p in pages for i in p["items"]]
    assert numbers == sorted(numbers, reverse=True) and len(set(numbers)) == 4
    # No totalCount asked: no count statement (the host is known from the requests above).
    with CaptureQueriesContext(connection) as queries:
        body = graphql(client, "{ salesOrders(limit: 5) { items { id number } } }")
    assert len(body["data"]["salesOrders"]["items"]) == 4
    assert len(queries) == 4


def test_plain_rows_are_answered_without_the_field_machinery(selling, alpha, monkeypatch):
    """Each field of a plain row is read or computed directly (saas/api/projection_fields.py):
    strawberry-django's per-field resolution never sees one, also for a caller whose money
    fields are withheld."""
    _orders(selling)
    seen: list[str] = []
    real = StrawberryDjangoField.get_result

    def counting(self, source, info, args, kwargs):
        if type(source) in HELD:
            seen.append(self.python_name)
        return real(self, source, info, args, kwargs)

    monkeypatch.setattr(StrawberryDjangoField, "get_result", counting)
    for user in (selling.manager, selling.keeper):
        items = _list(client_for(alpha, user))[0]["data"]["salesOrders"]["items"]
        assert items and items[0]["lines"] and items[0]["lines"][0]["sku"]["specLabel"] is not None
    assert seen == []


def _alone(client, items: str) -> tuple[dict, str]:
    """`salesOrders { items { <items> } }` on plain rows, checked against the model path (the same
    request asking for events too); the answer and the page's statement."""
    query = "{ salesOrders(limit: 10) { items { %s %s } } }"
    with CaptureQueriesContext(connection) as queries:
        fast = graphql(client, query % (items, ""))
    # Read before the next request: captured_queries indexes the connection's bounded query log.
    page = next(q["sql"] for q in queries.captured_queries if 'AS "customer_code"' in q["sql"])
    slow = graphql(client, query % (items, "events { toStatus }"))
    for item in slow["data"]["salesOrders"]["items"]:
        del item["events"]
    assert fast["data"] == slow["data"], (items, fast, slow)
    return fast, page


def test_each_line_field_reads_its_own_columns(selling, alpha):
    """The page reads only the line columns the query asks for (LINE_READS), and each field
    asked alone answers what the model path answers, for a caller who sees money and one who
    does not."""
    from saas.api.sales.projection import LINE_READS

    _orders(selling)
    probes = {"cost_amount", "unit_price", "shipped_quantity"}
    for user in (selling.manager, selling.keeper):
        client = client_for(alpha, user)
        for field in [*LINE_READS, "sku { code name specLabel }", "warehouse { code }", "__typename"]:
            _answer, page = _alone(client, f"id lines {{ {field} }}")
            read = {column for column in probes if f'U0."{column}"' in page}
            assert read == set(LINE_READS.get(field, ())) & probes, field
            assert ("'sku_code'" in page) == field.startswith("sku"), field  # a key of the line's JSON


def test_each_order_field_reads_its_own_columns(selling, alpha):
    """The page reads only the order columns the query asks for (ORDER_READS), and each field
    asked alone answers what the model path answers."""
    from saas.api.sales.projection import ORDER_READS

    _orders(selling)
    probes = {"submitted_at", "ship_city", "received_amount", "remarks"}
    for user in (selling.manager, selling.keeper):
        client = client_for(alpha, user)
        scalars = [name for name in ORDER_READS if name != "shipTo"]  # an object: asked below
        for field in [*scalars, "shipTo { city receiver }", "customer { name } rep { fullName }"]:
            _answer, page = _alone(client, field)
            read = {column for column in probes if f'"sales_salesorder"."{column}"' in page}
            assert read == set(ORDER_READS.get(field.split(" ")[0], ())) & probes, (field, read)
