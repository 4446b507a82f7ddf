"""Batch actions on sales orders (the desktop table): approve, reject with a reason, assign a rep.
Each row succeeds or fails on its own with its error; one idempotency key for the batch; every
row goes through the caller's visibility and scopes; statements grow linearly with the rows."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from saas.core.models import DocumentEvent
from saas.sales.models import SalesOrder
from tests.fixtures.tenants import client_for, graphql

APPROVE = """
mutation($input: SalesOrderBatchApproveInput!) {
  salesOrderBatchApprove(input: $input) {
    okCount failedCount
    rows { row orderId orderNumber ok errors { field code message } }
    errors { field code message }
  }
}"""
REJECT = """
mutation($input: SalesOrderBatchRejectInput!) {
  salesOrderBatchReject(input: $input) {
    okCount failedCount rows { orderId ok errors { code } } errors { field code }
  }
}"""
ASSIGN = """
mutation($input: SalesOrderBatchAssignRepInput!) {
  salesOrderBatchAssignRep(input: $input) {
    okCount failedCount rows { orderId ok errors { code } } errors { field code }
  }
}"""
LIST = """
query($filter: SalesOrderFilter) { salesOrders(filter: $filter, limit: 100) { totalCount items { id status } } }"""


def _pending(selling, count: int) -> list[SalesOrder]:
    return [selling.order([(selling.shirt, "1")], status="pending_review") for _ in range(count)]


def test_an_office_worker_approves_twenty_filtered_orders_in_one_action_one_failing(selling):
    # Given twenty orders waiting for review, one of them taken back to draft meanwhile
    orders = _pending(selling, 20)
    late = orders[7]
    SalesOrder.objects.filter(pk=late.pk).update(status="draft")
    manager = client_for(selling.room.workspace, selling.manager)
    # When the manager filters the table to this customer's orders and approves them all
    listed = graphql(manager, LIST, {"filter": {"customerId": str(selling.customer.pk)}})["data"][
        "salesOrders"
    ]
    assert listed["totalCount"] == 20
    ids = [item["id"] for item in listed["items"]]
    result = graphql(manager, APPROVE, {"input": {"ids": ids, "idempotencyKey": "batch-approve-0001"}})
    payload = result["data"]["salesOrderBatchApprove"]
    # Then nineteen are approved and the one failing row says why
    assert payload["errors"] == []
    assert (payload["okCount"], payload["failedCount"]) == (19, 1)
    failed = [row for row in payload["rows"] if not row["ok"]]
    assert [row["orderId"] for row in failed] == [str(late.pk)]
    assert failed[0]["orderNumber"] == late.number
    assert failed[0]["errors"][0]["code"] == "transition_invalid"
    assert failed[0]["errors"][0]["message"]
    assert [row["row"] for row in payload["rows"]] == list(range(20))
    statuses = dict(SalesOrder.objects.filter(pk__in=[o.pk for o in orders]).values_list("pk", "status"))
    assert statuses[late.pk] == "draft"
    assert all(status == "pending_shipment" for pk, status in statuses.items() if pk != late.pk)


def test_a_retry_with_the_same_key_returns_the_first_results_and_acts_on_nothing(selling):
    orders = _pending(selling, 3)
    manager = client_for(selling.room.workspace, selling.manager)
    variables = {"input": {"ids": [str(o.pk) for o in orders], "idempotencyKey": "batch-approve-0002"}}
    first = graphql(manager, APPROVE, variables)["data"]["salesOrderBatchApprove"]
    events = DocumentEvent.objects.filter(doc_type="sales_order").count()

    again = graphql(manager, APPROVE, variables)["data"]["salesOrderBatchApprove"]

    assert again == first
    assert first["okCount"] == 3
    assert DocumentEvent.objects.filter(doc_type="sales_order").count() == events


def test_each_row_is_checked_on_its_own_repeated_and_unseen_ids(selling):
    # (A malformed id never gets this far: the input guard refuses the request with id_invalid.)
    order = _pending(selling, 1)[0]
    manager = client_for(selling.room.workspace, selling.manager)
    payload = graphql(manager, APPROVE, {"input": {"ids": [str(order.pk), str(order.pk), "99999999"]}})[
        "data"
    ]["salesOrderBatchApprove"]
    codes = [[e["code"] for e in row["errors"]] for row in payload["rows"]]
    assert codes == [[], ["order_repeated"], ["not_found"]]
    assert payload["rows"][2]["orderNumber"] == ""


def test_without_the_review_scope_nothing_runs(selling):
    order = _pending(selling, 1)[0]
    rep = client_for(selling.room.workspace, selling.rep)
    payload = graphql(rep, APPROVE, {"input": {"ids": [str(order.pk)]}})["data"]["salesOrderBatchApprove"]
    assert payload["rows"] == []
    assert payload["errors"][0]["code"] == "forbidden"
    order.refresh_from_db()
    assert order.status == "pending_review"


def test_another_workspace_cannot_touch_these_orders(selling, beta):
    order = _pending(selling, 1)[0]
    with tenant_context(beta.tenant):
        beta_manager = client_for(beta, beta.users["manager"])
    payload = graphql(beta_manager, APPROVE, {"input": {"ids": [str(order.pk)]}})["data"][
        "salesOrderBatchApprove"
    ]
    connection.set_tenant(selling.room.workspace.tenant)
    assert payload["rows"][0]["errors"][0]["code"] == "not_found"
    assert payload["rows"][0]["orderNumber"] == ""
    order.refresh_from_db()
    assert order.status == "pending_review"


def test_reject_needs_a_reason_and_sends_each_order_back_to_draft(selling):
    orders = _pending(selling, 2)
    manager = client_for(selling.room.workspace, selling.manager)
    ids = [str(o.pk) for o in orders]

    refused = graphql(manager, REJECT, {"input": {"ids": ids, "reason": "  "}})["data"][
        "salesOrderBatchReject"
    ]
    assert refused["errors"] == [{"field": "reason", "code": "required"}]
    assert refused["rows"] == []

    done = graphql(manager, REJECT, {"input": {"ids": ids, "reason": "价格有误"}})["data"][
        "salesOrderBatchReject"
    ]
    assert done["okCount"] == 2
    assert set(SalesOrder.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"draft"}


def test_assign_rep_gives_orders_to_a_colleague_but_a_rep_cannot_take_others(selling):
    orders = _pending(selling, 2)
    manager = client_for(selling.room.workspace, selling.manager)
    colleague = selling.user("admin")
    ids = [str(o.pk) for o in orders]

    done = graphql(manager, ASSIGN, {"input": {"ids": ids, "repId": str(colleague.pk)}})["data"][
        "salesOrderBatchAssignRep"
    ]
    assert (done["okCount"], done["failedCount"]) == (2, 0)
    assert set(SalesOrder.objects.filter(pk__in=ids).values_list("rep_id", flat=True)) == {colleague.pk}

    # The rep no longer sees these orders: each row is not found, not a leak of who has them.
    rep = client_for(selling.room.workspace, selling.rep)
    taken = graphql(rep, ASSIGN, {"input": {"ids": ids, "repId": str(selling.rep.pk)}})["data"][
        "salesOrderBatchAssignRep"
    ]
    assert [row["errors"][0]["code"] for row in taken["rows"]] == ["not_found", "not_found"]


def test_bad_batches_are_refused_whole(selling):
    manager = client_for(selling.room.workspace, selling.manager)
    empty = graphql(manager, APPROVE, {"input": {"ids": []}})["data"]["salesOrderBatchApprove"]
    assert empty["errors"][0]["code"] == "lines_required"
    many = graphql(manager, APPROVE, {"input": {"ids": [str(n) for n in range(1, 203)]}})["data"][
        "salesOrderBatchApprove"
    ]
    assert many["errors"][0]["code"] == "too_many_lines"
    bad_key = graphql(manager, APPROVE, {"input": {"ids": ["1"], "idempotencyKey": "no"}})["data"][
        "salesOrderBatchApprove"
    ]
    assert bad_key["errors"][0]["code"] == "idempotency_key_invalid"


def _statements(selling, count: int) -> int:
    orders = _pending(selling, count)
    manager = client_for(selling.room.workspace, selling.manager)
    with CaptureQueriesContext(connection) as queries:
        payload = graphql(manager, APPROVE, {"input": {"ids": [str(o.pk) for o in orders]}})
    assert payload["data"]["salesOrderBatchApprove"]["okCount"] == count
    return len(queries)


def test_statements_grow_linearly_with_the_rows(selling):
    two, four, eight = _statements(selling, 2), _statements(selling, 4), _statements(selling, 8)
    per_row = (four - two) / 2
    # Eight rows cost what four cost plus four more rows at the same price: never worse.
    assert eight - four <= 4 * per_row + 2
