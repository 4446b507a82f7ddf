"""Reads of the network for the workspace's staff (distribution.view): levels, distributors, a
subtree, the tree, price lists. A distributor's own person reads through saas/distribution/
selectors/portal.py instead, and sees none of this."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.core.errors import InvalidInput
from saas.core.ids import parse_id
from saas.distribution.access import distributor_not_found, require_network_viewer
from saas.distribution.models import (
    Distributor,
    DistributorLevel,
    DistributorStatus,
    LevelCatalogEntry,
    PriceList,
    PriceRule,
)

MAX_TREE = 2000  # nodes in one answer of the tree


def level_list(*, actor: Actor) -> QuerySet[DistributorLevel]:
    require_network_viewer(actor)
    return DistributorLevel.objects.prefetch_related(
        Prefetch("catalog_entries", queryset=LevelCatalogEntry.objects.order_by("id"))
    ).order_by("rank", "id")


def _subtree_path(value: Any, field: str) -> str:
    pk = parse_id(value)
    path = (
        Distributor.objects.filter(pk=pk).values_list("path", flat=True).first() if pk is not None else None
    )
    if path is None:
        raise distributor_not_found(field)
    return path


def distributor_list(
    *,
    actor: Actor,
    search: str = "",
    level_id: Any = None,
    status: str | None = None,
    subtree_of: Any = None,
) -> QuerySet[Distributor]:
    """Distributors in tree order (a parent before its downline); `subtree_of` narrows to one
    distributor and everyone under it, through the path index."""
    require_network_viewer(actor)
    queryset = Distributor.objects.select_related("customer", "level", "wallet")
    if subtree_of not in (None, ""):
        queryset = queryset.filter(path__startswith=_subtree_path(subtree_of, "subtree_of"))
    if level_id not in (None, ""):
        pk = parse_id(level_id)
        if pk is None:
            raise InvalidInput(_("Enter a valid id."), code="id_invalid", field="level_id")
        queryset = queryset.filter(level_id=pk)
    if status not in (None, ""):
        if status not in DistributorStatus.values:
            raise InvalidInput(_("Unknown status."), code="status_invalid", field="status")
        queryset = queryset.filter(status=status)
    search = (search or "").strip()[:100]
    if search:
        queryset = queryset.filter(
            Q(customer__name__icontains=search)
            | Q(customer__code__iexact=search)
            | Q(sales_area__icontains=search)
        )
    return queryset.order_by("path")


def distributor_get(*, actor: Actor, distributor_id: Any) -> Distributor:
    pk = parse_id(distributor_id)
    found = distributor_list(actor=actor).filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise distributor_not_found("id")
    return found


@dataclass(frozen=True)
class Tree:
    nodes: list[Distributor]  # in tree order: each parent before its downline
    truncated: bool  # more than MAX_TREE nodes: ask for a subtree


def distributor_tree(*, actor: Actor, root_id: Any = None) -> Tree:
    """The whole network (or one distributor's subtree) in tree order, at most MAX_TREE nodes."""
    rows = list(distributor_list(actor=actor, subtree_of=root_id)[: MAX_TREE + 1])
    return Tree(nodes=rows[:MAX_TREE], truncated=len(rows) > MAX_TREE)


def price_list_list(*, actor: Actor, level_id: Any = None, distributor_id: Any = None) -> QuerySet[PriceList]:
    """Every version, newest first (the one in force on a day: the first whose effective_from is
    on or before it), with their rules."""
    require_network_viewer(actor)
    queryset = PriceList.objects.select_related("level", "distributor__customer").prefetch_related(
        Prefetch("rules", queryset=PriceRule.objects.select_related("sku", "category").order_by("id"))
    )
    for value, column in ((level_id, "level_id"), (distributor_id, "distributor_id")):
        if value in (None, ""):
            continue
        pk = parse_id(value)
        if pk is None:
            raise InvalidInput(_("Enter a valid id."), code="id_invalid", field=column)
        queryset = queryset.filter(**{column: pk})
    return queryset.order_by("-effective_from", "-version", "-id")
