"""The shipments table's list: sorted by its allowed columns across offset pages (a shipment not
yet shipped has no day and sorts last both ways), filtered by ship days and customer (the XLSX download too); a rep sees
the shipments of own orders, a role without shipping or order sight none, and another workspace
none whatever the sort."""

from __future__ import annotations

from datetime import date

import pytest

from saas.shipping.models import Shipment
from tests.fixtures.sales import sales_customer
from tests.fixtures.shipping import Shipping, zto_number
from tests.fixtures.tenants import client_for, graphql
from tests.test_list_exports import rows

SHIPMENTS = """
query($orderBy: ShipmentOrderBy, $filter: ShipmentFilterInput, $offset: Int!) {
  shipments(orderBy: $orderBy, filter: $filter, limit: 2, offset: $offset) {
    totalCount items { number shipDate order { customerName } carrier { code } }
  }
}"""


@pytest.fixture
def shipped(shipping: Shipping) -> dict[str, Shipment]:
    """The rep's order shipped by SF on 12-01, the manager's (another customer) by ZTO on 12-03,
    and a rep's order packed, not shipped."""
    other = sales_customer(owner=shipping.manager, name="宁波经理客户")
    made = {
        "sf": shipping.ship(shipping.order([(shipping.shirt, "2")])),
        "zto": shipping.ship(
            shipping.order([(shipping.shirt, "1")], actor=shipping.manager, customer=other), zto_number()
        ),
        "packed": shipping.pack(shipping.order([(shipping.phone, "1")])),
    }
    Shipment.objects.filter(pk=made["sf"].pk).update(ship_date=date(2026, 12, 1))
    Shipment.objects.filter(pk=made["zto"].pk).update(ship_date=date(2026, 12, 3))
    return made


def _all(client, order_by=None, filter=None) -> list[dict]:
    rows, offset = [], 0
    while True:
        body = graphql(client, SHIPMENTS, {"orderBy": order_by, "filter": filter, "offset": offset})
        page = body["data"]["shipments"]
        rows += page["items"]
        offset += 2
        if offset >= page["totalCount"]:
            return rows


def test_shipments_sort_across_pages_with_unshipped_last(shipping, shipped):
    client = client_for(shipping.room.workspace, shipping.manager)
    up = _all(client, {"field": "SHIP_DATE"})
    assert [r["shipDate"] for r in up] == ["2026-12-01", "2026-12-03", None]
    down = _all(client, {"field": "SHIP_DATE", "direction": "DESC"})
    assert [r["shipDate"] for r in down] == ["2026-12-03", "2026-12-01", None]
    by_customer = [
        r["order"]["customerName"] for r in _all(client, {"field": "CUSTOMER", "direction": "DESC"})
    ]
    assert by_customer == sorted(by_customer, reverse=True) and "宁波经理客户" in by_customer
    by_carrier = [r["carrier"] and r["carrier"]["code"] for r in _all(client, {"field": "CARRIER"})]
    assert by_carrier == ["SF", "ZTO", None]
    numbers = [r["number"] for r in _all(client, {"field": "NUMBER", "direction": "DESC"})]
    assert numbers == sorted(numbers, reverse=True) and len(set(numbers)) == 3
    # Without orderBy: newest first, as before.
    assert [r["number"] for r in _all(client)] == [
        shipped["packed"].number,
        shipped["zto"].number,
        shipped["sf"].number,
    ]


def test_shipments_filter_by_days_and_customer(shipping, shipped):
    client = client_for(shipping.room.workspace, shipping.manager)
    days = _all(client, {"field": "SHIP_DATE"}, {"dateFrom": "2026-12-02", "dateTo": "2026-12-03"})
    assert [r["number"] for r in days] == [shipped["zto"].number]
    assert _all(client, None, {"dateTo": "2026-11-30"}) == []
    mine = _all(client, {"field": "NUMBER"}, {"customerId": str(shipping.selling.customer.pk)})
    assert [r["number"] for r in mine] == sorted([shipped["sf"].number, shipped["packed"].number])
    bad = graphql(client, SHIPMENTS, {"filter": {"customerId": "nope"}, "offset": 0})
    assert bad["data"] is None and bad["errors"][0]["extensions"]["code"] == "id_invalid"


def test_who_sees_which_shipments_sorted(shipping, shipped, beta):
    workspace = shipping.room.workspace
    keeper = _all(client_for(workspace, shipping.keeper), {"field": "WAREHOUSE"})
    assert len(keeper) == 3
    rep = _all(client_for(workspace, shipping.rep), {"field": "SHIP_DATE", "direction": "DESC"})
    assert [r["number"] for r in rep] == [shipped["sf"].number, shipped["packed"].number]
    # The distributor role has neither shipping nor order sight: the list is empty, sorted or not.
    outsider = client_for(workspace, shipping.user("distributor"))
    for order_by in (None, {"field": "CUSTOMER"}):
        body = graphql(outsider, SHIPMENTS, {"orderBy": order_by, "offset": 0})
        assert body["data"]["shipments"] == {"totalCount": 0, "items": []}
    other = client_for(beta, beta.users["manager"])
    body = graphql(
        other,
        SHIPMENTS,
        {"orderBy": {"field": "SHIP_DATE"}, "filter": {"dateFrom": "2026-01-01"}, "offset": 0},
    )
    assert body["data"]["shipments"] == {"totalCount": 0, "items": []}


def test_the_export_holds_what_the_filtered_table_shows(shipping, shipped):
    # The table's 导出 Excel sends its filters: customer and carrier narrow the file as they do the list.
    workspace = shipping.room.workspace
    manager = client_for(workspace, shipping.manager)
    customer = str(shipping.selling.customer.pk)
    numbers = [row[0] for row in rows(manager.get(f"/reports/shipments.xlsx?customer={customer}"))[1:]]
    assert sorted(numbers) == sorted([shipped["sf"].number, shipped["packed"].number])
    carrier = str(shipped["zto"].carrier_id)
    numbers = [row[0] for row in rows(manager.get(f"/reports/shipments.xlsx?carrier={carrier}"))[1:]]
    assert numbers == [shipped["zto"].number]
    # A rep's file, whatever the filter, holds only the shipments of the rep's own orders.
    rep = client_for(workspace, shipping.rep)
    assert [row[0] for row in rows(rep.get(f"/reports/shipments.xlsx?carrier={carrier}"))[1:]] == []
    refused = manager.get("/reports/shipments.xlsx?customer=nope").json()["errors"][0]["code"]
    assert refused == "id_invalid"
