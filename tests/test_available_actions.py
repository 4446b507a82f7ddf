"""`availableActions`: what a caller may do next, from each document's transition table and the
caller's scopes, so clients stop mirroring the rules."""

from __future__ import annotations

import pytest

from saas.accounts import scopes
from saas.accounts.models import Role, User
from saas.core.transitions import TransitionTable
from saas.finance.actions import INVOICE_ACTIONS, RECEIPT_ACTIONS
from saas.finance.services.invoices import INVOICE_FLOW, invoice_create, invoice_issue
from saas.finance.services.receipts import RECEIPT_EVENTS, receipt_void, refund_record
from saas.finance.services.receivables import OrderAmount
from saas.inventory.actions import STOCKTAKE_ACTIONS, TRANSFER_ACTIONS
from saas.inventory.services.stocktakes import STOCKTAKE_FLOW, stocktake_start
from saas.inventory.services.transfers import TRANSFER_FLOW, TransferLineInput, transfer_create
from saas.procurement.actions import PURCHASE_ORDER_ACTIONS
from saas.procurement.services.orders import PO_FLOW
from saas.sales.actions import ORDER_ACTIONS, QUOTATION_ACTIONS, RETURN_ACTIONS
from saas.sales.services.quotations import QUOTATION_FLOW
from saas.sales.services.returns import RETURN_FLOW
from saas.sales.services.workflow import ORDER_FLOW
from saas.shipping.actions import SHIPMENT_ACTIONS
from saas.shipping.services.shipments import SHIPMENT_FLOW
from tests.fixtures.finance import Books
from tests.fixtures.inventory import Stockroom
from tests.fixtures.sales import Selling
from tests.fixtures.shipping import Shipping
from tests.fixtures.tenants import client_for, graphql

ACTIONS = "query($id: ID!) { salesOrder(id: $id) { status availableActions } }"


def _actions(selling: Selling, role: str, order_id: int) -> set[str]:
    body = graphql(client_for(selling.room.workspace, selling.user(role)), ACTIONS, {"id": str(order_id)})
    return set(body["data"]["salesOrder"]["availableActions"])


def test_a_rep_may_edit_submit_and_cancel_a_draft_but_not_approve_it(selling: Selling) -> None:
    order = selling.order([(selling.shirt, "1")])
    assert _actions(selling, "sales", order.pk) == {"EDIT", "SUBMIT", "CANCEL", "ADD_EXPENSE"}


def test_a_manager_reviews_an_order_waiting_for_review(selling: Selling) -> None:
    order = selling.order([(selling.shirt, "1")], status="pending_review")
    assert {"APPROVE", "REJECT", "CANCEL"} <= _actions(selling, "manager", order.pk)
    assert "APPROVE" not in _actions(selling, "sales", order.pk)


def test_the_warehouse_may_only_ship_an_order_waiting_for_goods(selling: Selling) -> None:
    order = selling.order([(selling.shirt, "1")], status="approved")
    assert _actions(selling, "warehouse", order.pk) == {"SHIP"}
    assert "RECORD_RECEIPT" in _actions(selling, "finance", order.pk)


def test_an_order_waiting_for_purchase_is_not_offered_for_shipping(selling: Selling) -> None:
    # The shipping service ships only what is fully reserved (SHIPPABLE_ORDERS).
    order = selling.order([(selling.phone, "20")], status="approved")
    assert order.status == "pending_purchase"
    offered = _actions(selling, "owner", order.pk)  # every scope; the warehouse does not see it yet
    assert "RETRY_RESERVATION" in offered and "SHIP" not in offered


@pytest.mark.parametrize(
    ("table", "actions"),
    [
        (ORDER_FLOW, ORDER_ACTIONS),
        (QUOTATION_FLOW, QUOTATION_ACTIONS),
        (RETURN_FLOW, RETURN_ACTIONS),
        (PO_FLOW, PURCHASE_ORDER_ACTIONS),
        (SHIPMENT_FLOW, SHIPMENT_ACTIONS),
        (INVOICE_FLOW, INVOICE_ACTIONS),
        (RECEIPT_EVENTS, RECEIPT_ACTIONS),
        (TRANSFER_FLOW, TRANSFER_ACTIONS),
        (STOCKTAKE_FLOW, STOCKTAKE_ACTIONS),
    ],
    ids=[
        "order",
        "quotation",
        "return",
        "purchase_order",
        "shipment",
        "invoice",
        "receipt",
        "transfer",
        "stocktake",
    ],
)
def test_every_action_is_reachable_in_its_flow(table: TransitionTable, actions: tuple) -> None:
    statuses = set(table.allowed) | {to for targets in table.allowed.values() for to in targets}
    for action in actions:
        if action.to is not None:
            assert any(action.to in targets for targets in table.allowed.values()), action.name
        else:
            assert action.during and set(action.during) <= statuses, action.name
        assert action.scopes, action.name


def _ask(workspace: object, user: object, query: str, **variables: str) -> dict:
    body = graphql(client_for(workspace, user), query, variables)
    assert "errors" not in body, body
    return body["data"]


SHIPMENT = "query($id: ID!) { shipment(id: $id) { status availableActions } }"


def test_the_warehouse_ships_or_cancels_a_packed_shipment_and_a_rep_may_not(shipping: Shipping) -> None:
    order = shipping.order([(shipping.shirt, "1")])
    packed = shipping.pack(order)
    workspace = shipping.room.workspace
    shown = _ask(workspace, shipping.keeper, SHIPMENT, id=str(packed.pk))["shipment"]
    assert set(shown["availableActions"]) == {"SHIP", "CANCEL", "UPDATE_TRACKING"}
    assert _ask(workspace, shipping.rep, SHIPMENT, id=str(packed.pk))["shipment"]["availableActions"] == []


def test_a_shipped_shipment_is_signed_back_by_the_warehouse_or_the_rep(shipping: Shipping) -> None:
    shipped = shipping.ship(shipping.order([(shipping.shirt, "1")]))
    workspace = shipping.room.workspace
    keeper = _ask(workspace, shipping.keeper, SHIPMENT, id=str(shipped.pk))["shipment"]["availableActions"]
    assert set(keeper) == {"UPDATE_TRACKING", "SIGN_BACK"}
    assert _ask(workspace, shipping.rep, SHIPMENT, id=str(shipped.pk))["shipment"]["availableActions"] == [
        "SIGN_BACK"
    ]


INVOICE = "query($id: ID!) { invoice(id: $id) { status availableActions } }"


def test_finance_issues_or_voids_an_invoice_and_a_manager_may_not(books: Books) -> None:
    order = books.shipped([(books.shirt, "10")])
    invoice = invoice_create(
        actor=books.finance, customer_id=books.customer.pk, orders=[OrderAmount(order.pk, "590")]
    )
    workspace = books.selling.room.workspace
    assert _ask(workspace, books.finance, INVOICE, id=str(invoice.pk))["invoice"]["availableActions"] == [
        "ISSUE",
        "VOID",
    ]
    assert (
        _ask(workspace, books.user("manager"), INVOICE, id=str(invoice.pk))["invoice"]["availableActions"]
        == []
    )
    invoice_issue(actor=books.finance, invoice_id=invoice.pk, tax_invoice_number="04412345")
    assert _ask(workspace, books.finance, INVOICE, id=str(invoice.pk))["invoice"]["availableActions"] == [
        "VOID"
    ]


RECEIPT = "query($id: ID!) { receipt(id: $id) { kind availableActions } }"


def test_finance_allocates_or_voids_a_payment_and_a_manager_may_not(books: Books) -> None:
    payment = books.pay(books.customer, "100")
    workspace = books.selling.room.workspace
    assert _ask(workspace, books.finance, RECEIPT, id=str(payment.pk))["receipt"]["availableActions"] == [
        "ALLOCATE",
        "VOID",
    ]
    assert (
        _ask(workspace, books.user("manager"), RECEIPT, id=str(payment.pk))["receipt"]["availableActions"]
        == []
    )


def test_a_refund_is_not_allocated_and_a_void_receipt_offers_nothing(books: Books) -> None:
    payment = books.pay(books.customer, "100")
    assert payment.unallocated_amount == 100  # a prepayment the refund pays back from
    refund = refund_record(actor=books.finance, customer_id=books.customer.pk, amount="40")
    workspace = books.selling.room.workspace
    assert _ask(workspace, books.finance, RECEIPT, id=str(refund.pk))["receipt"]["availableActions"] == [
        "VOID"
    ]
    receipt_void(actor=books.finance, receipt_id=refund.pk)
    assert _ask(workspace, books.finance, RECEIPT, id=str(refund.pk))["receipt"]["availableActions"] == []


DOCUMENT = (
    "query($kind: StockDocumentKind!, $id: ID!) { stockDocument(kind: $kind, id: $id) { availableActions } }"
)


def _buyer() -> User:
    """A buyer sees stock documents (purchasing.manage) but may not move stock (inventory.manage)."""
    role = Role.objects.create(
        code="buyer", name_zh="采购", name_en="Buyer", scopes=[scopes.PURCHASING_MANAGE]
    )
    user = User.objects.create_user(email="buyer@alpha.test", password="x-Password-1", full_name="采购员")
    user.roles.set([role])
    return user


def _document_actions(stockroom: Stockroom, user: User, kind: str, doc_id: int) -> list[str]:
    return _ask(stockroom.workspace, user, DOCUMENT, kind=kind, id=str(doc_id))["stockDocument"][
        "availableActions"
    ]


def test_the_warehouse_receives_or_cancels_a_transfer_and_a_buyer_may_not(stockroom: Stockroom) -> None:
    stockroom.receive(stockroom.phone, "10", "1000")
    transfer = transfer_create(
        actor=stockroom.keeper,
        from_warehouse_id=stockroom.main.pk,
        to_warehouse_id=stockroom.branch.pk,
        lines=[TransferLineInput(sku_id=stockroom.phone.pk, quantity="4")],
    )
    assert _document_actions(stockroom, stockroom.keeper, "TRANSFER", transfer.pk) == ["RECEIVE", "CANCEL"]
    assert _document_actions(stockroom, _buyer(), "TRANSFER", transfer.pk) == []


def test_the_warehouse_counts_approves_or_cancels_a_stocktake_and_a_manager_may_not(
    stockroom: Stockroom,
) -> None:
    stockroom.receive(stockroom.shirt, "10", "20")
    sheet = stocktake_start(actor=stockroom.keeper, warehouse_id=stockroom.main.pk)
    assert _document_actions(stockroom, stockroom.keeper, "STOCKTAKE", sheet.pk) == [
        "COUNT",
        "APPROVE",
        "CANCEL",
    ]
    assert _document_actions(stockroom, _buyer(), "STOCKTAKE", sheet.pk) == []
