"""Draws the app icons (PNG, SVG and favicon.ico) from one list of shapes; run once after changing the design.

The shell has no build step, so the icons are committed. This script exists so the icons can be
redrawn without an image editor or extra packages: plain Python (zlib + struct) writes the PNGs.
Usage: python mobile_shell/icons/draw_icons.py
"""

from __future__ import annotations

import math
import struct
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent
BRAND = (194, 65, 12)  # #c2410c, the same orange as the server pages
WHITE = (255, 255, 255)
WING = (254, 215, 170)  # #fed7aa
BEAK = (251, 191, 36)  # #fbbf24
EYE = (124, 45, 18)  # #7c2d12

# A sitting sparrow on a 512-unit canvas: (kind, colour, geometry).
BIRD = [
    ("polygon", WHITE, [(176, 292), (64, 380), (92, 400), (138, 392), (214, 336)]),
    ("ellipse", WHITE, (250, 300, 138, 104, 0)),
    ("circle", WHITE, (338, 206, 76)),
    ("ellipse", WING, (236, 300, 88, 50, -18)),
    ("polygon", BEAK, [(404, 186), (456, 206), (404, 226)]),
    ("circle", EYE, (356, 194, 13)),
    ("polygon", WHITE, [(200, 392), (214, 440), (226, 440), (226, 396)]),
    ("polygon", WHITE, [(266, 398), (278, 440), (290, 440), (290, 398)]),
]


def _transform(shape: tuple, scale: float) -> tuple:
    """The shape scaled around the canvas centre (the maskable icon keeps the bird in the safe zone)."""
    kind, colour, geometry = shape

    def point(x: float, y: float) -> tuple[float, float]:
        return 256 + (x - 256) * scale, 256 + (y - 256) * scale

    if kind == "polygon":
        return kind, colour, [point(x, y) for x, y in geometry]
    if kind == "circle":
        cx, cy, r = geometry
        return kind, colour, (*point(cx, cy), r * scale)
    cx, cy, rx, ry, angle = geometry
    return kind, colour, (*point(cx, cy), rx * scale, ry * scale, angle)


def _inside(kind: str, geometry, x: float, y: float) -> bool:
    if kind == "circle":
        cx, cy, r = geometry
        return (x - cx) ** 2 + (y - cy) ** 2 <= r * r
    if kind == "ellipse":
        cx, cy, rx, ry, angle = geometry
        a = math.radians(angle)
        dx, dy = x - cx, y - cy
        u = dx * math.cos(a) + dy * math.sin(a)
        v = -dx * math.sin(a) + dy * math.cos(a)
        return (u / rx) ** 2 + (v / ry) ** 2 <= 1
    inside = False
    points = geometry
    j = len(points) - 1
    for i, (xi, yi) in enumerate(points):
        xj, yj = points[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _bounds(kind: str, geometry) -> tuple[float, float, float, float]:
    if kind == "polygon":
        xs, ys = [p[0] for p in geometry], [p[1] for p in geometry]
        return min(xs), min(ys), max(xs), max(ys)
    if kind == "circle":
        cx, cy, r = geometry
        return cx - r, cy - r, cx + r, cy + r
    cx, cy, rx, ry, _angle = geometry
    r = max(rx, ry)
    return cx - r, cy - r, cx + r, cy + r


def _inside_rounded_square(x: float, y: float, radius: float) -> bool:
    cx = min(max(x, radius), 512 - radius)
    cy = min(max(y, radius), 512 - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius


def render(size: int, *, scale: float, corner: float) -> list[list[tuple[int, int, int, int]]]:
    """RGBA rows; corner > 0 gives a rounded square with transparent corners, 0 a full bleed."""
    unit = 512 / size
    samples = [(i + 0.5) / 4 for i in range(4)]
    shapes = [_transform(shape, scale) for shape in BIRD]
    pixels = [[(*BRAND, 255)] * size for _ in range(size)]
    if corner:
        for py in range(size):
            for px in range(size):
                hits = sum(
                    _inside_rounded_square((px + sx) * unit, (py + sy) * unit, corner)
                    for sx in samples
                    for sy in samples
                )
                pixels[py][px] = (*BRAND, round(255 * hits / 16))
    for kind, colour, geometry in shapes:
        x0, y0, x1, y1 = _bounds(kind, geometry)
        for py in range(max(0, int(y0 / unit) - 1), min(size, int(y1 / unit) + 2)):
            for px in range(max(0, int(x0 / unit) - 1), min(size, int(x1 / unit) + 2)):
                hits = sum(
                    _inside(kind, geometry, (px + sx) * unit, (py + sy) * unit)
                    for sx in samples
                    for sy in samples
                )
                if hits:
                    r, g, b, a = pixels[py][px]
                    k = hits / 16
                    pixels[py][px] = (
                        round(r + (colour[0] - r) * k),
                        round(g + (colour[1] - g) * k),
                        round(b + (colour[2] - b) * k),
                        a,
                    )
    return pixels


def write_png(path: Path, pixels: list[list[tuple[int, int, int, int]]]) -> None:
    path.write_bytes(png_bytes(pixels))


def write_ico(path: Path, sizes: list[int]) -> None:
    """favicon.ico for /favicon.ico: one PNG per size in the ICO container (as browsers take it)."""
    images = [png_bytes(render(size, scale=1.0, corner=112)) for size in sizes]
    offset = 6 + 16 * len(images)
    entries = b""
    for size, image in zip(sizes, images):
        entries += struct.pack("<BBBBHHII", size % 256, size % 256, 0, 0, 1, 32, len(image), offset)
        offset += len(image)
    path.write_bytes(struct.pack("<HHH", 0, 1, len(images)) + entries + b"".join(images))


def png_bytes(pixels: list[list[tuple[int, int, int, int]]]) -> bytes:
    height, width = len(pixels), len(pixels[0])
    raw = b"".join(b"\x00" + bytes(channel for pixel in row for channel in pixel) for row in pixels)

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def write_svg(path: Path) -> None:
    def hex_colour(colour: tuple[int, int, int]) -> str:
        return "#{:02x}{:02x}{:02x}".format(*colour)

    parts = []
    for kind, colour, geometry in BIRD:
        fill = hex_colour(colour)
        if kind == "polygon":
            points = " ".join(f"{x:g},{y:g}" for x, y in geometry)
            parts.append(f'<polygon fill="{fill}" points="{points}"/>')
        elif kind == "circle":
            cx, cy, r = geometry
            parts.append(f'<circle fill="{fill}" cx="{cx}" cy="{cy}" r="{r}"/>')
        else:
            cx, cy, rx, ry, angle = geometry
            parts.append(
                f'<ellipse fill="{fill}" cx="{cx}" cy="{cy}" rx="{rx}" ry="{ry}" '
                f'transform="rotate({angle} {cx} {cy})"/>'
            )
    body = "".join(parts)
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">'
        f'<rect width="512" height="512" rx="112" fill="{hex_colour(BRAND)}"/>{body}</svg>\n'
    )


if __name__ == "__main__":
    write_svg(HERE / "icon.svg")
    write_png(HERE / "icon-192.png", render(192, scale=1.0, corner=112))
    write_png(HERE / "icon-512.png", render(512, scale=1.0, corner=112))
    # Maskable icons are cropped to a circle by some launchers: full bleed, bird inside 80 %.
    write_png(HERE / "icon-maskable-512.png", render(512, scale=0.72, corner=0))
    write_png(HERE / "apple-touch-icon.png", render(180, scale=0.82, corner=0))
    write_ico(HERE / "favicon.ico", [16, 32, 48])
