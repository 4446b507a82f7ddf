"""Services name fields by domain paths (`lines.1.sku_id`); the API answers in GraphQL names."""

from __future__ import annotations

import pytest

from saas.api import errors as api_errors
from saas.api.errors import FieldError, field_errors, graphql_field, run_service
from saas.core.errors import FieldProblem, InvalidInput, camel_path, problems_json
from tests.fixtures.procurement import purchasing_for
from tests.fixtures.tenants import client_for, graphql

CREATE_ORDER = """
mutation($input: PurchaseOrderCreateInput!) {
  purchaseOrderCreate(input: $input) { purchaseOrder { id } errors { field code } }
}"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("lines.3.unit_price", "lines.3.unitPrice"),
        ("ship_to.receiver", "shipTo.receiver"),
        ("payment_terms_days", "paymentTermsDays"),
        ("counts.12", "counts.12"),
        ("lines.0.skuId", "lines.0.skuId"),  # already a GraphQL name (the input guard's): unchanged
        ("from", "from"),
        (None, None),
    ],
)
def test_each_segment_is_camel_cased(path: str | None, expected: str | None) -> None:
    assert graphql_field(path) == expected == camel_path(path)


def test_an_input_named_otherwise_maps_through_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(api_errors.FIELD_NAMES, "date_from", "from")
    assert graphql_field("date_from") == "from"
    assert graphql_field("lines.0.date_from") == "lines.0.dateFrom"  # whole paths only


def test_payload_errors_answer_in_graphql_names() -> None:
    def service() -> None:
        raise InvalidInput(
            problems=[
                FieldProblem("lines.1.sku_id", "duplicate_line", "twice"),
                FieldProblem(None, "whole", "whole request"),
            ]
        )

    result, errors = run_service(service)
    assert result is None
    assert [(e.path, e.code) for e in errors] == [("lines.1.sku_id", "duplicate_line"), (None, "whole")]
    exc = InvalidInput("x", code="c", field="ship_to.phone")
    assert [e.path for e in field_errors(exc)] == ["ship_to.phone"]
    assert isinstance(errors[0], FieldError)


def test_json_endpoints_answer_in_the_same_names() -> None:
    problems = [FieldProblem("rows.2.order_number", "not_found", "nope")]
    assert problems_json(problems) == [
        {"field": "rows.2.orderNumber", "code": "not_found", "message": "nope"}
    ]


def test_a_service_error_reaches_the_caller_in_graphql_names(stockroom) -> None:
    buying = purchasing_for(stockroom)
    room = buying.room
    line = {"skuId": str(room.phone.pk), "warehouseId": str(room.main.pk), "quantity": "1"}
    result = graphql(
        client_for(room.workspace, buying.user("warehouse")),
        CREATE_ORDER,
        {"input": {"supplierId": str(buying.bolt.pk), "lines": [line, line]}},
    )["data"]["purchaseOrderCreate"]
    # The service names the problem lines.1.sku_id; the caller reads the input's own name.
    assert result == {"purchaseOrder": None, "errors": [{"field": "lines.1.skuId", "code": "duplicate_line"}]}
