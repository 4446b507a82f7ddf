"""Volume rebate and top-10 bonus rules (writes), for distribution.manage.

A rule is saved whole (a new one without `rule_id`, or a change of one); switching it off
(`is_active=False`) keeps it for the runs that used it. One active rule of each kind per period
kind and level (no level: every level without one of its own), so a distributor is never paid
twice for the same purchases. Runs copy what they used, so a change never rewrites a run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, user_of
from saas.core.errors import FieldProblem, InvalidInput, NotFound
from saas.core.ids import parse_id
from saas.core.inputs import clean_text, decimal_places, parse_decimal
from saas.distribution.access import require_network_manager
from saas.distribution.models import DistributorLevel
from saas.distribution.rebate_models import (
    TOP_RANKS,
    BonusMode,
    BonusRule,
    PeriodKind,
    RebateMeasure,
    VolumeRebateRule,
    VolumeRebateTier,
)

MAX_TIERS = 10
MAX_THRESHOLD = Decimal("1000000000000")


@dataclass(frozen=True)
class TierInput:
    threshold: Any  # base units (QUANTITY) or yuan (AMOUNT)
    rate_percent: Any


@dataclass(frozen=True)
class VolumeRuleInput:
    name: Any
    period_kind: Any
    measure: Any
    tiers: Sequence[TierInput] = field(default_factory=tuple)
    level_id: Any = None
    is_active: bool = True
    rule_id: Any = None


@dataclass(frozen=True)
class BonusRuleInput:
    name: Any
    period_kind: Any
    mode: Any
    rank_amounts: Sequence[Any] = field(default_factory=tuple)
    pool_amount: Any = None
    level_id: Any = None
    is_active: bool = True
    rule_id: Any = None


def _add(problems: list[FieldProblem], path: str, code: str, message: str) -> None:
    problems.append(FieldProblem(path, code, message))


def _common(
    problems: list[FieldProblem], name: Any, period_kind: Any, level_id: Any
) -> tuple[str, int | None]:
    try:
        cleaned = clean_text(name if isinstance(name, str) else "", "name", 60, required=True)
    except InvalidInput as exc:
        problems.extend(exc.problems)
        cleaned = ""
    if period_kind not in PeriodKind.values:
        _add(problems, "period_kind", "period_kind_invalid", _("Choose a month or a quarter."))
    level: int | None = None
    if level_id not in (None, ""):
        level = parse_id(level_id)
        if level is None or not DistributorLevel.objects.filter(pk=level).exists():
            _add(problems, "level_id", "not_found", _("Level not found."))
    return cleaned, level


def _money(value: Any) -> Decimal | None:
    amount = parse_decimal(value)
    if amount is None or amount < 0 or amount >= MAX_THRESHOLD or decimal_places(amount) > 2:
        return None
    return amount


def _tiers(problems: list[FieldProblem], measure: Any, tiers: Sequence[TierInput]) -> list[VolumeRebateTier]:
    if not 1 <= len(tiers) <= MAX_TIERS:
        _add(problems, "tiers", "tiers_invalid", _("Give 1 to %(n)d tiers.") % {"n": MAX_TIERS})
        return []
    places = 3 if measure == RebateMeasure.QUANTITY else 2
    found: list[VolumeRebateTier] = []
    seen: set[Decimal] = set()
    for index, tier in enumerate(tiers):
        threshold = parse_decimal(tier.threshold)
        rate = parse_decimal(tier.rate_percent)
        if (
            threshold is None
            or threshold <= 0
            or threshold >= MAX_THRESHOLD
            or decimal_places(threshold) > places
        ):
            _add(
                problems,
                f"tiers.{index}.threshold",
                "threshold_invalid",
                _("A threshold is a positive quantity (3 decimals) or amount (2 decimals)."),
            )
            continue
        if rate is None or rate <= 0 or rate > 100 or decimal_places(rate) > 2:
            _add(
                problems,
                f"tiers.{index}.rate_percent",
                "rate_invalid",
                _("A rate is more than 0 and at most 100 percent, with at most 2 decimals."),
            )
            continue
        if threshold in seen:
            _add(
                problems,
                f"tiers.{index}.threshold",
                "duplicate_tier",
                _("Two tiers start at this threshold."),
            )
            continue
        seen.add(threshold)
        found.append(VolumeRebateTier(threshold=threshold, rate_percent=rate))
    return found


def _conflict() -> InvalidInput:
    return InvalidInput(
        _("Another active rule covers this period and level; switch it off first."),
        code="rule_conflict",
        field="level_id",
    )


def _existing(model: type[VolumeRebateRule] | type[BonusRule], rule_id: Any) -> Any:
    if rule_id in (None, ""):
        return None
    pk = parse_id(rule_id)
    found = model.objects.select_for_update().filter(pk=pk).first() if pk is not None else None
    if found is None:
        raise NotFound(_("Rule not found."), field="rule_id")
    return found


def volume_rule_save(*, actor: Actor, rule: VolumeRuleInput) -> VolumeRebateRule:
    """A volume rebate rule, new or changed, with all its tiers."""
    acting = require_network_manager(actor)
    problems: list[FieldProblem] = []
    name, level = _common(problems, rule.name, rule.period_kind, rule.level_id)
    if rule.measure not in RebateMeasure.values:
        _add(problems, "measure", "measure_invalid", _("Measure purchases by quantity or by amount."))
    tiers = _tiers(problems, rule.measure, rule.tiers)
    if problems:
        raise InvalidInput(problems=problems)
    try:
        with transaction.atomic():
            row = _existing(VolumeRebateRule, rule.rule_id) or VolumeRebateRule(created_by=user_of(acting))
            row.name, row.level_id, row.period_kind = name, level, str(rule.period_kind)
            row.measure, row.is_active = str(rule.measure), bool(rule.is_active)
            row.save()
            VolumeRebateTier.objects.filter(rule=row).delete()
            for tier in tiers:
                tier.rule = row
            VolumeRebateTier.objects.bulk_create(tiers)
    except IntegrityError as exc:  # the one-active-rule index, raced or not
        raise _conflict() from exc
    return row


def _rank_amounts(problems: list[FieldProblem], amounts: Sequence[Any]) -> list[str]:
    if len(amounts) > TOP_RANKS:
        _add(problems, "rank_amounts", "ranks_invalid", _("At most %(n)d ranks.") % {"n": TOP_RANKS})
        return []
    cleaned = []
    for index, value in enumerate(amounts):
        amount = _money(value)
        if amount is None:
            _add(
                problems,
                f"rank_amounts.{index}",
                "amount_invalid",
                _("Amounts are zero or more, with at most 2 decimals."),
            )
            continue
        cleaned.append(str(amount.quantize(Decimal("0.01"))))
    return cleaned


def bonus_rule_save(*, actor: Actor, rule: BonusRuleInput) -> BonusRule:
    """A top-10 bonus rule, new or changed: an amount per rank, or a pool."""
    acting = require_network_manager(actor)
    problems: list[FieldProblem] = []
    name, level = _common(problems, rule.name, rule.period_kind, rule.level_id)
    amounts: list[str] = []
    pool = Decimal(0)
    if rule.mode == BonusMode.RANKS:
        amounts = _rank_amounts(problems, rule.rank_amounts)
        if not problems and not any(Decimal(a) > 0 for a in amounts):
            _add(problems, "rank_amounts", "ranks_invalid", _("Give an amount for at least one rank."))
    elif rule.mode == BonusMode.POOL:
        found = _money(rule.pool_amount)
        if found is None or found <= 0:
            _add(
                problems,
                "pool_amount",
                "amount_invalid",
                _("A pool is a positive amount, at most 2 decimals."),
            )
        else:
            pool = found
    else:
        _add(problems, "mode", "mode_invalid", _("Pay an amount per rank or share a pool."))
    if problems:
        raise InvalidInput(problems=problems)
    try:
        with transaction.atomic():
            row = _existing(BonusRule, rule.rule_id) or BonusRule(created_by=user_of(acting))
            row.name, row.level_id, row.period_kind = name, level, str(rule.period_kind)
            row.mode, row.rank_amounts, row.pool_amount = str(rule.mode), amounts, pool
            row.is_active = bool(rule.is_active)
            row.save()
    except IntegrityError as exc:
        raise _conflict() from exc
    return row
