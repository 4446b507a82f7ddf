"""GraphQL types of customers: the customer with its owner, level, tags, contacts and addresses;
likely duplicates; the communication log; pages.

People appear as CustomerUser (id and name only): a customer's owner or who logged a call needs
no e-mail address or roles, and the accounts types stay free to change.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import strawberry
import strawberry_django

from saas.accounts.models import User
from saas.api.pagination import Page
from saas.customers import models
from saas.customers.selectors import Duplicate, TagMode

CustomerTagMode = strawberry.enum(TagMode, name="CustomerTagMode")


@strawberry_django.type(User, name="CustomerUser")
class CustomerUserType:
    id: strawberry.ID

    @strawberry_django.field
    def name(self, root: User) -> str:
        return root.full_name


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


@strawberry_django.type(models.Customer, name="Customer")
class CustomerType:
    id: strawberry.ID
    code: str
    name: str
    kind: str = strawberry_django.field(description="company or person.")
    phone: str
    owner: CustomerUserType | None = strawberry_django.field(description="Null: in the pool, unassigned.")
    level: CustomerLevelType | None
    tags: list[CustomerTagType]
    contacts: list[CustomerContactType] = strawberry_django.field(description="The primary contact first.")
    addresses: list[CustomerAddressType] = strawberry_django.field(description="The default address first.")
    credit_limit: Decimal | None = strawberry_django.field(description="Null: no limit.")
    payment_terms_days: int = strawberry_django.field(description="0: cash on delivery.")
    source: str = strawberry_django.field(
        description="referral, walk_in, online, exhibition, cold_call or other."
    )
    notes: str
    invoice_title: str
    taxpayer_id: str
    is_active: bool
    created_at: datetime
    updated_at: datetime


@strawberry_django.type(models.Customer, name="CustomerSummary")
class CustomerSummaryType:
    """A customer as a log entry refers to it: no lists, so a page of entries never fetches them."""

    id: strawberry.ID
    code: str
    name: str
    is_active: bool


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
    customer: CustomerSummaryType
    kind: str = strawberry_django.field(description="call, visit, message or other.")
    content: str
    happened_at: datetime
    next_follow_up: date | None
    actor: CustomerUserType = strawberry_django.field(description="Who talked to the customer.")
    created_at: datetime


@strawberry.type
class CustomerPage(Page[CustomerType]):
    pass


@strawberry.type
class CustomerCommunicationPage(Page[CustomerCommunicationType]):
    pass
