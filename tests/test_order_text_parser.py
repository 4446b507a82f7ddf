"""Paste-to-order's parser on its own (no database): numerals, units and pack units, distributive
forms, numbered and 接龙 lists, filler, context between fragments, codes, aliases, visibility of
SKUs, and when a line is sure (saas/messaging/order_text)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from saas.messaging.order_text.catalogue import AliasFacts, CatalogueFacts, CatalogueIndex, build_index
from saas.messaging.order_text.numbers import chinese_value
from saas.messaging.order_text.parser import ParseResult, parse
from saas.messaging.order_text.resolve import Doubt, View
from tests.fixtures.order_text import catalogue_facts

FACTS = catalogue_facts()
INDEX = build_index(FACTS)
CODES = {sku.code: sku.pk for sku in FACTS.skus}
NAMES = {pk: code for code, pk in CODES.items()}


def read(text: str, index: CatalogueIndex = INDEX, view: View | None = None) -> ParseResult:
    return parse(text, index, view or View())


def sure(result: ParseResult) -> list[tuple[str, Decimal | None, str | None]]:
    """The confident lines as (SKU code, quantity, unit); a line that is not sure fails."""
    assert all(line.confident for line in result.lines), [(x.source, x.doubts) for x in result.lines]
    return [(NAMES[line.sku_id], line.quantity, line.unit) for line in result.lines if line.sku_id]


@pytest.mark.parametrize(
    ("text", "value"),
    [("两", 2), ("十", 10), ("二十", 20), ("一百五", 150), ("一百零五", 105), ("两百", 200), ("半", "0.5")],
)
def test_chinese_numerals_become_numbers(text: str, value: object) -> None:
    assert chinese_value(text) == Decimal(str(value))


def test_arabic_chinese_and_decimal_quantities_with_their_units() -> None:
    result = read("红牛 二十箱，可口可乐2L 一百五十瓶，雪碧330ml 1.5箱，运动袜黑色 半打")
    assert sure(result) == [
        ("HN", Decimal(20), "箱"),
        ("KKL-2L", Decimal(150), "瓶"),
        ("XB-330", Decimal("1.5"), "箱"),
        ("SK-BK", Decimal("0.5"), "打"),
    ]


def test_a_pack_unit_converts_to_base_units_by_the_products_own_factor() -> None:
    result = read("可口可乐500ml 2箱，百威啤酒 2箱，电工胶布 黑色 3打，螺丝M4 2盒")
    assert [(line.unit_factor, line.base_quantity) for line in result.lines] == [
        (Decimal(24), Decimal(48)),
        (Decimal(12), Decimal(24)),
        (Decimal(10), Decimal(30)),  # this workspace packs tape ten to the 打
        (Decimal(100), Decimal(200)),
    ]
    assert result.lines[0].pack_unit_id is not None


def test_a_unit_the_product_is_not_sold_in_is_a_doubt_not_a_guess() -> None:
    (line,) = read("螺丝M5 3箱").lines
    assert not line.confident and Doubt.UNIT_UNKNOWN in line.doubts and line.unit_factor is None
    (case,) = read("可口可乐 500ml 5件").lines  # 一件 of drinks may be a case
    assert not case.confident and Doubt.UNIT_UNCLEAR in case.doubts


def test_a_phone_counted_in_tai_and_a_monitor_in_ge_are_their_base_units() -> None:
    assert sure(read("华为mate60 白色 512G 1台，戴尔显示器 5个")) == [
        ("MATE60-WH-512", Decimal(1), "部"),
        ("DELL24", Decimal(5), "台"),
    ]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("纯棉T恤 白色 S、M各5件", ["TS-WH-S", "TS-WH-M"]),
        ("圆领T恤 黑色 S/M/L 各10件", ["TS-BK-S", "TS-BK-M", "TS-BK-L"]),
        ("螺丝M4、M5、M6每样两打", ["LS-M4", "LS-M5", "LS-M6"]),
        ("可口可乐 雪碧 500ml 各两箱", ["KKL-500", "XB-500"]),
        ("速干T恤 白色蓝色 M L 各4件", ["DT-WH-M", "DT-WH-L", "DT-BL-M", "DT-BL-L"]),
    ],
)
def test_distributive_forms_give_each_value_the_quantity(text: str, codes: list[str]) -> None:
    lines = sure(read(text))
    assert [code for code, _q, _u in lines] == codes
    assert len({quantity for _c, quantity, _u in lines}) == 1


def test_values_listed_without_each_share_a_quantity_only_with_a_doubt() -> None:
    lines = read("纯棉T恤 白色 S/M 10件").lines
    assert len(lines) == 2 and all(Doubt.QUANTITY_SHARED in line.doubts for line in lines)


def test_numbered_lists_in_every_style() -> None:
    result = read(
        "1. 红牛 1箱\n2) 雪碧330ml 2箱\n3、百威 3箱\n(4) 农夫山泉550ml 4箱\n- 戴尔显示器 5台\n⑥红牛 6箱"
    )
    assert [quantity for _code, quantity, _unit in sure(result)] == [Decimal(n) for n in range(1, 7)]
    assert [line.line_no for line in result.lines] == [1, 2, 3, 4, 5, 6]


def test_a_roll_call_reads_its_numbered_entries_with_each_persons_name() -> None:
    text = "#接龙\n周五团购饮料\n例 张三 可乐330ml 1箱\n\n1. 李四 可口可乐330ml 2箱\n2. 王五 雪碧500ml 1箱\n3 赵六 红牛 3箱"
    result = read(text)
    assert sure(result) == [
        ("KKL-330", Decimal(2), "箱"),
        ("XB-500", Decimal(1), "箱"),
        ("HN", Decimal(3), "箱"),
    ]
    assert [line.note for line in result.lines] == ["李四", "王五", "赵六"]


def test_polite_filler_is_ignored() -> None:
    result = read("老板，在吗？麻烦帮我发一下：再来10箱农夫山泉 550ml 吧，谢谢老板，辛苦了哈")
    assert sure(result) == [("NFSQ-550", Decimal(10), "箱")] and result.unmatched == []


def test_context_carries_the_product_and_its_other_values_to_the_next_fragment() -> None:
    assert sure(read("纯棉T恤 白色 L码 20件，黑色 M 10件，XL 5件")) == [
        ("TS-WH-L", Decimal(20), "件"),
        ("TS-BK-M", Decimal(10), "件"),
        ("TS-BK-XL", Decimal(5), "件"),
    ]


def test_context_picks_the_product_a_colour_fits_when_the_first_fragment_was_ambiguous() -> None:
    first, second = read("白色T恤 L码 20件，黑色 M 10件").lines
    assert not first.confident and Doubt.PRODUCT_AMBIGUOUS in first.doubts
    assert {NAMES[pk] for pk in first.candidates} == {"TS-WH-L", "DT-WH-L"}
    assert second.candidates and NAMES[second.candidates[0]] == "TS-BK-M"  # only one T恤 comes in black


def test_a_product_on_a_line_of_its_own_heads_the_lines_below() -> None:
    assert sure(read("纯棉圆领T恤\n白色 L 5件\n黑色 XL 3件")) == [
        ("TS-WH-L", Decimal(5), "件"),
        ("TS-BK-XL", Decimal(3), "件"),
    ]


def test_items_run_together_are_split_after_each_quantity() -> None:
    assert sure(read("红牛两箱雪碧500ml三箱")) == [("HN", Decimal(2), "箱"), ("XB-500", Decimal(3), "箱")]
    assert sure(read("两箱可口可乐330ml三箱雪碧330ml")) == [
        ("KKL-330", Decimal(2), "箱"),
        ("XB-330", Decimal(3), "箱"),
    ]


def test_codes_barcodes_pinyin_and_initials() -> None:
    result = read("TS-WH-L x20\nts-gy-xl 12\n6901939621257 10箱\nxuebi 500ml 2箱\nlmwy 黑色 L 3件")
    assert sure(result) == [
        ("TS-WH-L", Decimal(20), "件"),
        ("TS-GY-XL", Decimal(12), "件"),
        ("KKL-330", Decimal(10), "箱"),
        ("XB-500", Decimal(2), "箱"),
        ("HD-BK-L", Decimal(3), "件"),
    ]


def test_a_total_restated_after_the_lines_is_not_another_line() -> None:
    assert sure(read("可口可乐330ml 2箱 共48瓶")) == [("KKL-330", Decimal(2), "箱")]


def test_a_size_a_time_and_a_price_are_not_quantities() -> None:
    (line,) = read("帆布鞋 白色 42码 3点前发 2双").lines
    assert (NAMES[line.sku_id or 0], line.quantity) == ("CV-WH-42", Decimal(2))


def test_a_line_is_sure_only_when_one_sku_and_one_quantity_fit() -> None:
    (no_spec,) = read("雪碧 5箱").lines
    assert not no_spec.confident and no_spec.sku_id is None and Doubt.SPEC_MISSING in no_spec.doubts
    assert {NAMES[pk] for pk in no_spec.candidates} == {"XB-330", "XB-500"}
    (no_quantity,) = read("红牛").lines
    assert not no_quantity.confident and Doubt.QUANTITY_MISSING in no_quantity.doubts
    (two_products,) = read("可乐 3箱").lines
    assert Doubt.PRODUCT_AMBIGUOUS in two_products.doubts and len(two_products.candidates) == 5


def test_unknown_products_are_reported_and_never_sure() -> None:
    result = read("红牛 2箱，加多宝 3箱，苹果 10斤")
    assert sure(ParseResult(lines=result.lines[:1], unmatched=[])) == [("HN", Decimal(2), "箱")]
    assert result.unmatched == ["加多宝 3箱", "苹果 10斤"]
    (near,) = read("尼龙螺丝 M4 2盒").lines  # a 螺丝, but not ours: the word 尼龙 is unexplained
    assert not near.confident and Doubt.EXTRA_TEXT in near.doubts


def test_typos_are_suggested_never_sure() -> None:
    for text, code in [
        ("连帽围衣 黑色 L 2件", "HD-BK-L"),
        ("戴尔显视器 2台", "DELL24"),
        ("袜子 黑色 20双", "SK-BK"),
    ]:
        (line,) = read(text).lines
        assert not line.confident and NAMES[line.candidates[0]] == code, text


def test_the_customers_history_ranks_the_candidates() -> None:
    history = {CODES["XB-500"]: 3}
    (line,) = read("雪碧 5箱", view=View(history=history)).lines
    assert NAMES[line.candidates[0]] == "XB-500" and not line.confident


def test_a_learned_alias_makes_the_next_message_sure_and_keeps_explicit_values() -> None:
    taught = CatalogueFacts(
        products=FACTS.products,
        skus=FACTS.skus,
        packs=FACTS.packs,
        aliases=(AliasFacts(text="白t", sku_id=CODES["TS-WH-L"], times_used=1, distributor_id=None),),
    )
    index = build_index(taught)
    assert sure(read("白T L码 10件", index)) == [("TS-WH-L", Decimal(10), "件")]
    assert sure(read("白T M码 3件", index)) == [("TS-WH-M", Decimal(3), "件")]


def test_a_distributors_alias_and_hidden_skus_stay_out_of_other_views() -> None:
    taught = CatalogueFacts(
        products=FACTS.products,
        skus=FACTS.skus,
        packs=FACTS.packs,
        aliases=(AliasFacts(text="小红", sku_id=CODES["HN"], times_used=1, distributor_id=7),),
    )
    index = build_index(taught)
    assert sure(read("小红 2箱", index, View(distributor_id=7))) == [("HN", Decimal(2), "箱")]
    assert read("小红 2箱", index, View(distributor_id=8)).lines == []
    assert read("小红 2箱", index, View()).lines == []
    drinks_only = View(allowed_skus=frozenset(pk for code, pk in CODES.items() if code.startswith("XB")))
    assert read("红牛 2箱", view=drinks_only).lines == []
    (line,) = read("可乐 雪碧 3箱", view=drinks_only).lines
    assert {NAMES[pk][:2] for pk in line.candidates} == {"XB"}


def test_nothing_to_parse_gives_nothing() -> None:
    assert read("谢谢老板") == ParseResult(lines=[], unmatched=[])
    assert read("") == ParseResult(lines=[], unmatched=[])
    assert read("??? ，，， \n\n") == ParseResult(lines=[], unmatched=[])
