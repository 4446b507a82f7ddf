"""Commission rules as a workspace sends them, checked all at once: for saving a new version
(services/commissions.py) and for the what-if preview of unsaved rules (selectors), alike.

The law's line is checked first and said plainly: a depth past 2, or a cap past 2, is refused
with `commission_depth_unlawful`, citing 团队计酬 under 禁止传销条例; a rule deeper than the
workspace's own cap (1 or 2) is `commission_depth_over_cap`. Rules pay on goods sold, on revenue
or on margin: any other basis (a sign-up, a recruit) is `commission_basis_invalid`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from saas.catalog.models import Category
from saas.core.errors import FieldProblem, InvalidInput
from saas.core.ids import parse_id
from saas.core.inputs import decimal_places, parse_decimal
from saas.distribution.commission_engine import RuleBook, RuleSpec
from saas.distribution.commission_models import (
    LAWFUL_MAX_DEPTH,
    CommissionBasis,
    CommissionRule,
    CommissionRuleSet,
)
from saas.distribution.models import DistributorLevel

MAX_RULES = 200


@dataclass(frozen=True)
class CommissionRuleInput:
    depth: Any
    basis: Any
    rate_percent: Any
    level_id: Any = None  # the earner's level; None: any level
    category_id: Any = None  # None: every category


def unlawful_depth(field: str) -> InvalidInput:
    return InvalidInput(problems=[_unlawful(field)])


def _unlawful(field: str) -> FieldProblem:
    return FieldProblem(
        field,
        "commission_depth_unlawful",
        _(
            "Commissions reach at most %(n)d levels up (the direct parent and the grandparent): pay "
            "computed on deeper downline sales is 团队计酬 (team remuneration), prohibited by "
            "禁止传销条例 (the Regulations on Prohibiting Pyramid Selling)."
        )
        % {"n": LAWFUL_MAX_DEPTH},
    )


def _whole(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    number = parse_decimal(value)
    if number is None or number != number.to_integral_value() or abs(number) > 1000:
        return None
    return int(number)


def clean_max_depth(value: Any) -> int:
    depth = _whole(LAWFUL_MAX_DEPTH if value in (None, "") else value)
    if depth is not None and depth > LAWFUL_MAX_DEPTH:
        raise unlawful_depth("max_depth")
    if depth is None or depth < 1:
        raise InvalidInput(_("The depth is 1 or 2."), code="depth_invalid", field="max_depth")
    return depth


def _rate(value: Any) -> Decimal | None:
    rate = parse_decimal(value)
    if rate is None or rate <= 0 or rate > 100 or decimal_places(rate) > 2:
        return None
    return rate


def clean_commission_rules(rules: Sequence[CommissionRuleInput], *, max_depth: int) -> list[RuleSpec]:
    """The rules as RuleSpecs (no rule_id yet); every problem at once on `rules.N.<field>`."""
    if len(rules) > MAX_RULES:
        raise InvalidInput(_("At most %(n)d rules.") % {"n": MAX_RULES}, code="too_many_rules", field="rules")
    level_ids = set(DistributorLevel.objects.values_list("id", flat=True))
    wanted = {parse_id(rule.category_id) for rule in rules if rule.category_id not in (None, "")}
    category_ids = set(
        Category.objects.filter(pk__in=[pk for pk in wanted if pk is not None]).values_list("id", flat=True)
    )
    problems: list[FieldProblem] = []
    cleaned: list[RuleSpec] = []
    seen: set[tuple[int, int | None, int | None]] = set()
    for index, rule in enumerate(rules):
        path = f"rules.{index}"
        before = len(problems)
        depth = _whole(rule.depth)
        if depth is not None and depth > LAWFUL_MAX_DEPTH:
            problems.append(_unlawful(f"{path}.depth"))
        elif depth is None or depth < 1:
            problems.append(FieldProblem(f"{path}.depth", "depth_invalid", _("The depth is 1 or 2.")))
        elif depth > max_depth:
            problems.append(
                FieldProblem(
                    f"{path}.depth",
                    "commission_depth_over_cap",
                    _("This workspace pays commissions %(n)d level(s) up at most.") % {"n": max_depth},
                )
            )
        if rule.basis not in CommissionBasis.values:
            problems.append(
                FieldProblem(
                    f"{path}.basis",
                    "commission_basis_invalid",
                    _("Commissions are paid on goods sold: on revenue or on margin, never on recruiting."),
                )
            )
        rate = _rate(rule.rate_percent)
        if rate is None:
            problems.append(
                FieldProblem(
                    f"{path}.rate_percent",
                    "rate_invalid",
                    _("A rate is more than 0 and at most 100 percent, with at most 2 decimals."),
                )
            )
        level_id = parse_id(rule.level_id) if rule.level_id not in (None, "") else None
        if rule.level_id not in (None, "") and level_id not in level_ids:
            problems.append(FieldProblem(f"{path}.level_id", "not_found", _("Level not found.")))
        category_id = parse_id(rule.category_id) if rule.category_id not in (None, "") else None
        if rule.category_id not in (None, "") and category_id not in category_ids:
            problems.append(FieldProblem(f"{path}.category_id", "not_found", _("Category not found.")))
        if len(problems) > before or depth is None or rate is None:
            continue
        target = (depth, level_id, category_id)
        if target in seen:
            problems.append(
                FieldProblem(
                    path,
                    "duplicate_rule",
                    _("Another rule has the same depth, level and category."),
                )
            )
            continue
        seen.add(target)
        cleaned.append(RuleSpec(None, depth, level_id, category_id, str(rule.basis), rate))
    if problems:
        raise InvalidInput(problems=problems)
    return cleaned


def rule_set_in_force() -> CommissionRuleSet | None:
    """The newest saved version; None before the workspace saves any (nothing is paid)."""
    return CommissionRuleSet.objects.order_by("-version").first()


def category_parents() -> dict[int, int | None]:
    return dict(Category.objects.values_list("id", "parent_id"))


def rule_book(rule_set: CommissionRuleSet | None, parents: dict[int, int | None] | None = None) -> RuleBook:
    """The saved version ready to apply (an empty book for None)."""
    if rule_set is None:
        return RuleBook(rules=(), max_depth=0, parents=parents or {})
    specs = [
        RuleSpec(pk, depth, level_id, category_id, basis, rate)
        for pk, depth, level_id, category_id, basis, rate in CommissionRule.objects.filter(
            rule_set=rule_set
        ).values_list("id", "depth", "level_id", "category_id", "basis", "rate_percent")
    ]
    return RuleBook(
        rules=specs,
        max_depth=rule_set.max_depth,
        parents=category_parents() if parents is None else parents,
        version=rule_set.version,
    )
