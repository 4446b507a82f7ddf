"""The sales domain's events: orders through their review and returns (catalogue: graphql/EVENTS.md)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from saas.core.domain_events import DomainEvent, described, domain_event, graphql_id
from saas.sales.models import SalesOrder, SalesReturn

ORDER = "sales_order"
RETURN = "return"


@dataclass(frozen=True, kw_only=True)
class OrderFacts(DomainEvent):
    """What every sales-order event carries, so a partner needs no second call."""

    id: str = described("the order's GraphQL id")
    number: str = described("document number, SO-2026-000123")
    status: str = described("the order's status after the change")
    customer_id: str = described("the customer's GraphQL id")
    customer_name: str = described("the customer's name")
    rep_id: str = described("the GraphQL id of the sales rep who owns the order")
    currency: str = described("ISO 4217 code")
    total_amount: Decimal = described("what the customer owes for the goods, tax included")
    order_date: date = described("the order's date in the workspace's time zone")


def order_facts(order: SalesOrder) -> dict[str, Any]:
    return {
        "id": graphql_id(order.pk),
        "number": order.number,
        "status": str(order.status),
        "customer_id": graphql_id(order.customer_id),
        "customer_name": order.customer.name,
        "rep_id": graphql_id(order.rep_id),
        "currency": order.currency,
        "total_amount": order.total_amount,
        "order_date": order.order_date,
    }


@domain_event("sales_order.created", object_type=ORDER)
@dataclass(frozen=True, kw_only=True)
class SalesOrderCreated(OrderFacts):
    """A sales order was created (a draft, or converted from a quotation)."""


@domain_event("sales_order.submitted", object_type=ORDER)
@dataclass(frozen=True, kw_only=True)
class SalesOrderSubmitted(OrderFacts):
    """An order was submitted for review."""

    credit_hold: bool = described("over the customer's credit limit: a manager must approve it")


@domain_event("sales_order.approved", object_type=ORDER)
@dataclass(frozen=True, kw_only=True)
class SalesOrderApproved(OrderFacts):
    """An order was approved (by a reviewer, or at once when the workspace does not review)."""

    note: str = described("the reviewer's note, may be empty")
    automatic: bool = described("approved on submission because review is off")


@domain_event("sales_order.rejected", object_type=ORDER)
@dataclass(frozen=True, kw_only=True)
class SalesOrderRejected(OrderFacts):
    """A reviewer sent an order back to draft, with the reason."""

    note: str = described("why it was rejected")


@domain_event("sales_order.cancelled", object_type=ORDER)
@dataclass(frozen=True, kw_only=True)
class SalesOrderCancelled(OrderFacts):
    """An order was cancelled before shipping; its reserved stock was released."""

    reason: str = described("why it was cancelled")


@domain_event("sales_order.completed", object_type=ORDER)
@dataclass(frozen=True, kw_only=True)
class SalesOrderCompleted(OrderFacts):
    """An order is complete: everything shipped and its signed delivery note is back."""


@dataclass(frozen=True, kw_only=True)
class ReturnFacts(DomainEvent):
    id: str = described("the return's GraphQL id")
    number: str = described("document number, RS-2026-000001")
    status: str = described("the return's status after the change")
    order_id: str = described("the sales order's GraphQL id")
    order_number: str = described("the sales order's number")
    customer_id: str = described("the customer's GraphQL id")
    customer_name: str = described("the customer's name")
    rep_id: str = described("the GraphQL id of the rep who owns the order")
    reason: str = described("damaged, wrong_item, quality, other")
    currency: str = described("ISO 4217 code")
    amount: Decimal = described("the value credited or refunded, tax included")


def return_facts(sales_return: SalesReturn) -> dict[str, Any]:
    order = sales_return.order
    return {
        "id": graphql_id(sales_return.pk),
        "number": sales_return.number,
        "status": str(sales_return.status),
        "order_id": graphql_id(order.pk),
        "order_number": order.number,
        "customer_id": graphql_id(order.customer_id),
        "customer_name": order.customer.name,
        "rep_id": graphql_id(order.rep_id),
        "reason": str(sales_return.reason),
        "currency": order.currency,
        "amount": sales_return.amount,
    }


@domain_event("return.requested", object_type=RETURN)
@dataclass(frozen=True, kw_only=True)
class ReturnRequested(ReturnFacts):
    """A customer return was requested against a shipped order."""


@domain_event("return.approved", object_type=RETURN)
@dataclass(frozen=True, kw_only=True)
class ReturnApproved(ReturnFacts):
    """A return was approved: the customer is credited its amount."""


@domain_event("return.received", object_type=RETURN)
@dataclass(frozen=True, kw_only=True)
class ReturnReceived(ReturnFacts):
    """The returned goods arrived in the warehouse."""
