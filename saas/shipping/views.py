"""File uploads and downloads of shipping over plain HTTP, on the workspace host.

POST /shipping/shipments/<id>/sign-back/   multipart: `file` (photos, repeatable) and/or
     `signature` (a canvas data URL), `signedAt`, `latitude`, `longitude`, `note`,
     `idempotencyKey` -> 200 {"shipment": {...}, "order": {...}, "errors": []}
GET  /shipping/proofs/<id>/                a sign-back photo or signature, to whoever sees the shipment
POST /shipping/logo/   multipart `file`    the letterhead logo (PNG/JPEG, 1 MB); GET returns it
POST /shipping/import/preview/  multipart `file` (CSV or XLSX) -> {"rows": [...], "errors": []}

The tenant middleware has already chosen the schema from the Host header, so every look-up
happens in the caller's own workspace; a stored file is served only when its path lies in this
workspace's folder. Session requests pass Django's CSRF check like any form post.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from django.db import connection
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from saas.core.errors import DomainError, problems_json
from saas.core.json_views import domain_error_response, errors_response, signed_in, unauthenticated
from saas.core.request_guard import content_length
from saas.shipping import services
from saas.shipping.access import visible_shipments
from saas.shipping.imports import MAX_FILE_BYTES, import_preview
from saas.shipping.models import ProofKind, SignBackProof
from saas.shipping.services.settings import MAX_LOGO_BYTES
from saas.shipping.services.signback import MAX_PROOFS
from saas.shipping.uploads import CONTENT_TYPES, MAX_PHOTO_BYTES, signature_file

# Room for the multipart envelope and the text fields around the largest allowed files.
MAX_SIGNBACK_REQUEST = MAX_PROOFS * MAX_PHOTO_BYTES + 2 * 1024 * 1024


def _in_this_workspace(name: str) -> bool:
    """Defence in depth: a row of this schema names a file of this schema's folder."""
    return name.startswith(f"tenants/{connection.schema_name}/")  # type: ignore[attr-defined]


def _file_response(field_file: Any, name: str) -> HttpResponseBase:
    if not name or not _in_this_workspace(name):
        return errors_response(404, "not_found", _("File not found."))
    try:
        handle = field_file.open("rb")
    except OSError:  # the row outlived its file (a restore, an interrupted clean-up)
        return errors_response(404, "not_found", _("File not found."))
    suffix = PurePosixPath(name).suffix
    response = FileResponse(handle, content_type=CONTENT_TYPES.get(suffix, "application/octet-stream"))
    # Only the signed-in users of this workspace may see it: no shared caches.
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def sign_back_upload(request: HttpRequest, shipment_id: int) -> HttpResponse:
    actor = signed_in(request)
    if actor is None:
        return unauthenticated()
    if content_length(request) > MAX_SIGNBACK_REQUEST:
        return errors_response(413, "image_too_large", _("The upload is too large."), "file")
    try:
        proofs = [services.ProofUpload(ProofKind.PHOTO, upload) for upload in request.FILES.getlist("file")]
        signature = signature_file(request.POST.get("signature"), field="signature")
        if signature is not None:
            proofs.append(services.ProofUpload(ProofKind.SIGNATURE, signature))
        shipment = services.shipment_sign_back(
            actor=actor,
            shipment_id=shipment_id,
            proofs=proofs,
            signed_at=request.POST.get("signedAt"),
            latitude=request.POST.get("latitude"),
            longitude=request.POST.get("longitude"),
            note=request.POST.get("note", ""),
            idempotency_key=request.POST.get("idempotencyKey") or None,
        )
    except DomainError as exc:
        return domain_error_response(exc)
    proofs_out = [
        {"id": str(p.pk), "kind": p.kind, "url": f"/shipping/proofs/{p.pk}/"} for p in shipment.proofs.all()
    ]
    return JsonResponse(
        {
            "shipment": {
                "id": str(shipment.pk),
                "number": shipment.number,
                "status": shipment.status,
                "signedAt": shipment.signed_at.isoformat() if shipment.signed_at else None,
                "proofs": proofs_out,
            },
            "order": {
                "id": str(shipment.order_id),
                "number": shipment.order.number,
                "status": shipment.order.status,
            },
            "errors": [],
        }
    )


@require_GET
def proof_file(request: HttpRequest, proof_id: int) -> HttpResponseBase:
    actor = signed_in(request)
    if actor is None:
        return unauthenticated()
    try:
        proof = SignBackProof.objects.filter(shipment__in=visible_shipments(actor), pk=proof_id).first()
    except DomainError as exc:
        return domain_error_response(exc)
    if proof is None:
        return errors_response(404, "not_found", _("File not found."))
    return _file_response(proof.file, proof.file.name or "")


@require_http_methods(["GET", "POST"])
def logo(request: HttpRequest) -> HttpResponseBase:
    actor = signed_in(request)
    if actor is None:
        return unauthenticated()
    if request.method == "POST":
        if content_length(request) > MAX_LOGO_BYTES + 64 * 1024:
            return errors_response(413, "image_too_large", _("Images can be at most 1 MB."), "file")
        try:
            row = services.shipping_logo_set(actor=actor, upload=request.FILES.get("file"))
        except DomainError as exc:
            return domain_error_response(exc)
        return JsonResponse(
            {"logo": {"url": "/shipping/logo/", "name": row.logo.name}, "errors": []}, status=201
        )
    row = services.shipping_settings()
    if not row.logo:
        return errors_response(404, "not_found", _("File not found."))
    return _file_response(row.logo, row.logo.name or "")


@require_POST
def tracking_import_preview(request: HttpRequest) -> HttpResponse:
    actor = signed_in(request)
    if actor is None:
        return unauthenticated()
    if content_length(request) > MAX_FILE_BYTES + 64 * 1024:
        return errors_response(413, "file_too_large", _("Files can be at most 2 MB."), "file")
    upload = request.FILES.get("file")
    if upload is None:
        return errors_response(400, "file_invalid", _("Choose a CSV or XLSX file."), "file")
    try:
        rows = import_preview(
            actor=actor, content=upload.read(MAX_FILE_BYTES + 1), filename=upload.name or ""
        )
    except DomainError as exc:
        return domain_error_response(exc)
    return JsonResponse(
        {
            "rows": [
                {
                    "row": row.row_no,
                    "orderNumber": row.order_number,
                    "orderId": str(row.order_id) if row.order_id else None,
                    "orderStatus": row.order_status,
                    "trackingNumber": row.tracking_number,
                    "carrier": (
                        {"id": str(row.carrier.pk), "code": row.carrier.code, "name": row.carrier.name_zh}
                        if row.carrier
                        else None
                    ),
                    "errors": problems_json(row.problems),
                }
                for row in rows
            ],
            "errors": [],
        }
    )
