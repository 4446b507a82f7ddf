"""Finance over GraphQL: receipts with typed errors and idempotent retries, invoices, refunds,
receivables and statements, the return flow across roles (amounts hidden from the warehouse),
lists in a constant number of queries, and isolation between workspaces."""

from __future__ import annotations

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from saas.accounts.models import User
from saas.finance.models import Receipt
from saas.sales.services import returns
from tests.fixtures.finance import fresh
from tests.fixtures.tenants import client_for, graphql

RECORD = """
mutation($input: ReceiptRecordInput!) {
  receiptRecord(input: $input) {
    receipt { id number kind amount unallocatedAmount customer { code }
              allocations { amount order { number balanceDue receivedAmount } } }
    errors { field code message }
  }
}"""
RECEIVABLES = """
query($groupBy: ReceivableGrouping!) {
  receivables(groupBy: $groupBy) {
    today totalCount total { owed prepayment net }
    items { customer { name } rep { fullName } orderCount owed notDue due0To30 due31To60 due61To90 dueOver90
            prepayment overpaid net }
  }
}"""
RETURN_FIELDS = """
  id number status reason reasonLabel settlement amount costAmount orderNumber customer { name }
  warehouse { code } lines { orderLineId quantity amount unitCost sku { code baseUnit } }
  events { toStatus actorName }
"""
CREATE_RETURN = f"""
mutation($input: SalesReturnCreateInput!) {{
  salesReturnCreate(input: $input) {{ salesReturn {{ {RETURN_FIELDS} }} errors {{ field code }} }}
}}"""


def as_role(books, role):
    """A signed-in client; in English, so labels read the same before and after `make messages`."""
    user = books.user(role)
    User.objects.filter(pk=user.pk).update(language="en")
    return client_for(books.selling.room.workspace, user)


def error_code(result) -> str:
    return result["errors"][0]["extensions"]["code"]


def test_finance_records_a_receipt_with_typed_errors_and_a_safe_retry(books):
    order = books.shipped([(books.shirt, "10")])
    client = as_role(books, "finance")
    base = {"customerId": str(books.customer.pk), "method": "WECHAT", "idempotencyKey": "h5-receipt-0001"}

    over = graphql(
        client,
        RECORD,
        {"input": {**base, "amount": "1000", "allocations": [{"orderId": str(order.pk), "amount": "600"}]}},
    )["data"]["receiptRecord"]
    assert over["receipt"] is None
    assert [(e["field"], e["code"]) for e in over["errors"]] == [("allocations.0.amount", "exceeds_balance")]

    good = {**base, "amount": "1000", "allocations": [{"orderId": str(order.pk), "amount": "590"}]}
    first = graphql(client, RECORD, {"input": good})["data"]["receiptRecord"]
    assert first["errors"] == []
    receipt = first["receipt"]
    assert (receipt["kind"], receipt["amount"], receipt["unallocatedAmount"]) == (
        "PAYMENT",
        "1000.00",
        "410.00",
    )
    assert receipt["allocations"] == [
        {
            "amount": "590.00",
            "order": {"number": order.number, "balanceDue": "0.00", "receivedAmount": "590.00"},
        }
    ]
    retried = graphql(client, RECORD, {"input": good})["data"]["receiptRecord"]
    assert retried["receipt"]["number"] == receipt["number"]
    assert Receipt.objects.filter(customer=books.customer).count() == 1

    refund = graphql(
        client,
        """mutation($input: RefundRecordInput!) {
          refundRecord(input: $input) { receipt { kind amount } errors { field code } }
        }""",
        {"input": {"customerId": str(books.customer.pk), "amount": "500"}},
    )["data"]["refundRecord"]
    assert refund == {"receipt": None, "errors": [{"field": "amount", "code": "exceeds_prepayment"}]}

    report = graphql(client, RECEIVABLES, {"groupBy": "CUSTOMER"})["data"]["receivables"]
    assert report["total"] == {"owed": "0.00", "prepayment": "410.00", "net": "-410.00"}
    statement = graphql(
        client,
        """query($id: ID!) { customerStatement(customerId: $id, from: "2020-01-01") {
             openingBalance closingBalance entries { date kind number debit credit balance } } }""",
        {"id": str(books.customer.pk)},
    )["data"]["customerStatement"]
    assert [e["kind"] for e in statement["entries"]] == ["ORDER", "PAYMENT"]
    assert statement["closingBalance"] == "-410.00"


def test_a_duplicate_reference_is_an_error_code_and_a_reused_one_a_warning(books):
    client = as_role(books, "finance")
    query = """mutation($input: ReceiptRecordInput!) {
      receiptRecord(input: $input) { receipt { number amount reference } errors { field code message }
                                     warnings { field code message } }
    }"""
    base = {"customerId": str(books.customer.pk), "amount": "300", "reference": "ICBC-0099"}

    first = graphql(client, query, {"input": base})["data"]["receiptRecord"]
    assert (first["errors"], first["warnings"]) == ([], [])
    number = first["receipt"]["number"]

    twice = graphql(client, query, {"input": base})["data"]["receiptRecord"]
    assert twice["receipt"] is None and twice["warnings"] == []
    assert [(e["field"], e["code"]) for e in twice["errors"]] == [("reference", "receipt_duplicate")]
    assert number in twice["errors"][0]["message"]

    confirmed = graphql(client, query, {"input": {**base, "confirmDuplicate": True}})["data"]["receiptRecord"]
    assert confirmed["errors"] == [] and confirmed["receipt"]["reference"] == "ICBC-0099"
    assert [(w["field"], w["code"]) for w in confirmed["warnings"]] == [
        ("reference", "receipt_reference_reused")
    ]

    other_amount = graphql(client, query, {"input": {**base, "amount": "301"}})["data"]["receiptRecord"]
    assert other_amount["receipt"]["amount"] == "301.00"
    assert [w["code"] for w in other_amount["warnings"]] == ["receipt_reference_reused"]
    assert number in other_amount["warnings"][0]["message"]
    assert Receipt.objects.filter(reference="ICBC-0099").count() == 3


def test_invoices_through_the_api(books):
    order = books.shipped([(books.shirt, "10")])
    client = as_role(books, "finance")
    made = graphql(
        client,
        """mutation($input: InvoiceCreateInput!) {
          invoiceCreate(input: $input) { invoice { id number status amount taxAmount title
            orders { amount order { number invoicedAmount } } } errors { field code } }
        }""",
        {
            "input": {
                "customerId": str(books.customer.pk),
                "orders": [{"orderId": str(order.pk), "amount": "590"}],
            }
        },
    )["data"]["invoiceCreate"]
    assert made["errors"] == []
    invoice = made["invoice"]
    assert (invoice["status"], invoice["amount"], invoice["taxAmount"]) == ("DRAFT", "590.00", "67.88")
    assert invoice["orders"] == [
        {"amount": "590.00", "order": {"number": order.number, "invoicedAmount": "590.00"}}
    ]
    special = graphql(
        client,
        """mutation($input: InvoiceCreateInput!) { invoiceCreate(input: $input) { invoice { id } errors { field code } } }""",
        {
            "input": {
                "customerId": str(books.customer.pk),
                "kind": "SPECIAL",
                "orders": [{"orderId": str(order.pk), "amount": "1"}],
            }
        },
    )["data"]["invoiceCreate"]
    assert special["errors"] == [{"field": "taxpayerId", "code": "taxpayer_id_required"}]
    issued = graphql(
        client,
        """mutation($input: InvoiceIssueInput!) { invoiceIssue(input: $input) {
             invoice { status taxInvoiceNumber issueDate } errors { code } } }""",
        {"input": {"id": invoice["id"], "taxInvoiceNumber": "04400001", "issueDate": "2026-01-02"}},
    )["data"]["invoiceIssue"]
    assert issued["invoice"]["status"] == "ISSUED" and issued["invoice"]["taxInvoiceNumber"] == "04400001"
    voided = graphql(
        client,
        """mutation($id: ID!) { invoiceVoid(id: $id, note: "抬头错") { invoice { status } errors { code } } }""",
        {"id": invoice["id"]},
    )["data"]["invoiceVoid"]
    assert voided == {"invoice": {"status": "VOID"}, "errors": []}
    listed = graphql(client, "{ invoices(status: VOID) { totalCount items { number } } }")["data"]["invoices"]
    assert listed == {"totalCount": 1, "items": [{"number": invoice["number"]}]}
    # A rep may read invoices of own orders, but only finance writes them.
    rep = as_role(books, "sales")
    assert graphql(rep, "{ invoices { totalCount } }")["data"]["invoices"]["totalCount"] == 1
    denied = graphql(
        rep,
        """mutation($id: ID!) { invoiceVoid(id: $id) { invoice { status } errors { code } } }""",
        {"id": invoice["id"]},
    )["data"]["invoiceVoid"]
    assert denied["errors"] == [{"code": "forbidden"}]


def test_a_return_crosses_the_roles_and_the_warehouse_never_sees_its_money(books):
    order = books.shipped([(books.shirt, "10")])
    books.pay(books.customer, "590", [(order, "590")])
    line = order.lines.get()
    rep, manager, keeper, finance = (as_role(books, r) for r in ("sales", "manager", "warehouse", "finance"))
    request = {
        "orderId": str(order.pk),
        "lines": [{"orderLineId": str(line.pk), "quantity": "2"}],
        "reason": "DAMAGED",
        "settlement": "REFUND",
        "idempotencyKey": "h5-return-0001",
    }
    over = graphql(
        rep, CREATE_RETURN, {"input": {**request, "lines": [{"orderLineId": str(line.pk), "quantity": "11"}]}}
    )
    assert over["data"]["salesReturnCreate"]["errors"] == [
        {"field": "lines.0.quantity", "code": "exceeds_returnable"}
    ]
    created = graphql(rep, CREATE_RETURN, {"input": request})["data"]["salesReturnCreate"]
    assert created["errors"] == []
    asked = created["salesReturn"]
    assert (asked["status"], asked["amount"], asked["costAmount"], asked["reasonLabel"]) == (
        "PENDING_APPROVAL",
        "118.00",
        None,  # a rep never sees costs
        "Damaged in transit",
    )
    again = graphql(rep, CREATE_RETURN, {"input": request})["data"]["salesReturnCreate"]["salesReturn"]
    assert again["id"] == asked["id"]

    move = """mutation($id: ID!) {
      approve: salesReturnApprove(id: $id) { salesReturn { status } errors { code } }
    }"""
    assert graphql(keeper, move, {"id": asked["id"]})["data"]["approve"]["errors"] == [{"code": "forbidden"}]
    assert (
        graphql(manager, move, {"id": asked["id"]})["data"]["approve"]["salesReturn"]["status"] == "APPROVED"
    )
    received = graphql(
        keeper,
        f"""mutation($id: ID!) {{ salesReturnReceive(id: $id) {{ salesReturn {{ {RETURN_FIELDS} }} errors {{ code }} }} }}""",
        {"id": asked["id"]},
    )["data"]["salesReturnReceive"]["salesReturn"]
    assert (received["status"], received["amount"], received["costAmount"]) == ("RECEIVED", None, "40.0000")
    assert received["lines"][0]["amount"] is None and received["lines"][0]["unitCost"] == "20.0000"
    listed = graphql(keeper, "{ salesReturns(status: RECEIVED) { totalCount items { number amount } } }")
    assert listed["data"]["salesReturns"] == {
        "totalCount": 1,
        "items": [{"number": asked["number"], "amount": None}],
    }

    settled = graphql(
        finance,
        """mutation($input: SalesReturnSettleInput!) { salesReturnSettle(input: $input) {
             salesReturn { status events { toStatus } } refund { kind amount number } errors { code } } }""",
        {"input": {"id": asked["id"], "method": "ALIPAY", "reference": "ALI-7788"}},
    )["data"]["salesReturnSettle"]
    assert settled["errors"] == [] and settled["salesReturn"]["status"] == "SETTLED"
    assert (settled["refund"]["kind"], settled["refund"]["amount"]) == ("REFUND", "118.00")
    assert [e["toStatus"] for e in settled["salesReturn"]["events"]] == [
        "PENDING_APPROVAL",
        "APPROVED",
        "RECEIVED",
        "SETTLED",
    ]
    assert fresh(order).balance_due == 0
    stats = graphql(
        manager,
        """{ returnStatistics(from: "2000-01-01", to: "2100-01-01") {
             total { count quantity amount } byReason { key name } byCustomer { name } } }""",
    )["data"]["returnStatistics"]
    assert stats["total"] == {"count": 1, "quantity": "2.000", "amount": "118.00"}
    assert stats["byReason"] == [{"key": "damaged", "name": "Damaged in transit"}]


def test_receivables_follow_the_role(books):
    books.shipped([(books.shirt, "10")])
    rep_report = graphql(as_role(books, "sales"), RECEIVABLES, {"groupBy": "REP"})["data"]["receivables"]
    assert rep_report["totalCount"] == 1
    assert rep_report["items"][0]["rep"]["fullName"] == books.selling.rep.full_name
    assert rep_report["items"][0]["owed"] == "590.00"
    forbidden = graphql(as_role(books, "warehouse"), RECEIVABLES, {"groupBy": "CUSTOMER"})
    assert error_code(forbidden) == "forbidden" and forbidden["data"] is None
    anonymous = graphql(client_for(books.selling.room.workspace), RECEIVABLES, {"groupBy": "CUSTOMER"})
    assert error_code(anonymous) == "unauthenticated"
    bad_page = graphql(as_role(books, "finance"), "{ receipts(limit: 101) { totalCount } }")
    assert error_code(bad_page) == "page_invalid"


def test_lists_cost_the_same_few_queries_for_any_page(books):
    client = as_role(books, "finance")
    query = f"""{{ salesReturns {{ items {{ {RETURN_FIELDS} }} }}
                  receipts {{ items {{ number customer {{ name }} allocations {{ amount order {{ number }} }} }} }} }}"""

    def add_return_and_receipt():
        order = books.shipped([(books.shirt, "1")])
        returns.return_create(
            actor=books.selling.rep,
            order_id=order.pk,
            lines=[returns.ReturnLineInput(order.lines.get().pk, "1")],
            reason="quality",
        )
        books.pay(books.customer, "59", [(order, "59")])

    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            result = graphql(client, query)
        assert "errors" not in result, result
        return len(queries)

    add_return_and_receipt()
    few = count_queries()
    with tenant_context(books.selling.room.workspace.tenant):
        for _ in range(3):
            add_return_and_receipt()
    assert count_queries() == few


def test_another_workspace_never_reaches_this_ones_money(books, beta):
    order = books.shipped([(books.shirt, "10")])
    receipt = books.pay(books.customer, "100")
    asked = returns.return_create(
        actor=books.selling.rep,
        order_id=order.pk,
        lines=[returns.ReturnLineInput(order.lines.get().pk, "1")],
        reason="quality",
    )
    alpha = books.selling.room.workspace
    outsider = client_for(beta, beta.users["finance"])
    recorded = graphql(
        outsider,
        RECORD,
        {"input": {"customerId": str(books.customer.pk), "amount": "1"}},
    )["data"]["receiptRecord"]
    assert recorded["errors"][0]["code"] == "not_found"
    allocated = graphql(
        outsider,
        """mutation($id: ID!, $a: [OrderAmountInput!]!) {
          receiptAllocate(id: $id, allocations: $a) { receipt { id } errors { field code } } }""",
        {"id": str(receipt.pk), "a": [{"orderId": str(order.pk), "amount": "1"}]},
    )["data"]["receiptAllocate"]
    assert allocated["errors"] == [{"field": "id", "code": "not_found"}]
    assert error_code(graphql(outsider, f'{{ receipt(id: "{receipt.pk}") {{ number }} }}')) == "not_found"
    assert error_code(graphql(outsider, f'{{ salesReturn(id: "{asked.pk}") {{ number }} }}')) == "not_found"
    statement = graphql(
        outsider, f'{{ customerStatement(customerId: "{books.customer.pk}") {{ closingBalance }} }}'
    )
    assert error_code(statement) == "not_found"
    assert graphql(outsider, "{ receipts { totalCount } }")["data"]["receipts"]["totalCount"] == 0
    assert graphql(outsider, "{ receivables { totalCount } }")["data"]["receivables"]["totalCount"] == 0
    approved = graphql(
        client_for(beta, beta.users["manager"]),
        """mutation($id: ID!) { salesReturnApprove(id: $id) { salesReturn { id } errors { code } } }""",
        {"id": str(asked.pk)},
    )["data"]["salesReturnApprove"]
    assert approved["errors"] == [{"code": "not_found"}]
    with tenant_context(alpha.tenant):
        receipt.refresh_from_db()
        assert receipt.unallocated_amount == Decimal("100.00")
        assert fresh(order).received_amount == 0
