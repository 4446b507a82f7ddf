"""The product import's sheet (商品导入): one row per SKU, rows of one product sharing its code;
up to two specifications (颜色 × 尺码) whose values on each row name that row's SKU, with its own
code, barcode and prices. Each product goes through product_create, so every rule of a product
entered by hand holds (codes and barcodes unique, cost prices only for those who see them, a SKU
for every combination). Registered with saas/core/sheet_imports.py from the app's ready()."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from saas.accounts.actors import Actor
from saas.catalog.drafts import SkuDraft, SpecDraft
from saas.catalog.models import Category
from saas.catalog.services.common import require_manager
from saas.catalog.services.products import product_create
from saas.core.errors import DomainError, InvalidInput
from saas.core.sheet_imports import (
    ImportColumn,
    ImportKind,
    ImportOutcome,
    ImportRow,
    RowProblem,
    problems_of,
)

COLUMNS = (
    ImportColumn(
        "code", _("Product code"), "TS-001", required=True, hint=_("Rows of one product share its code.")
    ),
    ImportColumn("name", _("Product name"), "纯棉T恤", required=True),
    ImportColumn("category", _("Category"), "", hint=_("The name of an existing category.")),
    ImportColumn("brand", _("Brand"), ""),
    ImportColumn("unit", _("Unit"), "件", hint=_("件 when empty.")),
    ImportColumn("spec1_name", _("Specification 1"), "颜色"),
    ImportColumn("spec1_value", _("Value 1"), "白色"),
    ImportColumn("spec2_name", _("Specification 2"), "尺码"),
    ImportColumn("spec2_value", _("Value 2"), "L"),
    ImportColumn(
        "sku_code", _("Code of the SKU"), "TS-001-WH-L", hint=_("Made from the product code when empty.")
    ),
    ImportColumn("barcode", _("Barcode"), ""),
    ImportColumn("list_price", _("List price"), "59.00"),
    ImportColumn("cost_price", _("Cost price"), "", hint=_("Only for those who may see costs.")),
    ImportColumn("description", _("Description"), ""),
)
PRODUCT_FIELDS = {
    "code": "code",
    "name": "name",
    "category_id": "category",
    "brand": "brand",
    "base_unit": "unit",
    "description": "description",
    "specs": "spec1_name",
    "list_price": "list_price",
    "cost_price": "cost_price",
}
SKU_FIELDS = {
    "code": "sku_code",
    "barcode": "barcode",
    "list_price": "list_price",
    "cost_price": "cost_price",
    "spec_values": "spec1_value",
}


def _spec_names(first: ImportRow) -> list[str]:
    return [name for name in (first.get("spec1_name"), first.get("spec2_name")) if name]


def _values(row: ImportRow, names: list[str]) -> dict[str, str]:
    return {name: row.get(f"spec{index}_value") for index, name in enumerate(names, start=1)}


def _create(actor: Actor, rows: list[ImportRow], categories: dict[str, int]) -> list[RowProblem]:
    first = rows[0]
    names = _spec_names(first)
    category = first.get("category")
    if category and category.casefold() not in categories:
        return [
            RowProblem(
                first.number, "category", "category_not_found", gettext("There is no category of this name.")
            )
        ]
    specs = [
        SpecDraft(name, list(dict.fromkeys(_values(row, names)[name] for row in rows))) for name in names
    ]
    skus = [
        SkuDraft(
            spec_values=_values(row, names),
            code=row.get("sku_code") or None,
            barcode=row.get("barcode") or None,
            list_price=row.get("list_price") or None,
            cost_price=row.get("cost_price") or None,
        )
        for row in rows
    ]
    try:
        with transaction.atomic():
            product_create(
                actor=actor,
                code=first.get("code"),
                name=first.get("name"),
                category_id=categories.get(category.casefold()) if category else None,
                brand=first.get("brand"),
                description=first.get("description"),
                base_unit=first.get("unit") or "件",
                specs=specs,
                list_price=first.get("list_price") or None,
                skus=skus if names or len(rows) > 1 else [],
            )
    except DomainError as exc:
        found: list[RowProblem] = []
        for problem in exc.problems:
            path = (problem.field or "").split(".")
            if path[0] == "skus" and len(path) > 1 and path[1].isdigit() and int(path[1]) < len(rows):
                row = rows[int(path[1])]
                column = SKU_FIELDS.get(path[2] if len(path) > 2 else "", None)
                found.append(RowProblem(row.number, column, problem.code, problem.message))
            else:
                single = InvalidInput(problem.message, code=problem.code, field=problem.field)
                found.extend(problems_of(single, first.number, PRODUCT_FIELDS))
        return found
    return []


def _permit(actor: Actor) -> None:
    require_manager(actor)


def _apply(actor: Actor, rows: list[ImportRow]) -> ImportOutcome:
    groups: dict[str, list[ImportRow]] = {}
    for row in rows:
        groups.setdefault(row.get("code").upper() or f"#{row.number}", []).append(row)
    categories: dict[str, int] = {}
    for pk, name in Category.objects.values_list("id", "name"):
        categories.setdefault(name.casefold(), pk)
    outcome = ImportOutcome()
    for group in groups.values():
        problems = _create(actor, group, categories)
        outcome.problems.extend(problems)
        if not problems:
            outcome.created += 1
    return outcome


PRODUCTS = ImportKind(name="products", title=_("Products"), columns=COLUMNS, permit=_permit, apply=_apply)
