"""The category tree, read once per request: parents and children resolve without more queries.

It hangs off the request object, which belongs to one tenant and dies with the request, so it
can never serve one tenant's categories to another (no module-level caches).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from strawberry.types import Info

from saas.api.permissions import current_actor
from saas.catalog import selectors
from saas.catalog.models import Category

_ATTRIBUTE = "_sparrow_category_index"


@dataclass
class CategoryIndex:
    by_id: dict[int, Category] = field(default_factory=dict)
    children: dict[int | None, list[Category]] = field(default_factory=dict)

    def roots(self) -> list[Category]:
        return self.children.get(None, [])

    def depth_first(self) -> list[Category]:
        ordered: list[Category] = []
        stack = list(reversed(self.roots()))
        while stack:
            node = stack.pop()
            ordered.append(node)
            stack.extend(reversed(self.children.get(node.pk, [])))
        return ordered

    def path(self, category: Category) -> list[str]:
        names: list[str] = []
        current: Category | None = category
        while current is not None and len(names) < 20:
            names.append(current.name)
            current = self.by_id.get(current.parent_id) if current.parent_id else None
        return list(reversed(names))


def category_index(info: Info) -> CategoryIndex:
    request = info.context.request
    index: CategoryIndex | None = getattr(request, _ATTRIBUTE, None)
    if index is None:
        index = CategoryIndex()
        for category in selectors.category_list(actor=current_actor(info)):
            index.by_id[category.pk] = category
            index.children.setdefault(category.parent_id, []).append(category)
        setattr(request, _ATTRIBUTE, index)
    return index


def forget_categories(info: Info) -> None:
    """After a category mutation: the next read in this request sees the change."""
    request = info.context.request
    if hasattr(request, _ATTRIBUTE):
        delattr(request, _ATTRIBUTE)
