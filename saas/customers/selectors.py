"""Reads of customers for a user: the list with search and segmentation, one customer, likely
duplicates, the communication history, tags and levels.

Every read of customers starts from visible_customers(actor): a rep sees the customers they own,
managers and finance all of them, anyone else none. A customer the actor may not see is "not
found", the same as one that does not exist. Lists fetch owner, level, tags, contacts and
addresses in a fixed number of queries, so a page of 100 costs what a page of 3 does.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.catalog.search_text import search_terms
from saas.core.errors import InvalidInput
from saas.core.paging import check_page
from saas.core.sorting import sorted_by
from saas.customers.access import clean_id, customer_not_found, require_customer_user, visible_customer
from saas.customers.duplicates import find_duplicates, looks_like_phone, phone_digits
from saas.customers.models import CommunicationKind, CommunicationLog, Customer, CustomerLevel, CustomerTag
from saas.customers.visibility import visible_customers

MAX_TAG_FILTER = 20
T = TypeVar("T")
M = TypeVar("M", bound=Model)


class TagMode(StrEnum):
    ANY = "any"  # customers with at least one of the tags
    ALL = "all"  # customers with every one of the tags


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    total_count: int


def _page(queryset: QuerySet[M], limit: int, offset: int) -> Page[M]:
    check_page(limit, offset)
    return Page(items=list(queryset[offset : offset + limit]), total_count=queryset.count())


def with_details(queryset: QuerySet[Customer]) -> QuerySet[Customer]:
    """What the customer types show, fetched for all rows at once."""
    return queryset.select_related("owner", "level").prefetch_related("tags", "contacts", "addresses")


def _search(search: str) -> Q:
    """Name (also pinyin and initials), code, phone and contacts, all kept in search_text."""
    condition = Q(pk__in=[])
    for term in search_terms(search):
        condition |= Q(search_text__contains=term)
    if looks_like_phone(search):
        digits = phone_digits(search)
        if digits:
            condition |= Q(search_text__contains=digits)
    return condition


def _tag_filter(queryset: QuerySet[Customer], tag_ids: list[Any], mode: str) -> QuerySet[Customer]:
    if len(tag_ids) > MAX_TAG_FILTER:
        raise InvalidInput(
            _("At most %(n)d per request.") % {"n": MAX_TAG_FILTER}, code="too_many_lines", field="tag_ids"
        )
    if mode not in TagMode.__members__.values():
        raise InvalidInput(_("Choose one of the listed values."), code="tag_mode_invalid", field="tag_mode")
    ids = list(dict.fromkeys(clean_id(t, f"tag_ids.{i}", _("Tag not found.")) for i, t in enumerate(tag_ids)))
    through = Customer.tags.through.objects
    if mode == TagMode.ALL:
        for tag_id in ids:
            queryset = queryset.filter(pk__in=through.filter(customertag_id=tag_id).values("customer_id"))
        return queryset
    return queryset.filter(pk__in=through.filter(customertag_id__in=ids).values("customer_id"))


# The columns the customer list may be sorted on (the desktop table's headers), by API name.
CUSTOMER_SORTS = {
    "code": "code",
    "name": "name",
    "owner": "owner__full_name",
    "level": "level__sort_order",
    "created_at": "created_at",
}


def customer_list(
    *,
    actor: Actor,
    search: str = "",
    tag_ids: list[Any] | None = None,
    tag_mode: str = TagMode.ANY,
    level_id: Any = None,
    owner_id: Any = None,
    unassigned: bool | None = None,
    active: bool | None = None,
    sort: str | None = None,
    descending: bool = False,
) -> QuerySet[Customer]:
    """The customers the actor may see, newest first (or by a column of CUSTOMER_SORTS), with
    their details prefetched. unassigned=True: only those in the pool (no owner); False: only
    those with one."""
    queryset = visible_customers(actor)
    if search.strip():
        queryset = queryset.filter(_search(search))
    if tag_ids:
        queryset = _tag_filter(queryset, tag_ids, tag_mode)
    if level_id is not None:
        queryset = queryset.filter(level_id=clean_id(level_id, "level_id", _("Customer level not found.")))
    if owner_id is not None:
        queryset = queryset.filter(owner_id=clean_id(owner_id, "owner_id", _("User not found.")))
    if unassigned is not None:
        queryset = queryset.filter(owner__isnull=unassigned)
    if active is not None:
        queryset = queryset.filter(is_active=active)
    if sort is not None:
        return sorted_by(with_details(queryset), columns=CUSTOMER_SORTS, key=sort, descending=descending)
    return with_details(queryset).order_by("-id")


def customer_page(*, actor: Actor, limit: int = 50, offset: int = 0, **filters: Any) -> Page[Customer]:
    return _page(customer_list(actor=actor, **filters), limit, offset)


def customer_get(*, actor: Actor, customer_id: Any) -> Customer:
    pk = clean_id(customer_id, "id", _("Customer not found."))
    customer = with_details(visible_customers(actor)).filter(pk=pk).first()
    if customer is None:
        raise customer_not_found()
    return customer


@dataclass(frozen=True)
class Duplicate:
    """An existing customer like the one being entered. `customer` is None when the actor may
    not see it: they learn that it exists, and why it matched, but not who it is."""

    customer: Customer | None
    reasons: list[str]
    similarity: float
    blocking: bool  # customer_create refuses it unless told allow_duplicate


def customer_duplicates(*, actor: Actor, name: str = "", phone: str = "") -> list[Duplicate]:
    """Likely duplicates across the whole workspace, as a create form shows them while typing."""
    require_customer_user(actor)
    matches = find_duplicates(name=name[:120], phones=[phone[:30]] if phone else [])
    visible = with_details(visible_customers(actor)).in_bulk([m.customer_id for m in matches])
    return [
        Duplicate(
            customer=visible.get(m.customer_id),
            reasons=list(m.reasons),
            similarity=round(m.similarity, 3),
            blocking=m.blocking,
        )
        for m in matches
    ]


def communication_list(
    *, actor: Actor, customer_id: Any = None, kind: str | None = None
) -> QuerySet[CommunicationLog]:
    """Newest first; of one customer, or of every customer the actor may see."""
    if customer_id is not None:
        customer = visible_customer(actor, customer_id, "customer_id")
        queryset = CommunicationLog.objects.filter(customer=customer)
    else:
        queryset = CommunicationLog.objects.filter(customer__in=visible_customers(actor))
    if kind is not None:
        if kind not in CommunicationKind.values:
            raise InvalidInput(_("Choose one of the listed values."), code="kind_invalid", field="kind")
        queryset = queryset.filter(kind=kind)
    return queryset.select_related("customer", "actor").order_by("-happened_at", "-id")


def communication_page(
    *, actor: Actor, limit: int = 50, offset: int = 0, **filters: Any
) -> Page[CommunicationLog]:
    return _page(communication_list(actor=actor, **filters), limit, offset)


def customer_tag_list(*, actor: Actor) -> QuerySet[CustomerTag]:
    require_customer_user(actor)
    return CustomerTag.objects.order_by("name")


def customer_level_list(*, actor: Actor) -> QuerySet[CustomerLevel]:
    require_customer_user(actor)
    return CustomerLevel.objects.order_by("sort_order", "id")
