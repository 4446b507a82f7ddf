"""Shipping screens for the warehouse: one order shipped in part with its carrier suggested from
an SF number; a batch where one row's tracking number is already used (the others ship, the bad
row keeps its error and ships once corrected); a package scan-verified with a wrong item taken
out again, then shipped; a sign-back by photo that completes the order; a print template's
alignment saved and reset; and every screen's controls named with enough contrast."""

from __future__ import annotations

import itertools
import re
import struct
import uuid
import zlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from saas.catalog.models import SKU
from saas.inventory.models import Warehouse
from saas.inventory.services.entries import EntryLine, stock_entry_create
from saas.sales.models import SalesOrder
from saas.shipping import services as shipping_services
from saas.shipping.models import Carrier, PrintTemplate, Shipment, ShippingSettings
from tests.browser.driver import DESKTOP, PHONE, snapshot
from tests.browser.test_accessibility import _check_page
from tests.fixtures.inventory import make_sku
from tests.fixtures.sales import approved_order, sales_customer

pytestmark = pytest.mark.live

_serial = itertools.count(1)


def sf_number() -> str:
    """A fresh SF tracking number (SF + 13 digits), unique in this run."""
    return f"SF{uuid.uuid4().int % 10**9:09d}{next(_serial):04d}"


def tiny_png() -> bytes:
    """A valid 1×1 white PNG, as a phone's photo stands in for."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@dataclass
class Goods:
    """A warehouse with two barcoded SKUs in stock and a customer of the sales rep."""

    tag: str
    customer_name: str
    shirt: SKU
    cup: SKU
    orders: list[SalesOrder]


def given_orders(read_db: Any, world: Any, count: int, lines: list[tuple[str, str]]) -> Goods:
    """`count` approved orders (pending_shipment) of the rep for one new customer, each with
    `lines` of (sku name: "shirt" | "cup", quantity), from a new warehouse with stock."""
    alpha = world.alpha
    keeper, rep, manager = alpha.users["warehouse"], alpha.users["sales"], alpha.users["manager"]
    tag = uuid.uuid4().hex[:8].upper()

    def make() -> Goods:
        warehouse = Warehouse.objects.create(code=f"S{tag}", name=f"发货仓{tag}")
        shirt = make_sku(f"SHIRT-{tag}", f"发货衬衫{tag}", cost="20")
        cup = make_sku(f"CUP-{tag}", f"发货水杯{tag}", cost="8")
        for sku, barcode, price in ((shirt, f"69{tag}01", "59"), (cup, f"69{tag}02", "25")):
            SKU.objects.filter(pk=sku.pk).update(barcode=barcode, list_price=Decimal(price))
            sku.refresh_from_db()
        stock_entry_create(
            actor=keeper,
            warehouse_id=warehouse.pk,
            direction="in",
            reason="opening",
            lines=[
                EntryLine(sku_id=shirt.pk, quantity="50", unit_cost="20"),
                EntryLine(sku_id=cup.pk, quantity="50", unit_cost="8"),
            ],
        )
        name = f"发货客户{tag}"
        customer = sales_customer(owner=rep, name=name)
        skus = {"shirt": shirt, "cup": cup}
        orders = [
            approved_order(
                actor=rep,
                approver=manager,
                customer=customer,
                warehouse=warehouse,
                lines=[(skus[sku], quantity) for sku, quantity in lines],
            )
            for _ in range(count)
        ]
        return Goods(tag=tag, customer_name=name, shirt=shirt, cup=cup, orders=orders)

    goods = read_db(alpha, make)
    assert all(order.status == "pending_shipment" for order in goods.orders)
    return goods


def order_state(read_db: Any, world: Any, order: SalesOrder) -> tuple[str, list[tuple[str, str, str]]]:
    """The order's status and its shipments as (status, carrier code, tracking number)."""

    def read() -> tuple[str, list[tuple[str, str, str]]]:
        shipments = Shipment.objects.filter(order_id=order.pk).select_related("carrier").order_by("pk")
        return (
            SalesOrder.objects.get(pk=order.pk).status,
            [(s.status, s.carrier.code if s.carrier else "", s.tracking_number) for s in shipments],
        )

    return read_db(world.alpha, read)


def test_one_order_ships_in_part_with_the_carrier_suggested_from_an_sf_number(shell, world, read_db):
    # Given an order of 2 shirts and 1 cup waiting to ship
    goods = given_orders(read_db, world, 1, [("shirt", "2"), ("cup", "1")])
    order = goods.orders[0]

    # When the warehouse opens it from the list of orders to ship
    app = shell(as_user="warehouse", viewport=PHONE, path="/app/shipping")
    page = app.page
    page.get_by_label("搜索订单").fill(goods.customer_name)
    row = page.locator(f'.shipping-order[data-number="{order.number}"]')
    expect(row).to_contain_text("待发货")
    snapshot(app, "phone-shipping-list")
    row.click()
    app.wait_screen("shipping-order")
    form = page.get_by_role("form", name=f"{order.number} 发货")

    # And ships one shirt only, typing an SF number key by key
    form.get_by_label(f"SHIRT-{goods.tag} 本次发货数量").fill("1")
    number = sf_number()
    form.get_by_label("快递单号", exact=True).press_sequentially(number, delay=15)

    # Then 顺丰 is suggested as certain and chosen
    suggestion = form.locator('.carrier-candidates button[data-carrier-code="SF"]')
    expect(suggestion).to_have_attribute("aria-pressed", "true")
    expect(suggestion).to_contain_text("确定")
    expect(form.locator(".carrier-status")).to_have_text("识别为 顺丰速运")
    expect(form.get_by_label("快递公司", exact=True)).to_have_value(
        read_db(world.alpha, lambda: str(Carrier.objects.get(code="SF").pk))
    )
    snapshot(app, "phone-shipping-order")
    _check_page(app)

    form.get_by_role("button", name="发货", exact=True).click()

    # Then the result shows the shipment, and the order is partly shipped with SF
    result = page.locator(".shipment-result")
    expect(result).to_contain_text("已发货 SH-")
    expect(result).to_contain_text("顺丰速运")
    expect(result).to_contain_text("部分发货")
    expect(result.get_by_role("link", name="打印发货单")).to_have_attribute(
        "href", re.compile(r"/shipping/print/delivery-note/\?shipments=\d+")
    )
    status, shipments = order_state(read_db, world, order)
    assert status == "partly_shipped"
    assert shipments == [("shipped", "SF", number)]
    shipped = read_db(
        world.alpha,
        lambda: {line.sku_id: line.quantity for line in Shipment.objects.get(order_id=order.pk).lines.all()},
    )
    assert shipped == {goods.shirt.pk: Decimal(1), goods.cup.pk: Decimal(1)}

    # And the rest (one shirt) is still open on the form
    expect(page.get_by_label(f"SHIRT-{goods.tag} 本次发货数量")).to_have_value("1")
    expect(page.get_by_label(f"CUP-{goods.tag} 本次发货数量")).to_have_count(0)


def test_a_batch_ships_every_row_but_the_one_with_a_used_number_which_stays_for_correction(
    shell, world, read_db
):
    # Given three orders waiting to ship, the second one's number coming from a sheet
    goods = given_orders(read_db, world, 3, [("cup", "2")])
    first, second, third = goods.orders
    taken, imported = sf_number(), sf_number()

    app = shell(as_user="warehouse", viewport=PHONE, path="/app/shipping/batch")
    page = app.page
    with page.expect_response(lambda response: goods.tag in (response.request.post_data or "")):
        page.get_by_label("搜索订单").fill(goods.customer_name)
    rows = page.locator(".batch-row")
    expect(rows).to_have_count(3)
    page.get_by_label("导入快递单号表格（CSV 或 XLSX）").set_input_files(
        files=[
            {
                "name": "单号.csv",
                "mimeType": "text/csv",
                "buffer": f"订单号,快递单号\n{second.number},{imported}\n".encode(),
            }
        ]
    )
    row = {order.number: page.locator(f'.batch-row[data-number="{order.number}"]') for order in goods.orders}
    expect(row[second.number].get_by_label(f"{second.number} 的快递单号")).to_have_value(imported)
    expect(row[second.number].get_by_role("checkbox")).to_be_checked()

    # When the first gets its number by a scanner (Enter jumps to the next row still empty of
    # nothing: the second, then the third), and the third the first's number again
    first_input = row[first.number].get_by_label(f"{first.number} 的快递单号")
    first_input.press_sequentially(taken, delay=5)
    first_input.press("Enter")
    expect(row[second.number].get_by_label(f"{second.number} 的快递单号")).to_be_focused()
    page.keyboard.press("Enter")
    third_input = row[third.number].get_by_label(f"{third.number} 的快递单号")
    expect(third_input).to_be_focused()
    page.keyboard.type(taken)
    page.keyboard.press("Enter")
    ship = page.get_by_role("button", name="发货（3 单）")
    expect(ship).to_be_focused()
    expect(row[first.number].locator(".carrier-status")).to_have_text("识别为 顺丰速运")
    snapshot(app, "phone-shipping-batch")
    _check_page(app)
    ship.click()

    # Then the first two ship, and the third shows its own error and stays ticked with its number
    expect(row[first.number]).to_have_attribute("data-result", "shipped")
    expect(row[second.number]).to_have_attribute("data-result", "shipped")
    expect(row[third.number]).to_have_attribute("data-result", "failed")
    expect(row[third.number].locator(".batch-errors")).to_contain_text("SH-")
    expect(row[third.number].get_by_role("checkbox")).to_be_checked()
    expect(third_input).to_have_value(taken)
    expect(third_input).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".batch-outcome")).to_contain_text("已发货 2 单，1 单未发出。")
    snapshot(app, "phone-shipping-batch-result")
    assert order_state(read_db, world, first) == ("pending_signback", [("shipped", "SF", taken)])
    assert order_state(read_db, world, second) == ("pending_signback", [("shipped", "SF", imported)])
    assert order_state(read_db, world, third) == ("pending_shipment", [])

    # When the third gets a number of its own and is shipped again
    corrected = sf_number()
    third_input.fill(corrected)
    page.get_by_role("button", name="发货（1 单）").click()

    # Then it ships too
    expect(row[third.number]).to_have_attribute("data-result", "shipped")
    assert order_state(read_db, world, third) == ("pending_signback", [("shipped", "SF", corrected)])


def test_a_package_with_a_wrong_item_is_verified_only_after_it_is_taken_out(shell, world, read_db):
    # Given an order of 2 shirts
    goods = given_orders(read_db, world, 1, [("shirt", "2")])
    order = goods.orders[0]
    shirt, cup = goods.shirt.barcode, goods.cup.barcode

    # When the packer on a desktop with a USB scanner opens the package by its order number
    app = shell(as_user="warehouse", viewport=DESKTOP, path="/app/shipping/verify")
    page = app.page
    expect(page.get_by_label("扫描订单号、包裹号或快递单号")).to_be_focused()

    # (First the pick list for it: what to take from which warehouse and bin, printable)
    page.get_by_text("拣货单", exact=True).click()
    page.locator(f'input[name="pickOrder"][data-number="{order.number}"]').check()
    page.get_by_role("button", name="生成拣货单").click()
    pick = page.locator(
        f'.pick-group[data-warehouse="发货仓{goods.tag}"] .pick-row[data-sku-code="SHIRT-{goods.tag}"]'
    )
    expect(pick).to_contain_text(f"{order.number} ×2")
    expect(page.get_by_role("link", name="打印拣货单").first).to_have_attribute(
        "href", re.compile(r"/shipping/print/pick-list/\?orders=\d+")
    )
    page.get_by_label("扫描订单号、包裹号或快递单号").focus()
    page.keyboard.type(order.number)
    page.keyboard.press("Enter")
    package = page.locator(".verify-package")
    expect(package).to_contain_text(order.number)
    item = page.get_by_label("扫描商品条码")
    expect(item).to_be_focused()

    # And scans one shirt and then a cup, which does not belong
    for code in (shirt, cup):
        page.keyboard.type(code)
        page.keyboard.press("Enter")
        expect(package.locator(f'.verify-line[data-sku-code="{code_of(goods, code)}"]')).to_be_visible()
    expect(item).to_be_focused()

    # Then the cup is shown as extra, a shirt as missing, and the package is not verified
    extra = package.locator(f'.verify-line[data-sku-code="CUP-{goods.tag}"]')
    expect(extra).to_have_attribute("data-state", "extra")
    expect(extra).to_contain_text("多 1")
    expect(package.locator(f'.verify-line[data-sku-code="SHIRT-{goods.tag}"]')).to_contain_text("缺 1")
    expect(package.locator(".verify-summary")).to_have_attribute("data-verified", "false")
    expect(package.locator(".verify-extra-list")).to_contain_text(f"CUP-{goods.tag} ×1")
    snapshot(app, "desktop-shipping-verify-extra")
    _check_page(app)

    def verified() -> bool:
        return Shipment.objects.get(order_id=order.pk, status="packing").verified_at is not None

    assert read_db(world.alpha, verified) is False

    # When the cup is taken out and the second shirt scanned
    extra.get_by_role("button", name=f"从包裹拿出一件 CUP-{goods.tag}").click()
    expect(extra).to_have_count(0)
    expect(item).to_be_focused()
    page.keyboard.type(shirt)
    page.keyboard.press("Enter")

    # Then the package is verified, and ships from here with its tracking number
    expect(package.locator(".verify-summary")).to_have_attribute("data-verified", "true")
    expect(package.locator(".verify-summary")).to_contain_text("验货通过")
    assert read_db(world.alpha, verified) is True
    number = sf_number()
    ship = page.get_by_role("form", name=re.compile(r"发出包裹 SH-"))
    ship.get_by_label("快递单号", exact=True).fill(number)
    expect(ship.locator(".carrier-status")).to_have_text("识别为 顺丰速运")
    snapshot(app, "desktop-shipping-verified")
    ship.get_by_role("button", name="发货").click()
    expect(page.locator(".shipment-result")).to_contain_text("已发货 SH-")
    assert order_state(read_db, world, order) == ("pending_signback", [("shipped", "SF", number)])


def code_of(goods: Goods, barcode: str) -> str:
    return goods.shirt.code if barcode == goods.shirt.barcode else goods.cup.code


def test_a_photo_of_the_signed_note_completes_the_order(shell, world, read_db):
    # Given an order shipped in full, waiting for its sign-back
    goods = given_orders(read_db, world, 1, [("cup", "1")])
    order = goods.orders[0]
    keeper = world.alpha.users["warehouse"]
    read_db(
        world.alpha,
        lambda: shipping_services.shipment_create(
            actor=keeper, order_id=order.pk, tracking_number=sf_number()
        ),
    )
    assert order_state(read_db, world, order)[0] == "pending_signback"

    # When the warehouse finds it among the sign-backs to collect, on a phone that shares where it is
    app = shell(as_user="warehouse", viewport=PHONE, path="/app/shipping/signback")
    app.context.grant_permissions(["geolocation"])
    app.context.set_geolocation({"latitude": 30.274084, "longitude": 120.15507})
    page = app.page
    page.get_by_label("搜索订单").fill(goods.customer_name)
    row = page.locator(f'.signback-order[data-number="{order.number}"]')
    expect(row).to_contain_text("待签回")
    snapshot(app, "phone-shipping-signback-list")
    row.click()
    app.wait_screen("shipping-signback-order")

    # And adds a photo of the signed delivery note and confirms
    form = page.get_by_role("form", name=f"{order.number} 签回")
    photo = form.get_by_label("拍照或上传签收单")
    expect(photo).to_have_attribute("capture", "environment")
    photo.set_input_files(files=[{"name": "note.png", "mimeType": "image/png", "buffer": tiny_png()}])
    expect(form.get_by_role("img", name="签收单照片 1")).to_be_visible()
    snapshot(app, "phone-shipping-signback")
    _check_page(app)
    form.get_by_role("button", name="确认签回").click()

    # Then it is signed back with the photo and the place, and the order is completed
    done = page.locator(".signback-done")
    expect(done).to_contain_text("已签回")
    expect(done).to_contain_text("已完成")
    expect(done.get_by_role("img", name="签收单照片 1")).to_be_visible()

    def signed() -> tuple[str, str, int, Decimal | None]:
        shipment = Shipment.objects.get(order_id=order.pk)
        return (
            shipment.status,
            SalesOrder.objects.get(pk=order.pk).status,
            shipment.proofs.count(),
            shipment.sign_latitude,
        )

    assert read_db(world.alpha, signed) == ("signed", "completed", 1, Decimal("30.274084"))


def test_a_print_template_saves_an_alignment_and_resets(shell, world, read_db):
    # Given the delivery note's template in the editor, with its live preview
    app = shell(as_user="warehouse", viewport=DESKTOP, path="/app/shipping/templates")
    page = app.page
    expect(page.get_by_label("单据", exact=True)).to_have_value("DELIVERY_NOTE")
    frame = page.frame_locator("iframe.template-preview")
    expect(frame.locator("body")).to_contain_text("发货单")

    barcode_label = page.locator('.template-field[data-field-key="barcode"] strong').inner_text()
    expect(frame.locator("th", has_text=barcode_label)).to_have_count(0)

    # When the product name is centred and the barcode printed
    row = page.locator('.template-field[data-field-key="product_name"]')
    row.get_by_label("居中").check()
    page.locator('.template-field[data-field-key="barcode"]').get_by_label("打印").check()
    expect(page.get_by_text("有未保存的修改")).to_be_visible()
    expect(frame.locator("th", has_text=barcode_label)).to_be_visible()  # the preview follows
    snapshot(app, "desktop-shipping-templates")
    _check_page(app)
    page.get_by_role("button", name="保存模板").click()
    expect(page.locator(".toast", has_text="已保存发货单模板。")).to_be_visible()

    # Then the template keeps the alignment and the visible barcode
    def saved() -> dict[str, dict[str, Any]]:
        template = PrintTemplate.objects.filter(kind="delivery_note").first()
        return {entry["field"]: entry for entry in (template.fields if template else [])}

    fields = read_db(world.alpha, saved)
    assert fields["product_name"]["align"] == "center"
    assert fields["barcode"]["visible"] is True

    # When it is put back to the default
    page.get_by_role("button", name="恢复默认").click()
    page.get_by_role("dialog").get_by_role("button", name="恢复默认").click()
    expect(page.locator(".toast", has_text="发货单模板已恢复默认。")).to_be_visible()
    assert read_db(world.alpha, saved) == {}
    expect(
        page.locator('.template-field[data-field-key="product_name"]').get_by_label("左对齐")
    ).to_be_checked()

    # And the letterhead's footer, set beside the templates, shows in the preview
    footer = f"感谢惠顾 {uuid.uuid4().hex[:6]}"
    page.get_by_text("打印抬头与发货设置").click()
    settings = page.get_by_role("form", name="打印抬头与发货设置")
    previous = settings.get_by_label("页脚文字").input_value()
    settings.get_by_label("页脚文字").fill(footer)
    _check_page(app)
    settings.get_by_role("button", name="保存设置").click()
    expect(page.locator(".toast", has_text="已保存发货设置。")).to_be_visible()
    expect(frame.locator("body")).to_contain_text(footer)
    assert read_db(world.alpha, lambda: ShippingSettings.objects.get().print_footer) == footer
    settings.get_by_label("页脚文字").fill(previous)
    settings.get_by_role("button", name="保存设置").click()
    expect(settings.get_by_role("button", name="保存设置")).to_be_enabled()  # not busy any more
    assert read_db(world.alpha, lambda: ShippingSettings.objects.get().print_footer) == previous


@pytest.mark.parametrize(
    "path",
    [
        "/app/shipping",
        "/app/shipping/batch",
        "/app/shipping/verify",
        "/app/shipping/signback",
        "/app/shipping/deliveries",
        "/app/shipping/shipments",
    ],
)
def test_shipping_screens_have_names_and_contrast(shell, path):
    app = shell(as_user="warehouse", viewport=DESKTOP, path=path)
    expect(app.page.locator(".skeleton")).to_have_count(0)
    snapshot(app, "desktop" + path.removeprefix("/app").replace("/", "-"))
    _check_page(app)


def test_a_signature_drawn_on_the_phone_signs_back_and_the_day_list_prints(shell, world, read_db):
    # Given an order shipped in full
    goods = given_orders(read_db, world, 1, [("shirt", "1")])
    order = goods.orders[0]
    keeper = world.alpha.users["warehouse"]
    read_db(
        world.alpha,
        lambda: shipping_services.shipment_create(
            actor=keeper, order_id=order.pk, tracking_number=sf_number()
        ),
    )

    # When the customer signs on the screen (a stroke with the pointer) and it is confirmed
    app = shell(as_user="warehouse", viewport=PHONE, path=f"/app/shipping/signback/{order.pk}")
    page = app.page
    form = page.get_by_role("form", name=f"{order.number} 签回")
    pad = form.get_by_role("img", name="签名区")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 30, box["y"] + 40)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(box["x"] + 30 + step * 20, box["y"] + 40 + (step % 3) * 25)
    page.mouse.up()
    expect(form.get_by_text("已签名", exact=True)).to_be_visible()
    form.get_by_role("button", name="确认签回").click()

    # Then the shipment is signed with the signature, and the order completed
    expect(page.locator(".signback-done")).to_contain_text("已完成")
    expect(page.get_by_role("img", name="客户签名 1")).to_be_visible()

    def signed() -> tuple[str, str, list[str]]:
        shipment = Shipment.objects.get(order_id=order.pk)
        kinds = [proof.kind for proof in shipment.proofs.all()]
        return shipment.status, SalesOrder.objects.get(pk=order.pk).status, kinds

    assert read_db(world.alpha, signed) == ("signed", "completed", ["signature"])

    # And the day's shipping list opens from the shipping screen as HTML or PDF
    app.open("/app/shipping")
    page.get_by_role("button", name="每日发货清单").click()
    dialog = page.get_by_role("dialog", name="打印每日发货清单")
    day = dialog.get_by_label("发货日期").input_value()
    expect(dialog.get_by_role("link", name="打印每日发货清单")).to_have_attribute(
        "href", f"/shipping/print/daily-list/?date={day}"
    )
    expect(dialog.get_by_role("link", name="每日发货清单 PDF")).to_have_attribute(
        "href", f"/shipping/print/daily-list/?date={day}&format=pdf"
    )
    listing = page.evaluate(
        "async (url) => (await fetch(url)).text()", f"/shipping/print/daily-list/?date={day}"
    )
    assert order.number in listing
    _check_page(app)
    dialog.get_by_role("button", name="关闭").click()
    expect(dialog).to_have_count(0)


def test_shipping_screens_fit_the_smallest_phone(shell):
    app = shell(as_user="warehouse", viewport={"width": 360, "height": 740}, path="/app/shipping")
    for path in (
        "/app/shipping",
        "/app/shipping/batch",
        "/app/shipping/verify",
        "/app/shipping/templates",
        "/app/shipping/deliveries",
        "/app/shipping/shipments",
    ):
        app.open(path)
        expect(app.page.locator(".skeleton")).to_have_count(0)
        width = app.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} is {width}px wide"


def test_the_warehouse_home_to_dos_open_the_shipping_screens(shell):
    app = shell(as_user="warehouse", viewport=PHONE)
    page = app.page
    expect(page.locator('[data-todo="sales.pending_shipment"] a')).to_have_attribute("href", "/app/shipping")
    overdue = page.locator('[data-todo="shipping.signback_overdue"] a')
    expect(overdue).to_contain_text("逾期未签回")
    expect(overdue).to_have_attribute("href", "/app/shipping/signback?overdue=1")
    overdue.click()
    app.wait_screen("shipping-signback")
    expect(page.get_by_label("只看逾期")).to_be_checked()
