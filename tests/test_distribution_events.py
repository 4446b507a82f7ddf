"""The distribution network's typed events: a portal order placed (after its wallet payments, in
its transaction, once per idempotency key, none for a refused order), every wallet entry,
commission statements and rebates posted, channel stock reported; a portal order's sales and
shipping events told as `distributor_order.status_changed` (and nothing for a staff order); and
who hears them outside: partner keys with `distribution:read` only, in the feed and by webhook,
with payloads that carry nothing that scope cannot read."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta
from decimal import Decimal
from typing import Any, get_type_hints

import pytest
from django.core.files.base import ContentFile

from saas.core.clock import tenant_today
from saas.core.domain_events import catalogue
from saas.core.errors import InvalidInput
from saas.core.models import LoggedEvent
from saas.distribution.models import CommissionStatement, RebateLine, WalletEntry
from saas.distribution.services import wallet
from saas.distribution.services.channel_stock import StockLineInput, channel_stock_report
from saas.distribution.services.commissions import commission_settlement_create, commission_settlement_post
from saas.distribution.services.prices import distribution_settings_update
from saas.distribution.services.rebate_runs import rebate_run_approve, rebate_run_compute, rebate_run_post
from saas.distribution.services.rebates import TierInput, VolumeRuleInput, volume_rule_save
from saas.partners.models import WebhookDelivery
from saas.partners.services.endpoints import endpoint_create
from saas.sales import services as sales
from saas.shipping import services as shipping
from saas.shipping.models import ProofKind
from saas.shipping.services import ProofUpload
from tests.fixtures.catalog import PNG_BYTES
from tests.fixtures.distribution import (
    Network,
    beijing,
    bought,
    clock_at,
    commission_rules,
    item,
    place,
    rule,
)
from tests.fixtures.events import deliver_events, logged
from tests.fixtures.partners import issue_key, key_client, key_post
from tests.fixtures.shipping import sf_number
from tests.test_event_spine import sample

D = Decimal
DISTRIBUTION_EVENTS = {
    "distributor_order.placed",
    "distributor_order.status_changed",
    "wallet.entry_posted",
    "commission_statement.posted",
    "rebate.posted",
    "channel_stock.reported",
}
FEED = "query($types: [String!]) { events(types: $types, limit: 100) { items { id type data } } }"


@pytest.fixture
def priced(network: Network) -> Network:
    """市代 buys shirts at 10 % off (53.10); hz holds 1,000 yuan and 100 of rebates, capped at 10 %."""
    network.price(network.city, item(network.shirt, ("1", None, "10")))
    network.fund(network.hz, "1000", rebate="100")
    distribution_settings_update(actor=network.manager, rebate_cap_percent="10")
    return network


def names_since(start: int) -> list[str]:
    return list(LoggedEvent.objects.filter(pk__gt=start).order_by("id").values_list("name", flat=True))


def last_id() -> int:
    return LoggedEvent.objects.order_by("-id").values_list("pk", flat=True).first() or 0


@pytest.mark.parametrize("name", sorted(DISTRIBUTION_EVENTS))
@pytest.mark.parametrize("with_nulls", [False, True])
def test_every_distribution_event_is_versioned_and_round_trips_through_json(name: str, with_nulls: bool):
    cls = catalogue()[name]
    assert cls.event_version == 1
    hints = get_type_hints(cls)
    event = cls(**{f.name: sample(hints[f.name], none=with_nulls) for f in dataclasses.fields(cls)})
    assert cls.from_json(json.loads(json.dumps(event.to_json()))) == event


def test_a_portal_order_is_logged_after_its_wallet_payments_once_and_never_when_refused(priced: Network):
    network = priced
    start = last_id()
    order = place(network.agent, [(network.shirt, "10")], rebate_amount="50", idempotency_key="order-0001")

    assert names_since(start) == [
        "sales_order.created",
        "wallet.entry_posted",  # 50.00 of rebates
        "wallet.entry_posted",  # the other 481.00 from cash
        "distributor_order.placed",
        "sales_order.submitted",
    ]
    [placed] = logged("distributor_order.placed")
    assert placed.object_type == "distributor_order" and placed.object_id == order.pk
    assert placed.actor_user_id == network.agent.pk
    assert placed.payload == {
        "id": str(order.pk),
        "number": order.number,
        "distributorId": str(network.hz.pk),
        "distributorName": "杭州鑫达",
        "payWith": "wallet",
        "totalAmount": "531.00",
        "paidFromWallet": "481.00",
        "paidFromRebate": "50.00",
        "currency": "CNY",
        "orderDate": order.order_date.isoformat(),
        "lineCount": 1,
    }
    rebate_paid, cash_paid = (record.payload for record in logged("wallet.entry_posted")[-2:])
    assert (rebate_paid["kind"], rebate_paid["pocket"], rebate_paid["amount"]) == (
        "order_payment",
        "rebate",
        "-50.00",
    )
    assert (rebate_paid["balanceAfter"], rebate_paid["orderNumber"]) == ("50.00", order.number)
    assert (cash_paid["pocket"], cash_paid["amount"], cash_paid["balanceAfter"]) == (
        "cash",
        "-481.00",
        "519.00",
    )

    # A retry with the same key returns the order and logs nothing more
    again = last_id()
    assert (
        place(network.agent, [(network.shirt, "10")], rebate_amount="50", idempotency_key="order-0001")
        == order
    )
    # A refused order (more than the wallet holds) leaves no event behind
    with pytest.raises(InvalidInput):
        place(network.agent, [(network.shirt, "100")])
    assert names_since(again) == []


def test_every_wallet_entry_is_logged_with_the_pockets_balance_after(network: Network):
    start = last_id()
    wallet.wallet_prepayment_record(
        actor=network.finance, distributor_id=network.nb.pk, amount="800", reference="BANK-77", note="首付"
    )
    wallet.wallet_payout_record(
        actor=network.finance, distributor_id=network.nb.pk, amount="300", reference="PAY-1"
    )
    wallet.wallet_adjust(
        actor=network.finance, distributor_id=network.nb.pk, amount="20", note="补返利", pocket="rebate"
    )
    records = LoggedEvent.objects.filter(pk__gt=start).order_by("id")
    assert [r.name for r in records] == ["wallet.entry_posted"] * 3
    entries = list(WalletEntry.objects.filter(distributor=network.nb).order_by("id"))
    assert [(r.object_type, r.object_id, r.actor_user_id) for r in records] == [
        ("wallet_entry", entry.pk, network.finance.pk) for entry in entries
    ]
    assert records[0].payload == {
        "id": str(entries[0].pk),
        "number": entries[0].number,
        "distributorId": str(network.nb.pk),
        "kind": "prepayment",
        "pocket": "cash",
        "amount": "800.00",
        "balanceAfter": "800.00",
        "reference": "BANK-77",
        "orderId": None,
        "orderNumber": None,
        "note": "首付",
    }
    assert [(r.payload["kind"], r.payload["amount"], r.payload["balanceAfter"]) for r in records[1:]] == [
        ("payout", "-300.00", "500.00"),
        ("adjustment", "20.00", "20.00"),
    ]


def proof() -> ProofUpload:
    return ProofUpload(ProofKind.PHOTO, ContentFile(PNG_BYTES, name="note.png"))


def test_a_portal_order_moving_on_is_told_as_the_distributors_and_a_staff_order_is_not(
    priced: Network, media_root: Any
):
    network = priced
    order = place(network.agent, [(network.shirt, "4")])
    staff_order = network.selling.order(
        [(network.shirt, "1")], status="approved", customer=network.hz.customer
    )
    sales.order_approve(actor=network.manager, order=order)
    deliver_events()
    keeper = network.selling.keeper
    line = order.lines.get()
    first = shipping.shipment_create(
        actor=keeper,
        order_id=order.pk,
        lines=[shipping.ShipmentLineInput(line_id=line.pk, quantity="3")],
        tracking_number=sf_number(),
    )
    rest = shipping.shipment_create(actor=keeper, order_id=order.pk, tracking_number=sf_number())
    deliver_events()
    shipping.shipment_sign_back(actor=keeper, shipment_id=first.pk, proofs=[proof()])
    deliver_events()
    shipping.shipment_sign_back(actor=keeper, shipment_id=rest.pk, proofs=[proof()])
    deliver_events()
    cancelled = place(network.agent, [(network.shirt, "2")])
    sales.order_cancel(actor=network.manager, order=cancelled, reason="客户取消")
    deliver_events()

    told = logged("distributor_order.status_changed")
    assert [(r.payload["number"], r.payload["change"], r.payload["status"]) for r in told] == [
        (order.number, "approved", "pending_shipment"),
        (order.number, "shipped", "partly_shipped"),
        (order.number, "shipped", "pending_signback"),
        (order.number, "signed", "pending_signback"),
        (order.number, "completed", "completed"),  # its last signed note: "completed" says it
        (cancelled.number, "cancelled", "cancelled"),
    ]
    assert all(r.payload["distributorId"] == str(network.hz.pk) for r in told)
    assert set(told[0].payload) == {"id", "number", "distributorId", "change", "status"}  # no note, no rep
    # Told with the original actor: the manager approved, the keeper shipped
    assert [r.actor_user_id for r in told[:2]] == [network.manager.pk, keeper.pk]
    assert staff_order.number not in {r.payload["number"] for r in told}
    refund = logged("wallet.entry_posted")[-1].payload
    assert (refund["kind"], refund["amount"], refund["orderNumber"]) == ("refund", "106.20", cancelled.number)
    deliver_events()  # delivered again: nothing is told twice
    assert len(logged("distributor_order.status_changed")) == 6


def test_posting_a_settlement_logs_each_statement_after_its_wallet_entry(
    network: Network, monkeypatch: pytest.MonkeyPatch
):
    commission_rules(network, rule(1, "revenue", "10"), rule(2, "margin", "5"))
    clock_at(monkeypatch, beijing(2026, 11, 10))
    bought(network, network.shop, [(network.shirt, "10")])
    bought(network, network.nb, [(network.shirt, "3")])
    clock_at(monkeypatch, beijing(2026, 12, 2))
    start = last_id()
    settlement = commission_settlement_create(actor=network.manager, month="2026-11-01")
    assert names_since(start) == []  # settling posts nothing yet

    commission_settlement_post(actor=network.finance, settlement_id=settlement.pk)

    assert names_since(start) == ["wallet.entry_posted", "commission_statement.posted"] * 2
    statements = {s.distributor_id: s for s in CommissionStatement.objects.filter(settlement=settlement)}
    posted = {r.payload["distributorId"]: r for r in logged("commission_statement.posted")}
    hz = statements[network.hz.pk]
    assert posted[str(network.hz.pk)].payload == {
        "id": str(hz.pk),
        "settlementId": str(settlement.pk),
        "settlementNumber": settlement.number,
        "month": "2026-11-01",
        "distributorId": str(network.hz.pk),
        "lineCount": 1,
        "total": "59.00",
        "walletEntryId": str(hz.wallet_entry_id),
    }
    # top earns on margin too: its statement says the total, never a base (the cost)
    assert posted[str(network.top.pk)].payload["total"] == "37.20"
    assert posted[str(network.top.pk)].object_type == "commission_statement"
    with pytest.raises(InvalidInput):
        commission_settlement_post(actor=network.finance, settlement_id=settlement.pk)
    assert len(logged("commission_statement.posted")) == 2


def test_posting_a_rebate_run_logs_each_line(network: Network, monkeypatch: pytest.MonkeyPatch):
    volume_rule_save(
        actor=network.manager,
        rule=VolumeRuleInput(
            name="月度返利",
            period_kind="month",
            measure="quantity",
            level_id=None,
            tiers=[TierInput(threshold="5", rate_percent="3")],
        ),
    )
    clock_at(monkeypatch, beijing(2026, 12, 10))
    bought(network, network.hz, [(network.shirt, "10")])
    clock_at(monkeypatch, beijing(2027, 1, 1, 9))
    run = rebate_run_compute(actor=network.manager, period_kind="month", period_start="2026-12-01")
    rebate_run_approve(actor=network.manager, run_id=run.pk)
    assert logged("rebate.posted") == []
    start = last_id()

    rebate_run_post(actor=network.finance, run_id=run.pk)

    assert names_since(start) == ["wallet.entry_posted", "rebate.posted"]
    [line] = RebateLine.objects.filter(run=run)
    [record] = logged("rebate.posted")
    assert (record.object_type, record.object_id) == ("rebate", line.pk)
    assert record.payload == {
        "id": str(line.pk),
        "runId": str(run.pk),
        "runNumber": run.number,
        "periodKind": "month",
        "periodStart": "2026-12-01",
        "distributorId": str(network.hz.pk),
        "kind": "volume",
        "ruleName": "月度返利",
        "purchaseQuantity": "10.000",
        "purchaseAmount": "590.00",
        "tierThreshold": "5.000",
        "ratePercent": "3.00",
        "rank": None,
        "tied": None,
        "amount": "17.70",
        "walletEntryId": str(line.wallet_entry_id),
    }
    entry = logged("wallet.entry_posted")[-1].payload
    assert (entry["kind"], entry["pocket"], entry["amount"], entry["reference"]) == (
        "rebate",
        "rebate",
        "17.70",
        run.number,
    )


def stock_lines(*rows: tuple[Any, str, str]) -> list[StockLineInput]:
    return [
        StockLineInput(path=f"lines.{i}", row_no=i + 1, sku_id=sku.pk, on_hand=on_hand, sold=sold)
        for i, (sku, on_hand, sold) in enumerate(rows)
    ]


def test_a_channel_stock_report_is_logged_with_its_lines_and_the_report_it_replaces(network: Network):
    day = tenant_today() - timedelta(days=1)
    first = channel_stock_report(
        actor=network.agent,
        report_date=day,
        lines=stock_lines((network.shirt, "12", "3")),
        idempotency_key="report-0001",
    )
    second = channel_stock_report(
        actor=network.agent,
        report_date=day,
        lines=stock_lines((network.shirt, "10", "5"), (network.phone, "2", "0")),
    )
    channel_stock_report(
        actor=network.agent,
        report_date=day,
        lines=stock_lines((network.shirt, "12", "3")),
        idempotency_key="report-0001",
    )  # a retry: the first report again, not logged again
    reports = logged("channel_stock.reported")
    assert [r.object_id for r in reports] == [first.pk, second.pk]
    assert reports[0].payload["replacedId"] is None
    assert reports[1].payload == {
        "id": str(second.pk),
        "distributorId": str(network.hz.pk),
        "reportDate": day.isoformat(),
        "source": "form",
        "replacedId": str(first.pk),
        "items": [
            {"skuId": str(network.shirt.pk), "skuCode": network.shirt.code, "onHand": "10", "sold": "5"},
            {"skuId": str(network.phone.pk), "skuCode": network.phone.code, "onHand": "2", "sold": "0"},
        ],
        "total": 2,
    }


# --- partners ------------------------------------------------------------------------------------


def feed_types(client: Any) -> set[str]:
    status, answer = key_post(client, FEED)
    assert status == 200, answer
    return {item["type"] for item in answer["data"]["events"]["items"]}


def test_only_keys_that_read_distribution_hear_its_events_in_the_feed_and_by_webhook(priced: Network):
    network = priced
    workspace = network.selling.room.workspace
    reader = issue_key(workspace, "distribution:read", "webhooks:write", name="network")
    sales_key = issue_key(workspace, "sales:read", "finance:read", "webhooks:write", name="erp")
    endpoint = endpoint_create(
        actor=reader.key, url="http://127.0.0.1:9/hooks", events=["wallet.entry_posted"]
    )
    with pytest.raises(InvalidInput) as refused:  # a key without distribution:read may not subscribe
        endpoint_create(actor=sales_key.key, url="http://127.0.0.1:9/erp", events=["wallet.entry_posted"])
    assert refused.value.code == "event_unknown"
    order = place(network.agent, [(network.shirt, "2")])
    sales.order_approve(actor=network.manager, order=order)
    deliver_events()

    network_types = feed_types(key_client(workspace, reader.secret))
    assert {
        "wallet.entry_posted",
        "distributor_order.placed",
        "distributor_order.status_changed",
    } <= network_types
    assert network_types <= DISTRIBUTION_EVENTS  # nothing of sales or finance rides along
    erp_types = feed_types(key_client(workspace, sales_key.secret))
    assert erp_types & DISTRIBUTION_EVENTS == set()
    assert "sales_order.approved" in erp_types and "receipt.recorded" in erp_types
    # The webhook: one delivery per wallet entry, none of the other kinds
    entries = [r.pk for r in logged("wallet.entry_posted")]
    delivered = WebhookDelivery.objects.filter(endpoint=endpoint).order_by("event_id")
    assert list(delivered.values_list("event_id", flat=True)) == entries


def test_wallet_events_carry_what_distribution_read_already_reads_and_no_more(priced: Network):
    # The payload's fields are the wallet entry's as walletEntries shows them to distribution:read
    # (less the recorder's name, which the envelope's actor label carries for every event).
    network = priced
    workspace = network.selling.room.workspace
    reader = key_client(workspace, issue_key(workspace, "distribution:read").secret)
    status, answer = key_post(
        reader,
        "query($id: ID!) { walletEntries(distributorId: $id) { id number kind pocket amount balanceAfter "
        "reference orderId orderNumber note } }",
        {"id": str(network.hz.pk)},
    )
    assert status == 200
    shown = {key for row in answer["data"]["walletEntries"] for key in row}
    for record in logged("wallet.entry_posted"):
        assert set(record.payload) - {"distributorId"} == shown
