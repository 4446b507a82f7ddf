"""Printed documents over plain HTTP: printable HTML by default, PDF with `format=pdf`.

GET /shipping/print/pick-list/?orders=1,2&shipments=3
GET /shipping/print/delivery-note/?shipments=7,8            one page per shipment
GET /shipping/print/daily-list/?date=2026-05-18&warehouse=1
GET /shipping/print/delivery-list/?method=delivery&rep=4&customer=&warehouse=&from=&to=&status=
GET|POST /shipping/print/<kind>/preview/?fields=<json>&title=  sample data through a template; the
     JSON list may also be POSTed as {"fields": [...], "title": "…"} while the tenant edits it

Errors are JSON with typed codes, like the uploads. Responses are private and never cached by
shared caches; a PDF is offered inline under the document's own name.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from saas.accounts.actors import Actor
from saas.core.errors import DomainError, InvalidInput
from saas.core.json_views import domain_error_response, errors_response, signed_in, unauthenticated
from saas.shipping import selectors
from saas.shipping.printing import jobs
from saas.shipping.printing.document import Document
from saas.shipping.printing.html import render_html
from saas.shipping.printing.pdf import render_pdf

MAX_PREVIEW_BODY = 64 * 1024


def _ids(request: HttpRequest, name: str) -> list[str]:
    return [part.strip() for part in request.GET.get(name, "").split(",") if part.strip()]


def _respond(request: HttpRequest, document: Document) -> HttpResponse:
    wanted = request.GET.get("format", "html").lower()
    if wanted == "pdf":
        response = HttpResponse(render_pdf(document), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{document.kind}.pdf"'
    elif wanted == "html":
        response = HttpResponse(render_html(document), content_type="text/html; charset=utf-8")
    else:
        return errors_response(400, "format_invalid", _("Ask for html or pdf."), "format")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _printing(build: Callable[..., Document]) -> Callable[..., HttpResponseBase]:
    def view(request: HttpRequest, **kwargs: Any) -> HttpResponseBase:
        actor = signed_in(request)
        if actor is None:
            return unauthenticated()
        try:
            document = build(request, actor, **kwargs)
        except DomainError as exc:
            return domain_error_response(exc)
        return _respond(request, document)

    view.__name__ = build.__name__
    return view


def _pick_list(request: HttpRequest, actor: Actor) -> Document:
    orders, shipments = _ids(request, "orders"), _ids(request, "shipments")
    if not orders and not shipments:
        raise InvalidInput(_("Choose orders or shipments."), code="lines_required", field="orders")
    return jobs.pick_list_document(actor=actor, order_ids=orders, shipment_ids=shipments)


def _delivery_note(request: HttpRequest, actor: Actor) -> Document:
    return jobs.delivery_notes_document(actor=actor, shipment_ids=_ids(request, "shipments"))


def _daily_list(request: HttpRequest, actor: Actor) -> Document:
    return jobs.daily_list_document(
        actor=actor, day=request.GET.get("date"), warehouse_id=request.GET.get("warehouse") or None
    )


def _delivery_list(request: HttpRequest, actor: Actor) -> Document:
    status = request.GET.get("status")
    filters = selectors.OrderFilters(
        statuses=[status] if status else None,
        delivery_method=request.GET.get("method") or None,
        rep_id=request.GET.get("rep") or None,
        customer_id=request.GET.get("customer") or None,
        warehouse_id=request.GET.get("warehouse") or None,
        date_from=request.GET.get("from") or None,
        date_to=request.GET.get("to") or None,
        search=request.GET.get("search", ""),
    )
    return jobs.delivery_list_document(actor=actor, filters=filters)


def _preview(request: HttpRequest, actor: Actor, kind: str) -> Document:
    source: dict[str, Any] = {}
    if request.method == "POST":
        if len(request.body) > MAX_PREVIEW_BODY:
            raise InvalidInput(_("The template is too large."), code="template_invalid", field="fields")
        source = _json(request.body.decode("utf-8", errors="replace"))
        if not isinstance(source, dict):
            raise InvalidInput(_("Send a JSON object."), code="template_invalid", field="fields")
    elif request.GET.get("fields"):
        source = {"fields": _json(request.GET["fields"])}
    title = source.get("title", request.GET.get("title"))
    return jobs.preview_document(
        actor=actor,
        kind=kind,
        fields=source.get("fields"),
        title=str(title)[:60] if title is not None else None,
    )


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as exc:
        raise InvalidInput(_("This is not valid JSON."), code="template_invalid", field="fields") from exc


pick_list_print = require_GET(_printing(_pick_list))
delivery_note_print = require_GET(_printing(_delivery_note))
daily_list_print = require_GET(_printing(_daily_list))
delivery_list_print = require_GET(_printing(_delivery_list))
# A POST preview renders sample data only and changes nothing, but it still passes CSRF.
template_preview = require_http_methods(["GET", "POST"])(_printing(_preview))
