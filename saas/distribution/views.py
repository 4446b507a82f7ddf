"""The sheet uploads of distribution over plain HTTP, on the workspace host: channel stock, and a
cart imported from a sheet.

POST /distribution/channel-stock/upload/   multipart: `file` (CSV or XLSX, at most 2 MB),
     `reportDate` (YYYY-MM-DD), `note`, `idempotencyKey` (all optional but the file and date)
     -> 201 {"report": {"id", "reportDate", "lineCount", "fileName"}, "errors": []}
     -> 400 {"errors": [{"field": "rows.7.skuCode", "code": "sku_not_found", "message"}, …]}

POST /distribution/cart/import/   multipart: `file` (CSV or XLSX, at most 2 MB), `cart` (the
     cart the phone holds, JSON: [{"skuId", "quantity"}, …]; optional)
     -> 200 {"lines": [{"skuId", "sku": {"id", "code", "name", "specLabel", "baseUnit"}, "quantity",
             "price", "listPrice", "amount", "priceRule", "caseQuantity", "problem"}, …],
             "total", "rows", "added", "errors": []}   the whole cart after the import, priced
     -> 400 {"errors": [{"field": "rows.3.sku", "code": "sku_not_found", "message"}, …]}
     (saas/distribution/selectors/cart_import.py: nothing is added while a row is wrong; the
     cart stays on the phone, so this only reads)

A sheet travels as a form post, as the shipping import and photos do, rather than as base64 in
GraphQL. All or nothing: the answer lists every row's problems (the field names the sheet's row)
and nothing is saved while there is one (saas/distribution/services/channel_stock.py says why).
The tenant middleware has already chosen the schema from the Host header. Session requests pass
Django's CSRF check like any form post.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from saas.core.errors import DomainError, InvalidInput
from saas.core.json_views import domain_error_response, errors_response, signed_in, unauthenticated
from saas.core.request_guard import content_length
from saas.core.sheets import MAX_SHEET_BYTES
from saas.distribution.lines import OrderLineInput
from saas.distribution.pricing import LinePrice, number_text
from saas.distribution.selectors.cart_import import cart_import
from saas.distribution.selectors.portal import MAX_CART_LINES, PricedCart
from saas.distribution.services.channel_stock import channel_stock_upload
from saas.sales.services.pricing import line_amounts

# The cart sent along with a sheet: at most MAX_CART_LINES lines of an id and a quantity.
MAX_CART_JSON = 200 * 1024


@require_POST
def channel_stock_upload_view(request: HttpRequest) -> HttpResponse:
    actor = signed_in(request)
    if actor is None:
        return unauthenticated()
    # Refuse an oversized body before reading it into a temporary file.
    if content_length(request) > MAX_SHEET_BYTES + 64 * 1024:
        return errors_response(413, "file_too_large", _("Files can be at most 2 MB."), "file")
    upload = request.FILES.get("file")
    if upload is None:
        return errors_response(400, "file_invalid", _("Choose a CSV or XLSX file."), "file")
    try:
        report = channel_stock_upload(
            actor=actor,
            content=upload.read(MAX_SHEET_BYTES + 1),
            filename=(upload.name or "")[:200],
            report_date=request.POST.get("reportDate"),
            note=request.POST.get("note", ""),
            idempotency_key=request.POST.get("idempotencyKey") or None,
        )
    except DomainError as exc:
        return domain_error_response(exc)
    body = {
        "id": str(report.pk),
        "reportDate": report.report_date.isoformat(),
        "lineCount": report.lines.count(),
        "fileName": report.file_name,
    }
    return JsonResponse({"report": body, "errors": []}, status=201)


def _cart(text: str) -> list[OrderLineInput]:
    """The cart the phone sent; its values are checked as any cart's (clean_order_lines)."""
    if not text:
        return []
    try:
        rows = json.loads(text) if len(text) <= MAX_CART_JSON else None
    except ValueError:
        rows = None
    if not isinstance(rows, list) or len(rows) > MAX_CART_LINES or not all(isinstance(r, dict) for r in rows):
        raise InvalidInput(_("The cart could not be read."), code="cart_invalid", field="cart")
    return [OrderLineInput(sku_id=row.get("skuId"), quantity=row.get("quantity")) for row in rows]


def _spec_label(sku: Any) -> str:
    values = sku.spec_values or {}
    names = [name for name in sku.product.spec_names if name in values]
    names += sorted(name for name in values if name not in names)
    return " / ".join(str(values[name]) for name in names)


def _line(line: LinePrice, cart: PricedCart) -> dict[str, Any]:
    """A priced line as distributorCartPrice answers it."""
    sku = cart.sku(line.sku_id)
    amount = line_amounts(
        quantity=line.quantity, unit_price=line.unit_price, discount_rate=Decimal(0), tax_rate=Decimal(0)
    ).amount
    return {
        "skuId": str(line.sku_id),
        "sku": None
        if sku is None
        else {
            "id": str(sku.pk),
            "code": sku.code,
            "name": sku.product.name,
            "specLabel": _spec_label(sku),
            "baseUnit": sku.product.base_unit,
        },
        "quantity": number_text(line.quantity),
        "price": str(line.unit_price),
        "listPrice": str(line.list_price),
        "amount": str(amount),
        "priceRule": line.price_rule,
        "caseQuantity": line.case_quantity,
        "problem": line.problem,
    }


@require_POST
def cart_import_view(request: HttpRequest) -> HttpResponse:
    actor = signed_in(request)
    if actor is None:
        return unauthenticated()
    if content_length(request) > MAX_SHEET_BYTES + MAX_CART_JSON + 64 * 1024:
        return errors_response(413, "file_too_large", _("Files can be at most 2 MB."), "file")
    upload = request.FILES.get("file")
    if upload is None:
        return errors_response(400, "file_invalid", _("Choose a CSV or XLSX file."), "file")
    try:
        imported = cart_import(
            actor=actor,
            content=upload.read(MAX_SHEET_BYTES + 1),
            filename=(upload.name or "")[:200],
            cart=_cart(request.POST.get("cart", "")),
        )
    except DomainError as exc:
        return domain_error_response(exc)
    lines = [_line(line, imported.cart) for line in imported.cart.lines]
    total = sum((Decimal(line["amount"]) for line in lines if line["problem"] is None), Decimal(0))
    body = {"lines": lines, "total": str(total), "rows": imported.rows, "added": imported.added, "errors": []}
    return JsonResponse(body, status=200)


urlpatterns = [
    path(
        "distribution/channel-stock/upload/",
        channel_stock_upload_view,
        name="distribution-channel-stock-upload",
    ),
    path("distribution/cart/import/", cart_import_view, name="distribution-cart-import"),
]
