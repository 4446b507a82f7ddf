"""Pictures of conversations over plain HTTP, on the workspace host.

POST /messaging/images/                  multipart: `file`, `conversationId`
                                         -> 201 {"image": {"id", "url", "thumbnailUrl", "width", "height"}, "errors": []}
GET  /messaging/images/<id>/             the JPEG, to whoever sees the conversation (see selectors.image_get)
GET  /messaging/images/<id>/thumbnail/   its 320 px copy, behind the same rule

A picture is larger than the GraphQL endpoint's body limit, so, as check-in photos, it travels as
a form post; the message then names it (`imageIds`). The tenant middleware has already chosen the
schema from the Host header, so every look-up happens in the caller's own workspace; a file is
served only when its path lies in this workspace's folder. Session requests pass Django's CSRF
check like any form post. Anything the caller may not see is 404, like what does not exist.
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
from saas.messaging.images import MAX_IMAGE_BYTES
from saas.messaging.message_services import message_image_upload
from saas.messaging.models import MessageImage
from saas.messaging.selectors import image_get

# Room for the multipart envelope and the text field around the largest allowed picture.
MAX_REQUEST_BYTES = MAX_IMAGE_BYTES + 64 * 1024


def image_json(image: MessageImage) -> dict[str, Any]:
    return {
        "id": str(image.pk),
        "url": image.url,
        "thumbnailUrl": image.thumbnail_url,
        "width": image.width,
        "height": image.height,
    }


@require_POST
def image_upload(request: HttpRequest) -> HttpResponse:
    actor = signed_in(request)
    if actor is None:
        return unauthenticated()
    # Refuse an oversized body before reading it into a temporary file.
    if content_length(request) > MAX_REQUEST_BYTES:
        return errors_response(
            413, "image_too_large", _("The picture is too large: at most 10 MB and 40 megapixels."), "file"
        )
    try:
        image = message_image_upload(
            actor=actor, conversation_id=request.POST.get("conversationId"), upload=request.FILES.get("file")
        )
    except DomainError as exc:
        return domain_error_response(exc)
    # A resend of the same bytes gets the same answer as the first upload.
    return JsonResponse({"image": image_json(image), "errors": []}, status=201)


@require_GET
def image_file(request: HttpRequest, image_id: int, size: str = "full") -> HttpResponseBase:
    actor = signed_in(request)
    if actor is None:
        return unauthenticated()
    try:
        image = image_get(actor=actor, image_id=image_id)
    except DomainError:
        return errors_response(404, "not_found", _("Picture not found."))
    served = image.thumbnail if size == "thumbnail" else image.file
    # Only the people of the conversation may see it: no shared caches, and not for long (a
    # recall takes it back).
    response = private_file_response(
        served, folder="messaging/images", content_type="image/jpeg", max_age=300
    )
    if response is None:
        return errors_response(404, "not_found", _("Picture not found."))
    return response


urlpatterns = [
    path("messaging/images/", image_upload, name="messaging-image-upload"),
    path("messaging/images/<int:image_id>/", image_file, name="messaging-image"),
    path(
        "messaging/images/<int:image_id>/thumbnail/",
        image_file,
        {"size": "thumbnail"},
        name="messaging-image-thumbnail",
    ),
]
