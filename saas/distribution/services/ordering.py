"""A distributor orders (下单) in the portal: its allowed products at its prices, paid from its
wallet or on credit, as a sales order submitted into the workspace's normal review queue.

`distributor_order_place` does it all in one transaction, so nothing is half-written on error:
the lines are priced by `saas.distribution.pricing` (the unit prices are written onto the sales
order lines and stay as placed; each line's rule is kept on the DistributorOrder), checked
against the level's catalogue, the case quantities and the level's minimum order; the sales
order is written for the distributor's customer through the sales services; then it is paid —

- WALLET: rebates first, at most `rebate_cap_percent` of the order and the rebate balance, the
  rest from the cash balance (`insufficient_rebate`, `rebate_over_cap`, `insufficient_balance`);
- CREDIT: what the customer owes (finance's receivables) plus its credit orders still waiting
  for review plus this order must stay within the distributor's credit limit
  (`credit_limit_exceeded`);

and submitted, as sales' own submit does it (credit policy, review or automatic approval,
events), emitting `distributor_order.placed` first. The distributor's row is locked first, so
two orders of one distributor are weighed one after the other. An idempotency key makes a
retry return the first order.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp
from saas.accounts.models import User
from saas.core.clock import tenant_today
from saas.core.domain_events import emit
from saas.core.errors import InvalidInput, NotFound
from saas.core.idempotency import run_once
from saas.core.inputs import clean_decimal, clean_text, too_precise
from saas.distribution.access import portal_membership
from saas.distribution.events import DistributorOrderPlaced
from saas.distribution.lines import OrderLineInput, clean_order_lines, line_problems
from saas.distribution.models import (
    Distributor,
    DistributorOrder,
    DistributorStatus,
    PayWith,
    WalletKind,
    WalletPocket,
)
from saas.distribution.pricing import price_lines
from saas.distribution.selectors.credit import credit_in_use
from saas.distribution.services.common import MAX_MONEY, from_fen, to_fen
from saas.distribution.services.wallet import Posting, wallet_post
from saas.distribution.workspace_settings import distribution_settings
from saas.inventory.models import Warehouse
from saas.sales.models import SalesOrder
from saas.sales.services import LineInput
from saas.sales.services.lines import clean_lines
from saas.sales.services.orders import write_order
from saas.sales.services.workflow import submit_locked


def _rebate(value: Any) -> Decimal:
    if value in (None, ""):
        return Decimal(0)
    amount = clean_decimal(value, "rebate_amount", "amount_invalid")
    if amount < 0 or amount >= MAX_MONEY or too_precise(amount, 2):
        raise InvalidInput(
            _("Amounts are zero or more, with at most 2 decimals."),
            code="amount_invalid",
            field="rebate_amount",
        )
    return amount


def _warehouse() -> Warehouse:
    chosen = distribution_settings().warehouse
    if chosen is not None and chosen.is_active:
        return chosen
    first = Warehouse.objects.filter(is_active=True).order_by("id").first()
    if first is None:
        raise InvalidInput(_("The workspace has no warehouse to ship from."), code="no_warehouse", field=None)
    return first


def _rep(distributor: Distributor, user: User) -> User:
    """The rep who looks after the distributor's customer; the distributor's person without one."""
    owner = distributor.customer.owner
    return owner if owner is not None and owner.is_active else user


def _pay_from_wallet(
    *, user: User, distributor: Distributor, order: SalesOrder, rebate: Decimal
) -> tuple[int, int]:
    total_fen = to_fen(order.total_amount)
    rebate_fen = to_fen(rebate)
    cap_fen = total_fen * to_fen(distribution_settings().rebate_cap_percent) // 10_000
    if rebate_fen > cap_fen:
        raise InvalidInput(
            _("Rebates may pay at most %(amount)s of this order.") % {"amount": from_fen(cap_fen)},
            code="rebate_over_cap",
            field="rebate_amount",
        )
    cash_fen = total_fen - rebate_fen
    note = _("Order %(number)s") % {"number": order.number}
    if rebate_fen:
        wallet_post(
            actor=user,
            distributor_id=distributor.pk,
            postings=[Posting(WalletKind.ORDER_PAYMENT, WalletPocket.REBATE, -rebate_fen)],
            reference=order.number,
            order=order,
            note=note,
            field="rebate_amount",
        )
    if cash_fen:
        wallet_post(
            actor=user,
            distributor_id=distributor.pk,
            postings=[Posting(WalletKind.ORDER_PAYMENT, WalletPocket.CASH, -cash_fen)],
            reference=order.number,
            order=order,
            note=note,
            field="pay_with",
        )
    return cash_fen, rebate_fen


def _check_credit(distributor: Distributor, order: SalesOrder) -> None:
    available = distributor.credit_limit - credit_in_use(distributor)
    if order.total_amount > available:
        raise InvalidInput(
            _("This order is over your available credit of %(amount)s.")
            % {"amount": max(available, Decimal(0))},
            code="credit_limit_exceeded",
            field="pay_with",
        )


def distributor_order_place(
    *,
    actor: Actor,
    lines: Sequence[OrderLineInput],
    pay_with: str,
    rebate_amount: Any = None,
    remarks: str = "",
    idempotency_key: str | None = None,
) -> SalesOrder:
    """The distributor's order, priced, paid and submitted for review; a retry with the same
    idempotency key returns the first order."""
    user, member_of = portal_membership(actor)
    if pay_with not in PayWith.values:
        raise InvalidInput(_("Pay from the wallet or on credit."), code="pay_with_invalid", field="pay_with")
    rebate = _rebate(rebate_amount)
    if rebate and pay_with != PayWith.WALLET:
        raise InvalidInput(
            _("Rebates pay only orders paid from the wallet."),
            code="rebate_needs_wallet",
            field="rebate_amount",
        )
    pairs = clean_order_lines(lines)
    cleaned_remarks = clean_text(remarks, "remarks", 500)

    def write() -> dict[str, int]:
        distributor = (
            Distributor.objects.select_for_update(of=("self",))
            .select_related("customer__owner", "level")
            .get(pk=member_of.pk)
        )
        if distributor.status != DistributorStatus.ACTIVE:
            raise InvalidInput(
                _("Your distributor account is suspended."), code="distributor_suspended", field=None
            )
        if not distributor.customer.is_active:
            raise InvalidInput(_("Your customer account is inactive."), code="customer_inactive", field=None)
        priced = price_lines(distributor, pairs, on=tenant_today())
        problems = line_problems(priced)
        if problems:
            raise InvalidInput(problems=problems)
        warehouse = _warehouse()
        cleaned = clean_lines(
            [
                LineInput(sku_id=line.sku_id, quantity=line.quantity, unit_price=line.unit_price)
                for line in priced
            ],
            warehouse=warehouse,
        )
        total = sum((line.amounts.amount for line in cleaned), Decimal(0))
        minimum = distributor.level.min_order_amount
        if total < minimum:
            raise InvalidInput(
                _("Orders of your level come to at least %(amount)s.") % {"amount": minimum},
                code="below_minimum_order",
                field="lines",
            )
        order = write_order(
            actor=user,
            customer=distributor.customer,
            warehouse=warehouse,
            rep=_rep(distributor, user),
            lines=cleaned,
            remarks=cleaned_remarks,
        )
        cash_fen = rebate_fen = 0
        if pay_with == PayWith.WALLET:
            cash_fen, rebate_fen = _pay_from_wallet(
                user=user, distributor=distributor, order=order, rebate=rebate
            )
        else:
            _check_credit(distributor, order)
        placed = DistributorOrder.objects.create(
            order=order,
            distributor=distributor,
            placed_by=user,
            pay_with=pay_with,
            cash_fen=cash_fen,
            rebate_fen=rebate_fen,
            line_rules=[
                {"line_no": index + 1, "list_price": str(line.list_price), "price_rule": line.price_rule}
                for index, line in enumerate(priced)
            ],
        )
        locked = (
            SalesOrder.objects.select_for_update(of=("self",)).select_related("customer").get(pk=order.pk)
        )
        emit(DistributorOrderPlaced.of(placed, line_count=len(cleaned)), by=actor_stamp(user))
        submit_locked(actor=user, order=locked)
        return {"pk": order.pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(user), key=idempotency_key, operation="distributor_order_place", write=write
        )
    order = SalesOrder.objects.select_related("customer").filter(pk=result["pk"]).first()
    if order is None:  # never: the key's order is this distributor's, and orders are not deleted
        raise NotFound(_("Sales order not found."), field="idempotency_key")
    return order
