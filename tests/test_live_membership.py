"""Live delivery's parts without a server: reference-counted group membership per connection (the
strawberry-django bug where one completed subscription drops a group its siblings still use),
dedupe of replayed notifications, and the messages on a user's group."""

from __future__ import annotations

import asyncio

import pytest
import redis.exceptions

from saas.api.live.subscriptions import RecentIds
from saas.core.live import NOTIFICATION_CREATED, LiveNotification, notification_from_message
from saas.realtime.membership import GroupMembership


class RecordingLayer:
    """A channel layer that records who is in which group, as the real ones keep it."""

    def __init__(self, fail_with: Exception | None = None) -> None:
        self.members: dict[str, set[str]] = {}
        self.fail_with = fail_with

    async def group_add(self, group: str, channel: str) -> None:
        if self.fail_with:
            raise self.fail_with
        self.members.setdefault(group, set()).add(channel)

    async def group_discard(self, group: str, channel: str) -> None:
        if self.fail_with:
            raise self.fail_with
        self.members.get(group, set()).discard(channel)

    def has(self, group: str, channel: str) -> bool:
        return channel in self.members.get(group, set())


def test_a_completed_subscription_keeps_the_group_its_siblings_still_use() -> None:
    layer = RecordingLayer()
    membership = GroupMembership(layer, "conn-1")

    async def scenario() -> None:
        await membership.join("t.alpha.user.7")  # the connection itself (to hear of revocation)
        async with membership.holding("t.alpha.user.7"):  # subscription 1
            async with membership.holding("t.alpha.user.7"):  # subscription 2
                assert membership.references("t.alpha.user.7") == 3
            # subscription 2 completed: 1 and the connection still listen
            assert layer.has("t.alpha.user.7", "conn-1")
        assert layer.has("t.alpha.user.7", "conn-1")  # the connection still holds it
        await membership.leave("t.alpha.user.7")
        assert not layer.has("t.alpha.user.7", "conn-1")  # the last reference let go

    asyncio.run(scenario())


def test_two_subscriptions_without_the_connection_share_the_group_until_both_end() -> None:
    layer = RecordingLayer()
    membership = GroupMembership(layer, "conn-1")

    async def first(done: asyncio.Event, release: asyncio.Event) -> None:
        async with membership.holding("g"):
            done.set()
            await release.wait()

    async def scenario() -> None:
        done_a, done_b, release_a, release_b = (asyncio.Event() for _ in range(4))
        a = asyncio.create_task(first(done_a, release_a))
        b = asyncio.create_task(first(done_b, release_b))
        await done_a.wait()
        await done_b.wait()
        release_a.set()
        await a
        assert layer.has("g", "conn-1")
        release_b.set()
        await b
        assert not layer.has("g", "conn-1") and membership.groups == frozenset()

    asyncio.run(scenario())


def test_a_join_the_layer_refuses_takes_no_reference() -> None:
    membership = GroupMembership(RecordingLayer(fail_with=redis.exceptions.ConnectionError("down")), "c")

    async def scenario() -> None:
        with pytest.raises(redis.exceptions.ConnectionError):
            await membership.join("g")
        assert membership.references("g") == 0

    asyncio.run(scenario())


def test_leaving_while_the_layer_is_down_forgets_the_group_quietly() -> None:
    layer = RecordingLayer()
    membership = GroupMembership(layer, "c")

    async def scenario() -> None:
        await membership.join("g")
        layer.fail_with = redis.exceptions.ConnectionError("down")
        await membership.leave_all()
        assert membership.groups == frozenset()

    asyncio.run(scenario())


def test_a_replayed_id_is_not_sent_again_and_the_memory_is_bounded() -> None:
    seen = RecentIds(capacity=3)
    assert [seen.add(i) for i in (5, 6, 5)] == [True, True, False]
    for i in (7, 8):
        seen.add(i)
    assert seen.add(5) is True  # forgotten after three newer ids: the memory stays bounded


def test_a_notification_round_trips_through_its_message() -> None:
    notification = LiveNotification(
        id=41,
        kind="sales_order.approved",
        title="订单已审核通过",
        link="/app/orders/3",
        created_at="2026-12-05T18:00:00+08:00",
        payload={"number": "SO-2026-000003"},
    )
    message = {"type": NOTIFICATION_CREATED, "notification": notification.to_message()}
    assert notification_from_message(message) == notification


def test_malformed_messages_carry_no_notification() -> None:
    assert notification_from_message({"type": NOTIFICATION_CREATED, "notification": {"kind": "x"}}) is None
    assert notification_from_message({"type": NOTIFICATION_CREATED, "notification": "x"}) is None
    assert notification_from_message({"type": "other"}) is None
    # The after-commit events that preceded the inbox carry no notification (and no cursor).
    assert notification_from_message({"type": "event.message", "event": {"kind": "user.invited"}}) is None


@pytest.fixture
def memory_layer(settings):
    from channels.layers import channel_layers

    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    channel_layers.backends.clear()
    yield channel_layers["default"]
    channel_layers.backends.clear()


def test_a_notification_goes_out_after_the_commit_and_never_after_a_rollback(
    in_alpha, memory_layer, django_capture_on_commit_callbacks
) -> None:
    from asgiref.sync import async_to_sync
    from django.db import transaction

    from saas.core.live import notification_group, send_notification_on_commit, sender

    group = notification_group(in_alpha.tenant.schema_name, 7)
    channel = async_to_sync(memory_layer.new_channel)()
    async_to_sync(memory_layer.group_add)(group, channel)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(ZeroDivisionError), transaction.atomic():
            send_notification_on_commit(7, LiveNotification(id=1, kind="rolled.back"))
            1 / 0  # noqa: B018 - the change fails: its notification must go nowhere
        send_notification_on_commit(7, LiveNotification(id=2, kind="committed"))
    sender.drain()
    message = async_to_sync(memory_layer.receive)(channel)
    # The first (and only) message is the committed one: the rolled-back one never left.
    assert notification_from_message(message) == LiveNotification(id=2, kind="committed")
