"""Reads of rebates and bonuses: the rules and runs for the workspace's staff (distribution.view),
and a distributor's own posted rebate lines for its people (never another's; a run under review
may still change, so it shows once posted). Anyone else sees nothing."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.core.errors import InvalidInput, NotFound
from saas.core.ids import parse_id
from saas.distribution.access import portal_membership, require_network_viewer
from saas.distribution.rebate_models import (
    BonusRule,
    PeriodKind,
    RebateLine,
    RebateRun,
    RunStatus,
    VolumeRebateRule,
    VolumeRebateTier,
)


def volume_rebate_rules(*, actor: Actor, include_inactive: bool = False) -> QuerySet[VolumeRebateRule]:
    require_network_viewer(actor)
    rows = VolumeRebateRule.objects.select_related("level").prefetch_related(
        Prefetch("tiers", queryset=VolumeRebateTier.objects.order_by("threshold"))
    )
    return (rows if include_inactive else rows.filter(is_active=True)).order_by("period_kind", "id")


def bonus_rules(*, actor: Actor, include_inactive: bool = False) -> QuerySet[BonusRule]:
    require_network_viewer(actor)
    rows = BonusRule.objects.select_related("level")
    return (rows if include_inactive else rows.filter(is_active=True)).order_by("period_kind", "id")


def _choice(value: Any, allowed: list[str], field: str) -> str | None:
    if value in (None, ""):
        return None
    if value not in allowed:
        raise InvalidInput(_("Unknown choice."), code=f"{field}_invalid", field=field)
    return str(value)


def rebate_runs(
    *, actor: Actor, period_kind: str | None = None, status: str | None = None
) -> QuerySet[RebateRun]:
    """Runs, the latest period first."""
    require_network_viewer(actor)
    rows = RebateRun.objects.select_related("approved_by", "posted_by")
    kind = _choice(period_kind, PeriodKind.values, "period_kind")
    if kind is not None:
        rows = rows.filter(period_kind=kind)
    chosen = _choice(status, RunStatus.values, "status")
    if chosen is not None:
        rows = rows.filter(status=chosen)
    return rows.order_by("-period_start", "period_kind")


def rebate_run(*, actor: Actor, run_id: Any) -> RebateRun:
    pk = parse_id(run_id)
    found = rebate_runs(actor=actor).filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise NotFound(_("Rebate run not found."), field="id")
    return found


def run_lines(run: RebateRun, *, distributor_id: Any = None) -> QuerySet[RebateLine]:
    """The lines of a run the caller already read through `rebate_run(s)`."""
    rows = RebateLine.objects.filter(run=run).select_related("distributor__customer", "run")
    if distributor_id not in (None, ""):
        pk = parse_id(distributor_id)
        if pk is None:
            raise InvalidInput(_("Enter a valid id."), code="id_invalid", field="distributor_id")
        rows = rows.filter(distributor_id=pk)
    return rows.order_by("kind", "rank", "distributor__path", "id")


def my_rebates(*, actor: Actor) -> QuerySet[RebateLine]:
    """The caller's distributor's rebates and bonuses of posted runs, newest first."""
    _user, distributor = portal_membership(actor)
    return (
        RebateLine.objects.filter(distributor=distributor, run__status=RunStatus.POSTED)
        .select_related("run", "distributor__customer", "wallet_entry")
        .order_by("-run__period_start", "-id")
    )
