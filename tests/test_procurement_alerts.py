"""Low-stock alerts: a movement that crosses to at or below the reorder point (or minimum) emits
`stock.low` in its transaction; warehouse and purchasing users are notified by the event's
fan-out job, once; a level that stays low, or a rolled-back movement, tells no one."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import transaction

from saas.core import live
from saas.core.domain_events import event_of
from saas.inventory.events import StockLow
from saas.inventory.models import StockLevel
from saas.inventory.services.entries import EntryLine, stock_entry_create
from saas.inventory.stock_events import crossed_low
from saas.notifications.models import Notification
from tests.fixtures.events import deliver_events, logged
from tests.fixtures.procurement import thresholds


@pytest.fixture
def sent(monkeypatch):
    """The live messages that actually leave, by group."""
    messages: list[tuple[str, dict]] = []
    monkeypatch.setattr(live, "_send", lambda group, message: messages.append((group, message)))
    return messages


def changed(sku, warehouse, on_hand: str, reserved: str = "0") -> StockLevel:
    """The level as the ledger holds it in memory right after a movement."""
    level = StockLevel.objects.get(sku=sku, warehouse=warehouse)
    level.on_hand, level.reserved = Decimal(on_hand), Decimal(reserved)
    return level


def take(stockroom, sku, quantity: str) -> None:
    stock_entry_create(
        actor=stockroom.keeper,
        warehouse_id=stockroom.main.pk,
        direction="out",
        reason="sample",
        lines=[EntryLine(sku_id=sku.pk, quantity=quantity)],
    )


def test_a_crossing_alerts_warehouse_and_purchasing_users_once_through_the_event(stockroom, sent):
    # Given a phone with a reorder point of 5 and a minimum of 2
    stockroom.receive(stockroom.phone, "8", "100")
    thresholds(stockroom.phone, stockroom.main, reorder_point="5", min_qty="2")

    # When a movement takes it to 5, the event is in the log, and nobody is told yet
    take(stockroom, stockroom.phone, "3")
    [low] = logged("stock.low")
    event = event_of(low)
    assert isinstance(event, StockLow) and event.total == 1
    item = event.items[0]
    assert (item.sku_id, item.warehouse_id) == (str(stockroom.phone.pk), str(stockroom.main.pk))
    assert (item.available, item.reorder_point, item.min_qty) == (Decimal(5), Decimal(5), Decimal(2))
    assert not Notification.objects.exists() and sent == []

    # Then its fan-out notifies everyone who manages stock or purchasing, live too
    deliver_events()
    told = {row.user.email.split("@")[0] for row in Notification.objects.filter(kind="stock.low")}
    assert told == {"owner", "admin", "warehouse"}
    assert all(row.link == "/stock?low=1" for row in Notification.objects.all())
    schema = stockroom.workspace.tenant.schema_name
    assert {message["type"] for _group, message in sent} == {live.NOTIFICATION_CREATED}
    assert all(group.startswith(f"t.{schema}.user.") for group, _message in sent)

    # And a level that stays low does not alert again
    take(stockroom, stockroom.phone, "1")
    assert len(logged("stock.low")) == 1


def test_a_level_that_was_low_already_or_has_no_threshold_is_no_crossing(stockroom):
    thresholds(stockroom.phone, stockroom.main, reorder_point="5")
    thresholds(stockroom.shirt, stockroom.main)
    still_low = changed(stockroom.phone, stockroom.main, "1")
    no_marks = changed(stockroom.shirt, stockroom.main, "0")
    before = {
        (still_low.sku_id, still_low.warehouse_id): Decimal(3),
        (no_marks.sku_id, no_marks.warehouse_id): Decimal(5),
    }
    assert crossed_low([still_low, no_marks], before) == []
    # Without the before values every low level counts (e.g. a daily digest).
    assert crossed_low([still_low, no_marks]) == [still_low]


def test_a_rolled_back_movement_alerts_no_one(stockroom, sent):
    stockroom.receive(stockroom.phone, "8", "100")
    thresholds(stockroom.phone, stockroom.main, reorder_point="5")
    with pytest.raises(RuntimeError), transaction.atomic():
        take(stockroom, stockroom.phone, "8")
        assert logged("stock.low")
        raise RuntimeError("the movement failed")
    assert logged("stock.low") == []
    deliver_events()
    assert not Notification.objects.filter(kind="stock.low").exists() and sent == []
