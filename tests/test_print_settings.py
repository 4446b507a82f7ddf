"""Print settings (what the printed order and delivery note show): columns, texts and 大写金额 per
document and workspace; money never prints for a role that may not see it, whatever they say;
only who manages settings reads or changes them; bad input is a translated error that changes
nothing."""

from __future__ import annotations

from typing import Any

import pytest

from saas.core.errors import Forbidden, InvalidInput
from saas.sales import services
from saas.sales.models import PrintSettings
from saas.sales.printing import rmb_upper
from saas.sales.selectors.print_settings import print_settings_get
from tests.fixtures.shipping import Shipping
from tests.fixtures.tenants import client_for, graphql

READ = """query($kind: PrintSettingsKind!) { printSettings(kind: $kind) {
  kind showPrices showDiscounts showAmounts showRemarks amountInWords headerText footerText signatureText customised } }"""
SAVE = """mutation($input: PrintSettingsInput!) { printSettingsSave(input: $input) {
  settings { kind showPrices amountInWords headerText signatureText customised } errors { field code message } } }"""
RESET = (
    """mutation { printSettingsReset(kind: ORDER) { settings { customised headerText } errors { code } } }"""
)


def gql(
    shipping: Shipping, role: str, query: str, variables: dict[str, Any] | None = None, lang: str = "zh-hans"
) -> Any:
    client = client_for(shipping.room.workspace, shipping.user(role))
    client.cookies["sparrow_lang"] = lang
    return graphql(client, query, variables)


def page(shipping: Shipping, role: str, url: str) -> str:
    response = client_for(shipping.room.workspace, shipping.user(role)).get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_order_print_follows_its_settings(shipping: Shipping, shipping_urls: None) -> None:
    order = shipping.order([(shipping.shirt, "2", "59")], remarks="")
    url = f"/sales/orders/{order.pk}/print/"
    before = page(shipping, "manager", url)
    assert (
        "单价" in before
        and "折扣" in before
        and "118.00" in before
        and rmb_upper(order.total_amount) in before
    )
    assert "客户签收" in before and "收货人签字确认" not in before

    services.print_settings_save(
        actor=shipping.user("owner"),
        kind="order",
        show_prices=False,
        show_discounts=False,
        amount_in_words=False,
        header_text="感谢惠顾，货物当面点清",
        footer_text="如有质量问题请于七日内联系",
        signature_text="收货人签字确认",
    )
    after = page(shipping, "manager", url)
    assert "单价" not in after and "折扣" not in after and "59.00" not in after
    assert "118.00" in after  # the amounts still print
    assert rmb_upper(order.total_amount) not in after
    assert "感谢惠顾，货物当面点清" in after and "如有质量问题请于七日内联系" in after
    assert "收货人签字确认" in after and "客户签收" not in after
    batch = page(shipping, "manager", f"/sales/orders/print/?ids={order.pk}")
    assert "感谢惠顾" in batch and "59.00" not in batch and "118.00" in batch


def test_a_role_without_sight_of_money_gets_no_price_on_any_print(
    shipping: Shipping, shipping_urls: None
) -> None:
    # Given settings that show every money column and the amount in words on both documents
    for kind in ("order", "delivery_note"):
        services.print_settings_save(
            actor=shipping.user("owner"), kind=kind, show_prices=True, show_amounts=True, amount_in_words=True
        )
    order = shipping.order([(shipping.shirt, "2", "59")])
    shipment = shipping.ship(order)
    words = rmb_upper(order.total_amount)
    # Then the warehouse's order print, batch print, delivery note (HTML and PDF) carry no money
    for url in (
        f"/sales/orders/{order.pk}/print/",
        f"/sales/orders/print/?ids={order.pk}",
        f"/shipping/print/delivery-note/?shipments={shipment.pk}",
    ):
        text = page(shipping, "warehouse", url)
        assert "59.00" not in text and "118.00" not in text and words not in text, url
        assert "单价" not in text and "金额" not in text, url
    pdf = client_for(shipping.room.workspace, shipping.keeper).get(
        f"/shipping/print/delivery-note/?shipments={shipment.pk}&format=pdf"
    )
    assert pdf.status_code == 200 and b"118.00" not in pdf.content
    # While the manager, who sees money, gets it
    manager_note = page(shipping, "manager", f"/shipping/print/delivery-note/?shipments={shipment.pk}")
    assert "118.00" in manager_note and words in manager_note


def test_the_delivery_note_takes_its_switches_and_texts(shipping: Shipping, shipping_urls: None) -> None:
    order = shipping.order([(shipping.shirt, "2", "59")])
    shipment = shipping.ship(order)
    url = f"/shipping/print/delivery-note/?shipments={shipment.pk}"
    before = page(shipping, "manager", url)
    assert "118.00" in before and rmb_upper(order.total_amount) in before
    services.print_settings_save(
        actor=shipping.keeper,  # shipping.manage may set up the delivery note
        kind="delivery_note",
        show_amounts=False,
        amount_in_words=False,
        header_text="请核对货物数量",
        signature_text="客户签收（盖章）",
    )
    after = page(shipping, "manager", url)
    assert "118.00" not in after and rmb_upper(order.total_amount) not in after
    assert "59" in after  # the unit price still prints
    assert "请核对货物数量" in after and "客户签收（盖章）" in after
    # the template editor's preview shows the same
    preview = client_for(shipping.room.workspace, shipping.keeper).get(
        "/shipping/print/delivery-note/preview/"
    )
    assert "请核对货物数量" in preview.content.decode()


def test_only_who_manages_settings_reads_or_changes_them(shipping: Shipping) -> None:
    denied = gql(shipping, "sales", READ, {"kind": "ORDER"})
    assert denied["data"] is None and denied["errors"][0]["extensions"]["code"] == "forbidden"
    save = gql(shipping, "sales", SAVE, {"input": {"kind": "DELIVERY_NOTE", "showPrices": False}})
    assert [e["code"] for e in save["data"]["printSettingsSave"]["errors"]] == ["forbidden"]
    # The warehouse manages the delivery note, not the order print
    assert (
        gql(shipping, "warehouse", READ, {"kind": "DELIVERY_NOTE"})["data"]["printSettings"]["customised"]
        is False
    )
    order_save = gql(shipping, "warehouse", SAVE, {"input": {"kind": "ORDER", "showPrices": False}})
    assert [e["code"] for e in order_save["data"]["printSettingsSave"]["errors"]] == ["forbidden"]
    assert not PrintSettings.objects.exists()
    with pytest.raises(Forbidden):
        print_settings_get(actor=shipping.rep, kind="order")


def test_the_owner_saves_and_resets_through_graphql(shipping: Shipping) -> None:
    saved = gql(
        shipping,
        "owner",
        SAVE,
        {
            "input": {
                "kind": "ORDER",
                "amountInWords": False,
                "headerText": " 欢迎再来 ",
                "signatureText": "客户签收",
            }
        },
    )["data"]["printSettingsSave"]
    assert saved["errors"] == []
    assert saved["settings"] == {
        "kind": "ORDER",
        "showPrices": True,
        "amountInWords": False,
        "headerText": "欢迎再来",
        "signatureText": "客户签收",
        "customised": True,
    }
    read = gql(shipping, "owner", READ, {"kind": "ORDER"})["data"]["printSettings"]
    assert read["amountInWords"] is False and read["showDiscounts"] is True and read["footerText"] == ""
    # A later save changes only what it names
    gql(shipping, "owner", SAVE, {"input": {"kind": "ORDER", "showRemarks": False}})
    assert (
        gql(shipping, "owner", READ, {"kind": "ORDER"})["data"]["printSettings"]["headerText"] == "欢迎再来"
    )
    reset = gql(shipping, "owner", RESET)["data"]["printSettingsReset"]
    assert reset == {"settings": {"customised": False, "headerText": ""}, "errors": []}


def test_bad_input_is_a_translated_error_and_changes_nothing(shipping: Shipping) -> None:
    services.print_settings_save(actor=shipping.user("owner"), kind="order", header_text="原来的抬头")
    too_long = {"input": {"kind": "ORDER", "showPrices": False, "headerText": "x" * 201}}
    chinese = gql(shipping, "owner", SAVE, too_long)["data"]["printSettingsSave"]
    assert chinese["settings"] is None
    assert chinese["errors"] == [{"field": "headerText", "code": "too_long", "message": "最多 200 个字符。"}]
    english = gql(shipping, "owner", SAVE, too_long, lang="en")["data"]["printSettingsSave"]
    assert english["errors"] == [
        {"field": "headerText", "code": "too_long", "message": "At most 200 characters."}
    ]
    signature = gql(shipping, "owner", SAVE, {"input": {"kind": "ORDER", "signatureText": "签" * 61}})
    assert signature["data"]["printSettingsSave"]["errors"][0]["field"] == "signatureText"
    control = gql(shipping, "owner", SAVE, {"input": {"kind": "ORDER", "footerText": "a\u0000b"}})
    assert [(e["field"], e["code"]) for e in control["data"]["printSettingsSave"]["errors"]] == [
        ("footerText", "text_invalid")
    ]
    unknown = gql(shipping, "owner", "mutation { printSettingsReset(kind: INVOICE) { errors { code } } }")
    assert unknown.get("data") is None and unknown["errors"][0]["extensions"]["code"] == "query_invalid"
    row = PrintSettings.objects.get(kind="order")
    assert row.show_prices is True and row.header_text == "原来的抬头" and row.footer_text == ""
    with pytest.raises(InvalidInput) as raised:
        services.print_settings_save(actor=shipping.user("owner"), kind="invoice")
    assert raised.value.code == "print_kind_invalid"


def test_each_workspace_has_its_own_settings(shipping: Shipping, beta: Any) -> None:
    services.print_settings_save(actor=shipping.user("owner"), kind="order", header_text="阿尔法专用抬头")
    theirs = graphql(client_for(beta, beta.users["owner"]), READ, {"kind": "ORDER"})["data"]["printSettings"]
    assert theirs["customised"] is False and theirs["headerText"] == ""
    # And a save in beta leaves alpha's row as it was
    graphql(
        client_for(beta, beta.users["owner"]),
        SAVE,
        {"input": {"kind": "ORDER", "headerText": "贝塔的抬头"}},
    )
    assert (
        gql(shipping, "owner", READ, {"kind": "ORDER"})["data"]["printSettings"]["headerText"]
        == "阿尔法专用抬头"
    )
