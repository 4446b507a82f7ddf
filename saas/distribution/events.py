"""The distribution network's events (catalogue: graphql/EVENTS.md): portal orders placed and
moving on, wallet entries, commission statements and rebates posted, channel stock reported.

Partners hear them with `distribution:read` (saas/partners/scopes.EVENT_AREAS), which already
reads every wallet, statement and rebate over GraphQL, so a payload carries nothing that scope
cannot read: no cost (a margin commission's base is the cost: statements carry their total
only), and no reviewer's note (the portal shows a distributor its order's status, not the note).
Amounts are yuan (CNY) as decimals, signed from the distributor's side where they move a wallet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from saas.core.domain_events import DomainEvent, described, domain_event, graphql_id
from saas.distribution.models import (
    ChannelStockReport,
    CommissionSettlement,
    DistributorOrder,
    RebateLine,
    WalletEntry,
)
from saas.distribution.services.common import from_fen

DISTRIBUTOR_ORDER = "distributor_order"
WALLET_ENTRY = "wallet_entry"
COMMISSION_STATEMENT = "commission_statement"
REBATE = "rebate"
CHANNEL_STOCK_REPORT = "channel_stock_report"
MAX_ITEMS = 100  # a report may hold 1,000 SKUs: the event lists the first and a total


def _id(pk: int | None) -> str | None:
    return None if pk is None else graphql_id(pk)


@domain_event("distributor_order.placed", object_type=DISTRIBUTOR_ORDER)
@dataclass(frozen=True, kw_only=True)
class DistributorOrderPlaced(DomainEvent):
    """A distributor's person placed an order in the portal, priced at its tier, paid from its
    wallet or on credit, and submitted into the workspace's review (sales_order.submitted follows
    for the same order)."""

    id: str = described("the sales order's GraphQL id")
    number: str = described("the sales order's number, SO-2026-000123")
    distributor_id: str = described("the distributor's GraphQL id")
    distributor_name: str = described("the distributor's name (its customer's)")
    pay_with: str = described("wallet or credit")
    total_amount: Decimal = described("what the order comes to, tax included")
    paid_from_wallet: Decimal = described("paid from the cash balance (0 on credit)")
    paid_from_rebate: Decimal = described("paid from the rebate balance (返利抵扣)")
    currency: str = described("ISO 4217 code")
    order_date: date = described("the order's date in the workspace's time zone")
    line_count: int = described("how many lines it has")

    @classmethod
    def of(cls, placed: DistributorOrder, line_count: int) -> DistributorOrderPlaced:
        order = placed.order
        return cls(
            id=graphql_id(order.pk),
            number=order.number,
            distributor_id=graphql_id(placed.distributor_id),
            distributor_name=placed.distributor.customer.name,
            pay_with=placed.pay_with,
            total_amount=order.total_amount,
            paid_from_wallet=from_fen(placed.cash_fen),
            paid_from_rebate=from_fen(placed.rebate_fen),
            currency=order.currency,
            order_date=order.order_date,
            line_count=line_count,
        )


@domain_event("distributor_order.status_changed", object_type=DISTRIBUTOR_ORDER)
@dataclass(frozen=True, kw_only=True)
class DistributorOrderStatusChanged(DomainEvent):
    """A portal order moved on in the workspace: approved, sent back, cancelled, shipped, its
    signed delivery note back, or complete. Made from the order's sales and shipping events, for
    the distributor (its people are told) and partners of the network."""

    id: str = described("the sales order's GraphQL id")
    number: str = described("the sales order's number")
    distributor_id: str = described("the distributor's GraphQL id")
    change: str = described("approved, rejected, cancelled, shipped, signed or completed")
    status: str = described("the order's status after the change")


@domain_event("wallet.entry_posted", object_type=WALLET_ENTRY)
@dataclass(frozen=True, kw_only=True)
class WalletEntryPosted(DomainEvent):
    """An entry was added to a distributor's wallet (钱包): a prepayment or payout recorded by
    finance, an adjustment, an order paid or refunded, a commission or rebate posted."""

    id: str = described("the entry's GraphQL id")
    number: str = described("the entry's number, WE-2026-000123")
    distributor_id: str = described("the distributor's GraphQL id")
    kind: str = described("prepayment, order_payment, rebate, commission, payout, adjustment or refund")
    pocket: str = described("cash or rebate: the balance it moves")
    amount: Decimal = described("yuan, signed: positive, the workspace owes the distributor more")
    balance_after: Decimal = described("the pocket's balance after this entry")
    reference: str = described("the document behind it: a bank serial, a voucher, an order or run number")
    order_id: str | None = described("the sales order it paid or refunded")
    order_number: str | None = described("that order's number")
    note: str = described("why, in the recorder's words")

    @classmethod
    def of(cls, entry: WalletEntry) -> WalletEntryPosted:
        order = entry.order
        return cls(
            id=graphql_id(entry.pk),
            number=entry.number,
            distributor_id=graphql_id(entry.distributor_id),
            kind=entry.kind,
            pocket=entry.pocket,
            amount=from_fen(entry.amount_fen),
            balance_after=from_fen(entry.balance_after_fen),
            reference=entry.reference,
            order_id=_id(entry.order_id),
            order_number=order.number if order is not None else None,
            note=entry.note,
        )


@domain_event("commission_statement.posted", object_type=COMMISSION_STATEMENT)
@dataclass(frozen=True, kw_only=True)
class CommissionStatementPosted(DomainEvent):
    """A distributor's commission statement (分润) of a settled month was posted: its total went
    to the wallet as one commission entry (whose wallet.entry_posted comes just before), a
    negative total taking it back. Its lines are read with `commissionStatement(id)`."""

    id: str = described("the statement's GraphQL id")
    settlement_id: str = described("the settlement's GraphQL id")
    settlement_number: str = described("the settlement's number, CS-2026-000001")
    month: date = described("the first day of the settled month")
    distributor_id: str = described("the earner's GraphQL id")
    line_count: int = described("how many commission entries it sums")
    total: Decimal = described("yuan, signed: clawbacks after returns may make it negative")
    wallet_entry_id: str | None = described("the wallet's commission entry; null when the total is 0")

    @classmethod
    def of(
        cls,
        settlement: CommissionSettlement,
        *,
        statement_id: int,
        distributor_id: int,
        line_count: int,
        total_fen: int,
        wallet_entry_id: int | None,
    ) -> CommissionStatementPosted:
        return cls(
            id=graphql_id(statement_id),
            settlement_id=graphql_id(settlement.pk),
            settlement_number=settlement.number,
            month=settlement.period.month,
            distributor_id=graphql_id(distributor_id),
            line_count=line_count,
            total=from_fen(total_fen),
            wallet_entry_id=_id(wallet_entry_id),
        )


@domain_event("rebate.posted", object_type=REBATE)
@dataclass(frozen=True, kw_only=True)
class RebatePosted(DomainEvent):
    """A volume rebate (返利) or a top-10 bonus (业绩奖) of a reviewed run was credited to the
    distributor's rebate balance (whose wallet.entry_posted comes just before)."""

    id: str = described("the rebate line's GraphQL id")
    run_id: str = described("the rebate run's GraphQL id")
    run_number: str = described("the run's number, RB-2026-000001")
    period_kind: str = described("month or quarter")
    period_start: date = described("the period's first day")
    distributor_id: str = described("who gets it")
    kind: str = described("volume or bonus")
    rule_name: str = described("the rule that pays it, as it was named then")
    purchase_quantity: Decimal = described("base units bought in the period, net of goods returned")
    purchase_amount: Decimal = described("their amount in yuan, tax included")
    tier_threshold: Decimal | None = described("volume: the highest tier reached")
    rate_percent: Decimal | None = described("volume: that tier's rate")
    rank: int | None = described("bonus: the rank, shared by equal quantities")
    tied: int | None = described("bonus: how many share the rank")
    amount: Decimal = described("yuan credited to the rebate balance")
    wallet_entry_id: str = described("the wallet's rebate entry")

    @classmethod
    def of(cls, line: RebateLine, *, run_number: str, period_kind: str, period_start: date) -> RebatePosted:
        return cls(
            id=graphql_id(line.pk),
            run_id=graphql_id(line.run_id),
            run_number=run_number,
            period_kind=period_kind,
            period_start=period_start,
            distributor_id=graphql_id(line.distributor_id),
            kind=line.kind,
            rule_name=line.rule_name,
            purchase_quantity=line.purchase_quantity,
            purchase_amount=line.purchase_amount,
            tier_threshold=line.tier_threshold,
            rate_percent=line.rate_percent,
            rank=line.rank,
            tied=line.tied,
            amount=from_fen(line.amount_fen),
            wallet_entry_id=graphql_id(line.wallet_entry_id),
        )


@dataclass(frozen=True, kw_only=True)
class ChannelStockItem:
    """One SKU of a channel stock report."""

    sku_id: str = described("the SKU's GraphQL id")
    sku_code: str = described("the SKU's code")
    on_hand: Decimal = described("base units in the distributor's stock at the end of the report date")
    sold: Decimal = described("base units sold since its previous report")


@domain_event("channel_stock.reported", object_type=CHANNEL_STOCK_REPORT)
@dataclass(frozen=True, kw_only=True)
class ChannelStockReported(DomainEvent):
    """A distributor reported its stock and sell-through for a day (分销商库存上报), by form or
    sheet; a second report of the same day replaces the first as the one that counts."""

    id: str = described("the report's GraphQL id")
    distributor_id: str = described("the distributor's GraphQL id")
    report_date: date = described("the day it reports")
    source: str = described("form or upload")
    replaced_id: str | None = described("the earlier report of that day it replaces, if any")
    items: tuple[ChannelStockItem, ...] = described("its SKUs, in the order sent (at most 100)")
    total: int = described("how many SKUs it reports (items lists at most 100)")

    @classmethod
    def of(
        cls,
        report: ChannelStockReport,
        *,
        items: list[ChannelStockItem],
        replaced_id: int | None,
    ) -> ChannelStockReported:
        return cls(
            id=graphql_id(report.pk),
            distributor_id=graphql_id(report.distributor_id),
            report_date=report.report_date,
            source=report.source,
            replaced_id=_id(replaced_id),
            items=tuple(items[:MAX_ITEMS]),
            total=len(items),
        )
