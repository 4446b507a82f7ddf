"""Check-in photo upload and download over plain HTTP, on the workspace host.

POST /fieldsales/photos/       multipart: `file` (the photo as the phone took it), `customerId`,
                               `capturedAt` (optional, ISO 8601 with its offset)
                               -> 201 {"photo": {"id", "url", "width", "height", "reused"}, "errors": []}
GET  /fieldsales/photos/<id>/  the watermarked JPEG, to whoever sees the rep's visits

A photo is larger than the GraphQL endpoint's 2.5 MB limit for bodies, so, as catalog images
and sign-back proofs, it travels as a form post; the check-in then names it (photoIds). The
original the phone sent has no URL: only the served JPEG, without EXIF or GPS, is ever sent.
The tenant middleware has already chosen the schema from the Host header, so every look-up
happens in the caller's own workspace; a file is served only when its path lies in this
workspace's folder. Session requests pass Django's CSRF check like any form post.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.response import HttpResponseBase
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from saas.core.errors import DomainError
from saas.core.json_views import domain_error_response, errors_response, signed_in, unauthenticated
from saas.core.private_files import private_file_response
from saas.core.request_guard import content_length
from saas.fieldsales.photo_models import VisitPhoto
from saas.fieldsales.photo_selectors import visit_photo_get
from saas.fieldsales.photo_services import visit_photo_upload
from saas.fieldsales.photos import MAX_PHOTO_BYTES

# Room for the multipart envelope and the two text fields around the largest allowed photo.
MAX_REQUEST_BYTES = MAX_PHOTO_BYTES + 64 * 1024


def photo_json(photo: VisitPhoto) -> dict[str, Any]:
    return {
        "id": str(photo.pk),
        "url": photo.url,
        "thumbnailUrl": photo.thumbnail_url,
        "width": photo.width,
        "height": photo.height,
        "reused": photo.reused,
    }


@require_POST
def photo_upload(request: HttpRequest) -> HttpResponse:
    actor = signed_in(request)
    if actor is None:
        return unauthenticated()
    # Refuse an oversized body before reading it into a temporary file.
    if content_length(request) > MAX_REQUEST_BYTES:
        return errors_response(
            413, "photo_too_large", _("The photo is too large: at most 20 MB and 50 megapixels."), "file"
        )
    try:
        photo = visit_photo_upload(
            actor=actor,
            customer_id=request.POST.get("customerId"),
            upload=request.FILES.get("file"),
            captured_at=request.POST.get("capturedAt") or None,
        )
    except DomainError as exc:
        return domain_error_response(exc)
    # A resend of the same bytes gets the same answer as the first upload.
    return JsonResponse({"photo": photo_json(photo), "errors": []}, status=201)


@require_GET
def photo_file(request: HttpRequest, photo_id: int, size: str = "full") -> HttpResponseBase:
    actor = signed_in(request)
    if actor is None:
        return unauthenticated()
    try:
        photo = visit_photo_get(actor=actor, photo_id=photo_id)
    except DomainError:
        # Not found and not allowed (the warehouse, a rep outside the team) look the same.
        return errors_response(404, "not_found", _("Photo not found."))
    served = photo.thumbnail if size == "thumbnail" and photo.thumbnail else photo.served
    # Only the signed-in people who see the visit may see it: no shared caches.
    response = private_file_response(
        served, folder="fieldsales/photos", content_type="image/jpeg", max_age=3600
    )
    if response is None:
        return errors_response(404, "not_found", _("Photo not found."))
    return response


urlpatterns = [
    path("fieldsales/photos/", photo_upload, name="fieldsales-photo-upload"),
    path("fieldsales/photos/<int:photo_id>/", photo_file, name="fieldsales-photo"),
    path(
        "fieldsales/photos/<int:photo_id>/thumbnail/",
        photo_file,
        {"size": "thumbnail"},
        name="fieldsales-photo-thumbnail",
    ),
]
