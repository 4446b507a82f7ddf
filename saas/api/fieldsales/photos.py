"""Check-in photos in GraphQL: a visit's photos with the URL of their watermarked JPEG.

The upload itself is a form post (saas/fieldsales/views.py: a photo is larger than the GraphQL
endpoint takes), answered with the same fields as VisitPhoto here; the check-in names the
uploaded photos in `photoIds`.
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.types import Info

from saas.api.permissions import current_actor
from saas.fieldsales.photo_models import VisitPhoto
from saas.fieldsales.photo_selectors import visit_photos


@strawberry.type(name="VisitPhoto", description="A photo taken at a check-in, watermarked on the server.")
class VisitPhotoType:
    id: strawberry.ID
    url: str = strawberry.field(
        description="Path of the watermarked JPEG (no EXIF, no GPS) on this workspace's host; needs a "
        "signed-in user who sees the visit. The original as the phone sent it is never served."
    )
    thumbnail_url: str = strawberry.field(
        description="Path of a small copy (at most 320 px) for lists, behind the same rule as `url`."
    )
    width: int = strawberry.field(description="Width of the served JPEG in pixels.")
    height: int = strawberry.field(description="Height of the served JPEG in pixels.")
    reused: bool = strawberry.field(
        description="Looks like a photo of another visit (perceptual hash): for a manager to check."
    )

    @classmethod
    def of(cls, photo: VisitPhoto) -> VisitPhotoType:
        return cls(
            id=strawberry.ID(str(photo.pk)),
            url=photo.url,
            thumbnail_url=photo.thumbnail_url,
            width=photo.width,
            height=photo.height,
            reused=photo.reused,
        )


def photos_of_visit(info: Info, visit_id: Any) -> list[VisitPhotoType]:
    return [VisitPhotoType.of(photo) for photo in visit_photos(actor=current_actor(info), visit_id=visit_id)]
