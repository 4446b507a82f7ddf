"""Ids typed or sent by users: "²", "①" and 30-digit numbers are "not found", never a 500 or an
internal_error (str.isdigit() accepts the first two, PostgreSQL's bigint overflows on the last)."""

from __future__ import annotations

import pytest

from saas.core.ids import is_id
from tests.fixtures.tenants import client_for, graphql

ODD_IDS = ["²", "①", "9" * 30, "-1", "1.5", ""]


def test_is_id_accepts_only_plain_digits_that_fit_a_bigint():
    assert is_id("12") and is_id(12) and is_id(" 7 ") and is_id("9" * 18)
    assert not any(is_id(value) for value in ODD_IDS)


@pytest.mark.parametrize("odd", ODD_IDS)
def test_inventory_and_procurement_answer_odd_ids_with_codes(world, db, odd):
    client = client_for(world.alpha, world.alpha.users["owner"])
    calls = [
        ("transferCancel", "mutation($id: ID!) { transferCancel(id: $id) { errors { code } } }"),
        ("stocktakeApprove", "mutation($id: ID!) { stocktakeApprove(id: $id) { errors { code } } }"),
        ("purchaseOrderSubmit", "mutation($id: ID!) { purchaseOrderSubmit(id: $id) { errors { code } } }"),
        ("supplierItemRemove", "mutation($id: ID!) { supplierItemRemove(id: $id) { errors { code } } }"),
    ]
    for name, query in calls:
        result = graphql(client, query, {"id": odd})
        assert "errors" not in result, (name, result)
        # Refused by the API's input layer before any look-up, in the payload like any field error;
        # an empty id is left to the service, which finds nothing.
        expected = ["not_found"] if odd == "" else ["id_invalid"]
        assert [e["code"] for e in result["data"][name]["errors"]] == expected, (name, result)
    queries = [
        ("purchaseOrder", "query($id: ID!) { purchaseOrder(id: $id) { id } }"),
        ("stockMovements", "query($id: ID!) { stockMovements(skuId: $id) { totalCount } }"),
    ]
    for name, query in queries:
        result = graphql(client, query, {"id": odd})
        codes = [e["extensions"]["code"] for e in result.get("errors", [])]
        assert "internal_error" not in codes, (name, result)
