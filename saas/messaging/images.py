"""Pictures sent in conversations: checked, turned upright, re-encoded as JPEG without metadata.

The phone's file may carry its GPS position and device in EXIF, so only a fresh JPEG made from
the decoded pixels is kept (at most 2048 px on its long edge) with a 320 px thumbnail for the
conversation's list; the bytes sent are never stored. JPEG, PNG and WebP are taken, judged by
their content (Pillow's decoders, limited to those formats), never by name; at most 10 MB and
40 megapixels (a small PNG can claim 100,000 × 100,000 pixels).
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image

from saas.core.errors import InvalidInput
from saas.core.images import open_upright

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000
MAX_EDGE = 2048
THUMBNAIL_EDGE = 320
JPEG_QUALITY = 85
THUMBNAIL_QUALITY = 75
FORMATS = ["JPEG", "PNG", "WEBP"]


@dataclass(frozen=True)
class ProcessedImage:
    sha256: str  # of the bytes sent: a resend of the same picture finds the first upload
    jpeg: bytes
    thumbnail: bytes
    width: int
    height: int


def too_large() -> InvalidInput:
    return InvalidInput(
        _("The picture is too large: at most 10 MB and 40 megapixels."), code="image_too_large", field="file"
    )


def invalid() -> InvalidInput:
    return InvalidInput(
        _("This file cannot be read as a picture: send a JPEG, PNG or WebP image."),
        code="image_invalid",
        field="file",
    )


def process_image(raw: bytes) -> ProcessedImage:
    """The JPEG and thumbnail to keep; InvalidInput `image_too_large` or `image_invalid`."""
    if len(raw) > MAX_IMAGE_BYTES:
        raise too_large()
    if not raw:
        raise invalid()
    image = open_upright(
        raw,
        formats=FORMATS,
        max_pixels=MAX_IMAGE_PIXELS,
        max_edge=MAX_EDGE,
        too_large=too_large,
        invalid=invalid,
    )
    thumbnail = image.copy()
    thumbnail.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE), Image.Resampling.LANCZOS)
    return ProcessedImage(
        sha256=hashlib.sha256(raw).hexdigest(),
        jpeg=_jpeg(image, JPEG_QUALITY),
        thumbnail=_jpeg(thumbnail, THUMBNAIL_QUALITY),
        width=image.width,
        height=image.height,
    )


def _jpeg(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality, optimize=True)
    return out.getvalue()
