"""The published GraphQL contract: breaking changes since the released schema, whether
graphql/CHANGELOG.md lists each one, and deprecations that say why.

Partners build on `graphql/schema.released.graphql`. A change graphql-core calls breaking
(a field, argument, type or enum value removed, a type changed, a required argument or input
field added…) is allowed only when the changelog's `## Unreleased` section lists it under
`### Breaking` as a bullet naming it in backticks, followed by a colon and the reason:

    - `SalesOrder.foo`: removed, deprecated since 2026-12-05; use `SalesOrder.bar`.

The name is the change's schema coordinate, exactly as `sparrow graphql-breaking` prints it:
`Type`, `Type.field`, `Type.field(arg:)`, `Enum.VALUE`, `@directive` or `@directive(arg:)`.
Dangerous changes (an enum value or optional argument added, a default changed) are reported,
never refused. These are pure functions of text; `saas/cli.py` reads and writes the files.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from graphql import (
    DEFAULT_DEPRECATION_REASON,
    BreakingChangeType,
    DangerousChangeType,
    GraphQLSchema,
    build_schema,
    find_schema_changes,
    is_enum_type,
    is_input_object_type,
    is_interface_type,
    is_object_type,
)

GRAPHQL_DIR = Path(__file__).resolve().parents[2] / "graphql"
RELEASED_FILE = GRAPHQL_DIR / "schema.released.graphql"
CHANGELOG_FILE = GRAPHQL_DIR / "CHANGELOG.md"

UNRELEASED = "## Unreleased"
# What `## Unreleased` starts as again after a release.
UNRELEASED_TEMPLATE = """\
### Added

### Changed

### Deprecated

### Breaking

<!-- One bullet per breaking change: - `Type.field`: what changed, and why. -->
"""

_NAME = r"[_A-Za-z][_0-9A-Za-z]*"
# Where graphql-core's description names the thing a change is about. Most descriptions name a
# dotted coordinate or a directive (the fallback); these name a bare type.
_SUBJECT = {
    "TYPE_REMOVED": re.compile(rf"^(?:Standard scalar )?({_NAME})\b"),
    "TYPE_CHANGED_KIND": re.compile(rf"^({_NAME}) changed from"),
    "TYPE_REMOVED_FROM_UNION": re.compile(rf"from union type ({_NAME})\."),
    "IMPLEMENTED_INTERFACE_REMOVED": re.compile(rf"^({_NAME}) no longer implements"),
    "DIRECTIVE_LOCATION_REMOVED": re.compile(rf"from (@{_NAME})\."),
}
_COORDINATE = re.compile(rf"(@{_NAME}(?:\({_NAME}:\))?|{_NAME}\.{_NAME}(?:\({_NAME}:\))?)")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# A Breaking bullet: one or more `coordinates`, a colon, and a reason that is not empty.
_ENTRY = re.compile(r"^\s*[-*]\s+((?:`[^`]+`\s*,?\s*)+):\s*\S")
_BACKTICKED = re.compile(r"`([^`]+)`")
_BULLET = re.compile(r"^\s*[-*]\s+\S", re.MULTILINE)


@dataclass(frozen=True)
class Change:
    """One schema change graphql-core found between the released and the current schema."""

    kind: str  # graphql-core's change type: FIELD_REMOVED, VALUE_ADDED_TO_ENUM, …
    coordinate: str  # what it is about, as the changelog names it: `SalesOrder.foo`
    description: str  # graphql-core's sentence


@functools.lru_cache(maxsize=4)
def _schema(sdl: str) -> GraphQLSchema:
    return build_schema(sdl)


def _coordinate(kind: str, description: str) -> str:
    pattern = _SUBJECT.get(kind, _COORDINATE)
    match = pattern.search(description)
    # Unknown wording (a newer graphql-core): the whole sentence, so it can never pass unlisted.
    return match.group(1) if match else description


def _changes(released_sdl: str, current_sdl: str, kinds: type) -> list[Change]:
    # find_schema_changes is graphql-core 3.3's one pass over both schemas; its breaking and
    # dangerous changes are exactly what find_breaking_changes / find_dangerous_changes return.
    return [
        Change(
            kind=change.type.name,
            coordinate=_coordinate(change.type.name, change.description),
            description=change.description,
        )
        for change in find_schema_changes(_schema(released_sdl), _schema(current_sdl))
        if isinstance(change.type, kinds)
    ]


def breaking_changes(released_sdl: str, current_sdl: str) -> list[Change]:
    """Changes that can break a partner's existing operations."""
    return _changes(released_sdl, current_sdl, BreakingChangeType)


def dangerous_changes(released_sdl: str, current_sdl: str) -> list[Change]:
    """Changes that break nothing valid but may surprise a client (a new enum value)."""
    return _changes(released_sdl, current_sdl, DangerousChangeType)


def _section(text: str, heading: str, level: str) -> tuple[int, int] | None:
    """Where the body of the first `heading` (a whole line) runs: from after it to the next
    heading of the same level or higher, as character offsets."""
    match = re.search(rf"^{re.escape(heading)}[ \t]*$", text, re.MULTILINE)
    if match is None:
        return None
    higher = "|".join(re.escape("#" * n + " ") for n in range(1, len(level) + 1))
    end = re.compile(rf"^(?:{higher})", re.MULTILINE).search(text, match.end())
    return match.end(), end.start() if end else len(text)


def listed_breaking(changelog_text: str) -> set[str]:
    """The coordinates the `## Unreleased` → `### Breaking` list names with a reason."""
    text = _COMMENT.sub("", changelog_text)
    unreleased = _section(text, UNRELEASED, "##")
    if unreleased is None:
        return set()
    body = text[unreleased[0] : unreleased[1]]
    breaking = _section(body, "### Breaking", "###")
    if breaking is None:
        return set()
    listed: set[str] = set()
    for line in body[breaking[0] : breaking[1]].splitlines():
        entry = _ENTRY.match(line)
        if entry:
            listed |= set(_BACKTICKED.findall(entry.group(1)))
    return listed


def unlisted(changes: list[Change], changelog_text: str) -> list[Change]:
    """The breaking changes the changelog's Unreleased Breaking list does not name."""
    listed = listed_breaking(changelog_text)
    return [change for change in changes if change.coordinate not in listed]


def deprecations_without_reason(sdl: str) -> list[str]:
    """Coordinates deprecated with no reason, an empty one or graphql-core's default
    ("No longer supported"): a partner must learn what to use instead."""
    schema = _schema(sdl)
    found: list[tuple[str, str | None]] = []
    for name, named in schema.type_map.items():
        if name.startswith("__"):
            continue
        if is_object_type(named) or is_interface_type(named):
            for field_name, field in named.fields.items():
                found.append((f"{name}.{field_name}", field.deprecation_reason))
                found += [
                    (f"{name}.{field_name}({arg_name}:)", arg.deprecation_reason)
                    for arg_name, arg in field.args.items()
                ]
        elif is_input_object_type(named):
            found += [
                (f"{name}.{field_name}", field.deprecation_reason)
                for field_name, field in named.fields.items()
            ]
        elif is_enum_type(named):
            found += [
                (f"{name}.{value_name}", value.deprecation_reason)
                for value_name, value in named.values.items()
            ]
    for directive in schema.directives:
        found += [
            (f"@{directive.name}({arg_name}:)", arg.deprecation_reason)
            for arg_name, arg in directive.args.items()
        ]
    return [
        coordinate
        for coordinate, reason in found
        if reason is not None and (not reason.strip() or reason.strip() == DEFAULT_DEPRECATION_REASON)
    ]


def contract_problems(released_sdl: str, current_sdl: str, changelog_text: str) -> list[str]:
    """What stops the current schema from shipping, one line each; empty when it may."""
    problems = [
        f"breaking change not listed in graphql/CHANGELOG.md: `{change.coordinate}`: {change.description}"
        for change in unlisted(breaking_changes(released_sdl, current_sdl), changelog_text)
    ]
    problems += [
        f"deprecated without a reason: `{coordinate}` (say what to use instead)"
        for coordinate in deprecations_without_reason(current_sdl)
    ]
    return problems


def _drop_empty_subsections(body: str) -> str:
    """The Unreleased body without comments and without `###` subsections that list nothing."""
    body = _COMMENT.sub("", body)
    parts = re.split(r"^(?=### )", body, flags=re.MULTILINE)
    kept = [
        part.strip()
        for part in parts
        if part.strip() and (not part.startswith("### ") or _BULLET.search(part))
    ]
    return "\n\n".join(kept)


def changelog_release(changelog_text: str, heading: str) -> str:
    """The changelog with the Unreleased entries moved under `## <heading>` (just below a fresh,
    empty Unreleased section). ValueError when there is no Unreleased section or it lists
    nothing: a release says what changed."""
    where = _section(changelog_text, UNRELEASED, "##")
    if where is None:
        raise ValueError(f"graphql/CHANGELOG.md has no '{UNRELEASED}' section")
    start, end = where
    entries = _drop_empty_subsections(changelog_text[start:end])
    if not _BULLET.search(entries):
        raise ValueError(f"nothing is listed under '{UNRELEASED}': say what this release changes first")
    released = f"{changelog_text[:start]}\n\n{UNRELEASED_TEMPLATE}\n## {heading}\n\n{entries}\n"
    after = changelog_text[end:]
    return f"{released}\n{after}" if after else released
