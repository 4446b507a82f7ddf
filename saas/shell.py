"""Serves the H5 app shell (mobile_shell/) at /app/ on workspace hosts.

Files are served with their real content type; any other path under /app/ without a file
suffix gets index.html so the app's own router can handle deep links. Only the kinds of file
the shell is made of are served (never the README, the icon script or a dotfile).

Text assets are gzip-compressed when the client accepts it: phones on slow links are the main
audience and the shell has no build step to pre-compress. Code is revalidated on every load
(no-cache plus an ETag, so an unchanged file costs a 304), because the file names carry no
content hash and a half-updated set of modules would break the app. The service worker gets
the shell's content hash written into it, so any change to any shell file installs a new
worker, which refreshes the offline copy.
"""

from __future__ import annotations

import gzip
import hashlib
import mimetypes
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_vary_headers
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_safe

mimetypes.add_type("application/manifest+json", ".webmanifest")
mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("image/svg+xml", ".svg")

SERVED_SUFFIXES = {".html", ".js", ".css", ".json", ".webmanifest", ".png", ".svg", ".ico", ".woff2"}
COMPRESSIBLE_SUFFIXES = {".html", ".js", ".css", ".json", ".webmanifest", ".svg"}
IMAGE_SUFFIXES = {".png", ".svg", ".ico", ".woff2"}
SERVICE_WORKER = "sw.js"
FAVICON = "icons/favicon.ico"
VERSION_PLACEHOLDER = b"__SHELL_VERSION__"


def _root() -> Path:
    return Path(settings.MOBILE_SHELL_DIR).resolve()


def _resolve(relative: str) -> Path | None:
    root = _root()
    candidate = (root / relative).resolve()
    if root not in candidate.parents:
        return None  # no escaping the shell directory with ../
    inside = candidate.relative_to(root).parts
    if any(part.startswith(".") for part in inside) or candidate.suffix not in SERVED_SUFFIXES:
        return None
    return candidate if candidate.is_file() else None


def _shell_signature() -> tuple[tuple[str, int, int], ...]:
    root = _root()
    return tuple(
        sorted(
            (str(path.relative_to(root)), path.stat().st_size, path.stat().st_mtime_ns)
            for path in root.rglob("*")
            if path.is_file() and path.suffix in SERVED_SUFFIXES and path.name != SERVICE_WORKER
        )
    )


@lru_cache(maxsize=4)
def _shell_version(signature: tuple[tuple[str, int, int], ...]) -> str:
    # Hash the contents, not the times: a fresh checkout of the same files keeps the version.
    digest = hashlib.sha256()
    root = _root()
    for name, _size, _mtime in signature:
        digest.update(name.encode())
        digest.update((root / name).read_bytes())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=256)
def _encoded(path: Path, size: int, mtime_ns: int, compressed: bool, version: str) -> tuple[bytes, str]:
    """(body, ETag). size, mtime and the shell version are in the key, so edits are picked up."""
    data = path.read_bytes()
    if version:
        data = data.replace(VERSION_PLACEHOLDER, version.encode())
    if compressed:
        data = gzip.compress(data, compresslevel=9, mtime=0)
    return data, '"{}{}"'.format(hashlib.sha256(data).hexdigest()[:20], "-gz" if compressed else "")


def _accepts_gzip(request: HttpRequest) -> bool:
    accepted = request.headers.get("Accept-Encoding", "")
    return any(part.split(";")[0].strip() == "gzip" for part in accepted.split(","))


@require_safe
@ensure_csrf_cookie
def app_shell(request: HttpRequest, path: str) -> HttpResponse:
    target = _resolve(path) if path else None
    if target is None:
        if Path(path).suffix and not path.endswith(".html"):
            raise Http404("No such file in the app shell.")
        target = _resolve("index.html")
        if target is None:
            raise Http404("The app shell is not built.")
    stat = target.stat()
    compressed = target.suffix in COMPRESSIBLE_SUFFIXES and _accepts_gzip(request)
    version = _shell_version(_shell_signature()) if target.name == SERVICE_WORKER else ""
    body, etag = _encoded(target, stat.st_size, stat.st_mtime_ns, compressed, version)

    if etag in {tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")}:
        response: HttpResponse = HttpResponseNotModified()
    else:
        content_type, _encoding = mimetypes.guess_type(target.name)
        response = HttpResponse(body, content_type=content_type or "application/octet-stream")
        if compressed:
            response["Content-Encoding"] = "gzip"
    response["ETag"] = etag
    if target.suffix in IMAGE_SUFFIXES:
        response["Cache-Control"] = "public, max-age=86400"
    else:
        response["Cache-Control"] = "no-cache"
    if target.suffix in COMPRESSIBLE_SUFFIXES:
        patch_vary_headers(response, ["Accept-Encoding"])
    if target.name == SERVICE_WORKER:
        response["Service-Worker-Allowed"] = "/app/"
    return response


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """/favicon.ico on the public and the workspace hosts: the app's icon, for the pages the server
    renders (sign-up, sign-in, print pages), which browsers ask it of even without a <link>."""
    target = _resolve(FAVICON)
    if target is None:
        raise Http404("The app shell has no icon.")
    stat = target.stat()
    body, etag = _encoded(target, stat.st_size, stat.st_mtime_ns, False, "")
    if etag in {tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")}:
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type="image/x-icon")
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=86400"
    return response
