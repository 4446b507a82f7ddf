"""Reads of profit sharing: the rule sets, settlements, their statements and lines for the
workspace's staff (distribution.view), and a distributor's own posted statements for its people.

A statement's lines are the commission entries it sums, each naming its order line, SKU,
quantity, base, rule and rate; a distributor sees its own statements once they are posted (a
draft may still change under review) and never another's. Anyone else sees nothing.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.core.errors import InvalidInput, NotFound
from saas.core.ids import parse_id
from saas.distribution.access import portal_membership, require_network_viewer
from saas.distribution.commission_models import (
    CommissionEntry,
    CommissionPeriod,
    CommissionRule,
    CommissionRuleSet,
    CommissionSettlement,
    CommissionStatement,
    SettlementStatus,
)


def commission_rule_sets(*, actor: Actor) -> QuerySet[CommissionRuleSet]:
    """Every saved version, newest (the one in force) first, with its rules."""
    require_network_viewer(actor)
    rules = CommissionRule.objects.select_related("level", "category").order_by("depth", "id")
    return (
        CommissionRuleSet.objects.select_related("created_by")
        .prefetch_related(Prefetch("rules", queryset=rules))
        .order_by("-version")
    )


def commission_rule_set(*, actor: Actor, version: int | None = None) -> CommissionRuleSet | None:
    """The version in force (or the one asked for); None when none was saved."""
    rows = commission_rule_sets(actor=actor)
    if version is not None:
        rows = rows.filter(version=version)
    return rows.first()


def commission_periods(*, actor: Actor) -> QuerySet[CommissionPeriod]:
    """Months with commissions, newest first, with their settlement if any."""
    require_network_viewer(actor)
    return CommissionPeriod.objects.select_related("settlement").order_by("-month")


def commission_settlements(*, actor: Actor, status: str | None = None) -> QuerySet[CommissionSettlement]:
    require_network_viewer(actor)
    rows = CommissionSettlement.objects.select_related("period")
    if status not in (None, ""):
        if status not in SettlementStatus.values:
            raise InvalidInput(_("Unknown status."), code="status_invalid", field="status")
        rows = rows.filter(status=status)
    return rows.order_by("-period__month")


def commission_settlement(*, actor: Actor, settlement_id: Any) -> CommissionSettlement:
    pk = parse_id(settlement_id)
    found = commission_settlements(actor=actor).filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise NotFound(_("Settlement not found."), field="id")
    return found


def settlement_statements(
    *, actor: Actor, settlement_id: Any, distributor_id: Any = None
) -> QuerySet[CommissionStatement]:
    """A settlement's statements, by distributor (tree order)."""
    settlement = commission_settlement(actor=actor, settlement_id=settlement_id)
    rows = statements_of(CommissionStatement.objects.filter(settlement=settlement))
    if distributor_id not in (None, ""):
        pk = parse_id(distributor_id)
        if pk is None:
            raise InvalidInput(_("Enter a valid id."), code="id_invalid", field="distributor_id")
        rows = rows.filter(distributor_id=pk)
    return rows.order_by("distributor__path")


def statements_of(rows: QuerySet[CommissionStatement]) -> QuerySet[CommissionStatement]:
    return rows.select_related("settlement__period", "distributor__customer", "wallet_entry")


def statement_lines(statement: CommissionStatement) -> QuerySet[CommissionEntry]:
    """The lines of a statement the caller already read through one of the selectors here: its
    distributor's entries of the settled (locked) month."""
    return (
        CommissionEntry.objects.filter(
            period_id=statement.settlement.period_id, earner_id=statement.distributor_id
        )
        .select_related(
            "sale__order",
            "sale__order_line",
            "sale__sku",
            "sale__buyer__customer",
            "returned__sales_return",
        )
        .order_by("id")
    )


def my_commission_statements(*, actor: Actor) -> QuerySet[CommissionStatement]:
    """The caller's distributor's posted statements, newest month first."""
    _user, distributor = portal_membership(actor)
    return statements_of(
        CommissionStatement.objects.filter(
            distributor=distributor, settlement__status=SettlementStatus.POSTED
        )
    ).order_by("-settlement__period__month", "-id")
