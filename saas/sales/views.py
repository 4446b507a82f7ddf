"""Printable sales documents (打印): a plain A4 HTML page per order and per quotation.

GET /sales/orders/<id>/print/       an order as the caller may see it (no prices for the warehouse)
GET /sales/quotations/<id>/print/   a quotation
GET /sales/orders/print/?ids=1,2,3  several orders in one page, each on sheets of its own
                                    (&prices=0 leaves the money out for anyone)

Signed-in users only (others go to the login page); an order or quotation the caller may not
see is a 404, exactly like one that does not exist.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from saas.core.errors import InvalidInput, NotFound
from saas.core.json_views import signed_in
from saas.sales.printing import order_print_page, orders_print_pages, quotation_print_page


@require_GET
def order_print(request: HttpRequest, order_id: int) -> HttpResponse:
    actor = signed_in(request)
    if actor is None:
        return redirect_to_login(request.get_full_path(), str(settings.LOGIN_URL))
    try:
        page = order_print_page(actor=actor, order_id=order_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return render(request, "sales/order_print.html", {"page": page, "order": page.document})


@require_GET
def quotation_print(request: HttpRequest, quotation_id: int) -> HttpResponse:
    actor = signed_in(request)
    if actor is None:
        return redirect_to_login(request.get_full_path(), str(settings.LOGIN_URL))
    try:
        page = quotation_print_page(actor=actor, quotation_id=quotation_id)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    return render(request, "sales/quotation_print.html", {"page": page, "quotation": page.document})


@require_GET
def orders_print(request: HttpRequest) -> HttpResponse:
    actor = signed_in(request)
    if actor is None:
        return redirect_to_login(request.get_full_path(), str(settings.LOGIN_URL))
    ids = [part.strip() for part in request.GET.get("ids", "").split(",") if part.strip()]
    try:
        pages = orders_print_pages(actor=actor, order_ids=ids, show_prices=request.GET.get("prices") != "0")
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except InvalidInput as exc:
        return HttpResponse(exc.message, status=400, content_type="text/plain; charset=utf-8")
    response = render(request, "sales/orders_print.html", {"pages": pages})
    response["Cache-Control"] = "private, no-store"
    return response
