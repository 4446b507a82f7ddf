"""The H5 shell's GraphQL operations validate against the checked-in schema, so a change of the
API that breaks a screen fails here rather than on a phone."""

from __future__ import annotations

import re
from pathlib import Path

from graphql import build_schema, parse, validate

REPO = Path(__file__).resolve().parents[1]
# A whole operation in one string literal; ones assembled with ${...} are left out.
OPERATION = re.compile(r"(['`])((?:query|mutation|subscription)\b[^'`]*)\1")


def _operations() -> list[tuple[str, str]]:
    found = []
    for path in sorted((REPO / "mobile_shell").rglob("*.js")):
        for match in OPERATION.finditer(path.read_text(encoding="utf-8")):
            if "${" not in match.group(2):
                found.append((path.relative_to(REPO).as_posix(), match.group(2)))
    return found


def test_every_shell_operation_validates_against_the_schema():
    schema = build_schema((REPO / "graphql" / "schema.graphql").read_text(encoding="utf-8"))
    operations = _operations()
    assert len(operations) > 50, "found few operations: the pattern is broken"
    invalid = {
        (path, operation.split("{")[0].strip()): [
            error.message for error in validate(schema, parse(operation))
        ]
        for path, operation in operations
    }
    assert {key: errors for key, errors in invalid.items() if errors} == {}
