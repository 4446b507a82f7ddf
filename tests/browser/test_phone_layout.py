"""Phone layout: on a 360 px wide phone no screen of the registry scrolls sideways, for any role
(and none breaks the enforced Content-Security-Policy),
and a manager approves an order from the 待审核 queue with the confirmation dialog inside the
screen (a page wider than the phone made the browser zoom out and put the dialog half off it)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from saas.accounts.models import User
from saas.catalog.models import SKU, Product
from saas.core.clock import tenant_today
from saas.customers.services.common import refresh_search_text
from saas.fieldsales.logs import work_log_write
from saas.fieldsales.services import visit_check_in
from saas.finance.services.invoices import invoice_create
from saas.finance.services.receipts import receipt_record
from saas.finance.services.receivables import OrderAmount
from saas.inventory.models import Warehouse
from saas.inventory.services.entries import EntryLine, stock_entry_create
from saas.inventory.services.stocktakes import stocktake_start
from saas.messaging.message_services import message_send
from saas.messaging.services import conversation_start
from saas.partners.models import WebhookEndpoint
from saas.partners.signing import new_secret
from saas.procurement import services as procurement
from saas.procurement.models import Supplier
from saas.sales import services as sales
from saas.sales.models import SalesOrder
from saas.sales.services.returns import ReturnLineInput, return_create
from tests.browser.driver import ShellPage, snapshot
from tests.browser.portal_helpers import portal_network, portal_release
from tests.browser.rewards_helpers import walk_documents
from tests.fixtures.sales import approved_order, draft_order, sales_customer, shipped_order

pytestmark = pytest.mark.live

SMALL_PHONE = {"width": 360, "height": 740}
ROLES = ["owner", "admin", "manager", "sales", "warehouse", "finance", "distributor"]
# Screens worth a look in test-artifacts/ (role, screen id).
SNAPSHOTS = {
    ("manager", "orders"),
    ("sales", "order"),
    ("warehouse", "shipping-order"),
    ("owner", "more"),
    ("distributor", "portal-order"),
    ("manager", "network-prices"),
}


def _user(role: str) -> User:
    return User.objects.get(email=f"{role}@alpha.test")


@dataclass
class Seeded:
    """One of each document a screen with an :id opens, in alpha, by id."""

    ids: dict[str, int]
    pending_review: dict[str, Any]


def _seed() -> Seeded:
    """A warehouse with 100 of a product, a customer of the rep, and orders in every state the
    screens with an :id need: shipped (with a payment, an invoice and a return), waiting to
    ship, waiting for review; a quotation, a stocktake, a supplier and its approved order; a work
    log and a visit of the rep; a distributor network with the distributor user's own order; a
    commission settlement and a rebate run; a conversation of the rep's with a long message and an
    order card."""
    tag = uuid.uuid4().hex[:8].upper()
    rep, manager, keeper, finance = _user("sales"), _user("manager"), _user("warehouse"), _user("finance")
    warehouse = Warehouse.objects.create(code=f"L{tag}", name=f"版式仓{tag}")
    product = Product.objects.create(code=f"P-L{tag}", name=f"版式测试长名称的纯棉衬衫{tag}")
    sku = SKU.objects.create(
        product=product, code=f"L-{tag}", cost_price=Decimal("20"), list_price=Decimal("59.00")
    )
    stock_entry_create(
        actor=keeper,
        warehouse_id=warehouse.pk,
        direction="in",
        reason="opening",
        lines=[EntryLine(sku_id=sku.pk, quantity="100", unit_cost="20")],
    )
    customer = sales_customer(owner=rep, name=f"宁波版式测试{tag}商贸有限公司")
    refresh_search_text(customer)
    common = {"actor": rep, "approver": manager, "customer": customer, "warehouse": warehouse}
    shipped = shipped_order(**common, shipper=keeper, lines=[(sku, "10")])
    to_ship = approved_order(**common, lines=[(sku, "2")])
    waiting = draft_order(actor=rep, customer=customer, warehouse=warehouse, lines=[(sku, "3")])
    sales.order_submit(actor=rep, order=waiting)
    quotation = sales.quotation_create(
        actor=rep, customer_id=customer.pk, lines=[sales.LineInput(sku_id=sku.pk, quantity="4")]
    )
    receipt = receipt_record(
        actor=finance, customer_id=customer.pk, amount="100", allocations=[OrderAmount(shipped.pk, "100")]
    )
    invoice = invoice_create(actor=finance, customer_id=customer.pk, orders=[OrderAmount(shipped.pk, "100")])
    line = shipped.lines.get()
    sales_return = return_create(
        actor=rep, order_id=shipped.pk, lines=[ReturnLineInput(line.pk, "1")], reason="quality"
    )
    stocktake = stocktake_start(actor=keeper, warehouse_id=warehouse.pk)
    supplier = Supplier.objects.create(code=f"S{tag}", name=f"版式供应商{tag}")
    purchase = procurement.purchase_order_create(
        actor=keeper,
        supplier_id=supplier.pk,
        lines=[
            procurement.OrderLineInput(
                sku_id=sku.pk, warehouse_id=warehouse.pk, quantity="5", unit_price="18"
            )
        ],
    )
    procurement.purchase_order_submit(actor=keeper, order_id=purchase.pk)
    procurement.purchase_order_approve(actor=keeper, order_id=purchase.pk)
    # Switched off, so the events of other tests never queue deliveries to it.
    endpoint = WebhookEndpoint.objects.create(
        url=f"https://erp-{tag.lower()}.example.com/sparrow/webhooks/a-long-path-for-the-layout-check",
        events=["customer.created", "sales_order.created"],
        secret=new_secret(),
        state=WebhookEndpoint.State.DISABLED,
    )
    # Yesterday's, so that a test writing today's log never finds this one in its way.
    log = work_log_write(
        actor=rep, day=tenant_today() - timedelta(days=1), text=f"拜访了宁波版式测试{tag}商贸有限公司，" * 8
    )
    # Captured yesterday too (sent later from the outbox), so no test counting today's visits meets it.
    visit = visit_check_in(
        actor=rep,
        customer_id=customer.pk,
        client_id=f"layout-{tag}",
        captured_at=timezone.now() - timedelta(days=1),
    )
    portal = portal_network(tag, with_order=True)
    rewards = walk_documents()
    chat = conversation_start(actor=rep, participant_ids=[str(manager.pk)])
    message_send(
        actor=manager,
        conversation_id=str(chat.pk),
        client_id=f"layout-{tag}",
        text=f"宁波版式测试{tag}商贸有限公司要 20 件白色T恤 L码，明天能发吗？" * 3,
        order_id=str(shipped.pk),
    )
    ids = {
        "portal-order": portal["order"],
        "settlement": rewards["settlement"],
        "rebate-run": rewards["rebate-run"],
        "order": shipped.pk,
        "field-log": log.pk,
        "field-visit": visit.pk,
        "order-edit": to_ship.pk,
        "quotation": quotation.pk,
        "quotation-edit": quotation.pk,
        "customer": customer.pk,
        "statement": customer.pk,
        "product": product.pk,
        "product-edit": product.pk,
        "movements": sku.pk,
        "stocktake": stocktake.pk,
        "purchase-order": purchase.pk,
        "purchase-order-edit": purchase.pk,
        "receiving": purchase.pk,
        "supplier": supplier.pk,
        "receipt": receipt.pk,
        "invoice": invoice.pk,
        "return": sales_return.pk,
        "shipping-signback-order": shipped.pk,
        "shipping-order": to_ship.pk,
        "webhook-endpoint": endpoint.pk,
        "chat-conversation": chat.pk,
    }
    return Seeded(ids=ids, pending_review={"id": waiting.pk, "number": waiting.number})


# The routes (core/routes.js) this user may open, with their paths (first entry of a path only: the
# router never reaches a second one).
SCREENS_JS = """async () => {
  const { SCREENS } = await import('/app/core/routes.js');
  const { hasScope } = await import('/app/core/session.js');
  const seen = new Set();
  return SCREENS.filter((s) => !seen.has(s.path) && seen.add(s.path) && hasScope(s.scope)).map((s) => ({ id: s.id, path: s.path }));
}"""
GO_JS = """(url) => { history.pushState({}, '', url); dispatchEvent(new PopStateEvent('popstate')); }"""
# Mounted and done loading: no skeleton, nothing marked busy.
SETTLED_JS = """(id) => document.body.dataset.screen === id
  && !document.querySelector('#view .skeleton, #view [aria-busy="true"]')"""


def _path_for(screen: dict[str, str], ids: dict[str, int]) -> str | None:
    """The screen's path with its parameter filled in from the seeded data (None: no data)."""
    parts = []
    for part in screen["path"].split("/"):
        if part.startswith(":"):
            if screen["id"] not in ids:
                return None
            part = str(ids[screen["id"]])
        parts.append(part)
    return "/app" + "/".join(parts)


def _widths(app: ShellPage) -> dict[str, int]:
    return dict(
        app.page.evaluate("({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth })")
    )


def test_no_screen_scrolls_sideways_on_a_small_phone_for_any_role(shell, world, read_db):
    # Given one of each document, so that the screens with an :id open a real one
    seeded = read_db(world.alpha, _seed)
    too_wide: list[str] = []
    checked: dict[str, int] = {}

    for role in ROLES:
        # When each role walks every screen it may open on a 360 px phone, in one page, under the
        # enforced Content-Security-Policy (a violation is a console error: the test fails)
        app = shell(as_user=role, viewport=SMALL_PHONE, enforce_csp=True)
        screens = app.page.evaluate(SCREENS_JS)
        checked[role] = 0
        for screen in screens:
            # Every screen with an :id has a seeded document: none is skipped. A new one fails
            # here until _seed makes one (or, without any data possible, skips it by name).
            path = _path_for(screen, seeded.ids)
            assert path is not None, f"no test data for {screen['path']}: add its id to _seed"
            app.page.evaluate(GO_JS, path)
            app.wait_until(SETTLED_JS, screen["id"], timeout=8000)
            # Then the page is no wider than the phone
            widths = _widths(app)
            assert widths["inner"] == SMALL_PHONE["width"]
            if widths["scroll"] > widths["inner"]:
                too_wide.append(f"{role} {path}: {widths['scroll']}px")
            if (role, screen["id"]) in SNAPSHOTS:
                snapshot(app, f"phone360-{role}-{screen['id']}")
            checked[role] += 1

    read_db(world.alpha, portal_release)
    assert not too_wide, "screens wider than a 360 px phone:\n" + "\n".join(too_wide)
    # Every role saw its screens (a registry that failed to load would check nothing).
    assert checked["owner"] > 40 and checked["distributor"] >= 5, checked


def test_a_manager_approves_from_the_review_queue_on_a_small_phone(shell, world, read_db):
    # Given an order of the rep waiting for review
    seeded = read_db(world.alpha, _seed)
    number = seeded.pending_review["number"]

    # When the manager opens 待审核 on a 360 px touch phone
    app = shell(as_user="manager", viewport=SMALL_PHONE, touch=True, path="/app/orders?queue=pending_review")
    page = app.page
    row = page.locator(f'.order-row[data-number="{number}"]')
    expect(row).to_be_visible()
    # Then the page is not zoomed out: it is as wide as the phone
    assert page.evaluate("window.innerWidth") == SMALL_PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"]

    # And taps 审核通过: the confirmation dialog is wholly on the screen, its buttons too
    row.get_by_role("button", name=f"审核通过 {number}").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_be_visible()
    confirm = dialog.get_by_role("button", name="审核通过")
    for box in (dialog.bounding_box(), confirm.bounding_box()):
        assert box is not None
        assert box["x"] >= 0 and box["y"] >= 0, box
        assert box["x"] + box["width"] <= SMALL_PHONE["width"], box
        assert box["y"] + box["height"] <= SMALL_PHONE["height"], box
    snapshot(app, "phone360-approve-dialog")
    confirm.click()

    # Then the order is approved: stock is reserved and it waits to ship
    expect(page.locator(".toast")).to_contain_text(number)
    expect(row).to_have_count(0)

    def status() -> str:
        return str(SalesOrder.objects.get(pk=seeded.pending_review["id"]).status)

    assert read_db(world.alpha, status) == "pending_shipment"
