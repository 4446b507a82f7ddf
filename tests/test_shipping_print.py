"""Printing: pick lists by warehouse and bin, delivery notes with the logo and the tenant's
template, the daily list and the list of orders to deliver, as HTML and PDF; prices only for
those who may see them."""

from __future__ import annotations

import base64
import json
import re
import zlib
from typing import Any

from django.core.files.base import ContentFile

from saas.core.clock import tenant_date
from saas.inventory.models import Bin, StockLevel
from saas.shipping import selectors, services
from tests.fixtures.catalog import PNG_BYTES
from tests.fixtures.shipping import Shipping
from tests.fixtures.tenants import client_for


def pdf_text(data: bytes) -> str:
    """The text drawn on the pages: reportlab writes CID-font strings as UTF-16BE literals."""
    drawn = []
    for raw in re.findall(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            content = zlib.decompress(base64.a85decode(raw.strip(), adobe=True))
        except (ValueError, zlib.error):
            continue  # images and other streams
        for literal in re.findall(rb"\(((?:[^()\\]|\\.)*)\)\s*Tj", content, re.S):
            unescaped = re.sub(
                rb"\\([0-7]{1,3}|.)",
                lambda m: bytes([int(m.group(1), 8)]) if m.group(1)[:1].isdigit() else m.group(1),
                literal,
            )
            drawn.append(unescaped.decode("utf-16-be", errors="replace"))
    return "\n".join(drawn)


def get(shipping: Shipping, role: str, url: str) -> Any:
    client = client_for(shipping.room.workspace, shipping.user(role))
    joiner = "&" if "?" in url else "?"
    return client.get(f"{url}{joiner}lang=en")


def test_pick_list_groups_by_warehouse_and_bin(shipping: Shipping, shipping_urls: None) -> None:
    room = shipping.room
    shelf = Bin.objects.create(warehouse=room.main, code="A-01-02")
    StockLevel.objects.filter(sku=shipping.shirt, warehouse=room.main).update(default_bin=shelf)
    first = shipping.order([(shipping.shirt, "3"), (shipping.phone, "1")])
    second = shipping.order([(shipping.shirt, "2")])
    pick = selectors.pick_list(actor=shipping.keeper, order_ids=[first.pk, second.pk])
    assert [(g.warehouse.code, g.bin.code if g.bin else None) for g in pick.groups] == [
        ("MAIN", "A-01-02"),
        ("MAIN", None),
    ]
    shirts = pick.groups[0].rows[0]
    assert shirts.quantity == 5
    assert [(o.order_number, o.quantity) for o in shirts.orders] == sorted(
        [(first.number, 3), (second.number, 2)]
    )
    html = get(shipping, "warehouse", f"/shipping/print/pick-list/?orders={first.pk},{second.pk}")
    assert html.status_code == 200 and html["Content-Type"].startswith("text/html")
    text = html.content.decode()
    assert "A-01-02" in text and "No bin" in text and first.number in text
    pdf = get(shipping, "warehouse", f"/shipping/print/pick-list/?orders={first.pk}&format=pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


def test_delivery_note_in_chinese_as_html_and_pdf(shipping: Shipping, shipping_urls: None) -> None:
    shipment = shipping.ship(shipping.order([(shipping.shirt, "3")]), "SF1385628716739")
    html = get(shipping, "warehouse", f"/shipping/print/delivery-note/?shipments={shipment.pk}")
    text = html.content.decode()
    assert html.status_code == 200
    assert "杭州测试客户" in text and "红色衬衫" in text and "SF1385628716739" in text
    assert "浙江省杭州市西湖区文三路 100 号" in text
    assert html["Cache-Control"] == "private, no-store"
    pdf = get(shipping, "warehouse", f"/shipping/print/delivery-note/?shipments={shipment.pk}&format=pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert b"STSong-Light" in pdf.content  # the CID font that carries the Chinese text
    text = pdf_text(pdf.content)
    assert "红色衬衫" in text and "杭州测试客户" in text and "SF1385628716739" in text


def test_prices_on_delivery_notes_only_for_money_viewers_unless_configured(
    shipping: Shipping, shipping_urls: None
) -> None:
    shipment = shipping.ship(shipping.order([(shipping.shirt, "2", "59")]))
    url = f"/shipping/print/delivery-note/?shipments={shipment.pk}"
    warehouse = get(shipping, "warehouse", url).content.decode()
    manager = get(shipping, "manager", url).content.decode()
    assert "Unit price" not in warehouse and "118.00" not in warehouse
    assert "Unit price" in manager and "118.00" in manager
    services.shipping_settings_update(actor=shipping.keeper, delivery_note_shows_prices=True)
    assert "118.00" in get(shipping, "warehouse", url).content.decode()


def test_the_template_decides_fields_order_and_alignment(shipping: Shipping, shipping_urls: None) -> None:
    shipment = shipping.ship(shipping.order([(shipping.shirt, "1")]))
    services.print_template_save(
        actor=shipping.keeper,
        kind="delivery_note",
        title="送货单",
        fields=[
            {"field": "product_name", "visible": True, "align": "right"},
            {"field": "sku_code", "visible": False, "align": "left"},
        ],
    )
    text = get(
        shipping, "warehouse", f"/shipping/print/delivery-note/?shipments={shipment.pk}"
    ).content.decode()
    assert "<h1>送货单</h1>" in text
    assert "SKU code" not in text
    assert '<td class="right">红色衬衫</td>' in text
    header = text[text.index("<thead>") : text.index("</thead>")]
    assert header.index("Product") < header.index("Quantity")


def test_preview_renders_sample_data_through_an_unsaved_template(
    shipping: Shipping, shipping_urls: None
) -> None:
    fields = json.dumps([{"field": "customer_name", "visible": False, "align": "left"}])
    html = get(shipping, "warehouse", f"/shipping/print/delivery-note/preview/?fields={fields}")
    assert html.status_code == 200
    text = html.content.decode()
    assert "SF1385628716739" in text and "杭州鑫达商贸有限公司" not in text
    client = client_for(shipping.room.workspace, shipping.keeper)
    posted = client.post(
        "/shipping/print/pick-list/preview/?format=pdf",
        {"fields": [{"field": "bin", "visible": True, "align": "center"}], "title": "拣货单"},
        content_type="application/json",
    )
    assert posted.status_code == 200 and posted.content.startswith(b"%PDF")
    bad = get(shipping, "warehouse", '/shipping/print/daily-list/preview/?fields=[{"field":"nope"}]')
    assert bad.status_code == 400 and bad.json()["errors"][0]["code"] == "field_unknown"
    unknown = get(shipping, "warehouse", "/shipping/print/invoice/preview/")
    assert unknown.json()["errors"][0]["code"] == "print_kind_invalid"
    rep = get(shipping, "sales", "/shipping/print/delivery-note/preview/")
    assert rep.status_code == 403


def test_daily_list_and_orders_to_deliver(shipping: Shipping, shipping_urls: None) -> None:
    from django.utils import timezone

    shipment = shipping.ship(shipping.order([(shipping.shirt, "2")]))
    waiting = shipping.order([(shipping.phone, "1")], delivery_method="delivery")
    today = tenant_date(timezone.now()).isoformat()
    daily = get(shipping, "warehouse", f"/shipping/print/daily-list/?date={today}").content.decode()
    assert shipment.number in daily
    pdf = get(shipping, "manager", f"/shipping/print/daily-list/?date={today}&format=pdf")
    assert pdf.content.startswith(b"%PDF")
    listed = get(shipping, "manager", "/shipping/print/delivery-list/?method=delivery").content.decode()
    assert waiting.number in listed and shipment.order.number not in listed
    bad = get(shipping, "manager", "/shipping/print/daily-list/?date=yesterday")
    assert bad.status_code == 400 and bad.json()["errors"][0]["code"] == "date_invalid"


def test_the_logo_heads_every_document(shipping: Shipping, shipping_urls: None, media_root: Any) -> None:
    client = client_for(shipping.room.workspace, shipping.keeper)
    uploaded = client.post("/shipping/logo/", {"file": ContentFile(PNG_BYTES, name="logo.png")})
    assert uploaded.status_code == 201, uploaded.content
    assert client.get("/shipping/logo/").status_code == 200
    shipment = shipping.ship(shipping.order([(shipping.shirt, "1")]))
    text = get(
        shipping, "warehouse", f"/shipping/print/delivery-note/?shipments={shipment.pk}"
    ).content.decode()
    assert "data:image/png;base64," in text
    pdf = get(shipping, "warehouse", f"/shipping/print/delivery-note/?shipments={shipment.pk}&format=pdf")
    assert pdf.content.startswith(b"%PDF")
    refused = client_for(shipping.room.workspace, shipping.rep).post(
        "/shipping/logo/", {"file": ContentFile(PNG_BYTES, name="logo.png")}
    )
    assert refused.status_code == 403


def test_printing_needs_sign_in_and_visibility(shipping: Shipping, shipping_urls: None) -> None:
    shipment = shipping.ship(shipping.order([(shipping.shirt, "1")]))
    url = f"/shipping/print/delivery-note/?shipments={shipment.pk}"
    assert client_for(shipping.room.workspace).get(url).status_code == 401
    other_rep = shipping.second_rep()
    refused = client_for(shipping.room.workspace, other_rep).get(url)
    assert refused.status_code == 404
    assert get(shipping, "sales", url).status_code == 200  # the order's own rep
    assert get(shipping, "warehouse", url + "&format=docx").json()["errors"][0]["code"] == "format_invalid"
