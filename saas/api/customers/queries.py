"""Queries: customers, customer, customerDuplicates, customerTags, customerLevels,
customerCommunications."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, cast

import strawberry
from strawberry.types import Info

from saas.api.choices import model_value
from saas.api.customers.enums import CommunicationKind
from saas.api.customers.projection import CUSTOMER_ROWS
from saas.api.customers.types import (
    CustomerCommunicationPage,
    CustomerCommunicationType,
    CustomerDuplicateType,
    CustomerLevelType,
    CustomerPage,
    CustomerTagMode,
    CustomerTagType,
    CustomerType,
    duplicate_view,
)
from saas.api.pagination import After, First, UpdatedSince, page_window
from saas.api.permissions import current_actor
from saas.api.projection import fetcher
from saas.api.sorting import SortDirection, sort_key
from saas.customers import selectors
from saas.customers.selectors import TagMode


@strawberry.enum(description="The columns the customer list sorts by.")
class CustomerSortField(Enum):
    CODE = strawberry.enum_value("code", description="Customer code.")
    NAME = strawberry.enum_value("name", description="Name.")
    OWNER = strawberry.enum_value("owner", description="The owning rep's name.")
    LEVEL = strawberry.enum_value("level", description="Customer level, in the levels' order.")
    CREATED_AT = strawberry.enum_value("created_at", description="When it was added.")


@strawberry.input(description="Sort the customer list by one column (then by id); offset pages only.")
class CustomerOrderBy:
    field: CustomerSortField = strawberry.field(description="The column.")
    direction: SortDirection = strawberry.field(default=SortDirection.ASC, description="Which way.")


@strawberry.type
class CustomersQueries:
    @strawberry.field(
        description="Customers you may see, newest first. search matches name, pinyin, initials, "
        "code and phone (also of contacts); tagIds with tagMode ANY (any of them) or ALL (every one)."
    )
    def customers(
        self,
        info: Info,
        search: str = "",
        tag_ids: list[strawberry.ID] | None = None,
        tag_mode: CustomerTagMode = TagMode.ANY,  # type: ignore[valid-type]
        level_id: strawberry.ID | None = None,
        owner_id: strawberry.ID | None = None,
        unassigned: Annotated[
            bool | None, strawberry.argument(description="true: only customers without an owner (the pool).")
        ] = None,
        active: bool | None = None,
        order_by: Annotated[
            CustomerOrderBy | None,
            strawberry.argument(description="A column to sort by; cursor paging keeps (updatedAt, id)."),
        ] = None,
        limit: int = 50,
        offset: int = 0,
        updated_since: UpdatedSince = None,
        after: After = None,
        first: First = None,
    ) -> CustomerPage:
        sort, descending = sort_key(order_by)
        queryset = selectors.customer_list(
            sort=sort,
            descending=descending,
            actor=current_actor(info),
            search=search[:100],
            tag_ids=list(tag_ids or []),
            tag_mode=str(tag_mode),
            level_id=level_id,
            owner_id=owner_id,
            unassigned=unassigned,
            active=active,
        )
        window = page_window(
            info,
            queryset,
            list_name="customers",
            limit=limit,
            offset=offset,
            first=first,
            after=after,
            updated_since=updated_since,
            fetch=fetcher(info, CUSTOMER_ROWS),
        )
        return CustomerPage(
            total_count=window.total_count,
            items=cast(list[CustomerType], window.rows),
            page_info=window.page_info,
        )

    @strawberry.field(description="One customer with contacts, addresses and tags.")
    def customer(self, info: Info, id: strawberry.ID) -> CustomerType:
        return cast(CustomerType, selectors.customer_get(actor=current_actor(info), customer_id=id))

    @strawberry.field(
        description="Existing customers with this phone (as customer or contact phone) or a same or "
        "similar name, across the whole workspace; those you may not see come without details."
    )
    def customer_duplicates(self, info: Info, name: str = "", phone: str = "") -> list[CustomerDuplicateType]:
        found = selectors.customer_duplicates(actor=current_actor(info), name=name, phone=phone)
        return [duplicate_view(duplicate) for duplicate in found]

    @strawberry.field
    def customer_tags(self, info: Info) -> list[CustomerTagType]:
        return cast(list[CustomerTagType], list(selectors.customer_tag_list(actor=current_actor(info))))

    @strawberry.field
    def customer_levels(self, info: Info) -> list[CustomerLevelType]:
        return cast(list[CustomerLevelType], list(selectors.customer_level_list(actor=current_actor(info))))

    @strawberry.field(
        description="Calls, visits and messages, newest first; of one customer or of all yours."
    )
    def customer_communications(
        self,
        info: Info,
        customer_id: strawberry.ID | None = None,
        kind: CommunicationKind | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> CustomerCommunicationPage:
        page = selectors.communication_page(
            actor=current_actor(info),
            customer_id=customer_id,
            kind=model_value(kind),
            limit=limit,
            offset=offset,
        )
        return CustomerCommunicationPage(
            total_count=page.total_count, items=cast(list[CustomerCommunicationType], page.items)
        )
