"""The documents a conversation thread may be about, and who sees each: one entry per kind.

A thread is on one document (`Conversation.subject_type`, `subject_id`) and is seen by whoever
may see that document, through the document's own visibility rule; its participants are the
people who follow it (its starter, those who wrote in it, those the document names). Sales
orders are the first kind: staff through `visible_orders`, a distributor's people through the
portal orders of their own distributor (sales' selectors show them no orders at all). Quotations
are the second: staff through `visible_quotations` (a rep their own), never a distributor's
people. Another document with a timeline becomes a thread subject with an entry here and an
input field (`purchaseOrderId`, …) on `ConversationStartInput`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from saas.accounts import scopes
from saas.accounts.actors import System
from saas.distribution.models import DistributorMember, DistributorOrder
from saas.messaging.access import Chatter
from saas.sales.selectors.quotations import visible_quotations
from saas.sales.selectors.visibility import visible_orders


@dataclass(frozen=True)
class OrderFacts:
    """What an order card and a thread's heading show of an order."""

    pk: int
    number: str
    status: str
    customer_name: str


@dataclass(frozen=True)
class ThreadSubject:
    # The ids of the documents of this kind the person may see, as a subquery.
    visible_ids: Callable[[Chatter], QuerySet[Any]]
    # Whether the person may see one document of this kind.
    sees: Callable[[Chatter, int], bool]
    # Who follows a new thread from the start besides its starter (user ids).
    followers: Callable[[int], list[int]]
    # The numbers (SO-…, QT-…) of those of these documents the person may see, by id.
    numbers: Callable[[Chatter, set[int]], dict[int, str]]
    # A document's number for a notification (told only to people who see the document).
    number: Callable[[int], str]


# Who follows a new thread and what its heading says are the workspace's facts, read as a job
# would: the visibility of each person is checked where they read (visibility.py).
THREAD_READER = System(reason="conversation threads", scopes=frozenset({scopes.ORDERS_VIEW_ALL}))


def visible_quotation_ids(chatter: Chatter) -> QuerySet[Any]:
    quotations = visible_quotations(chatter.user)
    if chatter.distributor_id is not None:
        quotations = quotations.none()  # quotations are the workspace's own business
    return quotations.values("pk")


def quotation_seen(chatter: Chatter, quotation_id: int) -> bool:
    return visible_quotation_ids(chatter).filter(pk=quotation_id).exists()


def quotation_followers(quotation_id: int) -> list[int]:
    """The quotation's rep."""
    return list(visible_quotations(THREAD_READER).filter(pk=quotation_id).values_list("rep_id", flat=True))


def quotation_numbers(chatter: Chatter, quotation_ids: set[int]) -> dict[int, str]:
    if not quotation_ids:
        return {}
    if chatter.distributor_id is not None:
        return {}
    rows = visible_quotations(chatter.user).filter(pk__in=quotation_ids)
    return dict(rows.values_list("pk", "number"))


def quotation_number(quotation_id: int) -> str:
    return (
        visible_quotations(THREAD_READER).filter(pk=quotation_id).values_list("number", flat=True).first()
        or ""
    )


def visible_order_ids(chatter: Chatter) -> QuerySet[Any]:
    if chatter.distributor_id is not None:
        # A distributor's person: its own distributor's portal orders, and nothing else.
        return DistributorOrder.objects.filter(distributor_id=chatter.distributor_id).values("order_id")
    return visible_orders(chatter.user).values("pk")


def order_followers(order_id: int) -> list[int]:
    """The order's rep, and the people of the distributor that placed it in the portal."""
    people = list(visible_orders(THREAD_READER).filter(pk=order_id).values_list("rep_id", flat=True))
    placed = (
        DistributorOrder.objects.filter(order_id=order_id).values_list("distributor_id", flat=True).first()
    )
    if placed is not None:
        people += DistributorMember.objects.filter(distributor_id=placed).values_list("user_id", flat=True)
    return people


def order_number(order_id: int) -> str:
    """The order's number, for a thread's notification (told only to people who see the order)."""
    return visible_orders(THREAD_READER).filter(pk=order_id).values_list("number", flat=True).first() or ""


def order_seen(chatter: Chatter, order_id: int) -> bool:
    return order_id in visible_order_facts(chatter, {order_id})


def order_numbers(chatter: Chatter, order_ids: set[int]) -> dict[int, str]:
    return {pk: facts.number for pk, facts in visible_order_facts(chatter, order_ids).items()}


SALES_ORDER = "sales_order"
QUOTATION = "quotation"

SUBJECTS: dict[str, ThreadSubject] = {
    SALES_ORDER: ThreadSubject(
        visible_ids=visible_order_ids,
        sees=order_seen,
        followers=order_followers,
        numbers=order_numbers,
        number=order_number,
    ),
    QUOTATION: ThreadSubject(
        visible_ids=visible_quotation_ids,
        sees=quotation_seen,
        followers=quotation_followers,
        numbers=quotation_numbers,
        number=quotation_number,
    ),
}

FACTS = ("number", "status", "customer__name")


def visible_order_facts(chatter: Chatter, order_ids: set[int]) -> dict[int, OrderFacts]:
    """The facts of those of these orders the person may see (one query), by id."""
    if not order_ids:
        return {}
    rows: QuerySet[Any]
    if chatter.distributor_id is not None:
        rows = DistributorOrder.objects.filter(
            distributor_id=chatter.distributor_id, order_id__in=order_ids
        ).values_list("order_id", *(f"order__{name}" for name in FACTS))
    else:
        rows = visible_orders(chatter.user).filter(pk__in=order_ids).values_list("pk", *FACTS)
    return {
        pk: OrderFacts(pk=pk, number=number, status=status, customer_name=name)
        for pk, number, status, name in rows
    }
