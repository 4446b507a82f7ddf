"""A small demo catalog for the demo workspace: clothes and electronics with specs, prices in CNY.

`catalog_demo_seed()` runs in the current tenant schema (wrap it in schema_context), acts as
the workspace owner through the ordinary services, and skips products that already exist, so
running it again changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from saas.accounts import scopes
from saas.accounts.models import User
from saas.catalog import cleaning
from saas.catalog.drafts import PackUnitDraft, SkuDraft, SpecDraft
from saas.catalog.models import Category, Product
from saas.catalog.services import category_starter_apply, pack_unit_set, product_create

# GS1 China prefixes start with 690-699; these numbers are made up for the demo.
BARCODE_STEM = "693201"


def ean13(serial: int) -> str:
    """A well-formed EAN-13 (with its check digit) from the demo stem and a serial number."""
    body = f"{BARCODE_STEM}{serial:06d}"
    total = sum(int(digit) * (3 if index % 2 else 1) for index, digit in enumerate(body))
    return body + str((10 - total % 10) % 10)


@dataclass(frozen=True)
class DemoProduct:
    code: str
    name: str
    category: tuple[str, str]
    brand: str
    base_unit: str
    list_price: str
    cost_price: str
    specs: list[SpecDraft] = field(default_factory=list)
    # SKU-specific prices: spec values -> (list price, cost price)
    prices: dict[tuple[tuple[str, str], ...], tuple[str, str]] = field(default_factory=dict)
    packs: list[tuple[str, str]] = field(default_factory=list)  # (name, factor)
    description: str = ""


DEMO_PRODUCTS = [
    DemoProduct(
        code="TS-1001",
        name="纯棉圆领短袖T恤",
        category=("男装", "T恤"),
        brand="麻雀优品",
        base_unit="件",
        list_price="59.00",
        cost_price="22.50",
        specs=[SpecDraft("颜色", ["白色", "黑色", "藏青"]), SpecDraft("尺码", ["S", "M", "L", "XL", "XXL"])],
        packs=[("箱", "50")],
        description="精梳棉 200g，四季百搭。",
    ),
    DemoProduct(
        code="SH-2001",
        name="男士商务长袖衬衫",
        category=("男装", "衬衫"),
        brand="麻雀优品",
        base_unit="件",
        list_price="139.00",
        cost_price="58.00",
        specs=[SpecDraft("颜色", ["白色", "浅蓝"]), SpecDraft("尺码", ["39", "40", "41", "42", "43"])],
        packs=[("箱", "24")],
    ),
    DemoProduct(
        code="SH-2002",
        name="女士红色衬衫",
        category=("女装", "衬衫"),
        brand="雀之语",
        base_unit="件",
        list_price="129.00",
        cost_price="49.00",
        specs=[SpecDraft("尺码", ["S", "M", "L"])],
    ),
    DemoProduct(
        code="DR-3001",
        name="法式碎花连衣裙",
        category=("女装", "连衣裙"),
        brand="雀之语",
        base_unit="件",
        list_price="199.00",
        cost_price="76.00",
        specs=[SpecDraft("颜色", ["蓝色碎花", "红色碎花"]), SpecDraft("尺码", ["S", "M", "L"])],
    ),
    DemoProduct(
        code="PH-5001",
        name="智能手机 X20",
        category=("手机通讯", "手机"),
        brand="麻雀数码",
        base_unit="台",
        list_price="1999.00",
        cost_price="1480.00",
        specs=[SpecDraft("颜色", ["曜石黑", "冰川蓝"]), SpecDraft("存储", ["8+128GB", "8+256GB"])],
        prices={
            (("存储", "8+256GB"), ("颜色", "曜石黑")): ("2299.00", "1680.00"),
            (("存储", "8+256GB"), ("颜色", "冰川蓝")): ("2299.00", "1680.00"),
        },
        packs=[("箱", "10")],
    ),
    DemoProduct(
        code="CB-6001",
        name="USB-C 快充数据线 1米",
        category=("手机通讯", "数据线"),
        brand="麻雀数码",
        base_unit="根",
        list_price="29.90",
        cost_price="8.60",
        packs=[("盒", "10"), ("箱", "200")],
    ),
    DemoProduct(
        code="EP-7001",
        name="蓝牙降噪耳机",
        category=("影音娱乐", "耳机"),
        brand="麻雀数码",
        base_unit="副",
        list_price="399.00",
        cost_price="210.00",
        specs=[SpecDraft("颜色", ["黑色", "白色"])],
    ),
    DemoProduct(
        code="PB-8001",
        name="20000mAh 移动电源",
        category=("手机通讯", "移动电源"),
        brand="麻雀数码",
        base_unit="个",
        list_price="129.00",
        cost_price="62.00",
        packs=[("箱", "20")],
    ),
]


def _category_id(path: tuple[str, str]) -> int | None:
    parent, child = path
    found = Category.objects.filter(parent__parent=None, parent__name=parent, name=child).first()
    return found.pk if found else None


def _sku_drafts(item: DemoProduct, serial: int) -> tuple[list[SkuDraft], int]:
    drafts = []
    for combo in cleaning.combinations(item.specs):
        serial += 1
        list_price, cost_price = item.prices.get(cleaning.combination_key(combo), (None, None))
        drafts.append(
            SkuDraft(spec_values=combo, barcode=ean13(serial), list_price=list_price, cost_price=cost_price)
        )
    return drafts, serial


@transaction.atomic
def catalog_demo_seed() -> int:
    """Add the demo catalog to the current tenant; returns how many products it created."""
    owner = User.objects.filter(is_active=True, roles__code=scopes.OWNER).order_by("id").first()
    if owner is None:
        raise RuntimeError("The demo catalog needs the workspace owner; create the workspace first.")
    category_starter_apply(actor=owner, industry="apparel")
    category_starter_apply(actor=owner, industry="digital")
    created, serial = 0, 0
    for item in DEMO_PRODUCTS:
        skus, serial = _sku_drafts(item, serial)
        if Product.objects.filter(code=item.code).exists():
            continue
        product = product_create(
            actor=owner,
            code=item.code,
            name=item.name,
            category_id=_category_id(item.category),
            brand=item.brand,
            description=item.description,
            base_unit=item.base_unit,
            specs=item.specs,
            list_price=item.list_price,
            cost_price=item.cost_price,
            skus=skus,
        ).product
        if item.packs:
            pack_unit_set(
                actor=owner,
                product_id=product.pk,
                units=[PackUnitDraft(name=name, factor=factor) for name, factor in item.packs],
            )
        created += 1
    return created
