"""GraphQL types of finance: invoices, receipts and refunds, receivables, customer statements,
customer returns and their statistics.

Customers, SKUs, warehouses and people are the one type of each (customers, catalog, inventory,
accounts); orders are sales' one SalesOrder type. Everything here is order money except returns, which the
warehouse also sees (to book goods back in): a return's amounts are null for a viewer without
order money, its costs null without cost.view.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import Enum

import strawberry
import strawberry_django
from strawberry.types import Info

from saas.api.accounts.types import UserType
from saas.api.actions import (
    AVAILABLE_ACTIONS,
    InvoiceActionEnum,
    ReceiptActionEnum,
    SalesReturnActionEnum,
)
from saas.api.catalog.types import SkuType
from saas.api.customers.types import CustomerType
from saas.api.finance.enums import (
    InvoiceKind,
    InvoiceStatus,
    PaymentMethod,
    ReceiptKind,
    ReturnReason,
    ReturnSettlement,
    SalesReturnStatus,
    StatementEntryKind,
)
from saas.api.inventory.types import WarehouseType
from saas.api.pagination import Page
from saas.api.permissions import current_actor
from saas.api.restricted import COST, ORDER_MONEY, restricted
from saas.api.sales.types import SalesOrderType
from saas.api.who import actor_name, person_name
from saas.core.models import DocumentEvent
from saas.finance import models as finance_models
from saas.finance.actions import InvoiceAction, ReceiptAction, invoice_actions, receipt_actions
from saas.finance.selectors.receivables import Receivable, Receivables
from saas.finance.selectors.statements import CustomerStatement, StatementEntry
from saas.sales import models
from saas.sales.actions import ReturnAction, return_actions
from saas.sales.selectors.returns import REASON_LABELS, ReturnStat, ReturnStatistics, attach_return_events

# --- invoices -------------------------------------------------------------------------------


@strawberry_django.type(finance_models.InvoiceOrder, name="InvoiceOrder")
class InvoiceOrderType:
    order: SalesOrderType
    amount: Decimal = strawberry_django.field(description="The part of the invoice for this order.")


@strawberry_django.type(finance_models.Invoice, name="Invoice")
class InvoiceType:
    id: strawberry.ID
    number: str = strawberry_django.field(description="Ours: IV-2026-000001.")
    tax_invoice_number: str = strawberry_django.field(description="The number on the 发票, once issued.")
    kind: InvoiceKind
    status: InvoiceStatus
    customer: CustomerType
    title: str
    taxpayer_id: str
    amount: Decimal = strawberry_django.field(description="Tax included.")
    tax_amount: Decimal
    issue_date: date | None
    note: str
    created_at: datetime

    @strawberry_django.field
    def created_by_name(self, root: finance_models.Invoice) -> str:
        return person_name(root.created_by)

    @strawberry_django.field(description="The orders it covers, with the amount for each.")
    def orders(self, root: finance_models.Invoice) -> list[InvoiceOrderType]:
        return list(root.order_links.all())  # type: ignore[arg-type]

    @strawberry_django.field(description=AVAILABLE_ACTIONS)
    def available_actions(self, root: finance_models.Invoice, info: Info) -> list[InvoiceActionEnum]:  # type: ignore[valid-type]
        return [InvoiceAction(name) for name in invoice_actions(root, current_actor(info))]


# --- receipts -------------------------------------------------------------------------------


@strawberry_django.type(finance_models.ReceiptAllocation, name="ReceiptAllocation")
class ReceiptAllocationType:
    order: SalesOrderType
    amount: Decimal


@strawberry_django.type(finance_models.Receipt, name="Receipt")
class ReceiptType:
    id: strawberry.ID
    number: str
    kind: ReceiptKind
    method: PaymentMethod
    customer: CustomerType
    amount: Decimal = strawberry_django.field(description="Always positive; kind says the direction.")
    unallocated_amount: Decimal = strawberry_django.field(
        description="Of a payment: the prepayment still to allocate. Zero for refunds."
    )
    received_on: date = strawberry_django.field(description="The day the money moved.")
    reference: str
    note: str
    is_void: bool
    created_at: datetime
    updated_at: datetime = strawberry_django.field(
        description="When it last changed (allocated, voided); the receipts list syncs by it."
    )
    allocations: list[ReceiptAllocationType]

    @strawberry_django.field
    def created_by_name(self, root: finance_models.Receipt) -> str:
        return person_name(root.created_by)

    @strawberry_django.field(description=AVAILABLE_ACTIONS)
    def available_actions(self, root: finance_models.Receipt, info: Info) -> list[ReceiptActionEnum]:  # type: ignore[valid-type]
        return [ReceiptAction(name) for name in receipt_actions(root, current_actor(info))]


# --- receivables and statements -------------------------------------------------------------


@strawberry.enum(name="ReceivableGrouping")
class ReceivableGrouping(Enum):
    CUSTOMER = "customer"
    REP = "rep"


@strawberry.type(
    name="Receivable",
    description="What a customer (or a rep's customers) owes: open balances aged from the due date "
    "(first shipment + payment terms, in the workspace's days). Prepayments and overpaid orders "
    "are not aged; net = owed − overpaid − prepayment.",
)
class ReceivableType:
    customer: CustomerType | None
    rep: UserType | None
    order_count: int = strawberry.field(description="Sold orders that still carry a balance.")
    owed: Decimal
    overpaid: Decimal = strawberry.field(description="Received beyond what orders are worth after returns.")
    prepayment: Decimal = strawberry.field(description="Receipts not yet allocated to orders.")
    net: Decimal
    not_due: Decimal = strawberry.field(description="Due today (the due day is still in time) or later.")
    due_0_to_30: Decimal = strawberry.field(description="1–30 days past the due day.")
    due_31_to_60: Decimal
    due_61_to_90: Decimal
    due_over_90: Decimal


def receivable_view(row: Receivable) -> ReceivableType:
    return ReceivableType(
        customer=row.customer,  # type: ignore[arg-type]
        rep=row.rep,  # type: ignore[arg-type]
        order_count=row.order_count,
        owed=row.owed,
        overpaid=row.overpaid,
        prepayment=row.prepayment,
        net=row.net,
        not_due=row.not_due,
        due_0_to_30=row.due_0_to_30,
        due_31_to_60=row.due_31_to_60,
        due_61_to_90=row.due_61_to_90,
        due_over_90=row.due_over_90,
    )


@strawberry.type(name="ReceivablesReport")
class ReceivablesReportType:
    today: date = strawberry.field(description="The workspace's today, the day ages are counted to.")
    total: ReceivableType
    total_count: int
    items: list[ReceivableType]


def receivables_view(report: Receivables, offset: int, limit: int) -> ReceivablesReportType:
    return ReceivablesReportType(
        today=report.today,
        total=receivable_view(report.total),
        total_count=len(report.rows),
        items=[receivable_view(row) for row in report.rows[offset : offset + limit]],
    )


@strawberry.type(name="StatementEntry")
class StatementEntryType:
    day: date = strawberry.field(name="date", description="In the workspace's time zone.")
    kind: StatementEntryKind
    document_id: strawberry.ID
    number: str
    amount: Decimal = strawberry.field(description="The document's own amount.")
    debit: Decimal = strawberry.field(description="Raises what the customer owes.")
    credit: Decimal = strawberry.field(description="Lowers what the customer owes.")
    balance: Decimal = strawberry.field(description="Running balance after this entry.")


@strawberry.type(name="CustomerStatement")
class CustomerStatementType:
    customer: CustomerType
    date_from: date | None
    date_to: date | None
    opening_balance: Decimal
    closing_balance: Decimal
    entries: list[StatementEntryType]


def _entry_view(entry: StatementEntry) -> StatementEntryType:
    return StatementEntryType(
        day=entry.day,
        kind=StatementEntryKind(entry.kind),
        document_id=strawberry.ID(str(entry.document_id)),
        number=entry.number,
        amount=entry.amount,
        debit=entry.debit,
        credit=entry.credit,
        balance=entry.balance,
    )


def statement_view(statement: CustomerStatement) -> CustomerStatementType:
    return CustomerStatementType(
        customer=statement.customer,  # type: ignore[arg-type]
        date_from=statement.date_from,
        date_to=statement.date_to,
        opening_balance=statement.opening_balance,
        closing_balance=statement.closing_balance,
        entries=[_entry_view(entry) for entry in statement.entries],
    )


# --- returns --------------------------------------------------------------------------------


@strawberry_django.type(models.SalesReturnLine, name="SalesReturnLine")
class SalesReturnLineType:
    id: strawberry.ID
    quantity: Decimal = strawberry_django.field(description="Base units.")

    @strawberry_django.field
    def order_line_id(self, root: models.SalesReturnLine) -> strawberry.ID:
        return strawberry.ID(str(root.order_line_id))

    @strawberry_django.field
    def sku(self, root: models.SalesReturnLine) -> SkuType:
        return root.order_line.sku  # type: ignore[return-value]

    @strawberry_django.field(
        description="The order line's price for this quantity, tax included.",
        extensions=restricted(ORDER_MONEY),
    )
    def amount(self, root: models.SalesReturnLine) -> Decimal | None:
        return root.amount

    @strawberry_django.field(
        description="Shipped unit cost it re-enters stock at.", extensions=restricted(COST)
    )
    def unit_cost(self, root: models.SalesReturnLine) -> Decimal | None:
        return root.unit_cost


@strawberry.type(name="SalesReturnEvent", description="One status change: who, when, from, to, why.")
class SalesReturnEventType:
    from_status: SalesReturnStatus | None = strawberry.field(description="Null: the return was requested.")
    to_status: SalesReturnStatus
    note: str
    created_at: datetime
    actor_name: str | None


def _event_view(event: DocumentEvent) -> SalesReturnEventType:
    return SalesReturnEventType(
        from_status=SalesReturnStatus(event.from_status) if event.from_status else None,
        to_status=SalesReturnStatus(event.to_status),
        note=event.note,
        created_at=event.created_at,
        actor_name=actor_name(event.actor, event.actor_label, event.actor_kind),
    )


@strawberry_django.type(models.SalesReturn, name="SalesReturn")
class SalesReturnType:
    id: strawberry.ID
    number: str
    status: SalesReturnStatus
    reason: ReturnReason
    reason_note: str
    settlement: ReturnSettlement
    warehouse: WarehouseType
    return_date: date
    created_at: datetime
    received_at: datetime | None
    lines: list[SalesReturnLineType]

    @strawberry_django.field
    def reason_label(self, root: models.SalesReturn) -> str:
        return str(REASON_LABELS.get(root.reason, root.reason))

    @strawberry_django.field
    def order_id(self, root: models.SalesReturn) -> strawberry.ID:
        return strawberry.ID(str(root.order_id))

    @strawberry_django.field
    def order_number(self, root: models.SalesReturn) -> str:
        return root.order.number

    @strawberry_django.field
    def customer(self, root: models.SalesReturn) -> CustomerType:
        return root.order.customer  # type: ignore[return-value]

    @strawberry_django.field
    def created_by_name(self, root: models.SalesReturn) -> str:
        return person_name(root.created_by)

    @strawberry_django.field(
        description="What is returned, tax included.", extensions=restricted(ORDER_MONEY)
    )
    def amount(self, root: models.SalesReturn) -> Decimal | None:
        return root.amount

    @strawberry_django.field(description="At the shipped cost.", extensions=restricted(COST))
    def cost_amount(self, root: models.SalesReturn) -> Decimal | None:
        return root.cost_amount

    @strawberry_django.field(description="Status history, oldest first.")
    def events(self, root: models.SalesReturn) -> list[SalesReturnEventType]:
        events = getattr(root, "events", None)
        if events is None:  # not attached by the query: this return alone
            attach_return_events([root])
            events = root.events  # type: ignore[attr-defined]
        return [_event_view(event) for event in events]

    @strawberry_django.field(description=AVAILABLE_ACTIONS)
    def available_actions(self, root: models.SalesReturn, info: Info) -> list[SalesReturnActionEnum]:  # type: ignore[valid-type]
        return [ReturnAction(name) for name in return_actions(root, current_actor(info))]


@strawberry.type(name="ReturnStat")
class ReturnStatType:
    key: str = strawberry.field(description="The reason code, or the product's or customer's id.")
    code: str
    name: str
    count: int = strawberry.field(description="Returns.")
    quantity: Decimal = strawberry.field(description="Base units.")
    amount: Decimal


@strawberry.type(name="ReturnStatistics")
class ReturnStatisticsType:
    date_from: date
    date_to: date
    total: ReturnStatType
    by_reason: list[ReturnStatType]
    by_product: list[ReturnStatType]
    by_customer: list[ReturnStatType]


def _stat_view(stat: ReturnStat) -> ReturnStatType:
    return ReturnStatType(
        key=stat.key,
        code=stat.code,
        name=stat.name,
        count=stat.count,
        quantity=stat.quantity,
        amount=stat.amount,
    )


def statistics_view(stats: ReturnStatistics) -> ReturnStatisticsType:
    return ReturnStatisticsType(
        date_from=stats.date_from,
        date_to=stats.date_to,
        total=_stat_view(stats.total),
        by_reason=[_stat_view(s) for s in stats.by_reason],
        by_product=[_stat_view(s) for s in stats.by_product],
        by_customer=[_stat_view(s) for s in stats.by_customer],
    )


# --- pages ----------------------------------------------------------------------------------


@strawberry.type
class InvoicePage(Page[InvoiceType]):
    pass


@strawberry.type
class ReceiptPage(Page[ReceiptType]):
    pass


@strawberry.type
class SalesReturnPage(Page[SalesReturnType]):
    pass
