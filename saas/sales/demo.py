"""Demo sales for the demo workspace: orders of the demo reps in every queue (草稿, 待审核, 待采购,
待发货, 部分发货, 待签回, 已完成, 已取消) and a few quotations, made through the ordinary services.

`sales_demo_seed()` runs in the current tenant schema after the demo catalog, stock and
customers exist; it does nothing when the workspace has sales orders already, so `sparrow up`
can call it every time. Without demo customers (customers_demo_seed not run) it makes two
plain customer rows for the reps.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from saas.accounts import scopes
from saas.accounts.models import User
from saas.catalog.models import SKU, Status
from saas.customers.models import Address, Contact, Customer
from saas.inventory.models import StockLevel, Warehouse
from saas.sales import services
from saas.sales.models import SalesOrder
from saas.sales.services import LineInput


@dataclass(frozen=True)
class Cast:
    owner: User
    manager: User
    keeper: User
    reps: list[User]


def _first(role: str) -> User | None:
    return User.objects.filter(roles__code=role, is_active=True).order_by("id").first()


def _cast() -> Cast | None:
    owner = _first(scopes.OWNER)
    if owner is None:
        return None
    reps = list(User.objects.filter(roles__code=scopes.SALES, is_active=True).order_by("id")[:2]) or [owner]
    return Cast(
        owner=owner,
        manager=_first(scopes.MANAGER) or owner,
        keeper=_first(scopes.WAREHOUSE) or owner,
        reps=reps,
    )


def _fallback_customers(cast: Cast) -> None:
    """Two plain customers when the customers demo has not run (made as rows, like fixtures)."""
    for index, (name, city, detail) in enumerate(
        [
            ("杭州演示商贸有限公司", "杭州市", "文三路 90 号"),
            ("广州演示百货有限公司", "广州市", "天河路 208 号"),
        ]
    ):
        rep = cast.reps[index % len(cast.reps)]
        customer = Customer.objects.create(
            code=f"CU-DEMO-{index + 1:03d}", name=name, owner=rep, created_by=cast.owner, phone="400-800-0000"
        )
        Contact.objects.create(customer=customer, name="王采购", phone="13800138000", is_primary=True)
        Address.objects.create(
            customer=customer,
            receiver="王采购",
            phone="13800138000",
            province="浙江省" if index == 0 else "广东省",
            city=city,
            detail=detail,
            is_default=True,
        )


def _customers_of(cast: Cast) -> list[tuple[User, Customer]]:
    pairs = []
    for customer in (
        Customer.objects.filter(is_active=True, owner__isnull=False).select_related("owner").order_by("id")
    ):
        owner = customer.owner
        if owner is not None and owner.has_scope(scopes.ORDERS_EDIT):
            pairs.append((owner, customer))
    return pairs


def _lines(skus: list[SKU], start: int, count: int, quantity: int) -> list[LineInput]:
    return [
        LineInput(sku_id=sku.pk, quantity=str(quantity + i))
        for i, sku in enumerate(skus[start : start + count])
    ]


def sales_demo_seed() -> int:
    """Returns how many orders were made (0 when the workspace has orders already)."""
    if SalesOrder.objects.exists():
        return 0
    cast = _cast()
    warehouse = (
        Warehouse.objects.filter(code="HZ01").first() or Warehouse.objects.filter(is_active=True).first()
    )
    if cast is None or warehouse is None:
        return 0
    in_stock = list(
        SKU.objects.filter(
            status=Status.ACTIVE, stock_levels__warehouse=warehouse, stock_levels__available__gte=8
        ).order_by("id")[:12]
    )
    if len(in_stock) < 6:
        return 0
    with transaction.atomic():
        if not Customer.objects.filter(is_active=True).exists():
            _fallback_customers(cast)
        pairs = _customers_of(cast)
        if not pairs:
            return 0
        made = _seed_orders(cast, warehouse, in_stock, pairs)
        _seed_quotations(in_stock, pairs)
    return made


def _seed_orders(
    cast: Cast, warehouse: Warehouse, skus: list[SKU], pairs: list[tuple[User, Customer]]
) -> int:
    # (queue, first SKU, SKUs per order, quantity of the first line)
    plan = [
        ("draft", 0, 2, 2),
        ("pending_review", 1, 3, 1),
        ("pending_review", 4, 1, 3),
        ("pending_shipment", 2, 2, 2),
        ("pending_shipment", 5, 1, 1),
        ("partly_shipped", 0, 2, 2),
        ("pending_signback", 3, 2, 1),
        ("completed", 1, 1, 2),
        ("completed", 4, 2, 1),
        ("cancelled", 2, 1, 1),
        ("pending_purchase", 0, 1, 0),
    ]
    for index, (queue, start, count, quantity) in enumerate(plan):
        rep, customer = pairs[index % len(pairs)]
        lines = _lines(skus, start, count, quantity)
        if queue == "pending_purchase":  # more than the warehouse holds: waits for goods
            level = StockLevel.objects.get(sku=skus[start], warehouse=warehouse)
            lines = [LineInput(sku_id=skus[start].pk, quantity=str(int(level.available) + 20))]
        order = services.order_create(
            actor=rep,
            customer_id=customer.pk,
            warehouse_id=warehouse.pk,
            lines=lines,
            remarks="演示订单" if queue != "draft" else "演示草稿：客户还在比价",
        )
        _advance(cast, rep, order, queue)
    return len(plan)


def _advance(cast: Cast, rep: User, order: SalesOrder, queue: str) -> None:
    if queue == "draft":
        return
    if queue == "cancelled":
        services.order_cancel(actor=rep, order=order, reason="客户改期，下月再订")
        return
    services.order_submit(actor=rep, order=order)
    if queue == "pending_review":
        return
    services.order_approve(actor=cast.manager, order=order, note="同意发货")
    if queue in ("pending_shipment", "pending_purchase"):
        return
    lines = list(order.lines.order_by("line_no"))
    if queue == "partly_shipped":
        services.order_ship(actor=cast.keeper, order=order, lines=[(lines[0].pk, lines[0].base_quantity)])
        return
    services.order_ship(
        actor=cast.keeper, order=order, lines=[(line.pk, line.base_quantity) for line in lines]
    )
    if queue == "completed":
        services.order_sign_back(actor=cast.keeper, order=order, note="签收单已回")


def _seed_quotations(skus: list[SKU], pairs: list[tuple[User, Customer]]) -> None:
    rep, customer = pairs[0]
    services.quotation_create(
        actor=rep, customer_id=customer.pk, lines=_lines(skus, 0, 3, 50), remarks="批量采购报价，含税含运费"
    )
    sent_rep, sent_customer = pairs[-1]
    sent = services.quotation_create(
        actor=sent_rep,
        customer_id=sent_customer.pk,
        lines=[LineInput(sku_id=skus[1].pk, quantity="100", discount_rate=str(Decimal(5)))],
        remarks="年度框架报价",
    )
    services.quotation_send(actor=sent_rep, quotation=sent)
