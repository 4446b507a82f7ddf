"""The customers domain's events."""

from __future__ import annotations

from dataclasses import dataclass

from saas.core.domain_events import DomainEvent, described, domain_event, graphql_id
from saas.customers.models import Customer


@domain_event("customer.created", object_type="customer")
@dataclass(frozen=True, kw_only=True)
class CustomerCreated(DomainEvent):
    """A customer was added."""

    id: str = described("the customer's GraphQL id")
    code: str = described("customer code, CU-2026-000001")
    name: str = described("the customer's name")
    kind: str = described("company or person")
    phone: str = described("may be empty")
    owner_id: str = described("the GraphQL id of the rep who owns it, empty without one")

    @classmethod
    def of(cls, customer: Customer) -> CustomerCreated:
        return cls(
            id=graphql_id(customer.pk),
            code=customer.code,
            name=customer.name,
            kind=str(customer.kind),
            phone=customer.phone,
            owner_id=graphql_id(customer.owner_id),
        )
