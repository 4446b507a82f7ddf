"""Reads Sparrow's configuration from the environment: the only place settings come from."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

REPO_ROOT = Path(__file__).resolve().parent.parent
WEAK_SECRET_MARKERS = ("django-insecure", "changeme", "secret", "sparrow")
MIN_SECRET_LENGTH = 50
MIN_SECRET_UNIQUE_CHARS = 10


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    return raw.strip().lower() in {"1", "true", "yes", "on"}


def parallel_test_worker() -> int | None:
    """This process's index among parallel test workers (`pytest -n 2`: gw0 is 0), else None.

    pytest-django gives each worker its own test database, where both build tenants of the same
    names; the worker's own Redis database and data folder keep their cache keys, channel
    groups and uploaded files apart too. Servers a test starts inherit the variable."""
    name = os.environ.get("PYTEST_XDIST_WORKER", "")
    return int(name[2:]) if name.startswith("gw") and name[2:].isdigit() else None


def media_dir(data: Path, worker: int | None) -> Path:
    """Uploaded files: under the data dir, in a folder of its own for each parallel test worker."""
    return data / "media" if worker is None else data / f"media-test-worker-{worker}"


def redis_url_for_worker(url: str, worker: int | None) -> str:
    """The Redis URL with the database after the configured one for each parallel test worker."""
    if not url or worker is None:
        return url
    parts = urlparse(url)
    base = parts.path.strip("/")
    database = (int(base) if base.isdigit() else 0) + 1 + worker
    return parts._replace(path=f"/{database}").geturl()


def data_dir() -> Path:
    """Where the embedded database, the dev secret key and uploaded files live."""
    path = Path(os.environ.get("SPARROW_DATA_DIR") or REPO_ROOT / ".sparrow").resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path


def weak_secret_reason(key: str) -> str | None:
    """Why a SECRET_KEY is too weak for production, or None when it is fine."""
    if len(key) < MIN_SECRET_LENGTH:
        return f"SECRET_KEY must be at least {MIN_SECRET_LENGTH} characters (it has {len(key)})."
    if len(set(key)) < MIN_SECRET_UNIQUE_CHARS:
        return f"SECRET_KEY must use at least {MIN_SECRET_UNIQUE_CHARS} different characters."
    lowered = key.lower()
    for marker in WEAK_SECRET_MARKERS:
        if marker in lowered:
            return f"SECRET_KEY must not contain the guessable word '{marker}'."
    return None


def development_secret_key(directory: Path) -> str:
    """A random key generated once into the data dir, so sessions survive restarts in dev."""
    path = directory / "secret_key"
    try:
        # Created at most once, even by processes starting together: the losers read the winner's.
        with open(path, "x", opener=lambda name, flags: os.open(name, flags, 0o600)) as new:
            new.write(secrets.token_urlsafe(64))
    except FileExistsError:
        pass
    return path.read_text().strip()


@dataclass(frozen=True)
class DatabaseConfig:
    name: str
    user: str
    password: str
    host: str
    port: str
    options: dict[str, str]


def parse_database_url(url: str) -> DatabaseConfig:
    """postgres://user:pass@host:port/name?host=/socket/dir  ->  Django's DATABASES fields."""
    parsed = urlparse(url)
    if parsed.scheme not in {"postgres", "postgresql"}:
        raise ImproperlyConfigured(f"DATABASE_URL must be a postgresql:// URL, not {parsed.scheme}://")
    query = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
    host = query.pop("host", None) or parsed.hostname or ""
    return DatabaseConfig(
        name=unquote(parsed.path.lstrip("/")) or "postgres",
        user=unquote(parsed.username or "postgres"),
        password=unquote(parsed.password or ""),
        host=host,
        port=str(parsed.port or ""),
        options=query,
    )


def embedded_database_url(directory: Path) -> str:
    """Start (or join) the embedded PostgreSQL under the data dir and return its URL.

    pgserver shares one server between processes and stops it when the last one exits,
    which is what makes Ctrl-C on `sparrow up` stop the database cleanly.
    """
    import logging
    import warnings

    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")
    logging.getLogger("pgserver").setLevel(logging.WARNING)
    import pgserver

    server = pgserver.get_server(directory / "pgdata", cleanup_mode="stop")
    exists = server.psql("SELECT 1 FROM pg_database WHERE datname = 'sparrow';")
    if "(1 row)" not in exists:
        server.psql("CREATE DATABASE sparrow;")
    return server.get_uri("sparrow")
