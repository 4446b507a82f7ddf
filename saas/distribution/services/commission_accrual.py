"""Commissions accrue when a distributor's order completes and are clawed back when its goods
come back (writes; the consumers in saas/distribution/commission_consumers.py call these).

- `commission_accrue_orders`: each completed order of a distributor (its customer is the
  distributor's) leaves a CommissionSale per line that shipped goods — quantity, revenue, the
  cost at shipment, the buyer's parent and grandparent as they are now — and an accrual per
  earner the rule set in force pays. Only completed orders, only shipped goods: nothing is
  ever paid for signing a distributor up.
- `commission_claw_back`: a received return takes back, from each accrual of each returned
  line, exactly what the returned quantity earned (commission_engine.clawback). Goods that came
  back before the order completed are taken back as soon as it accrues.

Both lock the sales order row first, as receiving a return does, so an accrual and a clawback
of one order never miss each other; and both are idempotent twice over: the fan-out claims each
event once per consumer, and unique indexes allow one accrual per (sale, earner) and one
clawback per (accrual, returned goods).

Periods: an entry belongs to the month of its day (the workspace's time zone) unless that month
is settled (locked); then it lands in the next open month and keeps the month it came from in
`moved_from`, so the statement that pays it says why it is there.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection, transaction
from django.db.models import QuerySet
from django.utils import timezone

from saas.core.clock import tenant_date, tenant_zone
from saas.distribution.commission_engine import (
    CENT,
    Earner,
    RuleBook,
    SaleFacts,
    clawback,
)
from saas.distribution.commission_models import (
    CommissionEntry,
    CommissionPeriod,
    CommissionReturn,
    CommissionSale,
    EntryKind,
)
from saas.distribution.commission_rules import rule_book, rule_set_in_force
from saas.distribution.models import Distributor, DistributorStatus
from saas.distribution.periods import add_months, month_of
from saas.sales.models import OrderStatus, ReturnStatus, SalesOrder, SalesOrderLine, SalesReturnLine

RECEIVED = (ReturnStatus.RECEIVED, ReturnStatus.SETTLED)


@dataclass(frozen=True)
class Landing:
    period: CommissionPeriod
    moved_from: date | None


class PeriodDesk:
    """Finds the open period an entry of a day lands in, holding each period row in SHARE mode
    until the transaction ends: a settlement (which locks the row FOR UPDATE) waits for the
    entries already landing, and those landing after it see the month locked."""

    def __init__(self) -> None:
        self._months: dict[date, CommissionPeriod] = {}

    def _row(self, month: date) -> CommissionPeriod:
        found = self._months.get(month)
        if found is None:
            with connection.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO distribution_commissionperiod (month) VALUES (%s) "
                    "ON CONFLICT (month) DO NOTHING",
                    [month],
                )
            found = CommissionPeriod.objects.raw(
                "SELECT * FROM distribution_commissionperiod WHERE month = %s FOR SHARE", [month]
            )[0]
            self._months[month] = found
        return found

    def land(self, day: date) -> Landing:
        month = first = month_of(day)
        while True:
            period = self._row(month)
            if period.locked_at is None:
                return Landing(period, None if month == first else first)
            month = add_months(month, 1)


def _revenue(amount: Decimal, shipped: Decimal, ordered: Decimal) -> Decimal:
    """The line's amount for what shipped (all of it once the order completed)."""
    if ordered <= 0 or shipped >= ordered:
        return amount
    return (amount * shipped / ordered).quantize(CENT, rounding=ROUND_HALF_UP)


def _upline(buyers: dict[int, Distributor]) -> dict[int, tuple[int, int | None]]:
    """The active parents and grandparents of the buyers: id → (id, level)."""
    wanted = {pk for buyer in buyers.values() for pk in buyer.ancestor_ids[-2:]}
    return {
        pk: (pk, level_id)
        for pk, level_id in Distributor.objects.filter(
            pk__in=wanted, status=DistributorStatus.ACTIVE
        ).values_list("id", "level_id")
    }


def _earners(buyer: Distributor, upline: dict[int, tuple[int, int | None]]) -> tuple[Earner, ...]:
    ancestors = list(reversed(buyer.ancestor_ids))[:2]  # parent first
    return tuple(
        Earner(depth, pk, upline[pk][1]) for depth, pk in enumerate(ancestors, start=1) if pk in upline
    )


def _saved(rule_id: int | None) -> int:
    if rule_id is None:  # never: the book in force is read from saved rules
        raise ValueError("an accrual needs a saved rule")
    return rule_id


def commission_accrue_orders(
    *, order_ids: Sequence[int], event_id: int | None = None, book: RuleBook | None = None
) -> int:
    """Accrue the completed orders among `order_ids` not yet accrued (in the caller's
    transaction, or one of its own); returns the accruals written. A fixed number of queries
    per call, whatever the number of orders (the benchmark accrues thousands at a time)."""
    with transaction.atomic():
        orders = list(
            SalesOrder.objects.select_for_update(of=("self",))
            .filter(pk__in=list(order_ids), status=OrderStatus.COMPLETED)
            .order_by("pk")
            .values_list("pk", "customer_id", "completed_at")
        )
        done = set(
            CommissionSale.objects.filter(order_id__in=[o[0] for o in orders]).values_list(
                "order_id", flat=True
            )
        )
        buyers = {
            buyer.customer_id: buyer
            for buyer in Distributor.objects.filter(customer_id__in={o[1] for o in orders}).only(
                "id", "customer_id", "path"
            )
        }
        orders = [o for o in orders if o[0] not in done and o[1] in buyers]
        if not orders:
            return 0
        book = book or rule_book(rule_set_in_force())
        upline = _upline(buyers)
        lines: dict[int, list[tuple[int, int, Decimal, Decimal, int | None, Decimal, Decimal]]] = defaultdict(
            list
        )
        for line_id, order_id, sku_id, amount, cost, category_id, shipped, ordered in (
            SalesOrderLine.objects.filter(order_id__in=[o[0] for o in orders], shipped_quantity__gt=0)
            .order_by("order_id", "line_no")
            .values_list(
                "id",
                "order_id",
                "sku_id",
                "amount",
                "cost_amount",
                "sku__product__category_id",
                "shipped_quantity",
                "base_quantity",
            )
        ):
            lines[order_id].append((line_id, sku_id, amount, cost, category_id, shipped, ordered))
        desk = PeriodDesk()
        now, zone = timezone.now(), tenant_zone()
        sales: list[CommissionSale] = []
        facts: list[SaleFacts] = []
        moved: list[date | None] = []
        for order_id, customer_id, completed_at in orders:
            buyer = buyers[customer_id]
            earners = _earners(buyer, upline)
            day = tenant_date(completed_at or now, zone)
            landing = desk.land(day)
            for line_id, sku_id, amount, cost, category, shipped, ordered in lines.get(order_id, []):
                fact = SaleFacts(
                    quantity=shipped,
                    revenue=_revenue(amount, shipped, ordered),
                    cost=cost,
                    category_id=category,
                    earners=earners,
                )
                by_depth = {earner.depth: earner for earner in earners}
                parent, grandparent = by_depth.get(1), by_depth.get(2)
                sales.append(
                    CommissionSale(
                        order_id=order_id,
                        order_line_id=line_id,
                        sku_id=sku_id,
                        category_id=category,
                        buyer_id=buyer.pk,
                        parent_id=parent.distributor_id if parent else None,
                        parent_level_id=parent.level_id if parent else None,
                        grandparent_id=grandparent.distributor_id if grandparent else None,
                        grandparent_level_id=grandparent.level_id if grandparent else None,
                        quantity=fact.quantity,
                        revenue=fact.revenue,
                        cost=fact.cost,
                        booked_on=day,
                        period=landing.period,
                        event_id=event_id,
                        created_at=now,
                    )
                )
                facts.append(fact)
                moved.append(landing.moved_from)
        CommissionSale.objects.bulk_create(sales, batch_size=2000)
        entries = [
            CommissionEntry(
                kind=EntryKind.ACCRUAL,
                sale=sale,
                earner_id=share.earner.distributor_id,
                depth=share.earner.depth,
                rule_id=_saved(share.rule.rule_id),
                rule_version=book.version,
                basis=share.rule.basis,
                rate_percent=share.rule.rate_percent,
                quantity=fact.quantity,
                base_amount=share.base_amount,
                commission_fen=share.commission_fen,
                period=sale.period,
                booked_on=sale.booked_on,
                moved_from=moved_from,
                event_id=event_id,
                created_at=now,
            )
            for sale, fact, moved_from in zip(sales, facts, moved, strict=True)
            for share in book.shares(fact)
        ]
        CommissionEntry.objects.bulk_create(entries, batch_size=2000)
        # Goods that came back before the order completed: taken back now, in the same period.
        _claw_back(
            SalesReturnLine.objects.filter(
                order_line_id__in=[sale.order_line_id for sale in sales],
                sales_return__status__in=RECEIVED,
            ),
            event_id=event_id,
            desk=desk,
            now=now,
        )
        return len(entries)


def commission_claw_back(*, return_id: int, event_id: int | None = None) -> int:
    """Take back what the received return's goods earned; returns the clawbacks written."""
    with transaction.atomic():
        order_id = (
            SalesReturnLine.objects.filter(sales_return_id=return_id)
            .values_list("sales_return__order_id", flat=True)
            .first()
        )
        if order_id is None:
            return 0
        SalesOrder.objects.select_for_update(of=("self",)).filter(pk=order_id).values_list("pk").first()
        return _claw_back(
            SalesReturnLine.objects.filter(sales_return_id=return_id, sales_return__status__in=RECEIVED),
            event_id=event_id,
            desk=PeriodDesk(),
            now=timezone.now(),
        )


def _claw_back(
    return_lines: QuerySet[SalesReturnLine], *, event_id: int | None, desk: PeriodDesk, now: datetime
) -> int:
    """Record each received return line of an accrued sale once (CommissionReturn), and take
    back from each of the sale's accruals what the returned part earned."""
    rows = list(
        return_lines.order_by("id").values_list(
            "id", "sales_return_id", "order_line_id", "quantity", "sales_return__received_at"
        )
    )
    sales = {
        sale.order_line_id: sale
        for sale in CommissionSale.objects.filter(order_line_id__in={row[2] for row in rows})
    }
    if not sales:
        return 0
    returned: dict[int, Decimal] = defaultdict(Decimal)
    recorded: set[int] = set()
    for sale_id, return_line_id, quantity in CommissionReturn.objects.filter(
        sale__in=list(sales.values())
    ).values_list("sale_id", "return_line_id", "quantity"):
        returned[sale_id] += quantity
        recorded.add(return_line_id)
    zone = tenant_zone()
    facts: list[CommissionReturn] = []
    for return_line_id, return_id, order_line_id, quantity, received_at in rows:
        sale = sales.get(order_line_id)
        if sale is None or return_line_id in recorded:
            continue
        part = min(Decimal(quantity), sale.quantity - returned[sale.pk])
        if part <= 0:
            continue
        day = max(tenant_date(received_at or now, zone), sale.booked_on)
        landing = desk.land(day)
        facts.append(
            CommissionReturn(
                sale=sale,
                sales_return_id=return_id,
                return_line_id=return_line_id,
                quantity=part,
                returned_before=returned[sale.pk],
                booked_on=day,
                period=landing.period,
                moved_from=landing.moved_from,
                event_id=event_id,
                created_at=now,
            )
        )
        returned[sale.pk] += part
    CommissionReturn.objects.bulk_create(facts)
    accruals: dict[int, list[CommissionEntry]] = defaultdict(list)
    for accrual in CommissionEntry.objects.filter(
        kind=EntryKind.ACCRUAL, sale_id__in={fact.sale_id for fact in facts}
    ).order_by("depth"):
        accruals[accrual.sale_id].append(accrual)
    entries = []
    for fact in facts:
        for accrual in accruals.get(fact.sale_id, []):
            taken = clawback(
                base=accrual.base_amount,
                rate_percent=accrual.rate_percent,
                quantity=accrual.quantity,
                returned_before=fact.returned_before,
                returned=fact.quantity,
            )
            entries.append(
                CommissionEntry(
                    kind=EntryKind.CLAWBACK,
                    sale_id=fact.sale_id,
                    earner_id=accrual.earner_id,
                    depth=accrual.depth,
                    rule_id=accrual.rule_id,
                    rule_version=accrual.rule_version,
                    basis=accrual.basis,
                    rate_percent=accrual.rate_percent,
                    quantity=fact.quantity,
                    base_amount=taken.base_amount,
                    commission_fen=taken.commission_fen,
                    accrual=accrual,
                    returned=fact,
                    period=fact.period,
                    booked_on=fact.booked_on,
                    moved_from=fact.moved_from,
                    event_id=event_id,
                    created_at=now,
                )
            )
    CommissionEntry.objects.bulk_create(entries)
    return len(entries)
