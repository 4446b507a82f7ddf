"""Check-in photos: the original kept as evidence, an upright watermarked JPEG served, reuse flagged.

A rep's photo at a customer arrives as the phone took it. `process_photo` refuses what is not a
photo (garbage, a decompression bomb, more than 20 MB, a format other than JPEG, PNG, WebP or, when
pillow-heif is installed, HEIC), and returns:

- the SHA-256 of the original bytes, which the caller stores with the original, untouched and
  private: it is the evidence, EXIF (GPS, device, time) included;
- the served JPEG: turned upright by its EXIF orientation, at most 1600 px on its long edge, with a
  band at the bottom that names the time, place, customer and rep, and no metadata at all (no
  EXIF, so no GPS; no XMP, no comment; only the colour profile is kept, it says nothing of anyone);
- a thumbnail of the served JPEG, at most 320 px on its long edge, for lists (a day of check-ins
  on a phone would otherwise download megabytes of full photos);
- a perceptual hash of the upright photo's top three quarters, which the watermark never covers,
  so the same photo handed in again at another visit is flagged (`looks_reused`) even re-encoded,
  resized, or saved from the app with its watermark.

The watermark's font: Chinese must render on a fresh machine that has only Python, git and make
(no Debian font packages), so the font comes from PyPI with the rest of the dependencies: the
package noto-cjk-sans-otc carries Noto Sans CJK (SIL Open Font License 1.1), byte-for-byte the
file upstream notofonts/noto-cjk publishes (pinned exactly and hash-locked). It costs a 15 MB
wheel (19 MB installed) once per virtualenv, against the alternatives: a font committed to the
repository would weigh on every clone forever and a subset of it would lose the rare characters
of people's and shops' names (喆, 堃, 燊…); a font fetched from the npm registry at build time would
need Node on a machine promised only Python. Its ideographs (the Unified block to U+9FEF and
Extension A, some 27,000) include the rare characters of names; its Simplified Chinese face is
used. Debian's Noto CJK or WenQuanYi Micro Hei are the fallback when the package is missing; with
none of them, processing fails loudly rather than stamp a watermark of empty boxes.
"""

from __future__ import annotations

import hashlib
import io
import logging
import math
import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from django.utils.translation import gettext as _
from PIL import Image, ImageDraw, ImageFont

from saas.core.errors import InvalidInput
from saas.core.images import open_upright

logger = logging.getLogger(__name__)

MAX_PHOTO_BYTES = 20 * 1024 * 1024
# 50 megapixels lets through the 48 MP photos of today's phones and refuses what would take
# hundreds of megabytes to decode (a small PNG can claim 100,000 × 100,000 pixels).
MAX_PHOTO_PIXELS = 50_000_000
MAX_EDGE = 1600
JPEG_QUALITY = 82
# Lists show photos at about 80 CSS px: 320 px covers a 3x screen and costs some 15 KB.
THUMBNAIL_EDGE = 320
THUMBNAIL_QUALITY = 75
# Hamming distance between two 64-bit pHashes at or below which two photos are taken to be the
# same picture. Measured on generated scenes (tests/test_fieldsales_photos.py makes the like):
# re-encoding down to JPEG quality 30, resizing, ±15 % brightness or contrast, a 1 % crop, and a
# served photo handed in again all stay within 0-4 bits; a retake shifted by 2.5 % moved 2-8;
# different pictures differ by 24-38 (half of 64 on average). 6 flags the copies with room for a
# light edit. A flag is for a manager to look at, never an automatic refusal: two honest shots
# from the same spot can fall under it.
REUSE_THRESHOLD = 6

_ALLOWED_FORMATS = ["JPEG", "PNG", "WEBP"]
try:  # HEIC (iPhones' default) only where pillow-heif is installed: it is a large native wheel.
    from pillow_heif import register_heif_opener  # type: ignore[import-not-found]

    register_heif_opener()
    _ALLOWED_FORMATS.append("HEIF")
except ImportError:  # pragma: no cover - depends on the machine
    pass

# Debian's CJK fonts, the fallback when the noto-cjk-sans-otc package is missing.
_SYSTEM_CJK_FONTS = (
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
)
_SC_FACE = "Noto Sans CJK SC"
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f-\x9f\u2028\u2029]+")
_MAX_LINE_CHARS = 200


@dataclass(frozen=True)
class ProcessedPhoto:
    original_sha256: str
    served_jpeg: bytes
    thumbnail_jpeg: bytes
    width: int
    height: int
    phash: str


@dataclass(frozen=True)
class FontSource:
    path: str
    index: int


def process_photo(raw: bytes, *, taken_at: datetime, place: str, customer: str, rep: str) -> ProcessedPhoto:
    """The served, watermarked JPEG of a check-in photo, with the original's SHA-256 and the pHash.

    `taken_at` is aware and already in the zone to show (the workspace's); the watermark prints
    it with its UTC offset. Raises InvalidInput with code `photo_too_large` or `photo_invalid`.
    """
    if taken_at.tzinfo is None or taken_at.utcoffset() is None:
        raise ValueError("taken_at must be timezone-aware")
    if len(raw) > MAX_PHOTO_BYTES:
        raise _too_large()
    image = open_upright(
        raw,
        formats=_ALLOWED_FORMATS,
        max_pixels=MAX_PHOTO_PIXELS,
        max_edge=MAX_EDGE,
        too_large=_too_large,
        invalid=_invalid,
        keep_colour_profile=True,
    )
    hash_hex = phash(_unbanded(image))
    served = _watermarked(image, taken_at=taken_at, place=place, customer=customer, rep=rep)
    out = io.BytesIO()
    served.save(
        out,
        "JPEG",
        quality=JPEG_QUALITY,
        optimize=True,
        icc_profile=image.info.get("icc_profile") or None,
    )
    thumbnail = served.copy()
    thumbnail.thumbnail((THUMBNAIL_EDGE, THUMBNAIL_EDGE), Image.Resampling.LANCZOS)
    small = io.BytesIO()
    thumbnail.save(small, "JPEG", quality=THUMBNAIL_QUALITY, optimize=True)
    return ProcessedPhoto(
        original_sha256=hashlib.sha256(raw).hexdigest(),
        served_jpeg=out.getvalue(),
        thumbnail_jpeg=small.getvalue(),
        width=served.width,
        height=served.height,
        phash=hash_hex,
    )


def _unbanded(image: Image.Image) -> Image.Image:
    """The part of the picture the watermark band never covers: its top three quarters. Hashing
    only that, a served photo saved from the app and handed in again hashes as its original did."""
    return image.crop((0, 0, image.width, max(1, image.height * 3 // 4)))


def _too_large() -> InvalidInput:
    return InvalidInput(
        _("The photo is too large: at most 20 MB and 50 megapixels."), code="photo_too_large", field="photo"
    )


def _invalid() -> InvalidInput:
    return InvalidInput(
        _("This file cannot be read as a photo: send a JPEG, PNG or WebP picture."),
        code="photo_invalid",
        field="photo",
    )


# The watermark


def watermark_lines(*, taken_at: datetime, place: str, customer: str, rep: str) -> list[str]:
    """The band's text, one line each, in the active language."""
    offset = taken_at.strftime("%z")
    moment = f"{taken_at:%Y-%m-%d %H:%M:%S} UTC{offset[:3]}:{offset[3:5]}"
    return [
        _("Time: %(value)s") % {"value": moment},
        _("Place: %(value)s") % {"value": _one_line(place)},
        _("Customer: %(value)s") % {"value": _one_line(customer)},
        _("Rep: %(value)s") % {"value": _one_line(rep)},
    ]


def _one_line(text: str) -> str:
    return _CONTROL_OR_SPACE.sub(" ", text).strip()[:_MAX_LINE_CHARS]


def _watermarked(
    image: Image.Image, *, taken_at: datetime, place: str, customer: str, rep: str
) -> Image.Image:
    lines = watermark_lines(taken_at=taken_at, place=place, customer=customer, rep=rep)
    width, height = image.size
    # Legible on a phone screen and on a printed report: about 36 characters across the width,
    # at most 1/24 of the height, so four lines and the padding stay within the bottom quarter
    # that the perceptual hash leaves out (_unbanded).
    size = max(8, min(width // 36, height // 24))
    font = watermark_font(size)
    line_height = round(size * 1.3)
    padding = max(4, size // 3)
    band_height = line_height * len(lines) + 2 * padding
    served = image.copy()
    overlay = Image.new("RGBA", (width, band_height), (0, 0, 0, 150))
    served.paste(overlay, (0, height - band_height), overlay)
    draw = ImageDraw.Draw(served)
    room = width - 2 * padding
    for i, line in enumerate(lines):
        y = height - band_height + padding + i * line_height
        draw.text((padding, y), _fit(line, font, room), font=font, fill=(255, 255, 255))
    return served


def _fit(text: str, font: ImageFont.FreeTypeFont, room: float) -> str:
    """`text`, cut with an ellipsis where it would run past `room` pixels."""
    if font.getlength(text) <= room:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        middle = (low + high + 1) // 2
        if font.getlength(text[:middle] + "…") <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low] + "…"


@lru_cache(maxsize=16)
def watermark_font(size: int) -> ImageFont.FreeTypeFont:
    source = watermark_font_source()
    return ImageFont.truetype(source.path, size, index=source.index)


@lru_cache(maxsize=1)
def watermark_font_source() -> FontSource:
    """The CJK font the watermark is set in: the packaged Noto Sans CJK, else a system one."""
    candidates: list[Path] = []
    try:
        import noto_cjk_sans_otc  # type: ignore[import-untyped]

        candidates.append(Path(str(noto_cjk_sans_otc.FONT_PATH)))
    except ImportError:
        logger.warning("noto-cjk-sans-otc is not installed; looking for a system CJK font")
    candidates.extend(_SYSTEM_CJK_FONTS)
    for path in candidates:
        if path.is_file():
            return FontSource(path=str(path), index=_simplified_chinese_face(path))
    raise RuntimeError(
        "No CJK font for photo watermarks: install the project's dependencies (noto-cjk-sans-otc)."
    )


def _simplified_chinese_face(path: Path) -> int:
    """The index of the Simplified Chinese face in a collection (its glyph shapes for 骨, 直, 角
    are the mainland's), found by name so a re-ordered collection cannot pick the Japanese one."""
    for index in range(32):
        try:
            family, _style = ImageFont.truetype(str(path), 12, index=index).getname()
        except OSError:
            break
        if family == _SC_FACE:
            return index
    return 0


# Perceptual hashes


def phash(image: Image.Image) -> str:
    """The 64-bit DCT perceptual hash of `image` as 16 hex digits.

    The algorithm of imagehash's `phash` (greyscale, 32 × 32 with Lanczos, 2-D DCT-II, the 8 × 8
    lowest frequencies compared with their median, bits row by row), so its hashes compare with
    ours; done here in a few lines of plain Python rather than pulling in numpy and scipy.
    """
    small = image.convert("L").resize((32, 32), Image.Resampling.LANCZOS)
    pixels = list(small.tobytes())  # mode L: one byte a pixel
    rows = [pixels[y * 32 : (y + 1) * 32] for y in range(32)]
    basis = _dct_basis()
    # Only the 8 × 8 lowest frequencies are needed: rows first, then columns.
    by_row = [[sum(b * p for b, p in zip(basis[v], row, strict=True)) for v in range(8)] for row in rows]
    low = [
        [sum(basis[u][y] * by_row[y][v] for y in range(32)) for v in range(8)]
        for u in range(8)  # u: vertical frequency (numpy's axis 0), v: horizontal
    ]
    flat = [c for row in low for c in row]
    ordered = sorted(flat)
    median = (ordered[31] + ordered[32]) / 2
    bits = 0
    for coefficient in flat:
        bits = (bits << 1) | (coefficient > median)
    return f"{bits:016x}"


@lru_cache(maxsize=1)
def _dct_basis() -> tuple[tuple[float, ...], ...]:
    # scipy's unnormalised DCT-II: 2·cos(π·k·(2n+1)/2N). The factor 2 changes no comparison.
    return tuple(tuple(2 * math.cos(math.pi * k * (2 * n + 1) / 64) for n in range(32)) for k in range(8))


def hamming(a: str, b: str) -> int:
    """How many bits two hex hashes of the same length differ in."""
    if len(a) != len(b):
        raise ValueError("hashes of different lengths")
    return (int(a, 16) ^ int(b, 16)).bit_count()


def looks_reused(a: str, b: str) -> bool:
    """Whether two photos' pHashes say they are the same picture (see REUSE_THRESHOLD)."""
    return hamming(a, b) <= REUSE_THRESHOLD
