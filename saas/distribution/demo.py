"""Demo distribution network for the demo workspace: three levels (省代 → 市代 → 零售商), a
provincial agent with two city branches — Hangzhou (杭州鑫达, `agent@`) and Ningbo (宁波甬江,
`agent2@`) — each with a shop below, price tiers below list price, wallets funded by
prepayments (and some rebate), and one portal order of each agent waiting for review; then a
month of orders (`MONTH`): the agents' portal orders and the rep's orders for the provincial
agent and the shops, over the last 30 days, completed, shipped, approved or waiting, with
commission rules (parent and grandparent), a monthly volume rebate and top-10 bonus, and — when
last month had completed orders — its commission settlement and rebate run computed and posted,
so statements, rebates, ranks and wallets show real figures.

`distribution_demo_seed(password=..., agent_emails=...)` runs after the demo catalog, stock,
customers and sales exist, and does nothing once the workspace has distributor levels, so
`sparrow up` can call it every time. It acts through the ordinary services (as the owner, the
finance user and the agents themselves); the existing demo customers, users and SKU codes stay
as they are: 杭州鑫达商贸有限公司 becomes the Hangzhou distributor, the rest are new customers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction

from saas.accounts import scopes
from saas.accounts.models import Role, User
from saas.catalog.models import SKU, Category, Status
from saas.core.clock import tenant_today, tenant_zone
from saas.core.models import DocumentEvent
from saas.core.sync import TOUCH
from saas.customers.duplicates import name_key
from saas.customers.models import Customer
from saas.customers.services import customer_create
from saas.customers.services.inputs import AddressInput, ContactInput
from saas.distribution.commission_models import CommissionEntry
from saas.distribution.commission_rules import CommissionRuleInput
from saas.distribution.lines import OrderLineInput
from saas.distribution.models import Distributor, DistributorLevel, DistributorMember, DistributorOrder
from saas.distribution.periods import add_months, month_of
from saas.distribution.pricing import price_lines
from saas.distribution.services.commission_accrual import commission_accrue_orders
from saas.distribution.services.commissions import (
    commission_rules_save,
    commission_settlement_create,
    commission_settlement_post,
)
from saas.distribution.services.network import distributor_create, level_save, member_add
from saas.distribution.services.ordering import distributor_order_place
from saas.distribution.services.prices import (
    PriceBreakInput,
    PriceItemInput,
    distribution_settings_update,
    price_list_save,
)
from saas.distribution.services.rebate_runs import rebate_run_approve, rebate_run_compute, rebate_run_post
from saas.distribution.services.rebates import (
    BonusRuleInput,
    TierInput,
    VolumeRuleInput,
    bonus_rule_save,
    volume_rule_save,
)
from saas.distribution.services.wallet import wallet_adjust, wallet_prepayment_record
from saas.inventory.models import Warehouse
from saas.inventory.services.entries import EntryLine, stock_entry_create
from saas.sales import services as sales
from saas.sales.models import OrderStatus, SalesOrder, SalesOrderLine
from saas.sales.services import LineInput
from saas.shipping.models import Shipment


@dataclass(frozen=True)
class DemoDistributor:
    key: str
    customer: str  # an existing demo customer's name, or a new customer's
    level: str
    parent: str | None
    area: str
    credit_limit: str
    prepayment: str  # yuan in the wallet
    rebate: str = "0"
    phone: str = ""
    contact: tuple[str, str] = ("", "")  # name, mobile
    address: tuple[str, str, str, str] = ("", "", "", "")  # province, city, district, detail


LEVELS = [("PROV", "省代", 1, "5000"), ("CITY", "市代", 2, "1000"), ("SHOP", "零售商", 3, "200")]
NETWORK = [
    DemoDistributor(
        "top",
        "浙江麻雀供应链有限公司",
        "PROV",
        None,
        "浙江省",
        "200000",
        "100000",
        phone="0571-8677 1201",
        contact=("孙建华", "139 0571 1201"),
        address=("浙江省", "杭州市", "上城区", "解放路 168 号 12 楼"),
    ),
    DemoDistributor("hz", "杭州鑫达商贸有限公司", "CITY", "top", "杭州市", "50000", "20000", rebate="800"),
    DemoDistributor(
        "nb",
        "宁波甬江商贸有限公司",
        "CITY",
        "top",
        "宁波市",
        "30000",
        "15000",
        rebate="500",
        phone="0574-8788 2202",
        contact=("吴海涛", "138 5740 2202"),
        address=("浙江省", "宁波市", "海曙区", "中山西路 138 号 5 楼"),
    ),
    DemoDistributor(
        "hz_shop",
        "杭州西湖悦家便利店",
        "SHOP",
        "hz",
        "杭州市西湖区",
        "5000",
        "3000",
        phone="0571-8512 3303",
        contact=("钱悦", "137 5710 3303"),
        address=("浙江省", "杭州市", "西湖区", "文二路 56 号"),
    ),
    DemoDistributor(
        "nb_shop",
        "宁波鄞州惠民超市",
        "SHOP",
        "nb",
        "宁波市鄞州区",
        "5000",
        "2000",
        phone="0574-8826 4404",
        contact=("郑惠", "136 5740 4404"),
        address=("浙江省", "宁波市", "鄞州区", "天童南路 588 号"),
    ),
]
AGENT_OF = {0: "hz", 1: "nb"}
AGENT_KEYS = set(AGENT_OF.values())  # the first demo agent orders for Hangzhou, the second for Ningbo
AGENT_NAMES = ["杭州鑫达商贸(经销商)", "宁波甬江商贸(经销商)"]


def _category(name: str) -> Category | None:
    return Category.objects.filter(name=name, parent__isnull=True).first()


def _discounts(*pairs: tuple[str, str]) -> list[PriceItemInput]:
    items = []
    for name, percent in pairs:
        category = _category(name)
        if category is not None:
            items.append(
                PriceItemInput(category_id=category.pk, breaks=[PriceBreakInput(discount_percent=percent)])
            )
    return items


def _agent(email: str, name: str, password: str, invited_by: User) -> User:
    found = User.objects.filter(email__iexact=email).first()
    if found is not None:
        return found
    user = User.objects.create_user(email=email, password=password, full_name=name, invited_by=invited_by)
    user.roles.set(Role.objects.filter(code=scopes.DISTRIBUTOR))
    return User.objects.get(pk=user.pk)


def _customer(item: DemoDistributor, owner: User, rep: User) -> Customer:
    existing = Customer.objects.filter(name_key=name_key(item.customer)).first()
    if existing is not None:
        return existing
    contact_name, mobile = item.contact
    province, city, district, detail = item.address
    return customer_create(
        actor=owner,
        name=item.customer,
        phone=item.phone,
        owner_id=rep.pk,
        invoice_title=item.customer,
        contacts=[ContactInput(name=contact_name, title="采购", phone=mobile)],
        addresses=[
            AddressInput(
                receiver=contact_name,
                phone=mobile,
                province=province,
                city=city,
                district=district,
                detail=detail,
            )
        ],
        allow_duplicate=True,
    )


def _price_tiers(owner: User, levels: dict[str, DistributorLevel], hz: Distributor) -> None:
    today = tenant_today()
    tiers = {
        "PROV": ("省代价目表", [("男装", "30"), ("女装", "30"), ("手机通讯", "18"), ("影音娱乐", "25")]),
        "CITY": ("市代价目表", [("男装", "20"), ("女装", "20"), ("手机通讯", "12"), ("影音娱乐", "18")]),
        "SHOP": ("零售商价目表", [("男装", "10"), ("女装", "10")]),
    }
    for code, (name, pairs) in tiers.items():
        items = _discounts(*pairs)
        tshirts = Category.objects.filter(name="T恤", parent__name="男装").first()
        if code == "CITY" and tshirts is not None:  # T-shirts by the case of 10, cheaper from 100
            items.append(
                PriceItemInput(
                    category_id=tshirts.pk,
                    case_quantity=10,
                    breaks=[
                        PriceBreakInput(discount_percent="20"),
                        PriceBreakInput(min_quantity="100", discount_percent="25"),
                    ],
                )
            )
        price_list_save(actor=owner, level_id=levels[code].pk, name=name, effective_from=today, items=items)
    earphones = _discounts(("影音娱乐", "22"))
    if earphones:
        price_list_save(
            actor=owner,
            distributor_id=hz.pk,
            name="鑫达专属价",
            effective_from=today,
            items=earphones,
            note="年度框架协议",
        )


def _first_order(agent: User, skus: Sequence[SKU]) -> None:
    if skus:
        distributor_order_place(
            actor=agent,
            lines=[OrderLineInput(sku_id=skus[0].pk, quantity="30")],  # above the 市代 minimum of 1,000
            pay_with="wallet",
            remarks="演示：经销商门户下单",
        )


def distribution_demo_seed(*, password: str, agent_emails: Sequence[str]) -> int:
    """Add the demo network; returns how many distributors it made (0 when it had run before)."""
    if DistributorLevel.objects.exists():
        return 0
    active = User.objects.filter(is_active=True).order_by("id")
    owner = active.filter(roles__code=scopes.OWNER).first()
    finance = active.filter(roles__code=scopes.FINANCE).first() or owner
    reps = list(active.filter(roles__code=scopes.SALES))
    if owner is None or finance is None or not reps:
        return 0
    with transaction.atomic():
        levels = {
            code: level_save(actor=owner, code=code, name=name, rank=rank, min_order_amount=minimum)
            for code, name, rank, minimum in LEVELS
        }
        clothing = [c.pk for c in (_category("男装"), _category("女装")) if c is not None]
        if clothing:  # shops sell clothes only
            shop = levels["SHOP"]
            level_save(
                actor=owner,
                level_id=shop.pk,
                code=shop.code,
                name=shop.name,
                rank=shop.rank,
                min_order_amount=shop.min_order_amount,
                catalog_category_ids=clothing,
            )
        distribution_settings_update(actor=owner, rebate_cap_percent="10")
        made: dict[str, Distributor] = {}
        for index, item in enumerate(NETWORK):
            customer = _customer(item, owner, reps[index % len(reps)])
            made[item.key] = distributor_create(
                actor=owner,
                customer_id=customer.pk,
                level_id=levels[item.level].pk,
                parent_id=made[item.parent].pk if item.parent else None,
                sales_area=item.area,
                credit_limit=item.credit_limit,
            )
            wallet_prepayment_record(
                actor=finance,
                distributor_id=made[item.key].pk,
                amount=item.prepayment,
                reference=f"DEMO-BANK-{index + 1:04d}",
                note="演示预付款",
            )
            if item.rebate != "0":
                wallet_adjust(
                    actor=finance,
                    distributor_id=made[item.key].pk,
                    amount=item.rebate,
                    pocket="rebate",
                    note="上季度返利",
                )
        _price_tiers(owner, levels, made["hz"])
        skus = list(
            SKU.objects.filter(status=Status.ACTIVE, product__category__parent__name="男装").order_by("id")[
                :1
            ]
        )
        agents: dict[str, User] = {}
        for index, email in enumerate(agent_emails[:2]):
            agent = _agent(email, AGENT_NAMES[index], password, owner)
            if not DistributorMember.objects.filter(user=agent).exists():
                member_add(actor=owner, distributor_id=made[AGENT_OF[index]].pk, user_id=agent.pk)
            agents[AGENT_OF[index]] = agent
            _first_order(agent, skus)
        _month_of_orders(owner, made, agents)
    return len(made)


# --- a month of orders ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoOrder:
    back: int  # days before today it was placed (10:00 and a few minutes, workspace time)
    buyer: str  # a NETWORK key: the agents order in the portal, the others through the rep
    state: str  # completed (signed back 3 days later), shipped (the next day), approved, pending
    lines: tuple[tuple[int, int], ...]  # (index into the month's SKUs, quantity)
    pay_with: str = "wallet"
    rebate: str = ""


# SKUs: 0–2 T-shirts (the 市代 buy them by the case of 10), 3 men's shirt, 4 women's shirt, 5 dress.
MONTH = [
    DemoOrder(29, "hz", "completed", ((0, 20), (3, 10))),
    DemoOrder(28, "nb_shop", "completed", ((4, 6), (5, 4))),
    DemoOrder(26, "top", "completed", ((1, 60), (3, 24))),
    DemoOrder(24, "nb", "completed", ((1, 30), (5, 10)), rebate="100"),
    DemoOrder(22, "hz_shop", "completed", ((2, 12), (4, 5))),
    DemoOrder(20, "hz", "completed", ((3, 20),), pay_with="credit"),
    DemoOrder(18, "nb", "completed", ((2, 40),)),
    DemoOrder(16, "hz_shop", "completed", ((0, 8), (5, 3))),
    DemoOrder(14, "top", "completed", ((0, 50), (4, 20))),
    DemoOrder(12, "hz", "completed", ((1, 30), (4, 10)), rebate="80"),
    DemoOrder(10, "nb_shop", "completed", ((3, 6),)),
    DemoOrder(8, "nb", "completed", ((0, 20), (3, 10))),
    DemoOrder(6, "hz", "shipped", ((2, 30),)),
    DemoOrder(5, "hz_shop", "shipped", ((1, 6), (5, 2))),
    DemoOrder(4, "nb", "shipped", ((3, 12),)),
    DemoOrder(3, "top", "approved", ((2, 40), (4, 10))),
    DemoOrder(2, "hz", "approved", ((0, 10), (5, 5))),
    DemoOrder(1, "nb", "pending", ((1, 30),)),
]
CLOTHES = [("TS-1001", 3), ("SH-2001", 1), ("SH-2002", 1), ("DR-3001", 1)]  # product code, SKUs taken


def _month_skus() -> list[SKU]:
    """Clothes no waiting order needs (restocking those would move the sales demo's queues)."""
    waiting = SalesOrderLine.objects.filter(order__status=OrderStatus.PENDING_PURCHASE).values("sku_id")
    picked: list[SKU] = []
    for code, count in CLOTHES:
        picked += list(
            SKU.objects.filter(status=Status.ACTIVE, product__code=code)
            .exclude(pk__in=waiting)
            .order_by("id")[1 : count + 1]  # the first SKU is the agents' first order's
        )
    return picked


def _month_rules(owner: User) -> None:
    commission_rules_save(
        actor=owner,
        rules=[
            CommissionRuleInput(depth=1, basis="revenue", rate_percent="5"),
            CommissionRuleInput(depth=2, basis="revenue", rate_percent="2"),
        ],
        max_depth=2,
        note="演示：上级 5%，上上级 2%",
    )
    volume_rule_save(
        actor=owner,
        rule=VolumeRuleInput(
            name="月度进货返利",
            period_kind="month",
            measure="amount",
            tiers=[
                TierInput(threshold="3000", rate_percent="1"),
                TierInput(threshold="6000", rate_percent="2"),
            ],
        ),
    )
    bonus_rule_save(
        actor=owner,
        rule=BonusRuleInput(
            name="月度进货前十", period_kind="month", mode="ranks", rank_amounts=["500", "300", "200"]
        ),
    )


def _placed_at(order: DemoOrder, index: int) -> datetime:
    day = tenant_today() - timedelta(days=order.back)
    return datetime.combine(day, time(10, 0), tzinfo=tenant_zone()) + timedelta(minutes=7 * index)


def _backdate(order: SalesOrder, placed: datetime, state: str) -> None:
    """Move the order's own dates (and its timeline's) back to when the plan says it happened; the
    event log and wallet ledger are append-only and keep the day the demo was made."""
    approved, shipped, done = (
        placed + timedelta(hours=2),
        placed + timedelta(days=1),
        placed + timedelta(days=3),
    )
    dates = {"order_date": placed.date(), "created_at": placed, "submitted_at": placed}
    if state != "pending":
        dates["approved_at"] = approved
    if state in ("shipped", "completed"):
        dates["shipped_at"] = shipped
    if state == "completed":
        dates["completed_at"] = done
    SalesOrder.objects.filter(pk=order.pk).update(**dates, updated_at=TOUCH)
    DistributorOrder.objects.filter(order_id=order.pk).update(created_at=placed)
    signed = {"signed_at": done, "sign_recorded_at": done} if state == "completed" else {}
    Shipment.objects.filter(order_id=order.pk).update(
        created_at=shipped, ship_date=shipped.date(), shipped_at=shipped, **signed
    )
    timeline = DocumentEvent.objects.filter(doc_type="sales_order", doc_id=order.pk)
    for statuses, moment in (
        (("draft", "pending_review"), placed),
        (("pending_shipment", "pending_purchase"), approved),
        (("partly_shipped", "pending_signback"), shipped),
        (("completed",), done),
    ):
        timeline.filter(to_status__in=statuses).update(created_at=moment)


def _month_order(
    plan: DemoOrder,
    *,
    made: dict[str, Distributor],
    agents: dict[str, User],
    skus: list[SKU],
    warehouse: Warehouse,
    owner: User,
) -> SalesOrder:
    buyer = made[plan.buyer]
    pairs = [(skus[index].pk, Decimal(quantity)) for index, quantity in plan.lines]
    agent = agents.get(plan.buyer)
    if agent is not None:
        return distributor_order_place(
            actor=agent,
            lines=[OrderLineInput(sku_id=pk, quantity=str(quantity)) for pk, quantity in pairs],
            pay_with=plan.pay_with,
            rebate_amount=plan.rebate or None,
            remarks="演示：经销商门户下单",
        )
    # No one of the provincial agent or the shops signs in: their rep orders for them, at their tier.
    rep = buyer.customer.owner or owner
    priced = price_lines(buyer, pairs, on=tenant_today())
    order = sales.order_create(
        actor=rep,
        customer_id=buyer.customer_id,
        warehouse_id=warehouse.pk,
        lines=[
            LineInput(sku_id=line.sku_id, quantity=str(line.quantity), unit_price=str(line.unit_price))
            for line in priced
        ],
        remarks="演示：业务员代经销商下单",
    )
    sales.order_submit(actor=rep, order=order)
    return SalesOrder.objects.get(pk=order.pk)


def _advance(order: SalesOrder, state: str, manager: User, keeper: User) -> None:
    if state == "pending":
        return
    if order.status == OrderStatus.PENDING_REVIEW:
        sales.order_approve(actor=manager, order=order, note="同意发货")
    if state == "approved":
        return
    order = SalesOrder.objects.get(pk=order.pk)
    sales.order_ship(
        actor=keeper,
        order=order,
        lines=[(line.pk, line.base_quantity) for line in order.lines.order_by("line_no")],
    )
    if state == "completed":
        sales.order_sign_back(actor=keeper, order=SalesOrder.objects.get(pk=order.pk), note="签收单已回")


def _month_of_orders(owner: User, made: dict[str, Distributor], agents: dict[str, User]) -> int:
    """The month's orders, commissions accrued; last month settled and its rebates posted."""
    skus = _month_skus()
    warehouse = Warehouse.objects.filter(is_active=True).order_by("id").first()
    if len(skus) < 6 or warehouse is None or set(agents) != AGENT_KEYS:
        return 0
    active = User.objects.filter(is_active=True).order_by("id")
    manager = active.filter(roles__code=scopes.MANAGER).first() or owner
    keeper = active.filter(roles__code=scopes.WAREHOUSE).first() or owner
    stock_entry_create(
        actor=owner,
        warehouse_id=warehouse.pk,
        direction="in",
        reason="other",
        lines=[
            EntryLine(sku_id=sku.pk, quantity="300", unit_cost=str(sku.cost_price or "10")) for sku in skus
        ],
        note="演示：经销商渠道备货",
    )
    _month_rules(owner)
    completed: list[int] = []
    for index, plan in enumerate(MONTH):
        order = _month_order(plan, made=made, agents=agents, skus=skus, warehouse=warehouse, owner=owner)
        _advance(order, plan.state, manager, keeper)
        _backdate(order, _placed_at(plan, index), plan.state)
        if plan.state == "completed":
            completed.append(order.pk)
    # Accrued here, on the backdated days, rather than by the consumer after the commit (which
    # then finds them accrued), so last month can be settled now.
    commission_accrue_orders(order_ids=completed)
    last_month = add_months(month_of(tenant_today()), -1)
    if CommissionEntry.objects.filter(period__month=last_month).exists():
        settlement = commission_settlement_create(actor=owner, month=last_month)
        commission_settlement_post(actor=owner, settlement_id=settlement.pk)
        run = rebate_run_compute(actor=owner, period_kind="month", period_start=last_month)
        rebate_run_approve(actor=owner, run_id=run.pk, note="演示：已核对")
        rebate_run_post(actor=owner, run_id=run.pk)
    return len(MONTH)
