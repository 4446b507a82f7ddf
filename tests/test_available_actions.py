"""`availableActions`: what a caller may do next, from each document's transition table and the
caller's scopes, so clients stop mirroring the rules."""

from __future__ import annotations

import pytest

from saas.core.transitions import TransitionTable
from saas.procurement.actions import PURCHASE_ORDER_ACTIONS
from saas.procurement.services.orders import PO_FLOW
from saas.sales.actions import ORDER_ACTIONS, QUOTATION_ACTIONS, RETURN_ACTIONS
from saas.sales.services.quotations import QUOTATION_FLOW
from saas.sales.services.returns import RETURN_FLOW
from saas.sales.services.workflow import ORDER_FLOW
from tests.fixtures.sales import Selling
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


@pytest.mark.parametrize(
    ("table", "actions"),
    [
        (ORDER_FLOW, ORDER_ACTIONS),
        (QUOTATION_FLOW, QUOTATION_ACTIONS),
        (RETURN_FLOW, RETURN_ACTIONS),
        (PO_FLOW, PURCHASE_ORDER_ACTIONS),
    ],
    ids=["order", "quotation", "return", "purchase_order"],
)
def test_every_action_is_reachable_in_its_flow(table: TransitionTable, actions: tuple) -> None:
    statuses = set(table.allowed) | {to for targets in table.allowed.values() for to in targets}
    for action in actions:
        if action.to is not None:
            assert any(action.to in targets for targets in table.allowed.values()), action.name
        else:
            assert action.during and set(action.during) <= statuses, action.name
        assert action.scopes, action.name
