"""Decoding an uploaded picture safely: the one home for what chat pictures and check-in photos share.

A picture is judged by its content (Pillow's decoders, limited to the caller's formats), never by
its name. Its claimed size is checked before its pixels are decoded (a small PNG can claim
100,000 × 100,000 pixels), a large JPEG is decoded straight at a reduced scale, and the result is a
fresh RGB image: nothing of the original's info (EXIF with GPS and device, XMP, comments) can
follow it, whatever a Pillow release copies along on transpose or convert.
"""

from __future__ import annotations

import io
import math
import warnings
from collections.abc import Callable, Sequence

from PIL import Image, ImageOps, UnidentifiedImageError

from saas.core.errors import InvalidInput


def open_upright(
    raw: bytes,
    *,
    formats: Sequence[str],
    max_pixels: int,
    max_edge: int,
    too_large: Callable[[], InvalidInput],
    invalid: Callable[[], InvalidInput],
    keep_colour_profile: bool = False,
) -> Image.Image:
    """Decoded, turned upright by its EXIF orientation, at most `max_edge` px, in RGB.

    Raises `too_large()` over `max_pixels` and `invalid()` for anything Pillow cannot read. With
    `keep_colour_profile`, the ICC profile is the one piece of the original's info kept.
    """
    try:
        with warnings.catch_warnings():
            # Pillow only warns below twice its own pixel limit; a warning here is a refusal.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(raw), formats=list(formats))
            width, height = image.size
            if width < 1 or height < 1:
                raise invalid()
            if width * height > max_pixels:
                raise too_large()
            if image.format == "JPEG" and max(width, height) > max_edge:
                # Decode at 1/2, 1/4 or 1/8 scale when that still leaves max_edge: a 48 MP photo
                # then never exists in memory at full size.
                k = max_edge / max(width, height)
                image.draft("RGB", (math.ceil(width * k), math.ceil(height * k)))
            icc = image.info.get("icc_profile")
            rgb = _flatten(ImageOps.exif_transpose(image))
    except InvalidInput:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_large() from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, TypeError, KeyError, EOFError):
        # Truncated or corrupt files surface as any of these from Pillow's decoders.
        raise invalid() from None
    rgb.thumbnail((max_edge, max_edge), Image.Resampling.LANCZOS)
    clean = Image.new("RGB", rgb.size)
    clean.paste(rgb)
    if keep_colour_profile and icc:
        clean.info["icc_profile"] = icc
    return clean


def _flatten(image: Image.Image) -> Image.Image:
    """RGB, transparent areas on white (a PNG screenshot with alpha would otherwise turn black)."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGB", rgba.size, (255, 255, 255))
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return image.convert("RGB")
