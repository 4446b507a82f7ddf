"""Report downloads and print pages on the workspace host.

GET /reports/<name>.csv | .xlsx ?params   the report as a file (names and parameters: catalogue)
GET /reports/<name>/print/ ?params        the same report as a printable page

The tenant middleware has chosen the schema from the Host header and the session is the
workspace's own, so everything below reads the caller's workspace through the same selectors
(and visibility) as the API. Signed-out callers are sent to the login page; a bad parameter is
a 400 with a translated message and a stable code, never a 500. Headers follow the request's
language: Chinese unless the user chose English.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import Context, Engine
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from saas.accounts.visibility import MissingActor
from saas.core.errors import DomainError, camel_path, problems_json
from saas.core.json_views import error_status, signed_in
from saas.core.tenancy import current_tenant
from saas.reports.catalogue import build_table
from saas.reports.exports import CSV_TYPE, XLSX_TYPE, to_csv, to_xlsx
from saas.reports.tables import Kind, Table, display

# The reports app is not an installed app (it has no models), so its pages have their own
# template engine over its own folder.
ENGINE = Engine(dirs=[str(Path(__file__).parent / "templates")], autoescape=True)


def _error_json(exc: DomainError) -> JsonResponse:
    return JsonResponse({"errors": problems_json(exc.problems)}, status=error_status(exc))


def _html_lang() -> str:
    return "en" if (get_language() or "").startswith("en") else "zh-CN"


def _error_page(exc: DomainError) -> HttpResponse:
    html = ENGINE.get_template("reports/error.html").render(
        Context(
            {
                "html_lang": _html_lang(),
                "title": _("This report cannot be shown"),
                "message": exc.message,
                "code": exc.code,
                "field": camel_path(exc.field),
            }
        )
    )
    return HttpResponse(html, status=error_status(exc))


def _table(request: HttpRequest, name: str) -> Table:
    return build_table(name, actor=signed_in(request), query=request.GET)


@require_GET
def report_file(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    if signed_in(request) is None:
        return redirect_to_login(request.get_full_path())
    try:
        table = _table(request, name)
    except MissingActor:
        return redirect_to_login(request.get_full_path())
    except DomainError as exc:
        return _error_json(exc)
    if fmt == "csv":
        response = HttpResponse(to_csv(table), content_type=CSV_TYPE)
    else:
        response = HttpResponse(to_xlsx(table), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{table.name}.{fmt}"'
    # Figures of this workspace for this user only: no shared or browser caches.
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _numeric(kind: Kind) -> bool:
    return kind not in (Kind.TEXT, Kind.DATE)


@require_GET
def report_print(request: HttpRequest, name: str) -> HttpResponse:
    if signed_in(request) is None:
        return redirect_to_login(request.get_full_path())
    try:
        table = _table(request, name)
    except MissingActor:
        return redirect_to_login(request.get_full_path())
    except DomainError as exc:
        return _error_page(exc)
    kinds = [column.kind for column in table.columns]
    query = urlencode(list(request.GET.lists()), doseq=True)
    suffix = f"?{query}" if query else ""

    def cells(row: list[Any]) -> list[tuple[str, bool]]:
        return [(display(value, kind), _numeric(kind)) for value, kind in zip(row, kinds, strict=True)]

    html = ENGINE.get_template("reports/print.html").render(
        Context(
            {
                "html_lang": _html_lang(),
                "tenant_name": current_tenant().name,
                "table": table,
                "headers": [
                    (header, _numeric(kind)) for header, kind in zip(table.headers, kinds, strict=True)
                ],
                "rows": [cells(row) for row in table.rows],
                "totals": cells(table.totals) if table.totals else None,
                "csv_url": f"/reports/{name}.csv{suffix}",
                "xlsx_url": f"/reports/{name}.xlsx{suffix}",
                "labels": {
                    "print": _("Print"),
                    "csv": _("Download CSV"),
                    "xlsx": _("Download Excel"),
                    "empty": _("Nothing in this period."),
                },
            }
        )
    )
    response = HttpResponse(html)
    response["Cache-Control"] = "private, no-store"
    return response
