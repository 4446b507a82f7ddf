"""Check-in photos (issue 14, field sales): upright, stripped of EXIF and GPS, watermarked in
Chinese with the packaged font, the original's SHA-256 kept, reuse flagged by perceptual hash,
and bad files refused with stable codes (saas/fieldsales/photos.py)."""

from __future__ import annotations

import hashlib
import io
import random
import struct
import zlib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import noto_cjk_sans_otc
import pytest
from PIL import Image, ImageDraw, ImageEnhance, ImageFilter, ImageFont

from saas.core.errors import InvalidInput
from saas.fieldsales.photos import (
    MAX_EDGE,
    MAX_PHOTO_BYTES,
    REUSE_THRESHOLD,
    hamming,
    looks_reused,
    phash,
    process_photo,
    watermark_font,
    watermark_font_source,
    watermark_lines,
)

TAKEN_AT = datetime(2026, 11, 5, 14, 32, 7, tzinfo=ZoneInfo("Asia/Shanghai"))
WHERE = {"place": "杭州市西湖区文三路 100 号", "customer": "张三便利店", "rep": "李四"}

ORIENTATION = 0x0112
GPS_IFD = 0x8825
MAKE = 0x010F


def scene(seed: int, width: int = 2400, height: int = 1800) -> Image.Image:
    """A photo-like picture: overlapping coloured shapes, softened as a lens would."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randrange(width), rng.randrange(height)
        box = (x, y, x + rng.randrange(50, width // 2), y + rng.randrange(50, height // 2))
        colour = tuple(rng.randrange(256) for _ in range(3))
        (draw.rectangle if rng.random() < 0.5 else draw.ellipse)(box, fill=colour)
    return image.filter(ImageFilter.GaussianBlur(3))


def encode(image: Image.Image, fmt: str = "JPEG", **params: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **params)
    return out.getvalue()


def process(raw: bytes):
    return process_photo(raw, taken_at=TAKEN_AT, **WHERE)


def refusal(raw: bytes) -> str:
    with pytest.raises(InvalidInput) as caught:
        process(raw)
    assert caught.value.field == "photo"
    return caught.value.code


def served(result) -> Image.Image:
    image = Image.open(io.BytesIO(result.served_jpeg))
    assert image.format == "JPEG"
    return image


# Orientation, size, metadata


def test_the_exif_orientation_is_applied_so_a_sideways_stored_photo_is_served_upright() -> None:
    # Given a phone's photo stored landscape, red on the left and blue on the right, with
    # orientation 6 ("turn 90° clockwise to show"): it was taken in portrait, red at the top.
    stored = Image.new("RGB", (800, 400), (0, 0, 255))
    stored.paste((255, 0, 0), (0, 0, 400, 400))
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    # When it is processed
    result = process(encode(stored, exif=exif.tobytes()))
    # Then it is served portrait with red on top and blue below (above the watermark band)
    image = served(result).convert("RGB")
    assert (result.width, result.height) == (400, 800) == image.size
    top, lower = image.getpixel((200, 100)), image.getpixel((200, 500))
    assert top[0] > 200 and top[2] < 60
    assert lower[2] > 200 and lower[0] < 60
    # and it says nothing of turning any more
    assert ORIENTATION not in image.getexif()


def test_gps_and_every_other_metadata_are_absent_from_the_served_photo() -> None:
    # Given a photo with GPS coordinates, the phone's make, an XMP packet and a JPEG comment
    exif = Image.Exif()
    exif[MAKE] = "SparrowPhone"
    exif[GPS_IFD] = {1: "N", 2: (30.0, 16.0, 30.0), 3: "E", 4: (120.0, 9.0, 12.0)}
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta>'
    raw = encode(scene(1), exif=exif.tobytes(), xmp=xmp, comment=b"shot at the shop")
    original = Image.open(io.BytesIO(raw))
    assert original.getexif().get_ifd(GPS_IFD), "the test photo must carry GPS to begin with"
    # When it is processed
    result = process(raw)
    # Then the served file has no EXIF at all (so no GPS), no XMP and no comment
    image = served(result)
    assert dict(image.getexif()) == {}
    assert image.getexif().get_ifd(GPS_IFD) == {}
    assert not {"exif", "xmp", "comment"} & set(image.info)
    assert b"Exif\x00\x00" not in result.served_jpeg
    assert b"SparrowPhone" not in result.served_jpeg
    assert b"xmpmeta" not in result.served_jpeg
    assert b"shot at the shop" not in result.served_jpeg


def test_the_original_is_fingerprinted_by_its_sha256_and_the_served_copy_is_scaled_down() -> None:
    raw = encode(scene(2, 4000, 3000), quality=95)
    result = process(raw)
    assert result.original_sha256 == hashlib.sha256(raw).hexdigest()
    assert (result.width, result.height) == (MAX_EDGE, 1200)
    assert served(result).size == (MAX_EDGE, 1200)


def test_a_small_photo_is_not_enlarged() -> None:
    result = process(encode(scene(3, 640, 480)))
    assert (result.width, result.height) == (640, 480)


def test_png_with_transparency_and_webp_are_accepted_and_served_as_jpeg() -> None:
    # A screenshot with a transparent area is laid on white, not black
    rgba = Image.new("RGBA", (600, 600), (0, 0, 0, 0))
    rgba.paste((0, 128, 0, 255), (0, 300, 600, 600))
    result = process(encode(rgba, "PNG"))
    image = served(result).convert("RGB")
    corner = image.getpixel((50, 50))
    assert min(corner) > 230
    webp = process(encode(scene(4, 800, 600), "WEBP"))
    assert served(webp).size == (800, 600)


# The watermark


def test_the_watermark_names_time_with_its_offset_place_customer_and_rep_on_one_line_each() -> None:
    from django.utils import translation

    with translation.override("en"):
        lines = watermark_lines(
            taken_at=TAKEN_AT, place="杭州\n西湖区\x00文三路", customer="张三便利店", rep="李四"
        )
    assert lines == [
        "Time: 2026-11-05 14:32:07 UTC+08:00",
        "Place: 杭州 西湖区 文三路",
        "Customer: 张三便利店",
        "Rep: 李四",
    ]
    # In the workspace's language by default (Chinese)
    with translation.override("zh-hans"):
        chinese = watermark_lines(taken_at=TAKEN_AT, place="杭州", customer="张三便利店", rep="李四")
    assert chinese[0].startswith("时间") and chinese[3] == "业务员：李四"


def test_the_watermark_band_is_drawn_at_the_bottom_with_light_text_on_a_darkened_strip() -> None:
    # Given an even mid-grey photo
    result = process(encode(Image.new("RGB", (1600, 1200), (128, 128, 128)), quality=95))
    image = served(result).convert("L")
    top = image.crop((0, 0, 1600, 600))
    band = image.crop((0, 1200 - 200, 1600, 1200))
    # Then the top is untouched grey, the band is darker, and its text is near-white
    assert top.getextrema()[0] > 110 and top.getextrema()[1] < 146
    band_pixels = list(band.tobytes())
    assert sum(band_pixels) / len(band_pixels) < 110
    assert max(band_pixels) > 220


def test_a_naive_time_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        process_photo(encode(scene(5, 300, 200)), taken_at=datetime(2026, 11, 5, 14, 0), **WHERE)  # noqa: DTZ001


def glyph(font: ImageFont.FreeTypeFont, text: str) -> bytes:
    canvas = Image.new("L", (200, 100), 0)
    ImageDraw.Draw(canvas).text((10, 10), text, font=font, fill=255)
    return canvas.tobytes()


def test_chinese_is_rendered_with_the_packaged_font_and_not_as_empty_boxes() -> None:
    # The font is the one from PyPI (what a fresh machine has), its Simplified Chinese face
    source = watermark_font_source()
    assert Path(source.path) == Path(str(noto_cjk_sans_otc.FONT_PATH))
    font = watermark_font(48)
    assert font.getname()[0] == "Noto Sans CJK SC"
    # Two code points no font maps both draw the .notdef box: that is what a missing glyph is
    notdef = glyph(font, "\U0010fffd")
    assert notdef == glyph(font, "\U0010fffc")
    assert any(notdef), "the .notdef box is drawn, so a missing glyph would look exactly like it"
    # Each character of the watermark's Chinese (names' rare ones included) is a real glyph
    for character in "杭州张三李四便利店时间地点客户业务员喆堃燊":
        drawn = glyph(font, character)
        assert any(drawn), character
        assert drawn != notdef, f"{character} rendered as tofu"
    assert glyph(font, "杭") != glyph(font, "州")


# Perceptual hashes and reuse


def test_a_re_encoded_or_resized_copy_hashes_the_same_and_another_photo_does_not() -> None:
    original = scene(6)
    first = process(encode(original, quality=92))
    copy = process(encode(original.resize((800, 600)), quality=40))
    brighter = process(encode(ImageEnhance.Brightness(original).enhance(1.15)))
    another = process(encode(scene(7)))
    assert len(first.phash) == 16 and int(first.phash, 16) >= 0
    assert hamming(first.phash, copy.phash) <= 2
    assert looks_reused(first.phash, copy.phash)
    assert looks_reused(first.phash, brighter.phash)
    assert hamming(first.phash, another.phash) > 16
    assert not looks_reused(first.phash, another.phash)


def test_a_served_photo_handed_in_again_is_flagged_as_reused() -> None:
    # Given a photo processed at one visit, then its watermarked copy saved from the app and
    # handed in at the next visit: the band is left out of the hash, so they still match
    first = process(encode(scene(8)))
    again = process_photo(first.served_jpeg, taken_at=TAKEN_AT, place="宁波", customer="王五超市", rep="李四")
    assert hamming(first.phash, again.phash) <= 2
    assert looks_reused(first.phash, again.phash)


def test_phash_ignores_size_and_format_of_the_same_picture() -> None:
    picture = scene(9, 1200, 900)
    as_png = Image.open(io.BytesIO(encode(picture, "PNG")))
    assert phash(picture) == phash(as_png)
    assert hamming(phash(picture), phash(picture.resize((300, 225)))) <= 2


def test_the_reuse_threshold_is_inclusive_and_hamming_counts_differing_bits() -> None:
    base = "0" * 16
    at_threshold = f"{(1 << REUSE_THRESHOLD) - 1:016x}"
    past_threshold = f"{(1 << (REUSE_THRESHOLD + 1)) - 1:016x}"
    assert hamming(base, "f" * 16) == 64
    assert hamming("8000000000000001", base) == 2
    assert hamming(base, at_threshold) == REUSE_THRESHOLD
    assert looks_reused(base, at_threshold)
    assert not looks_reused(base, past_threshold)
    with pytest.raises(ValueError):
        hamming("00", base)


# Refusals


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width` × `height` pixels (its data is not there)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def test_garbage_empty_truncated_and_other_formats_are_refused_as_invalid() -> None:
    assert refusal(b"") == "photo_invalid"
    assert refusal(b"this is not a picture at all" * 10) == "photo_invalid"
    jpeg = encode(scene(10, 800, 600))
    assert refusal(jpeg[: len(jpeg) // 2]) == "photo_invalid"
    assert refusal(encode(Image.new("RGB", (80, 60), (9, 99, 199)), "GIF")) == "photo_invalid"
    assert refusal(encode(Image.new("RGB", (80, 60), (9, 99, 199)), "BMP")) == "photo_invalid"
    assert refusal(b"%PDF-1.7\n" + b"0" * 100) == "photo_invalid"


def test_files_over_20_mb_and_pictures_over_50_megapixels_are_refused_as_too_large() -> None:
    # More bytes than allowed: refused before any decoding
    assert refusal(b"\xff\xd8\xff" + b"\x00" * MAX_PHOTO_BYTES) == "photo_too_large"
    # A few hundred bytes claiming 60 megapixels, and a decompression bomb of 10 gigapixels
    assert refusal(png_claiming(10_000, 6_000)) == "photo_too_large"
    assert refusal(png_claiming(100_000, 100_000)) == "photo_too_large"


def test_a_photo_within_the_pixel_limit_but_with_broken_data_is_invalid_not_a_crash() -> None:
    assert refusal(png_claiming(1000, 800)) == "photo_invalid"
