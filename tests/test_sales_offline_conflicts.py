"""An order taken offline and placed later (salesOrderPlace from the phone's outbox): what no longer
agrees comes back as line problems with stable codes, all at once and with nothing written — a
changed price (the line names the price it was priced from), a discontinued SKU, stock the
workspace will not backorder, a customer the rep no longer sees — and a resend under the same
idempotency key, fixed or lost on the way back, makes one order."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from saas.catalog.models import SKU, Status
from saas.core.errors import InvalidInput, NotFound
from saas.customers.models import Customer
from saas.inventory.models import StockLevel
from saas.sales import services
from saas.sales.models import SalesOrder
from saas.sales.services import LineInput
from tests.fixtures.sales import sales_settings_set
from tests.fixtures.tenants import client_for, graphql

PLACE = """mutation($input: SalesOrderPlaceInput!) {
  salesOrderPlace(input: $input) { salesOrder { id number status } errors { field code message } }
}"""


def _place(selling, lines, key=None, actor=None, customer=None):
    return services.order_place(
        actor=actor or selling.rep,
        customer_id=(customer or selling.customer).pk,
        warehouse_id=selling.room.main.pk,
        lines=lines,
        idempotency_key=key,
    )


def _codes(exc) -> list[tuple[str | None, str]]:
    return [(p.field, p.code) for p in exc.value.problems]


def test_a_changed_price_is_a_line_problem_until_the_rep_confirms_it(selling):
    # Given a phone that priced the shirt at 59 and the phone at 1999, and the shirt now costs 62
    SKU.objects.filter(pk=selling.shirt.pk).update(list_price=Decimal("62.00"))
    lines = [
        LineInput(sku_id=selling.phone.pk, quantity="1", unit_price="1999", expected_price="1999"),
        LineInput(sku_id=selling.shirt.pk, quantity="2", unit_price="59", expected_price="59.00"),
    ]
    orders = SalesOrder.objects.count()
    # When the order arrives, the shirt's line is refused with the price it has now
    with pytest.raises(InvalidInput) as changed:
        _place(selling, lines, key="offline-price-0001")
    assert _codes(changed) == [("lines.1.unit_price", "price_changed")]
    assert "62" in changed.value.problems[0].message
    assert SalesOrder.objects.count() == orders  # nothing written, the key not spent
    # Then the rep confirms the new price and resends under the same key: one order
    lines[1] = LineInput(sku_id=selling.shirt.pk, quantity="2", unit_price="62", expected_price="62")
    order = _place(selling, lines, key="offline-price-0001")
    again = _place(selling, lines, key="offline-price-0001")  # the answer was lost: sent again
    assert again.pk == order.pk
    assert SalesOrder.objects.count() == orders + 1
    assert [Decimal(line.unit_price) for line in order.lines.order_by("id")] == [
        Decimal("1999"),
        Decimal("62"),
    ]


def test_without_an_expected_price_nothing_is_compared(selling):
    SKU.objects.filter(pk=selling.shirt.pk).update(list_price=Decimal("62.00"))
    order = _place(selling, [LineInput(sku_id=selling.shirt.pk, quantity="1", unit_price="59")])
    assert Decimal(order.lines.get().unit_price) == Decimal("59")


def test_a_discontinued_sku_and_short_stock_are_reported_on_their_lines_at_once(selling):
    # Given a workspace that will not backorder, a discontinued phone and 100 shirts in stock
    sales_settings_set(backorders_allowed=False)
    SKU.objects.filter(pk=selling.phone.pk).update(status=Status.ARCHIVED)
    SKU.objects.filter(pk=selling.shirt.pk).update(list_price=Decimal("60.00"))
    orders = SalesOrder.objects.count()
    with pytest.raises(InvalidInput) as inactive:
        _place(
            selling,
            [
                LineInput(sku_id=selling.shirt.pk, quantity="1"),
                LineInput(sku_id=selling.phone.pk, quantity="1"),
            ],
        )
    assert _codes(inactive) == [("lines.1.sku_id", "sku_inactive")]
    # When two lines of shirts ask for 101 together, and one was priced from an old price
    with pytest.raises(InvalidInput) as short:
        _place(
            selling,
            [
                LineInput(sku_id=selling.shirt.pk, quantity="60", expected_price="59"),
                LineInput(sku_id=selling.shirt.pk, quantity="41"),
            ],
        )
    # Then every line says what is wrong with it, in line order, and nothing is written
    assert _codes(short) == [
        ("lines.0.unit_price", "price_changed"),
        ("lines.0.quantity", "stock_short"),
        ("lines.1.quantity", "stock_short"),
    ]
    assert "100" in short.value.problems[1].message
    assert SalesOrder.objects.count() == orders
    assert StockLevel.objects.get(sku=selling.shirt, warehouse=selling.room.main).reserved == 0
    # And what the warehouse has is placed
    order = _place(selling, [LineInput(sku_id=selling.shirt.pk, quantity="100")])
    assert order.status == "pending_review"


def test_backorders_are_allowed_by_default(selling):
    order = _place(selling, [LineInput(sku_id=selling.shirt.pk, quantity="500")], actor=selling.manager)
    assert order.status == "pending_purchase"


def test_a_customer_the_rep_no_longer_sees_is_not_found(selling):
    Customer.objects.filter(pk=selling.customer.pk).update(owner=selling.manager)
    with pytest.raises(NotFound) as gone:
        _place(selling, [LineInput(sku_id=selling.shirt.pk, quantity="1", expected_price="59")])
    assert (gone.value.field, gone.value.code) == ("customer_id", "not_found")


def test_conflicts_over_graphql_are_translated_and_a_lost_answer_makes_one_order(selling, alpha):
    client = client_for(alpha, selling.rep)
    SKU.objects.filter(pk=selling.shirt.pk).update(list_price=Decimal("62.00"))

    def send(price: str, language: str) -> dict:
        type(selling.rep).objects.filter(pk=selling.rep.pk).update(language=language)  # the rep's choice
        with translation.override(language):
            return graphql(
                client,
                PLACE,
                {
                    "input": {
                        "customerId": str(selling.customer.pk),
                        "warehouseId": str(selling.room.main.pk),
                        "lines": [
                            {
                                "skuId": str(selling.shirt.pk),
                                "quantity": "2",
                                "unitPrice": price,
                                "expectedPrice": price,
                            }
                        ],
                        "idempotencyKey": "sales-order:offline-gql-1",
                    }
                },
            )["data"]["salesOrderPlace"]

    english, chinese = send("59", "en"), send("59", "zh-hans")
    assert [(e["field"], e["code"]) for e in english["errors"]] == [("lines.0.unitPrice", "price_changed")]
    assert english["errors"][0]["message"] == "The price has changed: it is now 62 per 件."
    assert chinese["errors"][0]["message"] == "价格已变：现为每件 62。"
    first, retried = send("62", "zh-hans"), send("62", "zh-hans")
    assert first["errors"] == [] and retried["salesOrder"]["id"] == first["salesOrder"]["id"]
    assert SalesOrder.objects.filter(pk=first["salesOrder"]["id"]).count() == 1
