"""Serving a workspace's private file (a check-in photo, a message picture) to one signed-in
person who may see it: only from the workspace's own folder, never to shared caches."""

from __future__ import annotations

from django.db import connection
from django.db.models.fields.files import FieldFile
from django.http import FileResponse


def private_file_response(
    field_file: FieldFile, *, folder: str, content_type: str, max_age: int
) -> FileResponse | None:
    """The file as a private response, or None when it is missing: no name, a name outside
    tenants/<this schema>/<folder>/ (defence in depth: a row of this schema names a file of this
    schema's folder), or a row that outlived its file (a restore, an interrupted clean-up)."""
    name = field_file.name or ""
    if not name.startswith(f"tenants/{connection.schema_name}/{folder}/"):  # type: ignore[attr-defined]
        return None
    try:
        handle = field_file.open("rb")
    except OSError:
        return None
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = f"private, max-age={max_age}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
