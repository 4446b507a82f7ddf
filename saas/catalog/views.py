"""Product image upload and download over plain HTTP, on the workspace host.

POST /catalog/products/<id>/images/  multipart field `file` -> 201 {"image": {...}, "errors": []}
GET  /catalog/images/<id>/          the image bytes, to signed-in users who may see the product

The tenant middleware has already chosen the schema from the Host header, so every look-up
below happens in the caller's own workspace: another tenant's image id is simply not found.
Session requests pass Django's CSRF check like any form post.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from saas.catalog import selectors, services
from saas.catalog.services.images import CONTENT_TYPES, MAX_IMAGE_BYTES
from saas.core.errors import DomainError, NotFound, problems_json
from saas.core.json_views import error_status, errors_response, signed_in, unauthenticated
from saas.core.request_guard import content_length

# Room for the multipart envelope around a file of the largest allowed size.
MAX_REQUEST_BYTES = MAX_IMAGE_BYTES + 64 * 1024


@require_POST
def image_upload(request: HttpRequest, product_id: int) -> HttpResponse:
    actor = signed_in(request)
    if actor is None:
        return unauthenticated()
    # Refuse an oversized body before reading it into a temporary file.
    if content_length(request) > MAX_REQUEST_BYTES:
        return errors_response(413, "image_invalid", _("Images can be at most 5 MB."), "file")
    try:
        image = services.product_image_add(
            actor=actor, product_id=product_id, upload=request.FILES.get("file")
        )
    except DomainError as exc:
        return JsonResponse({"errors": problems_json(exc.problems)}, status=error_status(exc))
    body = {
        "image": {"id": str(image.pk), "url": f"/catalog/images/{image.pk}/", "sortOrder": image.sort_order}
    }
    return JsonResponse({**body, "errors": []}, status=201)


@require_GET
def image_file(request: HttpRequest, image_id: int) -> HttpResponseBase:
    actor = signed_in(request)
    if actor is None:
        return unauthenticated()
    try:
        image = selectors.product_image_get(actor=actor, image_id=image_id)
    except NotFound as exc:
        return errors_response(404, exc.code, exc.message)
    suffix = PurePosixPath(image.file.name or "").suffix
    try:
        handle = image.file.open("rb")
    except OSError:  # the row outlived its file (a restore, an interrupted clean-up)
        return errors_response(404, "not_found", _("Image not found."))
    response = FileResponse(handle, content_type=CONTENT_TYPES.get(suffix, "application/octet-stream"))
    # Only the signed-in users of this workspace may see it: no shared caches.
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


urlpatterns = [
    path("catalog/products/<int:product_id>/images/", image_upload, name="catalog-image-upload"),
    path("catalog/images/<int:image_id>/", image_file, name="catalog-image"),
]
