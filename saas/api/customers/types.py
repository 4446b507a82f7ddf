"""GraphQL types of customers: the customer with its owner, level, tags, contacts and addresses;
likely duplicates; the communication log; pages.

People are the one `User` type (accounts): everyone who reaches a customer sees its owner's name;
the account's details follow that type's own rule. A customer reached through another document
(an order, an invoice) shows its reference fields to anyone; its details only to those who see
the customer (saas/api/restricted.py).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry
import strawberry_django

from saas.api.accounts.types import UserType
from saas.api.customers.enums import CommunicationKind, CustomerKind, CustomerSource
from saas.api.pagination import Page
from saas.api.restricted import CUSTOMER_BILLING, CUSTOMER_DETAILS, restricted
from saas.api.who import actor_name as name_of_actor
from saas.customers import models
from saas.customers.selectors import Duplicate, TagMode

CustomerTagMode = strawberry.enum(TagMode, name="CustomerTagMode")


@strawberry_django.type(models.CustomerLevel, name="CustomerLevel")
class CustomerLevelType:
    id: strawberry.ID
    code: str
    name: str
    sort_order: int


@strawberry_django.type(models.CustomerTag, name="CustomerTag")
class CustomerTagType:
    id: strawberry.ID
    name: str
    color: str = strawberry_django.field(description='"#e34d59", or empty for the default colour.')


@strawberry_django.type(models.Contact, name="CustomerContact")
class CustomerContactType:
    id: strawberry.ID
    name: str
    title: str
    phone: str
    email: str
    is_primary: bool


@strawberry_django.type(models.Address, name="CustomerAddress")
class CustomerAddressType:
    id: strawberry.ID
    receiver: str
    phone: str
    province: str
    city: str
    district: str
    detail: str
    is_default: bool

    @strawberry_django.field(description="Province, city, district and detail in one line.")
    def full_address(self, root: models.Address) -> str:
        return str(root)


@strawberry_django.type(
    models.Customer,
    name="Customer",
    description="A customer (客户): a company or person we sell to. The one customer type: orders, "
    "invoices and statements show it too, with its details only for those who see the customer.",
)
class CustomerType:
    id: strawberry.ID
    code: str
    name: str
    kind: CustomerKind
    phone: str
    owner: UserType | None = strawberry_django.field(
        description="The rep who owns it; null: in the pool, unassigned.",
        extensions=restricted(CUSTOMER_DETAILS),
    )
    level: CustomerLevelType | None = strawberry_django.field(
        description="Its customer level (客户等级); null when none.", extensions=restricted(CUSTOMER_DETAILS)
    )
    tags: list[CustomerTagType] | None = strawberry_django.field(
        description="Its tags.", extensions=restricted(CUSTOMER_DETAILS)
    )
    contacts: list[CustomerContactType] | None = strawberry_django.field(
        description="The primary contact first.", extensions=restricted(CUSTOMER_DETAILS)
    )
    addresses: list[CustomerAddressType] | None = strawberry_django.field(
        description="The default address first.", extensions=restricted(CUSTOMER_DETAILS)
    )
    credit_limit: Decimal | None = strawberry_django.field(
        description="Most the customer may owe, in the workspace currency; null: no limit.",
        extensions=restricted(CUSTOMER_DETAILS),
    )
    payment_terms_days: int | None = strawberry_django.field(
        description="Days after shipment payment is due; 0: cash on delivery.",
        extensions=restricted(CUSTOMER_BILLING),
    )
    source: CustomerSource
    notes: str | None = strawberry_django.field(
        description="Free notes about the customer.", extensions=restricted(CUSTOMER_DETAILS)
    )
    invoice_title: str | None = strawberry_django.field(
        description="The title (抬头) printed on its invoices.", extensions=restricted(CUSTOMER_BILLING)
    )
    taxpayer_id: str | None = strawberry_django.field(
        description="Its taxpayer id (纳税人识别号), for special invoices.",
        extensions=restricted(CUSTOMER_BILLING),
    )
    is_active: bool
    created_at: datetime
    updated_at: datetime


@strawberry.type(name="CustomerDuplicate", description="An existing customer like the one being entered.")
class CustomerDuplicateType:
    customer: CustomerType | None = strawberry.field(
        description="Null when it is not among the customers you may see (a colleague's)."
    )
    matched_on: list[str] = strawberry.field(description="phone, contact_phone, name and/or similar_name.")
    similarity: float = strawberry.field(description="How alike the names are, 0 to 1.")
    blocking: bool = strawberry.field(
        description="customerCreate refuses the new customer unless allowDuplicate is true."
    )


def duplicate_view(duplicate: Duplicate) -> CustomerDuplicateType:
    return CustomerDuplicateType(
        customer=duplicate.customer,  # type: ignore[arg-type]
        matched_on=duplicate.reasons,
        similarity=duplicate.similarity,
        blocking=duplicate.blocking,
    )


@strawberry_django.type(models.CommunicationLog, name="CustomerCommunication")
class CustomerCommunicationType:
    id: strawberry.ID
    customer: CustomerType
    kind: CommunicationKind
    content: str
    happened_at: datetime
    next_follow_up: date | None
    actor: UserType | None = strawberry_django.field(
        description="Who talked to the customer; null when a partner key or a job logged it (see actorName)."
    )
    created_at: datetime

    @strawberry_django.field(
        description="Who logged it: the person's name, the key's name or the job's reason, as it was."
    )
    def actor_name(self, root: models.CommunicationLog) -> str:
        return name_of_actor(root.actor, root.actor_label, root.actor_kind) or ""


@strawberry.type
class CustomerPage(Page[CustomerType]):
    pass


@strawberry.type
class CustomerCommunicationPage(Page[CustomerCommunicationType]):
    pass
