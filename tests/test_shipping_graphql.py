"""The shipping GraphQL API: payloads with exact error codes, per-row batch results, the verify
loop as a phone drives it, and visibility (a rep sees own orders, the warehouse no money)."""

from __future__ import annotations

import base64
from typing import Any

from saas.shipping.models import Shipment
from tests.fixtures.catalog import PNG_BYTES
from tests.fixtures.shipping import Shipping, sf_number
from tests.fixtures.tenants import client_for, graphql

SHIPMENT_FIELDS = (
    "shipment { id number status trackingNumber carrier { code } order { number status } "
    "lines { quantity amount sku { code } } deliveryNoteUrl } errors { field code message }"
)


def gql(shipping: Shipping, role: str | Any, query: str, variables: dict | None = None) -> dict:
    user = shipping.user(role) if isinstance(role, str) else role
    return graphql(client_for(shipping.room.workspace, user), query, variables)


def test_carrier_suggest_ranks_candidates(shipping: Shipping) -> None:
    query = (
        "query($n: String!) { carrierSuggest(trackingNumber: $n) { trackingNumber wellFormed "
        "candidates { carrier { code name phone } confidence complete } best { carrier { code } } } }"
    )
    sf = gql(shipping, "warehouse", query, {"n": "sf 1385 6287 16739"})["data"]["carrierSuggest"]
    assert sf["trackingNumber"] == "SF1385628716739"
    assert sf["candidates"] == [
        {
            "carrier": {"code": "SF", "name": "顺丰速运", "phone": "95338"},
            "confidence": "HIGH",
            "complete": True,
        }
    ]
    assert sf["best"] == {"carrier": {"code": "SF"}}
    both = gql(shipping, "warehouse", query, {"n": "568123456789"})["data"]["carrierSuggest"]
    assert {c["carrier"]["code"] for c in both["candidates"]} == {"ZTO", "STO"}
    assert both["best"] is None
    denied = gql(shipping, "sales", query, {"n": "SF1385628716739"})
    assert denied["errors"][0]["extensions"]["code"] == "forbidden"


def test_single_shipping_mutation_and_its_typed_errors(shipping: Shipping) -> None:
    order = shipping.order([(shipping.shirt, "2", "59")])
    mutation = f"mutation($i: ShipmentCreateInput!) {{ shipmentCreate(input: $i) {{ {SHIPMENT_FIELDS} }} }}"
    number = sf_number()
    done = gql(shipping, "warehouse", mutation, {"i": {"orderId": str(order.pk), "trackingNumber": number}})
    payload = done["data"]["shipmentCreate"]
    assert payload["errors"] == []
    shipment = payload["shipment"]
    assert shipment["status"] == "SHIPPED" and shipment["carrier"] == {"code": "SF"}
    assert shipment["order"] == {"number": order.number, "status": "PENDING_SIGNBACK"}
    assert shipment["lines"] == [{"quantity": "2.000", "amount": None, "sku": {"code": "SHIRT-RED-M"}}]
    assert shipment["deliveryNoteUrl"] == f"/shipping/print/delivery-note/?shipments={shipment['id']}"
    other = shipping.order([(shipping.shirt, "1")])
    taken = gql(shipping, "warehouse", mutation, {"i": {"orderId": str(other.pk), "trackingNumber": number}})
    assert taken["data"]["shipmentCreate"]["shipment"] is None
    assert [(e["field"], e["code"]) for e in taken["data"]["shipmentCreate"]["errors"]] == [
        ("trackingNumber", "tracking_number_taken")
    ]
    rep = gql(shipping, "sales", mutation, {"i": {"orderId": str(other.pk), "trackingNumber": sf_number()}})
    assert rep["data"]["shipmentCreate"]["errors"][0]["code"] == "forbidden"
    anonymous = graphql(client_for(shipping.room.workspace), mutation, {"i": {"orderId": "1"}})
    assert anonymous["data"]["shipmentCreate"]["errors"][0]["code"] == "unauthenticated"


def test_batch_ship_reports_each_row(shipping: Shipping) -> None:
    good = shipping.order([(shipping.shirt, "1")])
    mutation = """mutation($i: ShipmentBatchShipInput!) { shipmentBatchShip(input: $i) {
        batch { id rowCount shippedCount failedCount rows { row orderNumber ok shipment { number }
                errors { field code } } }
        errors { code } } }"""
    variables = {
        "i": {
            "idempotencyKey": "batch-graphql-0001",
            "rows": [
                {"orderNumber": good.number, "trackingNumber": "JT5261988016578"},
                {"orderNumber": "SO-0000-000000", "trackingNumber": sf_number()},
            ],
        }
    }
    batch = gql(shipping, "warehouse", mutation, variables)["data"]["shipmentBatchShip"]["batch"]
    assert (batch["rowCount"], batch["shippedCount"], batch["failedCount"]) == (2, 1, 1)
    first, second = batch["rows"]
    assert first["ok"] and first["shipment"]["number"].startswith("SH-") and first["errors"] == []
    assert not second["ok"] and second["errors"] == [{"field": "orderNumber", "code": "not_found"}]
    again = gql(shipping, "warehouse", mutation, variables)["data"]["shipmentBatchShip"]["batch"]
    assert again["id"] == batch["id"]
    stored = gql(shipping, "warehouse", f'{{ shipmentBatch(id: "{batch["id"]}") {{ shippedCount }} }}')
    assert stored["data"]["shipmentBatch"] == {"shippedCount": 1}


def test_the_verify_loop_as_a_phone_drives_it(shipping: Shipping) -> None:
    order = shipping.order([(shipping.shirt, "1")])
    state_fields = (
        "state { shipmentId outcome verified missingCount extraCount scannedSku { code } "
        "missing { sku { code } missing } extra { sku { code } extra } } errors { field code }"
    )
    started = gql(
        shipping,
        "warehouse",
        f'mutation {{ shipmentVerifyStart(code: "{order.number}") {{ {state_fields} }} }}',
    )["data"]["shipmentVerifyStart"]
    shipment_id = started["state"]["shipmentId"]
    assert started["state"]["missing"] == [{"sku": {"code": "SHIRT-RED-M"}, "missing": "1.000"}]
    scan = (
        "mutation($s: ID!, $c: String!, $q: Int!) { shipmentVerifyScan(shipmentId: $s, code: $c, quantity: $q) "
        f"{{ {state_fields} }} }}"
    )
    wrong = gql(shipping, "warehouse", scan, {"s": shipment_id, "c": "PHONE-128", "q": 1})["data"]
    state = wrong["shipmentVerifyScan"]["state"]
    assert state["outcome"] == "EXTRA" and not state["verified"]
    assert state["extra"] == [{"sku": {"code": "PHONE-128"}, "extra": "1.000"}]
    unknown = gql(shipping, "warehouse", scan, {"s": shipment_id, "c": "NOPE", "q": 1})["data"][
        "shipmentVerifyScan"
    ]
    assert unknown["state"]["outcome"] == "UNKNOWN"
    assert unknown["errors"] == [{"field": "code", "code": "barcode_unknown"}]
    gql(shipping, "warehouse", scan, {"s": shipment_id, "c": "PHONE-128", "q": -1})
    done = gql(shipping, "warehouse", scan, {"s": shipment_id, "c": "SHIRT-RED-M", "q": 1})["data"]
    assert done["shipmentVerifyScan"]["state"]["verified"] is True
    assert done["shipmentVerifyScan"]["state"]["missingCount"] == "0.000"


def test_orders_to_ship_follow_visibility_and_hide_money_from_the_warehouse(shipping: Shipping) -> None:
    mine = shipping.order([(shipping.shirt, "2", "59")], delivery_method="delivery")
    other_rep = shipping.second_rep()
    query = """{ ordersToShip(filter: {deliveryMethod: DELIVERY}) { totalCount printUrl
        items { number totalAmount openQuantity repName lines { unitPrice openQuantity } } } }"""
    manager = gql(shipping, "manager", query)["data"]["ordersToShip"]
    assert manager["totalCount"] == 1 and manager["items"][0]["totalAmount"] == "118.00"
    assert manager["printUrl"] == "/shipping/print/delivery-list/?method=delivery"
    warehouse = gql(shipping, "warehouse", query)["data"]["ordersToShip"]["items"][0]
    assert warehouse["number"] == mine.number
    assert warehouse["totalAmount"] is None and warehouse["lines"][0]["unitPrice"] is None
    assert warehouse["openQuantity"] == "2.000"
    assert gql(shipping, "sales", query)["data"]["ordersToShip"]["totalCount"] == 1
    assert gql(shipping, other_rep, query)["data"]["ordersToShip"]["totalCount"] == 0
    summary = gql(shipping, "manager", "{ ordersToShipSummary(groupBy: REP) { name orderCount amount } }")
    assert summary["data"]["ordersToShipSummary"] == [
        {"name": shipping.rep.full_name, "orderCount": 1, "amount": "118.00"}
    ]
    by_customer = gql(shipping, "warehouse", "{ ordersToShipSummary(groupBy: CUSTOMER) { name amount } }")
    assert by_customer["data"]["ordersToShipSummary"] == [{"name": "杭州测试客户", "amount": None}]


def test_pending_sign_back_list_and_signature_mutation(shipping: Shipping, media_root: Any) -> None:
    shipment = shipping.ship(shipping.order([(shipping.shirt, "1")]))
    listed = gql(
        shipping,
        "warehouse",
        "{ ordersPendingSignback { totalCount items { number signbackOverdue signbackDueDate } } }",
    )["data"]["ordersPendingSignback"]
    assert listed["totalCount"] == 1 and listed["items"][0]["signbackOverdue"] is False
    assert listed["items"][0]["signbackDueDate"] is not None
    mutation = (
        f"mutation($i: ShipmentSignBackInput!) {{ shipmentSignBack(input: $i) {{ {SHIPMENT_FIELDS} }} }}"
    )
    bad = gql(
        shipping, "sales", mutation, {"i": {"shipmentId": str(shipment.pk), "signaturePng": "bm90IGEgcG5n"}}
    )
    assert bad["data"]["shipmentSignBack"]["errors"][0]["code"] == "image_invalid"
    png = "data:image/png;base64," + base64.b64encode(PNG_BYTES).decode()
    signed = gql(
        shipping,
        "sales",
        mutation,
        {
            "i": {
                "shipmentId": str(shipment.pk),
                "signaturePng": png,
                "latitude": "30.27",
                "longitude": "120.15",
            }
        },
    )["data"]["shipmentSignBack"]
    assert signed["errors"] == []
    assert signed["shipment"]["status"] == "SIGNED"
    assert signed["shipment"]["order"]["status"] == "COMPLETED"


def test_settings_templates_and_import_preview(shipping: Shipping) -> None:
    templates = gql(
        shipping, "warehouse", "{ printTemplates { kind customised fields { field align money } } }"
    )
    kinds = [t["kind"] for t in templates["data"]["printTemplates"]]
    assert kinds == ["PICK_LIST", "DELIVERY_NOTE", "DAILY_LIST", "DELIVERY_LIST"]
    save = """mutation($f: [PrintFieldInput!]!) { printTemplateSave(kind: DELIVERY_NOTE, fields: $f) {
        template { customised fields { field visible align } } errors { field code } } }"""
    bad = gql(shipping, "warehouse", save, {"f": [{"field": "nope", "align": "LEFT"}]})
    assert bad["data"]["printTemplateSave"]["errors"] == [
        {"field": "fields.0.field", "code": "field_unknown"}
    ]
    good = gql(shipping, "warehouse", save, {"f": [{"field": "amount", "visible": False, "align": "RIGHT"}]})
    template = good["data"]["printTemplateSave"]["template"]
    assert template["customised"] and template["fields"][0] == {
        "field": "amount",
        "visible": False,
        "align": "RIGHT",
    }
    settings = "mutation { shippingSettingsUpdate(input: {signbackOverdueDays: 3}) { settings { signbackOverdueDays } errors { code } } }"
    assert gql(shipping, "sales", settings)["data"]["shippingSettingsUpdate"]["errors"] == [
        {"code": "forbidden"}
    ]
    assert gql(shipping, "warehouse", settings)["data"]["shippingSettingsUpdate"]["settings"] == {
        "signbackOverdueDays": 3
    }
    order = shipping.order([(shipping.shirt, "1")])
    sheet = base64.b64encode(f"订单号,快递单号\n{order.number},SF1385628716739\n".encode("gbk")).decode()
    preview = gql(
        shipping,
        "warehouse",
        'query($c: String!) { shipmentImportPreview(contentBase64: $c, fileName: "a.csv") '
        "{ row orderId carrier { code } errors { code } } }",
        {"c": sheet},
    )["data"]["shipmentImportPreview"]
    assert preview == [{"row": 2, "orderId": str(order.pk), "carrier": {"code": "SF"}, "errors": []}]
    assert not Shipment.objects.exists()


def test_pick_list_and_lookup_queries(shipping: Shipping) -> None:
    order = shipping.order([(shipping.shirt, "3")])
    pick = gql(
        shipping,
        "warehouse",
        f'{{ pickList(orderIds: ["{order.pk}"]) {{ totalQuantity printUrl groups {{ binCode warehouse {{ code }} '
        "rows { quantity sku { code } orders { orderNumber quantity } } } } }",
    )["data"]["pickList"]
    assert pick["totalQuantity"] == "3.000"
    assert pick["printUrl"] == f"/shipping/print/pick-list/?orders={order.pk}"
    assert pick["groups"][0]["rows"][0]["orders"] == [{"orderNumber": order.number, "quantity": "3.000"}]
    shipment = shipping.ship(order, "YT8962646785389")
    found = gql(shipping, "warehouse", '{ shipmentLookup(code: "yt8962646785389") { number } }')
    assert found["data"]["shipmentLookup"] == [{"number": shipment.number}]
    detail = gql(shipping, "warehouse", f'{{ shipment(id: "{shipment.pk}") {{ events {{ toStatus }} }} }}')
    assert detail["data"]["shipment"]["events"] == [{"toStatus": "SHIPPED"}]
