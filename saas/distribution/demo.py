"""Demo distribution network for the demo workspace: three levels (省代 → 市代 → 零售商), a
provincial agent with two city branches — Hangzhou (杭州鑫达, `agent@`) and Ningbo (宁波甬江,
`agent2@`) — each with a shop below, price tiers below list price, wallets funded by
prepayments (and some rebate), and one portal order of each agent waiting for review.

`distribution_demo_seed(password=..., agent_emails=...)` runs after the demo catalog, stock,
customers and sales exist, and does nothing once the workspace has distributor levels, so
`sparrow up` can call it every time. It acts through the ordinary services (as the owner, the
finance user and the agents themselves); the existing demo customers, users and SKU codes stay
as they are: 杭州鑫达商贸有限公司 becomes the Hangzhou distributor, the rest are new customers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction

from saas.accounts import scopes
from saas.accounts.models import Role, User
from saas.catalog.models import SKU, Category, Status
from saas.core.clock import tenant_today
from saas.customers.duplicates import name_key
from saas.customers.models import Customer
from saas.customers.services import customer_create
from saas.customers.services.inputs import AddressInput, ContactInput
from saas.distribution.lines import OrderLineInput
from saas.distribution.models import Distributor, DistributorLevel, DistributorMember
from saas.distribution.services.network import distributor_create, level_save, member_add
from saas.distribution.services.ordering import distributor_order_place
from saas.distribution.services.prices import (
    PriceBreakInput,
    PriceItemInput,
    distribution_settings_update,
    price_list_save,
)
from saas.distribution.services.wallet import wallet_adjust, wallet_prepayment_record


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
AGENT_OF = {0: "hz", 1: "nb"}  # the first demo agent orders for Hangzhou, the second for Ningbo
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
        for index, email in enumerate(agent_emails[:2]):
            agent = _agent(email, AGENT_NAMES[index], password, owner)
            if not DistributorMember.objects.filter(user=agent).exists():
                member_add(actor=owner, distributor_id=made[AGENT_OF[index]].pk, user_id=agent.pk)
            _first_order(agent, skus)
    return len(made)
