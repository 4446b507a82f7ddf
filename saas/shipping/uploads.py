"""Checks of uploaded files for shipping: sign-back photos, drawn signatures, the print logo.

The type is decided by the file's first bytes, never by its name or the browser's claim, and
stored names are ours (tenants/<schema>/shipping/…, see models), so an upload can neither pose
as another type nor choose its path.
"""

from __future__ import annotations

import base64
import binascii

from django.core.files.base import ContentFile, File
from django.utils.translation import gettext as _

from saas.catalog.services.images import sniff_image_type
from saas.core.errors import InvalidInput

MAX_PHOTO_BYTES = 8 * 1024 * 1024
MAX_SIGNATURE_BYTES = 1024 * 1024
CONTENT_TYPES = {".jpg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}


def check_image(
    upload: File | None,
    *,
    max_bytes: int,
    field: str,
    allowed: tuple[str, ...] = (".jpg", ".png", ".webp"),
) -> str:
    """The file's suffix (.jpg, .png, .webp) from its content; raises `image_invalid` otherwise."""
    if upload is None:
        raise InvalidInput(_("Choose an image file."), code="image_invalid", field=field)
    size = upload.size or 0
    if size <= 0:
        raise InvalidInput(_("The file is empty."), code="image_invalid", field=field)
    if size > max_bytes:
        raise InvalidInput(
            _("Images can be at most %(n)d MB.") % {"n": max(1, max_bytes // (1024 * 1024))},
            code="image_too_large",
            field=field,
        )
    upload.seek(0)
    head = upload.read(12)
    upload.seek(0)
    suffix = sniff_image_type(head)
    if suffix is None or suffix not in allowed:
        names = ", ".join(s.lstrip(".").upper().replace("JPG", "JPEG") for s in allowed)
        raise InvalidInput(
            _("Upload an image: %(types)s.") % {"types": names}, code="image_invalid", field=field
        )
    return suffix


def signature_file(data: str | None, field: str = "signature_png") -> ContentFile[bytes] | None:
    """A signature drawn on a canvas, as `canvas.toDataURL("image/png")` or bare base64."""
    text = (data or "").strip()
    if not text:
        return None
    if text.startswith("data:"):
        header, _sep, text = text.partition(",")
        if not header.startswith("data:image/png;base64"):
            raise InvalidInput(_("Send the signature as a PNG image."), code="image_invalid", field=field)
    if len(text) > MAX_SIGNATURE_BYTES * 4 // 3 + 4:
        raise InvalidInput(_("The signature image is too large."), code="image_too_large", field=field)
    try:
        content = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidInput(
            _("Send the signature as a PNG image."), code="image_invalid", field=field
        ) from exc
    upload = ContentFile(content, name="signature.png")
    check_image(upload, max_bytes=MAX_SIGNATURE_BYTES, field=field, allowed=(".png",))
    return upload
