"""A distributor's people over a real WebSocket (the `gql` client on graphql-transport-ws, against
a live daphne and its event worker): distributor A's person hears its own wallet and order news
live, and never distributor B's (B's order approved, B's wallet credited), nor what only staff
are told of (B's order approved for its rep, the receipt of its wallet payment); B's person the
reverse. Each side's first message after the other's events is its own, so nothing of the
other's came before it."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connections
from django_tenants.utils import tenant_context

from saas.accounts import scopes
from saas.accounts.models import Role, User
from saas.distribution.services import network
from saas.notifications.models import Notification
from tests.browser.portal_helpers import portal_network, portal_release
from tests.browser.test_inventory_cycle import Api
from tests.browser.test_order_screens import APPROVE
from tests.fixtures.live import LiveSession, _settle_events
from tests.fixtures.tenants import PASSWORD, World
from tests.test_subscriptions import listening, next_of, subscriber

pytestmark = pytest.mark.live

PREPAY = """mutation($id: ID!, $amount: Decimal!, $ref: String!) {
  walletPrepaymentRecord(distributorId: $id, amount: $amount, reference: $ref) { entry { id } errors { code } }
}"""
INBOX = "query { notifications(limit: 100) { items { kind payload } } }"


def _in_alpha(world: World, blocker: Any, work: Any) -> Any:
    with blocker.unblock():
        try:
            with tenant_context(world.alpha.tenant):
                return work()
        finally:
            connections.close_all()  # this thread's own connection


@pytest.fixture
def two_distributors(world: World, django_db_blocker: Any) -> Iterator[dict[str, Any]]:
    """A (alpha's distributor user, with an order of its own) and B (a person made here, with
    an order of B's), committed; every event of the setup delivered, and forgotten, before the
    test listens."""
    tag = uuid.uuid4().hex[:8].upper()
    b_email = f"b-{tag.lower()}@alpha.test"

    def build() -> dict[str, Any]:
        made = portal_network(tag, with_order=True)
        person = User.objects.create_user(email=b_email, password=PASSWORD, full_name="宁波经销商")
        person.roles.set(Role.objects.filter(code=scopes.DISTRIBUTOR))
        manager = User.objects.get(email=world.alpha.email("manager"))
        network.member_add(actor=manager, distributor_id=made["other"], user_id=person.pk)
        return {**made, "b_email": b_email}

    def settled() -> None:
        # The setup's own news (A's person belonged to B while B's order was placed) is no
        # part of what this test listens for.
        _settle_events()
        Notification.objects.all().delete()

    made = _in_alpha(world, django_db_blocker, build)
    _in_alpha(world, django_db_blocker, settled)
    yield made
    _in_alpha(world, django_db_blocker, portal_release)


def test_a_distributors_person_hears_its_own_news_live_and_never_anothers(
    live_server, world: World, two_distributors: dict[str, Any]
) -> None:
    made = two_distributors
    host = world.alpha.host
    a_person = LiveSession(live_server, host).login(world.alpha.email("distributor"), PASSWORD)
    b_person = LiveSession(live_server, host).login(made["b_email"], PASSWORD)
    manager = Api(live_server, host, world.alpha.email("manager"))
    finance = Api(live_server, host, world.alpha.email("finance"))
    mine, theirs = str(made["order"]), str(made["other_order"])
    a_id, b_id = str(made["distributor"]), str(made["other"])

    async def scenario() -> None:
        async with (
            subscriber(live_server, host, a_person.cookie_header) as a_socket,
            subscriber(live_server, host, b_person.cookie_header) as b_socket,
        ):
            a_stream, a_next = await listening(a_socket)
            b_stream, b_next = await listening(b_socket)

            # B's order is approved (its rep is told, its wallet payment becomes a receipt)
            await asyncio.to_thread(manager, APPROVE, {"id": theirs})
            told_b = (await b_next)["notifications"]
            assert told_b["kind"] == "distributor_order.status_changed"
            assert (told_b["payload"]["id"], told_b["payload"]["change"]) == (theirs, "approved")
            # and B's wallet is credited
            await asyncio.to_thread(finance, PREPAY, {"id": b_id, "amount": "88", "ref": "BANK-B"})
            told_b = (await next_of(b_stream))["notifications"]
            assert told_b["kind"] == "wallet.entry_posted"
            assert (told_b["payload"]["distributorId"], told_b["payload"]["amount"]) == (b_id, "88.00")

            # A's first message is A's own wallet entry: none of B's news, nor staff's, came first
            await asyncio.to_thread(finance, PREPAY, {"id": a_id, "amount": "66", "ref": "BANK-A"})
            told_a = (await a_next)["notifications"]
            assert told_a["kind"] == "wallet.entry_posted"
            assert (told_a["payload"]["distributorId"], told_a["payload"]["amount"]) == (a_id, "66.00")
            # A's order approved: A hears it; B's next message is B's own again, not A's approval
            await asyncio.to_thread(manager, APPROVE, {"id": mine})
            told_a = (await next_of(a_stream))["notifications"]
            assert (told_a["kind"], told_a["payload"]["id"]) == ("distributor_order.status_changed", mine)
            await asyncio.to_thread(finance, PREPAY, {"id": b_id, "amount": "9", "ref": "BANK-B2"})
            told_b = (await next_of(b_stream))["notifications"]
            assert (told_b["kind"], told_b["payload"]["amount"]) == ("wallet.entry_posted", "9.00")
            await a_stream.aclose()
            await b_stream.aclose()

    asyncio.run(scenario())

    # The inboxes agree: each holds its own distributor's news only
    a_inbox = a_person.graphql(INBOX)["data"]["notifications"]["items"]
    b_inbox = b_person.graphql(INBOX)["data"]["notifications"]["items"]
    assert {(n["kind"], n["payload"]["distributorId"]) for n in a_inbox} == {
        ("wallet.entry_posted", a_id),
        ("distributor_order.status_changed", a_id),
    }
    assert {n["payload"]["distributorId"] for n in b_inbox} == {b_id}
    assert {n["kind"] for n in a_inbox + b_inbox} <= {
        "wallet.entry_posted",
        "distributor_order.status_changed",
    }
