"""Distribution data for the browser tests, in alpha as the live server sees it: a level with a
price list in force today (a new product at 10 % off its list price of 59), a distributor of that
level whose person is alpha's distributor user, funded with 1,000 yuan, and a second
distributor with one order (another's, for the by-id check).

The live tests remove the people a test made (tests/fixtures/live.py), and a person who placed an
order cannot be removed: so the other distributor's order is placed by alpha's distributor user
while it still belongs to that one, before it is moved to its own. It belongs to one distributor
at a time: `portal_release` takes it out again. Everything else stays (orders and wallets are
never deleted); names carry the tag, so runs never meet."""

from __future__ import annotations

from typing import Any

from saas.accounts import scopes
from saas.accounts.models import User
from saas.catalog.services.products import product_create
from saas.core.clock import tenant_today
from saas.customers.services.common import refresh_search_text
from saas.distribution.lines import OrderLineInput
from saas.distribution.models import DistributorMember
from saas.distribution.services import network, wallet
from saas.distribution.services.ordering import distributor_order_place
from saas.distribution.services.prices import PriceBreakInput, PriceItemInput, price_list_save
from saas.inventory.models import Warehouse
from tests.fixtures.sales import sales_customer


def _user(role: str) -> User:
    return User.objects.get(email=f"{role}@alpha.test")


def _distributor(tag: str, name: str, level_id: int, person: User, fund: str) -> Any:
    manager, finance = _user("manager"), _user("finance")
    customer = sales_customer(owner=_user("sales"), name=f"{name}{tag}")
    refresh_search_text(customer)
    made = network.distributor_create(
        actor=manager, customer_id=customer.pk, level_id=level_id, sales_area="杭州"
    )
    DistributorMember.objects.filter(user=person).delete()
    network.member_add(actor=manager, distributor_id=made.pk, user_id=person.pk)
    wallet.wallet_prepayment_record(
        actor=finance, distributor_id=made.pk, amount=fund, reference=f"BANK-{tag}"
    )
    return made


def portal_network(tag: str, *, with_order: bool = False) -> dict[str, Any]:
    """Made through the services; returns the ids and names the tests look for (`order`: one
    order of the distributor's own, when asked for)."""
    manager = _user("manager")
    if not Warehouse.objects.filter(is_active=True).exists():
        Warehouse.objects.create(code=f"D{tag}", name=f"经销仓{tag}")
    product = product_create(
        actor=manager, code=f"DP{tag}", name=f"经销测试衬衫{tag}", list_price="59.00", cost_price="20.00"
    ).product
    sku = product.skus.get()
    level = network.level_save(actor=manager, code=f"C{tag}", name=f"市代{tag}", rank=2)
    price_list_save(
        actor=manager,
        level_id=level.pk,
        name=f"市代价目表{tag}",
        effective_from=tenant_today(),
        items=[
            PriceItemInput(sku_id=sku.pk, breaks=[PriceBreakInput(min_quantity="1", discount_percent="10")])
        ],
    )
    agent = _user(scopes.DISTRIBUTOR)
    other = _distributor(tag, "宁波甬江", level.pk, agent, "500")
    theirs = distributor_order_place(
        actor=agent, lines=[OrderLineInput(sku_id=sku.pk, quantity="1")], pay_with="wallet"
    )
    mine = _distributor(tag, "杭州鑫达", level.pk, agent, "1000")
    own = (
        distributor_order_place(
            actor=agent, lines=[OrderLineInput(sku_id=sku.pk, quantity="2")], pay_with="wallet"
        )
        if with_order
        else None
    )
    return {
        "distributor": mine.pk,
        "other": other.pk,
        "other_order": theirs.pk,
        "order": own.pk if own else None,
        "other_number": theirs.number,
        "sku": sku.pk,
        "sku_code": sku.code,
        "product": product.name,
        "price_list": f"市代价目表{tag}",
    }


def portal_release() -> None:
    DistributorMember.objects.filter(user=_user(scopes.DISTRIBUTOR)).delete()
