"""Partner sync: a typical change of each synced list moves its row into `updatedSince`.

Every row is first aged to 2020, so a sync from 2021 finds nothing; then one ordinary change
through the services (approving an order, receiving stock, recording a receipt, changing a
price…) must bring exactly the changed rows back. The writes that bypass `auto_now` (`update()`,
`F()`, `bulk_update`, `save(update_fields=…)`) are the ones these tests exist for.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from django.db.models import Model

from saas.catalog import services as catalog
from saas.catalog.drafts import SpecDraft
from saas.catalog.models import SKU, Product
from saas.customers.models import Customer
from saas.customers.services.details import address_add
from saas.customers.services.inputs import AddressInput
from saas.customers.services.taxonomy import customer_tag_create, customer_tags_set
from saas.finance.models import Receipt
from saas.finance.services import receipts
from saas.finance.services.receivables import OrderAmount
from saas.inventory.models import StockLevel
from saas.sales import services as sales
from saas.sales.models import SalesOrder
from saas.shipping import services as shipping_services
from saas.shipping.models import Shipment
from tests.fixtures.catalog import make_product
from tests.fixtures.customers import make_customer
from tests.fixtures.shipping import sf_number
from tests.fixtures.tenants import client_for, graphql

OLD = datetime(2020, 1, 1, tzinfo=UTC)
SINCE = "2021-01-01T00:00:00+00:00"


def age(*models: type[Model]) -> None:
    """Every row of these tables last changed in 2020, as if written long before the sync."""
    for model in models:
        model.objects.update(updated_at=OLD)  # type: ignore[attr-defined]


def synced(workspace, user, list_name: str, args: str = "", field: str = "id") -> list[str]:
    """The `field` of every row a sync of `list_name` from 2021 returns, all pages."""
    client = client_for(workspace, user)
    query = (
        f"query($since: DateTime, $after: String) {{ {list_name}(updatedSince: $since, after: $after, "
        f"first: 2{args}) {{ items {{ {field} }} pageInfo {{ endCursor hasNextPage }} }} }}"
    )
    found: list[str] = []
    after = None
    for _page in range(20):
        result = graphql(client, query, {"since": SINCE, "after": after})
        assert "errors" not in result, result
        page = result["data"][list_name]
        found += [row[field] for row in page["items"]]
        if not page["pageInfo"]["hasNextPage"]:
            return found
        after = page["pageInfo"]["endCursor"]
    raise AssertionError("the sync never ended")


def test_changing_a_sku_price_moves_the_sku_and_its_product(in_alpha):
    manager = in_alpha.users["manager"]
    product = make_product(manager, code="SYNC-1", specs=[SpecDraft("尺码", ["M", "L"])])
    make_product(manager, code="SYNC-2")
    age(Product, SKU)
    assert synced(in_alpha, manager, "products") == []
    sku = product.skus.order_by("id").first()
    catalog.sku_update(actor=manager, sku_id=sku.pk, list_price=Decimal("88.00"))
    assert synced(in_alpha, manager, "products", field="code") == ["SYNC-1"]
    assert synced(in_alpha, manager, "skus", field="code") == [sku.code]


def test_renaming_a_product_moves_its_skus_too(in_alpha):
    """SKUs carry their product's words (bulk_update of their search text)."""
    manager = in_alpha.users["manager"]
    product = make_product(manager, code="SYNC-3", specs=[SpecDraft("尺码", ["M", "L"])])
    age(Product, SKU)
    catalog.product_update(actor=manager, product_id=product.pk, name="新名字")
    assert synced(in_alpha, manager, "products", field="code") == ["SYNC-3"]
    assert sorted(synced(in_alpha, manager, "skus", field="code")) == sorted(
        product.skus.values_list("code", flat=True)
    )


def test_a_new_address_or_tag_moves_the_customer(crm):
    alpha, manager = crm.workspace, crm.manager
    first = make_customer("第一客户", owner=crm.rep)
    second = make_customer("第二客户", owner=crm.rep)
    age(Customer)
    address_add(
        actor=manager,
        customer_id=first.pk,
        address=AddressInput(receiver="王", phone="13800138000", province="浙江", city="杭州", detail="1 号"),
    )
    assert synced(alpha, manager, "customers", field="code") == [first.code]
    tag = customer_tag_create(actor=manager, name="重点")
    customer_tags_set(actor=manager, customer_id=second.pk, tag_ids=[tag.pk])
    assert synced(alpha, manager, "customers", field="code") == [first.code, second.code]


def test_a_rep_syncs_only_own_customers(crm):
    alpha = crm.workspace
    mine = make_customer("我的客户", owner=crm.rep)
    make_customer("别人的客户", owner=crm.rep2)
    assert synced(alpha, crm.rep, "customers", field="code") == [mine.code]


def test_approving_an_order_moves_it_and_a_rep_syncs_only_own_orders(selling):
    alpha = selling.room.workspace
    order = selling.order([(selling.shirt, "2")], status="pending_review")
    other_rep_order = selling.order([(selling.shirt, "1")], actor=selling.manager)
    age(SalesOrder)
    assert synced(alpha, selling.manager, "salesOrders") == []
    sales.order_approve(actor=selling.manager, order=order)
    assert synced(alpha, selling.manager, "salesOrders", field="number") == [order.number]
    sales.order_submit(actor=selling.manager, order=other_rep_order)
    assert synced(alpha, selling.rep, "salesOrders", field="number") == [order.number]
    assert synced(alpha, selling.manager, "salesOrders", field="number") == [
        order.number,
        other_rep_order.number,
    ]


def test_money_received_moves_the_order(books):
    alpha = books.selling.room.workspace
    order = books.shipped([(books.shirt, "1")])
    age(SalesOrder)
    books.pay(books.customer, "59.00", [(order, "59.00")])  # received_amount = F() + amount
    assert synced(alpha, books.finance, "salesOrders", field="number") == [order.number]


def test_shipping_and_a_tracking_fix_move_the_shipment(shipping):
    alpha = shipping.room.workspace
    packed = shipping.pack(shipping.order([(shipping.shirt, "1")]))
    other = shipping.ship(shipping.order([(shipping.shirt, "1")]))
    age(Shipment)
    shipping_services.shipment_ship(actor=shipping.keeper, shipment_id=packed.pk, tracking_number=sf_number())
    assert synced(alpha, shipping.keeper, "shipments", field="number") == [packed.number]
    shipping_services.shipment_tracking_update(
        actor=shipping.keeper, shipment_id=other.pk, tracking_number=sf_number()
    )
    assert synced(alpha, shipping.keeper, "shipments", field="number") == [packed.number, other.number]


def test_receiving_stock_moves_the_level(stockroom):
    alpha = stockroom.workspace
    stockroom.receive(stockroom.shirt, "10", "20")
    stockroom.receive(stockroom.phone, "5", "900")
    age(StockLevel)
    assert synced(alpha, stockroom.keeper, "stockLevels") == []
    stockroom.receive(stockroom.shirt, "3", "20")  # bulk_update of the locked levels
    level = StockLevel.objects.get(sku=stockroom.shirt, warehouse=stockroom.main)
    assert synced(alpha, stockroom.keeper, "stockLevels") == [str(level.pk)]


def test_recording_and_allocating_a_receipt_move_it(books):
    alpha = books.selling.room.workspace
    order = books.shipped([(books.shirt, "1")])
    prepayment = books.pay(books.customer, "100.00")
    age(Receipt)
    assert synced(alpha, books.finance, "receipts") == []
    recorded = books.pay(books.customer, "5.00")
    assert synced(alpha, books.finance, "receipts", field="number") == [recorded.number]
    receipts.receipt_allocate(
        actor=books.finance, receipt_id=prepayment.pk, allocations=[OrderAmount(order.pk, "59.00")]
    )  # unallocated_amount = F() - total
    assert synced(alpha, books.finance, "receipts", field="number") == [recorded.number, prepayment.number]
