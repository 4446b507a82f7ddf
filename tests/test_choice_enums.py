"""Statuses and kinds are GraphQL enums built from the models' TextChoices: capitals out, capitals
in, the model's strings in the services, and a wrong value refused before anything runs."""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

import pytest
from django_tenants.utils import tenant_context

from saas.api.choices import CHOICE_ENUMS, ChoiceEnum
from saas.customers.models import Customer
from saas.sales.models import OrderStatus, SalesOrder
from tests.fixtures.tenants import client_for, graphql

SCHEMA = (Path(__file__).resolve().parents[1] / "graphql" / "schema.graphql").read_text(encoding="utf-8")

CREATE = """
mutation($input: SalesOrderCreateInput!) {
  salesOrderCreate(input: $input) { salesOrder { id status deliveryMethod } errors { field code } }
}"""
SUBMIT = "mutation($id: ID!) { salesOrderSubmit(id: $id) { salesOrder { status } errors { code } } }"
DETAIL = "query($id: ID!) { salesOrder(id: $id) { status events { fromStatus toStatus } } }"
LIST = """
query($filter: SalesOrderFilter) { salesOrders(filter: $filter) { totalCount items { number status } } }"""


def _create(selling, **extra) -> dict:
    rep = client_for(selling.room.workspace, selling.user("sales"))
    variables = {
        "input": {
            "customerId": str(selling.customer.pk),
            "warehouseId": str(selling.room.main.pk),
            "lines": [{"skuId": str(selling.shirt.pk), "quantity": "1"}],
            **extra,
        }
    }
    return graphql(rep, CREATE, variables)["data"]["salesOrderCreate"]


def test_statuses_and_kinds_come_out_in_capitals(selling):
    created = _create(selling, deliveryMethod="PICKUP")
    assert created["errors"] == []
    assert created["salesOrder"]["status"] == "DRAFT"
    assert created["salesOrder"]["deliveryMethod"] == "PICKUP"
    rep = client_for(selling.room.workspace, selling.user("sales"))
    order_id = created["salesOrder"]["id"]
    assert graphql(rep, SUBMIT, {"id": order_id})["data"]["salesOrderSubmit"]["salesOrder"]["status"] in (
        "PENDING_REVIEW",
        "PENDING_SHIPMENT",
        "PENDING_PURCHASE",
    )

    order = graphql(rep, DETAIL, {"id": order_id})["data"]["salesOrder"]

    # The first event has no status before it: null, not an empty string no enum could hold.
    assert order["events"][0] == {"fromStatus": None, "toStatus": "DRAFT"}
    assert order["events"][1]["fromStatus"] == "DRAFT"


def test_enum_arguments_reach_the_services_as_the_models_strings(selling):
    created = _create(selling, deliveryMethod="LOGISTICS")
    with tenant_context(selling.room.workspace.tenant):
        order = SalesOrder.objects.get(pk=created["salesOrder"]["id"])
        assert (order.delivery_method, order.status) == ("logistics", OrderStatus.DRAFT)
    rep = client_for(selling.room.workspace, selling.user("sales"))

    drafts = graphql(rep, LIST, {"filter": {"statuses": ["DRAFT"]}})["data"]["salesOrders"]
    none = graphql(rep, LIST, {"filter": {"statuses": ["COMPLETED"]}})["data"]["salesOrders"]

    assert order.number in [item["number"] for item in drafts["items"]]
    assert {item["status"] for item in drafts["items"]} == {"DRAFT"}
    assert none["totalCount"] == 0


def test_a_customer_is_created_with_enum_kind_and_source(selling):
    manager = client_for(selling.room.workspace, selling.user("manager"))
    result = graphql(
        manager,
        """mutation { customerCreate(input: {name: "枚举测试客户", kind: PERSON, source: ONLINE}) {
             customer { id kind source } errors { code } } }""",
    )["data"]["customerCreate"]

    assert result["errors"] == []
    assert (result["customer"]["kind"], result["customer"]["source"]) == ("PERSON", "ONLINE")
    with tenant_context(selling.room.workspace.tenant):
        customer = Customer.objects.get(pk=result["customer"]["id"])
        assert (customer.kind, customer.source) == ("person", "online")


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        (LIST, {"filter": {"statuses": ["pending_review"]}}),  # the model's spelling is not the enum's
        (LIST, {"filter": {"statuses": ["SHIPPED_TO_MARS"]}}),
        ("query { quotations(status: draft) { totalCount } }", None),
        ('query { invoices(status: "DRAFT") { totalCount } }', None),  # a string is not an enum value
        ("query($k: String) { receipts(kind: $k) { totalCount } }", {"k": "PAYMENT"}),
    ],
)
def test_a_wrong_enum_value_is_a_query_error(selling, query, variables):
    manager = client_for(selling.room.workspace, selling.user("manager"))

    result = graphql(manager, query, variables)

    assert result.get("data") is None
    assert result["errors"][0]["extensions"]["code"] == "query_invalid"


def test_each_choice_enum_is_its_model_values_in_capitals():
    import saas.api.schema  # noqa: F401  (defines every enum)
    from saas.customers import models as customers
    from saas.finance import models as finance
    from saas.inventory import models as inventory
    from saas.procurement import models as procurement
    from saas.sales import models as sales
    from saas.shipping import models as shipping

    expected = {
        "SalesOrderStatus": sales.OrderStatus,
        "QuotationStatus": sales.QuotationStatus,
        "SalesReturnStatus": sales.ReturnStatus,
        "ReturnReason": sales.ReturnReason,
        "ReturnSettlement": sales.Settlement,
        "DeliveryMethod": sales.DeliveryMethod,
        "CreditPolicy": sales.CreditPolicy,
        "InvoiceKind": finance.InvoiceKind,
        "InvoiceStatus": finance.InvoiceStatus,
        "ReceiptKind": finance.ReceiptKind,
        "PaymentMethod": finance.PaymentMethod,
        "CustomerKind": customers.CustomerKind,
        "CustomerSource": customers.CustomerSource,
        "CommunicationKind": customers.CommunicationKind,
        "PurchaseOrderStatus": procurement.PurchaseOrderStatus,
        "SupplierReturnSource": procurement.ReturnSource,
        "ShipmentStatus": shipping.ShipmentStatus,
        "SignBackProofKind": shipping.ProofKind,
        "StockMovementKind": inventory.MovementKind,
        "StockEntryDirection": inventory.StockEntryDirection,
        "StockEntryReason": inventory.StockEntryReason,
        "TransferStatus": inventory.TransferStatus,
        "StocktakeStatus": inventory.StocktakeStatus,
    }
    for name, choices in expected.items():
        built = CHOICE_ENUMS[name]
        assert {(member.name, member.value) for member in built} == {
            (value.upper(), value) for value in choices.values
        }, name
        block = re.search(rf"\nenum {name} \{{(.*?)\n\}}", SCHEMA, re.DOTALL)
        assert block is not None, f"{name} is missing from graphql/schema.graphql"
        assert re.findall(r"^  ([A-Z_]+)$", block.group(1), re.MULTILINE) == [
            v.upper() for v in choices.values
        ]


def test_no_status_or_kind_field_is_a_string():
    # Free text that happens to be called a reason (cancelReason, a movement's reason: an order
    # number or a note) stays a String; closed sets do not. A notification's kind (and a
    # preference's, NotificationPreference…) is an open, dotted event name (sales_order.approved)
    # that grows with every new event: not a closed set. Paste-to-order's `source` (the contract's
    # name) is the words of the pasted message a line came from: free text.
    free_text = {("OrderTextLine", "source"), ("OrderTextAliasLearnInput", "source")}
    closed = re.compile(
        r"^  (status|statuses|kind|fromStatus|toStatus|orderStatus|deliveryMethod|creditPolicy|settlement"
        r"|direction|source)(\([^)]*\))?: \[?String",
        re.MULTILINE,
    )
    strings = {
        (block.group(1), field.group(1))
        for block in re.finditer(r"^(?:type|input) (\w+)[^{]*\{(.*?)^\}", SCHEMA, re.DOTALL | re.MULTILINE)
        for field in closed.finditer(block.group(2))
    }
    closed_strings = {(type_, field) for type_, field in strings if not type_.startswith("Notification")}
    assert closed_strings - free_text == set()


def test_a_choice_enum_refuses_what_it_cannot_spell():
    class Spelled(StrEnum):
        FINE = "fine"
        BAD = "Not Snake"

    with pytest.raises(ValueError, match="lower_snake"):

        class BadValues(ChoiceEnum, choices=Spelled):
            """Never built."""

    with pytest.raises(ValueError, match="unknown values"):

        class BadDescriptions(ChoiceEnum, choices=["fine"], describe={"typo": "x"}):
            """Never built."""

    assert "BadValues" not in CHOICE_ENUMS and "BadDescriptions" not in CHOICE_ENUMS
