"""The finance domain's events: money received from customers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from saas.core.domain_events import DomainEvent, described, domain_event, graphql_id
from saas.finance.models import Receipt


@domain_event("receipt.recorded", object_type="receipt")
@dataclass(frozen=True, kw_only=True)
class ReceiptRecorded(DomainEvent):
    """Money from a customer was recorded (a payment, or a refund paid out)."""

    id: str = described("the receipt's GraphQL id")
    number: str = described("document number, RC-2026-000001")
    kind: str = described("payment or refund")
    method: str = described("bank, cash, wechat, alipay, …")
    customer_id: str = described("the customer's GraphQL id")
    customer_name: str = described("the customer's name")
    owner_id: str = described("the GraphQL id of the rep who owns the customer, empty without one")
    currency: str = described("ISO 4217 code")
    amount: Decimal = described("always positive; `kind` says the direction")
    received_on: date = described("the day the money moved")

    @classmethod
    def of(cls, receipt: Receipt, currency: str) -> ReceiptRecorded:
        customer = receipt.customer
        return cls(
            id=graphql_id(receipt.pk),
            number=receipt.number,
            kind=str(receipt.kind),
            method=str(receipt.method),
            customer_id=graphql_id(customer.pk),
            customer_name=customer.name,
            owner_id=graphql_id(customer.owner_id),
            currency=currency,
            amount=receipt.amount,
            received_on=receipt.received_on,
        )
