"""The onboarding writes: the sample data set (示例数据), loaded through the domains' own services
and removed again, and putting the checklist away.

What it is: a warehouse 示例仓库 with opening stock, five products and three customers whose
names start with 【示例】 (product and warehouse codes with SAMPLE-), and four orders of those customers
(approved, waiting for review, a draft) by the person who loads it, remarked 示例订单. Every root
row is listed in SampleRecord; the checklist does not count those as the workspace's own.

Removal deletes exactly the sample rows and what hangs off them (order lines, reservations and
the stock movements of the sample documents, stock levels, addresses, SKUs, their status
events), in one transaction, then re-adds the field rollup's days and drops the inbox entries
the sample set caused. What stays, on purpose: the append-only event log (history: partners
may already have read it, its ids are everyone's cursor) and the bookkeeping of its deliveries,
and the document number sequences (numbers are never handed out twice).

Decision: when real data uses a sample row (a real order for a sample customer, a real
movement in the sample warehouse, a sample SKU on a real order), removal refuses with
`sample_in_use`, names what uses it, and removes nothing. Real documents are never deleted
to make room, and keeping half a sample set would leave sample orders pointing at nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.catalog.models import SKU, Product
from saas.catalog.services import product_create
from saas.core.clock import tenant_date
from saas.core.errors import InvalidInput
from saas.core.models import DocumentEvent, LoggedEvent
from saas.customers.models import Customer
from saas.customers.services import AddressInput, ContactInput, customer_create
from saas.fieldsales.rollup import rollup_day
from saas.inventory.models import StockEntry, StockLevel, StockMovement, Warehouse
from saas.inventory.services.entries import EntryLine, stock_entry_create
from saas.inventory.services.warehouses import warehouse_create
from saas.notifications.models import Notification
from saas.onboarding.access import require_workspace_manager
from saas.onboarding.models import OnboardingState, SampleKind, SampleRecord
from saas.sales import services as sales
from saas.sales.models import SalesOrder

PREFIX = "【示例】"
CODE = "SAMPLE-"
MAX_NAMED = 5  # in-use records named in the refusal

PRODUCTS = [  # code, name, unit, list price, cost, opening stock
    ("P01", "保温杯 500ml", "个", "59.00", "28.00", 120),
    ("P02", "帆布购物袋", "个", "19.90", "7.50", 300),
    ("P03", "A5 笔记本", "本", "12.00", "4.80", 500),
    ("P04", "无线鼠标", "个", "89.00", "45.00", 6),
    ("P05", "中性笔（12 支装）", "盒", "24.00", "11.00", 80),
]
CUSTOMERS = [  # name, province, city, detail
    ("杭州晨光文具店", "浙江省", "杭州市", "文三路 90 号"),
    ("上海申城百货", "上海市", "上海市", "南京东路 300 号"),
    ("广州岭南礼品公司", "广东省", "广州市", "天河路 208 号"),
]
ORDERS = [  # customer index, [(product index, quantity)], how far it goes
    (0, [(0, 10), (2, 40)], "approved"),
    (1, [(1, 50), (4, 5)], "approved"),
    (2, [(3, 2)], "submitted"),
    (0, [(2, 20)], "draft"),
]


@dataclass(frozen=True)
class SampleCounts:
    warehouses: int
    products: int
    customers: int
    orders: int


def _state() -> OnboardingState:
    """The one state row, made the first time (callers hold _one_at_a_time, so only once)."""
    return OnboardingState.objects.order_by("id").first() or OnboardingState.objects.create()


def _one_at_a_time() -> None:
    """Loads and removals of the workspace's sample set wait for each other (the lock ends with
    the transaction; the schema's search path makes the key the workspace's)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtextextended('onboarding.sample:' || current_schema(), 0))"
        )


def _remember(kind: str, object_id: int) -> None:
    SampleRecord.objects.create(kind=kind, object_id=object_id)


def sample_data_load(*, actor: Actor) -> SampleCounts:
    """Fill the sample set, once: a second load while it is there is `sample_loaded`."""
    user = require_workspace_manager(actor)
    with transaction.atomic():
        _one_at_a_time()
        if SampleRecord.objects.exists():
            raise InvalidInput(_("The sample data is already loaded."), code="sample_loaded")
        warehouse = warehouse_create(
            actor=user, code=f"{CODE}WH", name=f"{PREFIX}示例仓库", address="示例地址"
        )
        _remember(SampleKind.WAREHOUSE, warehouse.pk)
        skus: list[SKU] = []
        entry_lines = []
        for code, name, unit, price, cost, stock in PRODUCTS:
            product = product_create(
                actor=user,
                code=f"{CODE}{code}",
                name=f"{PREFIX}{name}",
                base_unit=unit,
                list_price=price,
                cost_price=cost,
            ).product
            _remember(SampleKind.PRODUCT, product.pk)
            sku = product.skus.get()
            skus.append(sku)
            entry_lines.append(EntryLine(sku_id=sku.pk, quantity=str(stock), unit_cost=cost))
        entry = stock_entry_create(
            actor=user,
            warehouse_id=warehouse.pk,
            direction="in",
            reason="opening",
            lines=entry_lines,
            note="示例数据：期初库存",
        )
        _remember(SampleKind.STOCK_ENTRY, entry.pk)
        customers = []
        for name, province, city, detail in CUSTOMERS:
            customer = customer_create(
                actor=user,
                name=f"{PREFIX}{name}",
                phone="400-800-0000",
                owner_id=user.pk,
                notes="示例数据，可在首页一键移除",
                contacts=[ContactInput(name="王采购", phone="13800138000", is_primary=True)],
                addresses=[
                    AddressInput(
                        receiver="王采购",
                        phone="13800138000",
                        province=province,
                        city=city,
                        detail=detail,
                        is_default=True,
                    )
                ],
                allow_duplicate=True,
            )
            _remember(SampleKind.CUSTOMER, customer.pk)
            customers.append(customer)
        for customer_index, lines, stage in ORDERS:
            order = sales.order_create(
                actor=user,
                customer_id=customers[customer_index].pk,
                warehouse_id=warehouse.pk,
                lines=[sales.LineInput(sku_id=skus[i].pk, quantity=str(q)) for i, q in lines],
                remarks="示例订单",
            )
            _remember(SampleKind.SALES_ORDER, order.pk)
            if stage != "draft":
                sales.order_submit(actor=user, order=order)
            if stage == "approved" and order.status != "approved":
                order.refresh_from_db()
                if order.status == "pending_review":
                    sales.order_approve(actor=user, order=order, note="示例数据")
    return SampleCounts(warehouses=1, products=len(PRODUCTS), customers=len(CUSTOMERS), orders=len(ORDERS))


def _ids(kind: str) -> list[int]:
    return list(SampleRecord.objects.filter(kind=kind).values_list("object_id", flat=True))


def _in_use(error: ProtectedError) -> InvalidInput:
    names = sorted({str(row) for row in error.protected_objects})
    shown = "、".join(names[:MAX_NAMED]) + ("…" if len(names) > MAX_NAMED else "")
    return InvalidInput(
        _("Real data uses the sample data (%(rows)s), so it was not removed.") % {"rows": shown},
        code="sample_in_use",
    )


def _purge_ledger_rows() -> None:
    """Let this transaction delete stock movements (the ledger's trigger allows it only with
    this setting on: inventory migration 0007); SET LOCAL ends with the transaction."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL sparrow.sample_purge = 'on'")


def sample_data_remove(*, actor: Actor) -> SampleCounts:
    """Remove the sample set completely, or nothing (`sample_in_use`); see the module docstring."""
    require_workspace_manager(actor)
    with transaction.atomic():
        _one_at_a_time()
        orders, entries = _ids(SampleKind.SALES_ORDER), _ids(SampleKind.STOCK_ENTRY)
        warehouses, products = _ids(SampleKind.WAREHOUSE), _ids(SampleKind.PRODUCT)
        customers = _ids(SampleKind.CUSTOMER)
        if not (orders or entries or warehouses or products or customers):
            raise InvalidInput(_("There is no sample data to remove."), code="sample_not_loaded")
        days = {
            tenant_date(moment)
            for moment in SalesOrder.objects.filter(pk__in=orders).values_list("created_at", flat=True)
        }
        events = LoggedEvent.objects.filter(object_type="sales_order", object_id__in=orders).values("id")
        _purge_ledger_rows()
        try:
            with transaction.atomic():
                StockMovement.objects.filter(source_type="sales_order", source_id__in=orders).delete()
                DocumentEvent.objects.filter(doc_type="sales_order", doc_id__in=orders).delete()
                SalesOrder.objects.filter(pk__in=orders).delete()
                StockMovement.objects.filter(source_type="stock_entry", source_id__in=entries).delete()
                StockEntry.objects.filter(pk__in=entries).delete()
                # Levels are derived from the movements just deleted; a real movement still there
                # protects its SKU or warehouse below, and this is rolled back with the rest.
                StockLevel.objects.filter(warehouse_id__in=warehouses).delete()
                StockLevel.objects.filter(sku__product_id__in=products).delete()
                Warehouse.objects.filter(pk__in=warehouses).delete()
                SKU.objects.filter(product_id__in=products).delete()
                Product.objects.filter(pk__in=products).delete()
                Customer.objects.filter(pk__in=customers).delete()
        except ProtectedError as error:
            raise _in_use(error) from None
        Notification.objects.filter(event_id__in=events).delete()
        SampleRecord.objects.all().delete()
        for day in sorted(days):
            rollup_day(day)
    return SampleCounts(
        warehouses=len(warehouses), products=len(products), customers=len(customers), orders=len(orders)
    )


def onboarding_dismiss(*, actor: Actor, dismissed: bool = True) -> OnboardingState:
    """Put the checklist away (or bring it back): the home shows the day's figures instead."""
    user = require_workspace_manager(actor)
    with transaction.atomic():
        _one_at_a_time()
        state = _state()
        state.dismissed_at = timezone.now() if dismissed else None
        state.dismissed_by = user if dismissed else None
        state.save(update_fields=["dismissed_at", "dismissed_by"])
    return state
