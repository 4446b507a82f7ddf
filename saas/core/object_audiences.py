"""Who belongs to an object of a domain the asker may not import: the people to tell.

A notification rule names its recipients by scope or by a person's id in the payload. Some
events are about an object that has people of its own, and the payload must not list them
(partners hear the same payload): a distributor's people hear of its wallet and its orders. The
domain that owns such an object registers who belongs to it from its app's `ready()`, as it
registers who may see it (saas/core/object_visibility.py):

    audience_register("distributor", distributor_people)

and a rule asks for `audience=("distributor", "distributor_id")`. An audience nobody registered
has no one in it; the inbox still keeps only those who may see the event's object.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["audience_of", "audience_register"]

People = Callable[[int], list[int]]  # object id -> the ids of the people who belong to it

_audiences: dict[str, People] = {}


def audience_register(name: str, people: People) -> None:
    """The people of `name`; registering the same name again replaces it."""
    _audiences[name] = people


def audience_of(name: str, object_id: int | None) -> list[int]:
    people = _audiences.get(name)
    return [] if people is None or object_id is None else people(object_id)
