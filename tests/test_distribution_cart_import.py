"""Importing a cart (导入购物车) from a CSV or XLSX sheet of (SKU code or barcode, quantity): good
rows merge into the cart the phone holds and come back priced as an order placed today; any bad
row (unknown code, one the level may not see, a bad quantity, off the case, a SKU twice) is named
with its sheet row and nothing is added. Only a distributor's people import; another workspace's
people are not distributors here."""

from __future__ import annotations

import io
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from saas.catalog.models import SKU, Category, Status
from saas.core.errors import Forbidden, InvalidInput
from saas.distribution.lines import OrderLineInput
from saas.distribution.selectors.cart_import import cart_import, cart_sheet_lines
from saas.distribution.services import network as network_services
from tests.fixtures.distribution import Network, item
from tests.fixtures.tenants import client_for

D = Decimal
IMPORT = "/distribution/cart/import/"
PHONE_BARCODE = "6901234567892"


@pytest.fixture
def priced(network: Network) -> Network:
    """Shirts at 10 % off, 50 yuan from 20; phones in cases of 2 at the list price; the phone has
    a barcode."""
    network.price(
        network.city,
        item(network.shirt, ("1", None, "10"), ("20", "50", None)),
        item(network.phone, ("1", None, "0"), case=2),
        name="市代价目表",
    )
    SKU.objects.filter(pk=network.phone.pk).update(barcode=PHONE_BARCODE)
    return network


def sheet(text: str) -> bytes:
    return text.encode("utf-8")


def imported(actor, text: str, cart: list[tuple[SKU, str]] = ()):  # type: ignore[assignment]
    return cart_import(
        actor=actor,
        content=sheet(text),
        filename="cart.csv",
        cart=[OrderLineInput(sku_id=sku.pk, quantity=quantity) for sku, quantity in cart],
    )


def problems(excinfo: pytest.ExceptionInfo) -> list[tuple[str | None, str]]:
    return [(p.field, p.code) for p in excinfo.value.problems]


def test_good_rows_merge_into_the_cart_and_come_back_priced(priced: Network):
    network = priced
    result = imported(
        network.agent, f"SKU编码,数量\nshirt-red-m,15\n{PHONE_BARCODE},4\n", [(network.shirt, "5")]
    )
    lines = [(line.sku_id, line.quantity, line.unit_price, line.problem) for line in result.cart.lines]
    # The shirt's 5 in the cart and 15 from the sheet reach the break of 20: 50 yuan each.
    assert lines == [
        (network.shirt.pk, D("20"), D("50.00"), None),
        (network.phone.pk, D("4"), D("1999.00"), None),
    ]
    assert (result.rows, result.added) == (2, 1)
    assert result.cart.lines[0].price_rule.endswith("满20件 · 固定价")


def test_every_bad_row_is_named_and_nothing_is_added(priced: Network):
    network = priced
    with pytest.raises(InvalidInput) as excinfo:
        imported(
            network.agent,
            "SKU编码,数量\n"
            "NOPE-1,1\n"  # row 2: no such SKU
            "SHIRT-RED-M,abc\n"  # row 3: not a number
            "PHONE-128,3\n"  # row 4: phones come in cases of 2
            f"{PHONE_BARCODE},2\n"  # row 5: the phone again, by its barcode
            ",4\n"  # row 6: no SKU
            "SHIRT-RED-M,0\n",  # row 7: the shirt again (row 3 named it), and zero
            [(network.shirt, "1")],
        )
    assert problems(excinfo) == [
        ("rows.2.sku", "sku_not_found"),
        ("rows.3.quantity", "quantity_invalid"),
        ("rows.4.quantity", "case_multiple"),
        ("rows.5.sku", "duplicate_sku"),
        ("rows.6.sku", "required"),
        ("rows.7.quantity", "quantity_invalid"),
        ("rows.7.sku", "duplicate_sku"),
    ]
    messages = {p.field: p.message for p in excinfo.value.problems}
    # A cell past a code's length or with a control character is no code (and never a 500).
    with pytest.raises(InvalidInput) as excinfo:
        imported(network.agent, f"{'SHIRT-RED-M' + 'X' * 60},1\nSHIRT\x00-RED-M,1\n")
    assert problems(excinfo) == [("rows.1.sku", "sku_not_found"), ("rows.2.sku", "sku_not_found")]
    assert messages["rows.4.quantity"] == "该商品须按 2 的整数倍订购。"
    assert messages["rows.5.sku"] == "该商品已在表格中（第 4 行）。"


def test_a_distributor_cannot_import_skus_its_level_may_not_see(priced: Network):
    network = priced
    shirts = Category.objects.create(name="衬衫")
    network.shirt.product.category = shirts
    network.shirt.product.save(update_fields=["category"])
    network_services.level_save(
        actor=network.manager,
        level_id=network.city.pk,
        code="C",
        name="市代",
        catalog_category_ids=[shirts.pk],
    )
    for typed in ("PHONE-128", PHONE_BARCODE):
        with pytest.raises(InvalidInput) as excinfo:
            imported(network.agent, f"SHIRT-RED-M,1\n{typed},2\n")
        # Not told apart from a code that does not exist: a sheet cannot probe the catalogue.
        assert problems(excinfo) == [("rows.2.sku", "sku_not_found")]
    assert [line.sku_id for line in imported(network.agent, "SHIRT-RED-M,1\n").cart.lines] == [
        network.shirt.pk
    ]
    SKU.objects.filter(pk=network.shirt.pk).update(status=Status.ARCHIVED)
    with pytest.raises(InvalidInput) as excinfo:
        imported(network.agent, "SHIRT-RED-M,1\n")
    assert problems(excinfo) == [("rows.1.sku", "sku_not_found")]


def test_sheets_are_read_by_headers_or_as_columns_a_b_and_as_xlsx(priced: Network):
    plain = cart_sheet_lines(sheet("SHIRT-RED-M,3\n\nPHONE-128,2\n"), "cart.csv")
    assert [(row.row_no, row.sku, row.quantity) for row in plain] == [
        (1, "SHIRT-RED-M", "3"),
        (3, "PHONE-128", "2"),
    ]
    swapped = cart_sheet_lines("数量,条码\r\n2,6901234567892\r\n".encode("gb18030"), "购物车.csv")
    assert [(row.row_no, row.sku, row.quantity) for row in swapped] == [(2, PHONE_BARCODE, "2")]
    book = Workbook()
    sheet_ = book.active
    sheet_.append(["SKU编码", "数量"])
    sheet_.append(["SHIRT-RED-M", 12])
    sheet_.append([6901234567892, 2.0])  # a barcode Excel stored as a number
    buffer = io.BytesIO()
    book.save(buffer)
    rows = cart_sheet_lines(buffer.getvalue(), "cart.xlsx")
    assert [(row.row_no, row.sku, row.quantity) for row in rows] == [
        (2, "SHIRT-RED-M", "12"),
        (3, PHONE_BARCODE, "2"),
    ]
    for content, code in ((b"", "file_invalid"), (b"\xd0\xcf\x11\xe0old", "file_type_invalid")):
        with pytest.raises(InvalidInput) as excinfo:
            cart_sheet_lines(content, "cart.xls")
        assert excinfo.value.code == code
    with pytest.raises(InvalidInput) as excinfo:
        cart_sheet_lines(sheet("SKU编码,数量\n"), "cart.csv")
    assert excinfo.value.code == "file_invalid"
    with pytest.raises(InvalidInput) as excinfo:
        cart_sheet_lines(sheet("SHIRT-RED-M,1\n" * 1001), "cart.csv")
    assert excinfo.value.code == "too_many_lines"


def test_only_a_distributors_people_import(priced: Network):
    network = priced
    for role in ("manager", "sales", "warehouse"):
        with pytest.raises(Forbidden) as excinfo:
            imported(network.selling.user(role), "SHIRT-RED-M,1\n")
        assert excinfo.value.code == "not_a_distributor"
    with pytest.raises(InvalidInput) as excinfo:  # the cart the phone sent is checked as any cart
        imported(network.agent, "SHIRT-RED-M,1\n", [(network.phone, "-2")])
    assert problems(excinfo) == [("cart.0.quantity", "quantity_invalid")]


def post(client, content: bytes, name: str = "cart.csv", **fields):
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, content, "text/csv"), **fields})


def test_the_upload_answers_the_priced_cart_or_every_rows_problem(priced: Network):
    network = priced
    workspace = network.selling.room.workspace
    agent = client_for(workspace, network.agent)
    bad = post(agent, sheet("SKU编码,数量\nSHIRT-RED-M,2\nNOPE-9,1\n"))
    assert bad.status_code == 400
    assert bad.json()["errors"] == [
        {
            "field": "rows.3.sku",
            "code": "sku_not_found",
            "message": "商品编码或条码不存在，或您的级别不可订购。",
        }
    ]
    cart = json.dumps([{"skuId": str(network.shirt.pk), "quantity": "5"}])
    good = post(agent, sheet(f"SKU编码,数量\nSHIRT-RED-M,15\n{PHONE_BARCODE},2\n"), cart=cart)
    assert good.status_code == 200
    body = good.json()
    assert (body["rows"], body["added"], body["errors"], body["total"]) == (2, 1, [], "4998.00")
    shirt, phone = body["lines"]
    assert shirt["sku"] == {
        "id": str(network.shirt.pk),
        "code": "SHIRT-RED-M",
        "name": network.shirt.product.name,
        "specLabel": "",
        "baseUnit": network.shirt.product.base_unit,
    }
    assert (shirt["quantity"], shirt["price"], shirt["amount"], shirt["problem"]) == (
        "20",
        "50.00",
        "1000.00",
        None,
    )
    assert (phone["skuId"], phone["quantity"], phone["caseQuantity"], phone["listPrice"]) == (
        str(network.phone.pk),
        "2",
        2,
        "1999.00",
    )


def test_the_upload_refuses_strangers_a_missing_file_and_a_bad_cart(priced: Network, beta):
    network = priced
    workspace = network.selling.room.workspace
    assert post(client_for(workspace), b"SHIRT-RED-M,1\n").status_code in (401, 403)
    manager = post(client_for(workspace, network.manager), b"SHIRT-RED-M,1\n")
    assert manager.status_code == 403 and manager.json()["errors"][0]["code"] == "not_a_distributor"
    agent = client_for(workspace, network.agent)
    assert agent.post(IMPORT, {}).json()["errors"][0]["code"] == "file_invalid"
    assert agent.get(IMPORT).status_code == 405
    for cart in ("not json", json.dumps({"skuId": 1}), json.dumps([1, 2]), json.dumps([{}] * 1001)):
        answer = post(agent, b"SHIRT-RED-M,1\n", cart=cart)
        assert answer.status_code == 400 and answer.json()["errors"][0]["code"] == "cart_invalid"
    answer = post(agent, b"SHIRT-RED-M,1\n", cart=json.dumps([{"skuId": "x", "quantity": "1"}]))
    assert answer.json()["errors"] == [
        {"field": "cart.0.skuId", "code": "not_found", "message": "商品不存在或已归档。"}
    ]
    # Another workspace's distributor person is no distributor here: alpha's codes stay unknown.
    other = post(client_for(beta, beta.users["distributor"]), b"SHIRT-RED-M,1\n")
    assert other.status_code == 403 and other.json()["errors"][0]["code"] == "not_a_distributor"
