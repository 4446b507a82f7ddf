"""Profit-sharing data for the browser tests, in alpha as the live server sees it, made through
the services: a network of three levels (grandparent ─ parent ─ child), commission rules (the
parent 10 % of revenue, the grandparent 5 %), and the child's two orders completed in a given
month (10 and 4 shirts at 59.00) with 3 shirts of the first received back in that month: one
clawback per earner. The clock is stopped in that month while they are made, so the orders
complete and the goods come back in it; the live worker accrues them by those dates.

Commission rules are the workspace's own (one set in force for everyone), and a month is
settled once: the settlement tests use last month, the phone-layout walk an old month of its
own (`walk_documents`), so neither takes the other's month."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from saas.accounts import scopes
from saas.accounts.models import User
from saas.catalog.services.products import product_create
from saas.customers.services.common import refresh_search_text
from saas.distribution.models import CommissionSettlement, DistributorMember
from saas.distribution.periods import last_closed
from saas.distribution.rebate_models import RebateRun
from saas.distribution.services import network
from saas.distribution.services.commissions import commission_rules_save, commission_settlement_create
from saas.distribution.services.rebate_runs import rebate_run_compute
from saas.inventory.models import Warehouse
from saas.inventory.services.entries import EntryLine, stock_entry_create
from saas.sales import services as sales
from saas.sales.services.returns import ReturnLineInput, return_approve, return_create, return_receive
from tests.fixtures.distribution import beijing, clock_at, rule
from tests.fixtures.sales import sales_customer, shipped_order

# An old month of the walk's own: settled there, it is never the last settled month.
WALK_MONTH = date(2021, 1, 1)


def _user(role: str) -> User:
    return User.objects.get(email=f"{role}@alpha.test")


def last_month() -> date:
    """The month that ended last in the workspace's time zone (its first day)."""
    return last_closed("month")


def rewards_network(tag: str, month: date) -> dict[str, Any]:
    """The network, rules, orders and return (see the module); returns ids, names and the rule
    set's version."""
    manager, rep, keeper = _user("manager"), _user("sales"), _user("warehouse")
    with pytest.MonkeyPatch.context() as clock:
        clock_at(clock, beijing(month.year, month.month, 10))
        warehouse = Warehouse.objects.create(code=f"R{tag}", name=f"分润仓{tag}")
        product = product_create(
            actor=manager, code=f"RW{tag}", name=f"分润测试衬衫{tag}", list_price="59.00", cost_price="20.00"
        ).product
        sku = product.skus.get()
        stock_entry_create(
            actor=keeper,
            warehouse_id=warehouse.pk,
            direction="in",
            reason="opening",
            lines=[EntryLine(sku_id=sku.pk, quantity="100", unit_cost="20")],
        )
        levels = [
            network.level_save(actor=manager, code=f"{code}{tag}", name=f"{name}{tag}", rank=rank)
            for rank, (code, name) in enumerate((("P", "省代"), ("C", "市代"), ("R", "零售")), start=1)
        ]
        made: list[Any] = []
        for level, name in zip(levels, ("浙江总代", "杭州鑫达", "西湖小店"), strict=True):
            customer = sales_customer(owner=rep, name=f"{name}{tag}")
            refresh_search_text(customer)
            made.append(
                network.distributor_create(
                    actor=manager,
                    customer_id=customer.pk,
                    level_id=level.pk,
                    parent_id=made[-1].pk if made else None,
                    sales_area="杭州",
                )
            )
        grandparent, parent, child = made
        rule_set = commission_rules_save(
            actor=manager, rules=[rule(1, "revenue", "10"), rule(2, "revenue", "5")], max_depth=2
        )
        common = {"actor": rep, "approver": manager, "customer": child.customer, "warehouse": warehouse}
        orders = []
        for quantity in ("10", "4"):
            order = shipped_order(**common, shipper=keeper, lines=[(sku, quantity)])
            sales.order_sign_back(actor=keeper, order=order)
            orders.append(order)
        clock_at(clock, beijing(month.year, month.month, 15))
        line = orders[0].lines.get()
        sales_return = return_create(
            actor=rep, order_id=orders[0].pk, lines=[ReturnLineInput(line.pk, "3")], reason="quality"
        )
        return_approve(actor=manager, return_id=sales_return.pk)
        return_receive(actor=keeper, return_id=sales_return.pk)
    return {
        "grandparent": grandparent.pk,
        "parent": parent.pk,
        "child": child.pk,
        "child_level": levels[2].name,
        "parent_name": parent.customer.name,
        "grandparent_name": grandparent.customer.name,
        "orders": [order.number for order in orders],
        "return": sales_return.number,
        "sku_code": sku.code,
        "version": rule_set.version,
        "month": month,
    }


def settled(month: date) -> int:
    """The settlement of `month`, made (by the manager) when there is none yet."""
    found = CommissionSettlement.objects.filter(period__month=month).first()
    if found is None:
        found = commission_settlement_create(actor=_user("manager"), month=month)
    return int(found.pk)


def walk_documents() -> dict[str, int]:
    """A settlement and a rebate run for the phone-layout walk's :id screens, of an old month."""
    run = RebateRun.objects.filter(period_kind="month", period_start=WALK_MONTH).first()
    if run is None:
        run = rebate_run_compute(actor=_user("manager"), period_kind="month", period_start=WALK_MONTH)
    return {"settlement": settled(WALK_MONTH), "rebate-run": int(run.pk)}


def member_of(distributor_id: int) -> None:
    """alpha's distributor user becomes a person of this distributor (of it only)."""
    person = _user(scopes.DISTRIBUTOR)
    DistributorMember.objects.filter(user=person).delete()
    network.member_add(actor=_user("manager"), distributor_id=distributor_id, user_id=person.pk)


def release() -> None:
    DistributorMember.objects.filter(user=_user(scopes.DISTRIBUTOR)).delete()
