"""The channel stock sheet upload over plain HTTP, on the workspace host.

POST /distribution/channel-stock/upload/   multipart: `file` (CSV or XLSX, at most 2 MB),
     `reportDate` (YYYY-MM-DD), `note`, `idempotencyKey` (all optional but the file and date)
     -> 201 {"report": {"id", "reportDate", "lineCount", "fileName"}, "errors": []}
     -> 400 {"errors": [{"field": "rows.7.skuCode", "code": "sku_not_found", "message"}, …]}

A sheet travels as a form post, as the shipping import and photos do, rather than as base64 in
GraphQL. All or nothing: the answer lists every row's problems (the field names the sheet's row)
and nothing is saved while there is one (saas/distribution/services/channel_stock.py says why).
The tenant middleware has already chosen the schema from the Host header. Session requests pass
Django's CSRF check like any form post.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from saas.core.errors import DomainError, Forbidden, NotFound, problems_json
from saas.core.request_guard import content_length
from saas.core.sheets import MAX_SHEET_BYTES
from saas.distribution.services.channel_stock import channel_stock_upload


def _errors(status: int, code: str, message: str, field: str | None = None) -> JsonResponse:
    return JsonResponse({"errors": [{"field": field, "code": code, "message": message}]}, status=status)


def _signed_in(request: HttpRequest) -> Any:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_active:
        return None
    return user


@require_POST
def channel_stock_upload_view(request: HttpRequest) -> HttpResponse:
    actor = _signed_in(request)
    if actor is None:
        return _errors(401, "unauthenticated", _("Please sign in."))
    # Refuse an oversized body before reading it into a temporary file.
    if content_length(request) > MAX_SHEET_BYTES + 64 * 1024:
        return _errors(413, "file_too_large", _("Files can be at most 2 MB."), "file")
    upload = request.FILES.get("file")
    if upload is None:
        return _errors(400, "file_invalid", _("Choose a CSV or XLSX file."), "file")
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
        status = 404 if isinstance(exc, NotFound) else 403 if isinstance(exc, Forbidden) else 400
        return JsonResponse({"errors": problems_json(exc.problems)}, status=status)
    body = {
        "id": str(report.pk),
        "reportDate": report.report_date.isoformat(),
        "lineCount": report.lines.count(),
        "fileName": report.file_name,
    }
    return JsonResponse({"report": body, "errors": []}, status=201)


urlpatterns = [
    path(
        "distribution/channel-stock/upload/",
        channel_stock_upload_view,
        name="distribution-channel-stock-upload",
    ),
]
