"""Low-stock alerts: a crossing to at or below the reorder point (or minimum) notifies warehouse
and purchasing users, after commit, once."""

from __future__ import annotations

from decimal import Decimal

import pytest

from saas.accounts.models import User
from saas.core import events
from saas.inventory.models import StockLevel
from saas.procurement.alerts import low_stock_notify_on_commit
from tests.fixtures.procurement import thresholds


@pytest.fixture
def sent(monkeypatch):
    """The live messages that actually leave, by group."""
    messages: list[tuple[str, dict]] = []
    monkeypatch.setattr(events, "_send", lambda group, message: messages.append((group, message)))
    return messages


def changed(sku, warehouse, on_hand: str, reserved: str = "0") -> StockLevel:
    """The level as the ledger holds it in memory right after a movement."""
    level = StockLevel.objects.get(sku=sku, warehouse=warehouse)
    level.on_hand, level.reserved = Decimal(on_hand), Decimal(reserved)
    return level


def test_crossing_alerts_warehouse_and_purchasing_users_after_commit(
    stockroom, sent, django_capture_on_commit_callbacks
):
    thresholds(stockroom.phone, stockroom.main, reorder_point="5", min_qty="2")
    thresholds(stockroom.shirt, stockroom.main, min_qty="10")
    level = changed(stockroom.phone, stockroom.main, "8", reserved="3")  # available 5: at the point
    quiet = changed(stockroom.shirt, stockroom.main, "11")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        alerted = low_stock_notify_on_commit(
            [level, quiet], available_before={(level.sku_id, level.warehouse_id): Decimal(6)}
        )
        assert sent == []  # nothing leaves before the commit
    assert alerted == [level] and callbacks
    users = {user.pk: user for user in User.objects.all()}
    recipients = {int(group.rsplit(".", 1)[1]) for group, _message in sent}
    assert {users[pk].email.split("@")[0] for pk in recipients} == {"owner", "admin", "warehouse"}
    assert all(group.startswith(f"t.{stockroom.workspace.tenant.schema_name}.user.") for group, _m in sent)
    event = sent[0][1]["event"]
    assert event["kind"] == "stock.low"
    assert event["payload"]["items"] == [
        {
            "skuId": stockroom.phone.pk,
            "warehouseId": stockroom.main.pk,
            "available": "5",
            "reorderPoint": "5.000",
            "minQty": "2.000",
        }
    ]


def test_a_level_that_was_low_already_or_has_no_threshold_stays_quiet(stockroom, sent):
    thresholds(stockroom.phone, stockroom.main, reorder_point="5")
    thresholds(stockroom.shirt, stockroom.main)
    still_low = changed(stockroom.phone, stockroom.main, "1")
    no_marks = changed(stockroom.shirt, stockroom.main, "0")
    before = {
        (still_low.sku_id, still_low.warehouse_id): Decimal(3),
        (no_marks.sku_id, no_marks.warehouse_id): 5,
    }
    assert low_stock_notify_on_commit([still_low, no_marks], available_before=before) == []
    # Without the before values every low level alerts (e.g. a daily digest).
    assert low_stock_notify_on_commit([still_low, no_marks]) == [still_low]


def test_a_rolled_back_movement_alerts_no_one(stockroom, sent, django_capture_on_commit_callbacks):
    from django.db import transaction

    thresholds(stockroom.phone, stockroom.main, reorder_point="5")
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                low_stock_notify_on_commit([changed(stockroom.phone, stockroom.main, "0")])
                raise RuntimeError("the movement failed")
        except RuntimeError:
            pass
    assert sent == []


def test_a_real_stock_out_that_crosses_the_reorder_point_alerts_once(
    stockroom, sent, django_capture_on_commit_callbacks
):
    from saas.inventory.services.entries import EntryLine, stock_entry_create

    stockroom.receive(stockroom.shirt, "12", "20")
    thresholds(stockroom.shirt, stockroom.main, reorder_point="5")

    def take(quantity: str) -> None:
        stock_entry_create(
            actor=stockroom.keeper,
            warehouse_id=stockroom.main.pk,
            direction="out",
            reason="sample",
            lines=[EntryLine(sku_id=stockroom.shirt.pk, quantity=quantity)],
        )

    with django_capture_on_commit_callbacks(execute=True):
        take("4")  # 8 left: above the reorder point
    assert sent == []
    with django_capture_on_commit_callbacks(execute=True):
        take("3")  # 5 left: crosses, through the ledger's hook
    assert {message["event"]["kind"] for _group, message in sent} == {"stock.low"}
    alerts = len(sent)
    with django_capture_on_commit_callbacks(execute=True):
        take("1")  # still low: no second alert
    assert len(sent) == alerts
