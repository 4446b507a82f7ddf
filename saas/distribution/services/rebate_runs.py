"""Rebate runs (writes): a closed period's volume rebates and top-10 bonuses, computed, reviewed,
posted to the rebate balances.

draft (computed; computing again replaces its lines) → approved (reviewed by distribution.manage)
→ posted (each line one `rebate` entry in the distributor's rebate pocket, once: the run is
locked and must be approved; each line emits `rebate.posted`). The periodic job
(saas/distribution/tasks.py) computes the month and the quarter that just closed in the
workspace's time zone; people may compute any closed period that has no reviewed run yet. How
purchases, tiers, ranks and ties work: saas/distribution/rebate_engine.py.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.actors import Actor, System, actor_kind, actor_label, actor_stamp, user_of
from saas.core.domain_events import emit
from saas.core.errors import InvalidInput, NotFound
from saas.core.ids import parse_id
from saas.core.inputs import clean_text
from saas.core.numbering import next_document_number
from saas.distribution.access import require_network_manager, require_wallet_poster
from saas.distribution.events import RebatePosted
from saas.distribution.models import WalletKind, WalletPocket
from saas.distribution.periods import clean_period_start, is_closed, last_closed, period_end, period_label
from saas.distribution.rebate_engine import Purchase, Tier, bonus_shares, volume_rebate
from saas.distribution.rebate_models import (
    BonusRule,
    PeriodKind,
    RebateLine,
    RebateLineKind,
    RebateRun,
    RunStatus,
    VolumeRebateRule,
)
from saas.distribution.services.common import to_fen
from saas.distribution.services.purchases import period_purchases
from saas.distribution.services.wallet import Posting, wallet_post

REBATE_JOB = System(reason="rebate run", scopes=frozenset({scopes.DISTRIBUTION_MANAGE}))


def _kind(value: Any) -> str:
    if value not in PeriodKind.values:
        raise InvalidInput(_("Choose a month or a quarter."), code="period_kind_invalid", field="period_kind")
    return str(value)


def _by_level(rules: list[Any]) -> dict[int | None, Any]:
    return {rule.level_id: rule for rule in rules}


def _rule_of(rules: dict[int | None, Any], purchase: Purchase) -> Any:
    """The rule of the distributor's level, else the rule for every level."""
    return rules.get(purchase.level_id) or rules.get(None)


def compute_lines(kind: str, start: date) -> list[RebateLine]:
    """The period's rebate and bonus lines (unsaved), by the active rules of the period kind."""
    purchases = period_purchases(kind, start)
    lines: list[RebateLine] = []
    volume_rules = _by_level(
        list(VolumeRebateRule.objects.filter(period_kind=kind, is_active=True).prefetch_related("tiers"))
    )
    for purchase in purchases:
        rule = _rule_of(volume_rules, purchase)
        if rule is None:
            continue
        found = volume_rebate(
            rule.measure, [Tier(t.threshold, t.rate_percent) for t in rule.tiers.all()], purchase
        )
        if found is not None:
            lines.append(
                RebateLine(
                    distributor_id=purchase.distributor_id,
                    kind=RebateLineKind.VOLUME,
                    volume_rule=rule,
                    rule_name=rule.name,
                    purchase_quantity=purchase.quantity,
                    purchase_amount=purchase.amount,
                    tier_threshold=found.tier.threshold,
                    rate_percent=found.tier.rate_percent,
                    amount_fen=found.amount_fen,
                )
            )
    bonus_rules = _by_level(list(BonusRule.objects.filter(period_kind=kind, is_active=True)))
    contests: dict[int, list[Purchase]] = defaultdict(list)
    for purchase in purchases:
        rule = _rule_of(bonus_rules, purchase)
        if rule is not None:
            contests[rule.pk].append(purchase)
    for rule in bonus_rules.values():
        shares = bonus_shares(
            rule.mode,
            contests.get(rule.pk, []),
            rank_fen=[to_fen(Decimal(amount)) for amount in rule.rank_amounts],
            pool_fen=to_fen(rule.pool_amount),
        )
        lines += [
            RebateLine(
                distributor_id=share.purchase.distributor_id,
                kind=RebateLineKind.BONUS,
                bonus_rule=rule,
                rule_name=rule.name,
                purchase_quantity=share.purchase.quantity,
                purchase_amount=share.purchase.amount,
                rank=share.rank,
                tied=share.tied,
                amount_fen=share.amount_fen,
            )
            for share in shares
        ]
    return lines


def rebate_run_compute(*, actor: Actor, period_kind: Any, period_start: Any) -> RebateRun:
    """The run of a closed period, computed (or computed again while it is a draft)."""
    acting = require_network_manager(actor)
    kind = _kind(period_kind)
    start = clean_period_start(period_start, kind)
    if not is_closed(kind, start):
        raise InvalidInput(
            _("Rebates are computed after the period ends."), code="period_not_closed", field="period_start"
        )
    try:
        return _compute(acting, kind, start)
    except IntegrityError as exc:  # the same period's first run, made at the same moment elsewhere
        raise InvalidInput(
            _("This period's run was just computed elsewhere; look at it again."),
            code="run_conflict",
            field="period_start",
        ) from exc


def _compute(acting: Actor, kind: str, start: date) -> RebateRun:
    with transaction.atomic():
        run = RebateRun.objects.select_for_update().filter(period_kind=kind, period_start=start).first()
        if run is not None and run.status != RunStatus.DRAFT:
            raise InvalidInput(
                _("This run has been reviewed; it is no longer computed again."),
                code="run_not_draft",
                field="period_start",
            )
        if run is None:
            run = RebateRun(
                number=next_document_number("RB"),
                period_kind=kind,
                period_start=start,
                period_end=period_end(kind, start),
            )
        lines = compute_lines(kind, start)
        run.line_count = len(lines)
        run.total_fen = sum(line.amount_fen for line in lines)
        run.computed_at = timezone.now()
        run.computed_by_kind = actor_kind(acting)
        run.computed_by_label = actor_label(acting)[:120]
        run.save()
        RebateLine.objects.filter(run=run).delete()
        for line in lines:
            line.run = run
        RebateLine.objects.bulk_create(lines, batch_size=2000)
    return run


def _locked_run(run_id: Any) -> RebateRun:
    pk = parse_id(run_id)
    run = RebateRun.objects.select_for_update().filter(pk=pk).first() if pk is not None else None
    if run is None:
        raise NotFound(_("Rebate run not found."), field="id")
    return run


def rebate_run_approve(*, actor: Actor, run_id: Any, note: str = "") -> RebateRun:
    """draft → approved: reviewed, ready to post."""
    acting = require_network_manager(actor)
    cleaned = clean_text(note, "note", 200)
    with transaction.atomic():
        run = _locked_run(run_id)
        if run.status != RunStatus.DRAFT:
            raise InvalidInput(_("Only a draft run is approved."), code="run_not_draft", field="id")
        run.status, run.review_note = RunStatus.APPROVED, cleaned
        run.approved_by, run.approved_at = user_of(acting), timezone.now()
        run.save(update_fields=["status", "review_note", "approved_by", "approved_at"])
    return run


def rebate_run_post(*, actor: Actor, run_id: Any) -> RebateRun:
    """approved → posted: each line credits the distributor's rebate balance, once."""
    acting = require_wallet_poster(actor)
    with transaction.atomic():
        run = _locked_run(run_id)
        if run.status != RunStatus.APPROVED:
            code, message = (
                ("run_already_posted", _("This run is posted already."))
                if run.status == RunStatus.POSTED
                else ("run_not_approved", _("Approve the run before posting it."))
            )
            raise InvalidInput(message, code=code, field="id")
        label = period_label(run.period_kind, run.period_start)
        lines = list(RebateLine.objects.filter(run=run).order_by("distributor_id", "id"))
        stamp = actor_stamp(acting)
        for line in lines:
            (entry,) = wallet_post(
                actor=acting,
                distributor_id=line.distributor_id,
                postings=[Posting(WalletKind.REBATE, WalletPocket.REBATE, line.amount_fen)],
                reference=run.number,
                note=(_("Rebate %(period)s: %(rule)s") % {"period": label, "rule": line.rule_name})[:200],
            )
            line.wallet_entry = entry
            posted = RebatePosted.of(
                line, run_number=run.number, period_kind=run.period_kind, period_start=run.period_start
            )
            emit(posted, by=stamp)
        RebateLine.objects.bulk_update(lines, ["wallet_entry"], batch_size=500)
        run.status, run.posted_by, run.posted_at = RunStatus.POSTED, user_of(acting), timezone.now()
        run.save(update_fields=["status", "posted_by", "posted_at"])
    return run


def rebate_runs_due() -> list[RebateRun]:
    """For the periodic job: the month and quarter that last closed (workspace time), computed
    once each when the workspace has an active rule of that kind; a run already there is left
    as it is (people compute it again while it is a draft)."""
    made = []
    for kind in PeriodKind.values:
        has_rules = (
            VolumeRebateRule.objects.filter(period_kind=kind, is_active=True).exists()
            or BonusRule.objects.filter(period_kind=kind, is_active=True).exists()
        )
        start = last_closed(kind)
        if has_rules and not RebateRun.objects.filter(period_kind=kind, period_start=start).exists():
            made.append(rebate_run_compute(actor=REBATE_JOB, period_kind=kind, period_start=start))
    return made
