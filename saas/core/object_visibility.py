"""Whether a person may see an object of a domain the asker may not import.

The notification inbox keeps only recipients who may see an event's object; for most objects it
asks the domain's selectors itself, but some domains sit beside it in the domain chain (field
sales' work logs) and may not be imported. Such a domain registers its check here from its app's
`ready()`, as consumers of the event fan-out do:

    visibility_register("work_log", work_log_visible)

An object type nobody registered is seen by no one: the check fails closed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["object_visible", "visibility_register"]

Check = Callable[[Any, int], bool]  # (user, object id) -> may they see it

_checks: dict[str, Check] = {}


def visibility_register(object_type: str, check: Check) -> None:
    """The check for `object_type`; registering the same type again replaces it."""
    _checks[object_type] = check


def object_visible(user: Any, object_type: str, object_id: int | None) -> bool:
    check = _checks.get(object_type)
    return check is not None and object_id is not None and check(user, object_id)
