"""Whether a query asked for a nested field, so a list prefetches only what it will show."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from strawberry.types import Info
from strawberry.types.nodes import SelectedField


def _fields(node: Any) -> Iterator[SelectedField]:
    """The fields directly below a node, looking through fragments."""
    for child in getattr(node, "selections", None) or []:
        if isinstance(child, SelectedField):
            yield child
        else:  # fragment spread or inline fragment
            yield from _fields(child)


def selects(info: Info, *path: str) -> bool:
    """True when the current field's selection reaches `path`, e.g. selects(info, "items", "events")."""
    level: list[Any] = list(info.selected_fields)
    for name in path:
        level = [child for node in level for child in _fields(node) if child.name == name]
        if not level:
            return False
    return True
