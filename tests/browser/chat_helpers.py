"""Chat and paste-to-order data for the browser tests, in alpha as the live server sees it: a
catalogue the paste reads (a T-shirt in 颜色 × 尺码, a soda in two sizes, names tagged so runs
never meet), a warehouse to order from (30 white L shirts in it, no soda), a customer of the rep's, and a direct conversation in
which the manager sent the rep a WeChat-style order."""

from __future__ import annotations

import uuid
from typing import Any

from saas.accounts.models import User
from saas.catalog import services as catalog
from saas.catalog.drafts import SkuDraft, SpecDraft
from saas.inventory.models import Warehouse
from saas.inventory.services.entries import EntryLine, stock_entry_create
from saas.messaging.message_services import message_send
from saas.messaging.services import conversation_start
from tests.fixtures.sales import sales_customer


def _user(role: str) -> User:
    return User.objects.get(email=f"{role}@alpha.test")


def pasted_order_world(tag: str) -> dict[str, Any]:
    manager, rep = _user("manager"), _user("sales")
    shirt = catalog.product_create(
        actor=manager,
        code=f"TS{tag}",
        name=f"麻雀{tag}纯棉T恤",
        base_unit="件",
        specs=[SpecDraft("颜色", ["白色", "黑色"]), SpecDraft("尺码", ["M", "L"])],
        skus=[
            SkuDraft(spec_values={"颜色": colour, "尺码": size}, code=f"TS{tag}-{part}-{size}")
            for colour, part in (("白色", "WH"), ("黑色", "BK"))
            for size in ("M", "L")
        ],
        list_price="39.00",
        cost_price="15.00",
    ).product
    soda = catalog.product_create(
        actor=manager,
        code=f"QS{tag}",
        name=f"麻雀{tag}橙味汽水",
        base_unit="瓶",
        specs=[SpecDraft("规格", ["330ml", "500ml"])],
        skus=[SkuDraft(spec_values={"规格": size}, code=f"QS{tag}-{size}") for size in ("330ml", "500ml")],
        list_price="3.50",
        cost_price="1.20",
    ).product
    warehouse = Warehouse.objects.create(code=f"C{tag}", name=f"聊天下单仓{tag}")
    # 30 white L shirts there, no soda: the order entry shows the one line fine, the other short.
    stock_entry_create(
        actor=_user("warehouse"),
        warehouse_id=warehouse.pk,
        direction="in",
        reason="opening",
        lines=[EntryLine(sku_id=shirt.skus.get(code=f"TS{tag}-WH-L").pk, quantity="30", unit_cost="15")],
    )
    customer = sales_customer(owner=rep, name=f"微信下单客户{tag}")
    text = f"老板，麻雀{tag}纯棉T恤 白色 L码 20件，麻雀{tag}橙味汽水 5瓶"
    chat = conversation_start(actor=manager, participant_ids=[str(rep.pk)])
    message_send(actor=manager, conversation_id=str(chat.pk), client_id=uuid.uuid4().hex, text=text)
    return {
        "conversation": chat.pk,
        "text": text,
        "customer": customer.pk,
        "customer_name": customer.name,
        "warehouse": warehouse.name,
        "shirt": f"TS{tag}-WH-L",
        "soda_330": f"QS{tag}-330ml",
        "soda_500": f"QS{tag}-500ml",
        "shirt_product": shirt.pk,
        "soda_product": soda.pk,
    }
