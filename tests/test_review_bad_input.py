"""Review: malformed input on the HTTP views and GraphQL of sales, reports and shipping gets a
typed 4xx with a stable code, never a 500 or an `internal_error`."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.base import ContentFile

from saas.core.errors import InvalidInput
from saas.shipping.imports import parse_tracking_sheet
from tests.fixtures.catalog import PNG_BYTES
from tests.fixtures.sales import Selling
from tests.fixtures.shipping import Shipping
from tests.fixtures.tenants import client_for, graphql

# str.isdigit() is true for these, but int() refuses them.
NOT_ASCII_DIGITS = ["²", "①", "1²"]


@pytest.mark.parametrize("value", NOT_ASCII_DIGITS)
def test_report_exports_refuse_non_ascii_digit_ids(selling: Selling, value: str) -> None:
    client = client_for(selling.room.workspace, selling.manager)
    response = client.get("/reports/order-statistics.csv", {"rep": value})
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "id_invalid"
    response = client.get("/reports/sales.csv", {"years": value})
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "years_invalid"


@pytest.mark.parametrize("value", NOT_ASCII_DIGITS)
def test_print_pages_refuse_non_ascii_digit_ids(shipping: Shipping, value: str) -> None:
    client = client_for(shipping.room.workspace, shipping.keeper)
    response = client.get("/shipping/print/pick-list/", {"orders": value})
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "id_invalid"
    response = client.get("/shipping/print/delivery-list/", {"rep": value})
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "id_invalid"


@pytest.mark.parametrize("value", NOT_ASCII_DIGITS)
def test_graphql_ids_with_non_ascii_digits_are_id_invalid(selling: Selling, value: str) -> None:
    client = client_for(selling.room.workspace, selling.manager)
    for query in (
        "query($id: ID!) { salesOrder(id: $id) { id } }",
        "query($id: ID!) { customer(id: $id) { id } }",
        "query($id: ID!) { quotation(id: $id) { id } }",
    ):
        body = graphql(client, query, {"id": value})
        # The API's input layer refuses them before any resolver (saas/api/input_guard.py).
        assert body["errors"][0]["extensions"]["code"] == "id_invalid", (query, body)


@pytest.mark.parametrize("signed_at", ["2026-02-30T10:00:00", "2026-05-18T25:00:00+08:00"])
def test_sign_back_with_an_impossible_time_is_a_400(
    shipping: Shipping, shipping_urls: None, media_root: Any, signed_at: str
) -> None:
    shipment = shipping.ship(shipping.order([(shipping.shirt, "1")]))
    client = client_for(shipping.room.workspace, shipping.keeper)
    response = client.post(
        f"/shipping/shipments/{shipment.pk}/sign-back/",
        {"file": ContentFile(PNG_BYTES, name="note.png"), "signedAt": signed_at},
    )
    assert response.status_code == 400, response.content
    assert response.json()["errors"][0] == {
        "field": "signedAt",
        "code": "datetime_invalid",
        "message": response.json()["errors"][0]["message"],
    }


def test_a_csv_with_a_huge_cell_is_refused_with_a_code() -> None:
    content = b"SO-2026-000001," + b"7" * 200_000 + b"\r\n"
    with pytest.raises(InvalidInput) as caught:
        parse_tracking_sheet(content, "tracking.csv")
    assert caught.value.code == "file_invalid"


def test_the_import_preview_view_refuses_a_huge_cell(shipping: Shipping) -> None:
    client = client_for(shipping.room.workspace, shipping.keeper)
    content = b"SO-2026-000001," + b"7" * 200_000 + b"\r\n"
    response = client.post("/shipping/import/preview/", {"file": ContentFile(content, name="tracking.csv")})
    assert response.status_code == 400, response.content
    assert response.json()["errors"][0]["code"] == "file_invalid"
