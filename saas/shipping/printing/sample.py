"""Made-up values for the template preview: every field filled, so the tenant sees what each
switch and alignment does before saving (and without needing a real shipment)."""

from __future__ import annotations

from saas.shipping.models import PrintKind
from saas.shipping.printing.data import now_text
from saas.shipping.printing.document import DocData

_NOTE_LINES = [
    ("SHIRT-RED-M", "红色衬衫", "红色 / M", "6901234567892", "件", "12", "59", "708.00"),
    ("SHIRT-BLUE-L", "蓝色衬衫", "蓝色 / L", "6901234567908", "件", "6", "59", "354.00"),
    ("CUP-350", "保温杯 350ml", "", "6901234567915", "个", "20", "25.5", "510.00"),
]


def sample_pages(kind: str) -> list[DocData]:
    letter = {"printed_at": now_text()}
    if kind == PrintKind.PICK_LIST:
        return [
            DocData(
                header={**letter, "warehouse": "MAIN 杭州总仓", "order_count": "3"},
                rows=[
                    {
                        "bin": bin_code,
                        "sku_code": code,
                        "product_name": name,
                        "spec": spec,
                        "barcode": barcode,
                        "unit": unit,
                        "quantity": quantity,
                        "orders": orders,
                        "check": "☐",
                    }
                    for bin_code, (code, name, spec, barcode, unit, quantity, _p, _a), orders in zip(
                        ("A-01-02", "A-03-01", "B-02-05"),
                        _NOTE_LINES,
                        ("SO-2026-000101×8, SO-2026-000102×4", "SO-2026-000102×6", "SO-2026-000103×20"),
                        strict=True,
                    )
                ],
                footer={"total_quantity": "38"},
            )
        ]
    if kind == PrintKind.DELIVERY_NOTE:
        return [
            DocData(
                header={
                    "shipment_number": "SH-2026-000088",
                    "order_number": "SO-2026-000101",
                    "ship_date": "2026-05-18",
                    "customer_name": "杭州鑫达商贸有限公司",
                    "receiver": "王采购",
                    "receiver_phone": "138 0013 8000",
                    "address": "浙江省杭州市西湖区文三路 100 号",
                    "delivery_method": "快递",
                    "carrier": "顺丰速运",
                    "tracking_number": "SF1385628716739",
                    "rep": "张伟",
                    "remarks": "工作日送货，到前电话联系",
                },
                rows=[
                    {
                        "line_no": str(index),
                        "sku_code": code,
                        "product_name": name,
                        "spec": spec,
                        "barcode": barcode,
                        "unit": unit,
                        "quantity": quantity,
                        "unit_price": price,
                        "amount": amount,
                        "remark": "",
                    }
                    for index, (code, name, spec, barcode, unit, quantity, price, amount) in enumerate(
                        _NOTE_LINES, start=1
                    )
                ],
                footer={
                    "total_quantity": "38",
                    "total_amount": "1,572.00",
                    "total_in_words": "壹仟伍佰柒拾贰元整",
                },
            )
        ]
    if kind == PrintKind.DAILY_LIST:
        return [
            DocData(
                header={**letter, "date": "2026-05-18", "warehouse": "MAIN 杭州总仓", "shipment_count": "2"},
                rows=[
                    {
                        "shipment_number": "SH-2026-000088",
                        "order_number": "SO-2026-000101",
                        "customer_name": "杭州鑫达商贸有限公司",
                        "receiver": "王采购",
                        "city": "杭州市",
                        "delivery_method": "快递",
                        "carrier": "顺丰速运",
                        "tracking_number": "SF1385628716739",
                        "quantity": "38",
                        "rep": "张伟",
                        "amount": "1,572.00",
                    },
                    {
                        "shipment_number": "SH-2026-000089",
                        "order_number": "SO-2026-000104",
                        "customer_name": "宁波海曙百货",
                        "receiver": "李店长",
                        "city": "宁波市",
                        "delivery_method": "快递",
                        "carrier": "中通快递",
                        "tracking_number": "73610555582883",
                        "quantity": "10",
                        "rep": "王芳",
                        "amount": "590.00",
                    },
                ],
                footer={"total_quantity": "48", "total_amount": "2,162.00"},
            )
        ]
    return [
        DocData(
            header={**letter, "filters": "送货上门 · 张伟 · 2026-05-18", "order_count": "1"},
            rows=[
                {
                    "order_number": "SO-2026-000105",
                    "customer_name": "西湖区便利店",
                    "receiver": "赵老板",
                    "receiver_phone": "139 0571 0000",
                    "address": "浙江省杭州市西湖区古墩路 8 号",
                    "requested_date": "2026-05-18",
                    "delivery_method": "送货上门",
                    "rep": "张伟",
                    "open_quantity": "24",
                    "amount": "1,416.00",
                    "remarks": "上午送达",
                    "signature": "",
                }
            ],
            footer={"total_quantity": "24", "total_amount": "1,416.00"},
        )
    ]
