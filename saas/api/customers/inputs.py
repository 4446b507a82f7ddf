"""GraphQL inputs of customers. The services check lengths, formats and list sizes (at most 20
contacts or addresses per call)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry

from saas.api.customers.enums import CommunicationKind, CustomerKind, CustomerSource
from saas.customers import models


@strawberry.input(name="CustomerContactInput")
class ContactInput:
    name: str
    title: str = ""
    phone: str = ""
    email: str = ""
    is_primary: bool = strawberry.field(default=False, description="The first contact when none is.")


@strawberry.input(name="CustomerContactUpdateInput")
class ContactUpdateInput:
    name: str | None = None
    title: str | None = None
    phone: str | None = None
    email: str | None = None
    is_primary: bool | None = strawberry.field(
        default=None, description="true makes it the primary contact; the primary cannot be set false."
    )


@strawberry.input(name="CustomerAddressInput")
class AddressInput:
    receiver: str
    phone: str
    province: str = strawberry.field(description="浙江省")
    city: str = strawberry.field(description="杭州市")
    detail: str = strawberry.field(description="Street, number, building, room.")
    district: str = strawberry.field(default="", description="西湖区")
    is_default: bool = strawberry.field(default=False, description="The first address when none is.")


@strawberry.input(name="CustomerAddressUpdateInput")
class AddressUpdateInput:
    receiver: str | None = None
    phone: str | None = None
    province: str | None = None
    city: str | None = None
    district: str | None = None
    detail: str | None = None


@strawberry.input
class CustomerCreateInput:
    name: str
    kind: CustomerKind = CustomerKind(models.CustomerKind.COMPANY)
    phone: str = ""
    owner_id: strawberry.ID | None = strawberry.field(
        default=None,
        description="Empty: a rep's new customer is their own; a manager's waits unassigned.",
    )
    level_id: strawberry.ID | None = None
    tag_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    credit_limit: Decimal | None = strawberry.field(
        default=None, description="Managers only. Empty: no limit."
    )
    payment_terms_days: int = strawberry.field(default=0, description="Managers only. 0: cash on delivery.")
    source: CustomerSource = CustomerSource(models.CustomerSource.OTHER)
    notes: str = ""
    invoice_title: str = ""
    taxpayer_id: str = ""
    contacts: list[ContactInput] = strawberry.field(default_factory=list)
    addresses: list[AddressInput] = strawberry.field(default_factory=list)
    allow_duplicate: bool = strawberry.field(
        default=False,
        description="Create it even though a customer with this phone or name exists (see customerDuplicates).",
    )
    idempotency_key: str | None = None


@strawberry.input
class CustomerUpdateInput:
    name: str | None = None
    kind: CustomerKind | None = None
    phone: str | None = None
    level_id: strawberry.ID | None = strawberry.field(default=strawberry.UNSET, description="null clears it.")
    credit_limit: Decimal | None = strawberry.field(
        default=strawberry.UNSET, description="Managers only; null: no limit."
    )
    payment_terms_days: int | None = strawberry.field(default=None, description="Managers only.")
    source: CustomerSource | None = None
    notes: str | None = None
    invoice_title: str | None = None
    taxpayer_id: str | None = None
    allow_duplicate: bool = False


@strawberry.input
class CustomerLevelInput:
    code: str
    name: str
    sort_order: int = 0
    idempotency_key: str | None = None


@strawberry.input
class CustomerLevelUpdateInput:
    code: str | None = None
    name: str | None = None
    sort_order: int | None = None


@strawberry.input
class CommunicationLogInput:
    customer_id: strawberry.ID
    kind: CommunicationKind
    content: str
    happened_at: datetime | None = strawberry.field(default=None, description="Empty: now.")
    next_follow_up: date | None = None
    idempotency_key: str | None = None
