"""The only code that changes the category tree: create, rename, move, delete, starter sets."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import connection, transaction
from django.db.models import Max, ProtectedError
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp
from saas.catalog import cleaning
from saas.catalog.drafts import KEEP, Keep
from saas.catalog.models import Category
from saas.catalog.services.common import constraint_errors, require_manager
from saas.catalog.starter_sets import STARTER_SETS
from saas.core.errors import InvalidInput, NotFound
from saas.core.idempotency import run_once

MAX_NAME = 60
MAX_DEPTH = 5  # a shop's category menu is two or three levels; five leaves room
MAX_SORT_ORDER = 1_000_000


def _clean_name(name: str | None) -> str:
    return cleaning.text(name, field="name", max_length=MAX_NAME, required=True)


def _clean_sort_order(sort_order: int) -> int:
    if not 0 <= sort_order <= MAX_SORT_ORDER:
        raise InvalidInput(
            _("The position must be between 0 and %(n)d.") % {"n": MAX_SORT_ORDER},
            code="sort_order_invalid",
            field="sort_order",
        )
    return sort_order


def _get_category(category_id: int, *, field: str, lock: bool = False) -> Category:
    queryset = Category.objects.select_for_update() if lock else Category.objects.all()
    try:
        return queryset.get(pk=category_id)
    except Category.DoesNotExist as exc:
        raise NotFound(_("Category not found."), field=field) from exc


def _next_sort_order(parent_id: int | None) -> int:
    current = Category.objects.filter(parent_id=parent_id).aggregate(top=Max("sort_order"))["top"]
    return 0 if current is None else current + 1


def _check_name_free(name: str, parent_id: int | None, *, exclude: int | None = None) -> None:
    siblings = Category.objects.filter(parent_id=parent_id, name=name)
    if exclude is not None:
        siblings = siblings.exclude(pk=exclude)
    if siblings.exists():
        raise InvalidInput(
            _("A category with this name already exists here."), code="category_name_taken", field="name"
        )


def _depth_of(category_id: int, parents: Mapping[int, int | None]) -> int:
    """1 for a top-level category; the parent map is cycle-free, which _check_move keeps true."""
    depth, current = 1, parents.get(category_id)
    while current is not None:
        depth += 1
        current = parents.get(current)
    return depth


def _height_of(category_id: int, parents: Mapping[int, int | None]) -> int:
    """Levels in the subtree under and including this category."""
    children: dict[int, list[int]] = {}
    for child, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(child)
    height, level = 0, [category_id]
    while level:
        height += 1
        level = [child for node in level for child in children.get(node, [])]
    return height


def _check_move(category_id: int, new_parent_id: int | None, parents: Mapping[int, int | None]) -> None:
    current = new_parent_id
    while current is not None:
        if current == category_id:
            raise InvalidInput(
                _("A category cannot move under itself or one of its sub-categories."),
                code="category_cycle",
                field="parent_id",
            )
        current = parents.get(current)
    parent_depth = 0 if new_parent_id is None else _depth_of(new_parent_id, parents)
    if parent_depth + _height_of(category_id, parents) > MAX_DEPTH:
        raise InvalidInput(
            _("Categories can be at most %(n)d levels deep.") % {"n": MAX_DEPTH},
            code="category_too_deep",
            field="parent_id",
        )


@transaction.atomic
def category_create(
    *,
    actor: Actor,
    name: str,
    parent_id: int | None = None,
    sort_order: int | None = None,
    idempotency_key: str | None = None,
) -> Category:
    """A category under `parent_id` (top level without one); retrying with the same idempotency
    key returns the first category instead of category_name_taken."""
    require_manager(actor)
    name = _clean_name(name)
    cleaned_order = None if sort_order is None else _clean_sort_order(sort_order)
    category = Category(name=name, parent_id=parent_id)

    def write() -> dict[str, int]:
        if parent_id is not None:
            # Locked, so a concurrent delete of the parent waits for this insert (or wins first).
            _get_category(parent_id, field="parent_id", lock=True)
            parents = dict(Category.objects.values_list("id", "parent_id"))
            if _depth_of(parent_id, parents) >= MAX_DEPTH:
                raise InvalidInput(
                    _("Categories can be at most %(n)d levels deep.") % {"n": MAX_DEPTH},
                    code="category_too_deep",
                    field="parent_id",
                )
        _check_name_free(name, parent_id)
        category.sort_order = _next_sort_order(parent_id) if cleaned_order is None else cleaned_order
        with constraint_errors():
            category.save()
        return {"pk": category.pk}

    result, replayed = run_once(
        by=actor_stamp(actor), key=idempotency_key, operation="category_create", write=write
    )
    # A replay re-reads the first category; deleted since, it is not found.
    return _get_category(result["pk"], field="id") if replayed else category


@transaction.atomic
def category_update(
    *,
    actor: Actor,
    category_id: int,
    name: str | None = None,
    parent_id: int | None | Keep = KEEP,
    sort_order: int | None = None,
) -> Category:
    """Rename and/or move a category; moving it under its own subtree is refused."""
    require_manager(actor)
    category = _get_category(category_id, field="id", lock=True)
    if name is not None:
        category.name = _clean_name(name)
    if sort_order is not None:
        category.sort_order = _clean_sort_order(sort_order)
    if not isinstance(parent_id, Keep) and parent_id != category.parent_id:
        if parent_id is not None:
            _get_category(parent_id, field="parent_id")
        # Every row locked: two concurrent moves (A under B, B under A) run one after the
        # other, and the second sees the first's result, so no cycle slips through.
        parents = dict(Category.objects.select_for_update().values_list("id", "parent_id"))
        _check_move(category.pk, parent_id, parents)
        category.parent_id = parent_id
    _check_name_free(category.name, category.parent_id, exclude=category.pk)
    with constraint_errors():
        category.save(update_fields=["name", "parent", "sort_order"])
    return category


@transaction.atomic
def category_delete(*, actor: Actor, category_id: int) -> None:
    """Delete an empty category; one with products (active or archived) or children stays."""
    require_manager(actor)
    category = _get_category(category_id, field="id", lock=True)
    if category.children.exists() or category.products.exists():
        raise InvalidInput(
            _("Move its products and sub-categories elsewhere first."), code="category_in_use", field="id"
        )
    try:
        with transaction.atomic():
            category.delete()
    except ProtectedError as exc:  # a product or child added concurrently
        raise InvalidInput(
            _("Move its products and sub-categories elsewhere first."), code="category_in_use", field="id"
        ) from exc


def _ensure_child(name: str, parent_id: int | None) -> Category:
    existing = Category.objects.filter(parent_id=parent_id, name=name).first()
    if existing is not None:
        return existing
    return Category.objects.create(name=name, parent_id=parent_id, sort_order=_next_sort_order(parent_id))


@transaction.atomic
def category_starter_apply(*, actor: Actor, industry: str) -> list[Category]:
    """Add an industry's starter categories that are missing; returns the set's top-level categories."""
    require_manager(actor)
    key = (industry or "").strip()
    starter = STARTER_SETS.get(key) or next((s for s in STARTER_SETS.values() if s.name == key), None)
    if starter is None:
        raise InvalidInput(_("Unknown industry."), code="industry_unknown", field="industry")
    roots: list[Category] = []
    # Applies are rare: lock this tenant's category table so a concurrent apply waits and then
    # finds this one's rows instead of tripping over the unique names.
    with connection.cursor() as cursor:
        cursor.execute(
            f"LOCK TABLE {connection.ops.quote_name(Category._meta.db_table)} IN SHARE ROW EXCLUSIVE MODE"
        )
    with constraint_errors():
        for root_name, children in starter.tree.items():
            root = _ensure_child(root_name, None)
            for child_name in children:
                _ensure_child(child_name, root.pk)
            roots.append(root)
    return roots
