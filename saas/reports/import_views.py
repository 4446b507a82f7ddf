"""Sheet imports over plain HTTP on the workspace host (the engine is saas/core/sheet_imports.py;
each domain registers its kinds: customers, suppliers, …).

GET  /imports/                         the kinds the caller may import, with their columns
GET  /imports/<kind>/template.xlsx     the template: headers in the request's language, an example row
POST /imports/<kind>/preview/          multipart `file` (CSV or XLSX, 2 MB, 5,000 rows)
     -> 200 {"kind", "total", "valid", "rows": [{"row", "values": {column: text}}],
             "problems": [{"field": "rows.12.phone", "row": 12, "column": "phone", "code", "message"}]}
POST /imports/<kind>/commit/           multipart `file`, `idempotencyKey`
     -> 201 {"created": n}
     -> 400 {"errors": [...], "problems": [...]}   nothing written

Imports sit beside the exports (reports/exports.py) as the workspace's spreadsheet desk: both
read and write through the domains' own selectors and services. A sheet travels as a form post
like the other uploads; session requests pass Django's CSRF check.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import re_path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from saas.accounts.actors import Actor, actor_stamp
from saas.accounts.visibility import MissingActor
from saas.core.errors import DomainError, problems_json
from saas.core.json_views import error_status, errors_response, signed_in, unauthenticated
from saas.core.request_guard import content_length
from saas.core.sheet_imports import (
    ImportRefused,
    RowProblem,
    import_commit,
    import_kind,
    import_kinds,
    import_preview,
    template,
)
from saas.core.sheets import MAX_SHEET_BYTES
from saas.reports.exports import XLSX_TYPE


def _problem_json(problem: RowProblem) -> dict[str, Any]:
    return {
        "field": problem.field,
        "row": problem.row,
        "column": problem.column,
        "code": problem.code,
        "message": problem.message,
    }


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _permitted(kind: Any, actor: Actor) -> bool:
    try:
        kind.permit(actor)
    except DomainError:
        return False
    return True


@require_GET
def import_kinds_view(request: HttpRequest) -> HttpResponse:
    actor = signed_in(request)
    if actor is None:
        return unauthenticated()
    kinds = [
        {
            "name": kind.name,
            "title": str(kind.title),
            "columns": [
                {"key": c.key, "header": str(c.header), "required": c.required, "hint": str(c.hint)}
                for c in kind.columns
            ],
            "maxRows": kind.max_rows,
        }
        for kind in import_kinds()
        if _permitted(kind, actor)
    ]
    return _private(JsonResponse({"kinds": kinds}))


@require_GET
def import_template_view(request: HttpRequest, kind: str) -> HttpResponse:
    actor = signed_in(request)
    if actor is None:
        return redirect_to_login(request.get_full_path())
    try:
        found = import_kind(kind)
        found.permit(actor)
    except MissingActor:
        return redirect_to_login(request.get_full_path())
    except DomainError as exc:
        return JsonResponse({"errors": problems_json(exc.problems)}, status=error_status(exc))
    response = HttpResponse(template(found), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{found.name}-template.xlsx"'
    return _private(response)


def _upload(request: HttpRequest) -> tuple[bytes, str] | JsonResponse:
    if content_length(request) > MAX_SHEET_BYTES + 64 * 1024:
        return errors_response(413, "file_too_large", _("Files can be at most 2 MB."), "file")
    upload = request.FILES.get("file")
    if upload is None:
        return errors_response(400, "file_invalid", _("Choose a CSV or XLSX file."), "file")
    return upload.read(MAX_SHEET_BYTES + 1), (upload.name or "")[:200]


@require_POST
def import_preview_view(request: HttpRequest, kind: str) -> HttpResponse:
    actor = signed_in(request)
    if actor is None:
        return unauthenticated()
    sent = _upload(request)
    if isinstance(sent, JsonResponse):
        return sent
    try:
        preview = import_preview(actor=actor, kind_name=kind, content=sent[0], filename=sent[1])
    except DomainError as exc:
        return JsonResponse({"errors": problems_json(exc.problems)}, status=error_status(exc))
    body = {
        "kind": preview.kind.name,
        "total": preview.total,
        "valid": preview.total - preview.rows_with_problems,
        "rows": [{"row": row.number, "values": row.values} for row in preview.rows],
        "problems": [_problem_json(p) for p in preview.problems],
        "errors": [],
    }
    return _private(JsonResponse(body))


@require_POST
def import_commit_view(request: HttpRequest, kind: str) -> HttpResponse:
    actor = signed_in(request)
    if actor is None:
        return unauthenticated()
    sent = _upload(request)
    if isinstance(sent, JsonResponse):
        return sent
    try:
        created = import_commit(
            actor=actor,
            by=actor_stamp(actor),
            kind_name=kind,
            content=sent[0],
            filename=sent[1],
            idempotency_key=request.POST.get("idempotencyKey") or None,
        )
    except ImportRefused as exc:
        body = {"errors": problems_json(exc.problems), "problems": [_problem_json(p) for p in exc.rows]}
        return _private(JsonResponse(body, status=400))
    except DomainError as exc:
        return JsonResponse({"errors": problems_json(exc.problems)}, status=error_status(exc))
    return _private(JsonResponse({"created": created, "errors": []}, status=201))


KIND = r"(?P<kind>[a-z_]{1,40})"
urlpatterns = [
    re_path(r"^imports/$", import_kinds_view, name="import-kinds"),
    re_path(rf"^imports/{KIND}/template\.xlsx$", import_template_view, name="import-template"),
    re_path(rf"^imports/{KIND}/preview/$", import_preview_view, name="import-preview"),
    re_path(rf"^imports/{KIND}/commit/$", import_commit_view, name="import-commit"),
]
