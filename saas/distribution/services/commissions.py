"""Commission rules and settlements (writes), for distribution.manage.

- `commission_rules_save` saves the whole rule set as a new version, in force from then on for
  orders that complete afterwards (what already accrued keeps the rule it used). The law's depth
  limit and the workspace's own cap are checked by saas/distribution/commission_rules.py.
- `commission_settlement_create` settles a month that has closed (the workspace's time zone):
  the month is locked (later accruals and clawbacks of it land in the next open month), each
  earner gets a statement whose lines are its entries of the month, every one of them, and the
  statement's total is their sum. One INSERT … SELECT … GROUP BY writes them, whatever the size;
  the entries themselves are not touched (a locked month's entries are fixed, so "the earner's
  entries of the month" names a statement's lines for good).
- `commission_settlement_post` credits each statement's total to the earner's wallet as one
  `commission` entry (cash pocket), once: the settlement row is locked and must still be a draft.
  A statement that sums to less than zero (clawbacks after goods came back) debits the wallet,
  which may then go below zero: the distributor owes it back. Each statement emits
  `commission_statement.posted` (its entry, `wallet.entry_posted`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_kind, actor_label, actor_stamp, user_of
from saas.core.domain_events import emit
from saas.core.errors import InvalidInput, NotFound
from saas.core.idempotency import run_once
from saas.core.ids import parse_id
from saas.core.inputs import clean_text
from saas.core.numbering import next_document_number
from saas.distribution.access import require_network_manager, require_wallet_poster
from saas.distribution.commission_models import (
    CommissionPeriod,
    CommissionRule,
    CommissionRuleSet,
    CommissionSettlement,
    CommissionStatement,
    SettlementStatus,
)
from saas.distribution.commission_rules import CommissionRuleInput, clean_commission_rules, clean_max_depth
from saas.distribution.events import CommissionStatementPosted
from saas.distribution.models import WalletKind, WalletPocket
from saas.distribution.periods import MONTH, clean_period_start, is_closed, period_label
from saas.distribution.services.wallet import Posting, wallet_post


def commission_rules_save(
    *,
    actor: Actor,
    rules: Sequence[CommissionRuleInput],
    max_depth: Any = None,
    note: str = "",
    idempotency_key: str | None = None,
) -> CommissionRuleSet:
    """The workspace's rules as a new version (the whole set: rules left out are no longer paid)."""
    acting = require_network_manager(actor)
    depth = clean_max_depth(max_depth)
    cleaned = clean_commission_rules(rules, max_depth=depth)
    cleaned_note = clean_text(note, "note", 200)

    def write() -> dict[str, int]:
        # The table lock makes concurrent saves take versions one after the other.
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {CommissionRuleSet._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
        version = (CommissionRuleSet.objects.aggregate(top=Max("version"))["top"] or 0) + 1
        rule_set = CommissionRuleSet.objects.create(
            version=version, max_depth=depth, note=cleaned_note, created_by=user_of(acting)
        )
        CommissionRule.objects.bulk_create(
            CommissionRule(
                rule_set=rule_set,
                depth=spec.depth,
                level_id=spec.level_id,
                category_id=spec.category_id,
                basis=spec.basis,
                rate_percent=spec.rate_percent,
            )
            for spec in cleaned
        )
        return {"pk": rule_set.pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(acting), key=idempotency_key, operation="commission_rules_save", write=write
        )
    saved = CommissionRule.objects.select_related("level", "category").order_by("depth", "id")
    return CommissionRuleSet.objects.prefetch_related(Prefetch("rules", queryset=saved)).get(pk=result["pk"])


def _locked_period(month: date) -> CommissionPeriod:
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO distribution_commissionperiod (month) VALUES (%s) ON CONFLICT (month) DO NOTHING",
            [month],
        )
    return CommissionPeriod.objects.select_for_update().get(month=month)


def commission_settlement_create(*, actor: Actor, month: Any) -> CommissionSettlement:
    """Settle a closed month: lock it and write a statement per earner (draft, for review)."""
    acting = require_network_manager(actor)
    first = clean_period_start(month, MONTH, "month")
    if not is_closed(MONTH, first):
        raise InvalidInput(_("A month is settled after it ends."), code="period_not_closed", field="month")
    with transaction.atomic():
        # Waits for accruals still landing in the month (they hold it in SHARE mode).
        period = _locked_period(first)
        if CommissionSettlement.objects.filter(period=period).exists():
            raise InvalidInput(
                _("%(month)s is settled already.") % {"month": period_label(MONTH, first)},
                code="period_already_settled",
                field="month",
            )
        period.locked_at = timezone.now()
        period.save(update_fields=["locked_at"])
        settlement = CommissionSettlement.objects.create(
            number=next_document_number("CS"),
            period=period,
            created_by=user_of(acting),
            actor_kind=actor_kind(acting),
            actor_label=actor_label(acting)[:120],
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO distribution_commissionstatement (settlement_id, distributor_id, total_fen, "
                "line_count) SELECT %s, earner_id, SUM(commission_fen), COUNT(*) "
                "FROM distribution_commissionentry WHERE period_id = %s GROUP BY earner_id ORDER BY earner_id",
                [settlement.pk, period.pk],
            )
            cursor.execute(
                "SELECT COUNT(*), COALESCE(SUM(line_count), 0), COALESCE(SUM(total_fen), 0) "
                "FROM distribution_commissionstatement WHERE settlement_id = %s",
                [settlement.pk],
            )
            row = cursor.fetchone()
        assert row is not None
        settlement.statement_count, settlement.line_count, settlement.total_fen = (int(v) for v in row)
        settlement.save(update_fields=["statement_count", "line_count", "total_fen"])
    return settlement


def _settlement_not_found() -> NotFound:
    return NotFound(_("Settlement not found."), field="id")


def commission_settlement_post(*, actor: Actor, settlement_id: Any) -> CommissionSettlement:
    """Credit every statement of a draft settlement to its wallet; posting again is refused."""
    acting = require_wallet_poster(actor)
    pk = parse_id(settlement_id)
    if pk is None:
        raise _settlement_not_found()
    with transaction.atomic():
        settlement = (
            CommissionSettlement.objects.select_for_update(of=("self",))
            .select_related("period")
            .filter(pk=pk)
            .first()
        )
        if settlement is None:
            raise _settlement_not_found()
        if settlement.status != SettlementStatus.DRAFT:
            raise InvalidInput(
                _("This settlement is posted already."), code="settlement_already_posted", field="id"
            )
        label = period_label(MONTH, settlement.period.month)
        note = _("Commission %(month)s") % {"month": label}
        posted: list[tuple[int, int]] = []
        stamp = actor_stamp(acting)
        for statement_id, distributor_id, total, line_count in (
            CommissionStatement.objects.filter(settlement=settlement)
            .order_by("distributor_id")
            .values_list("id", "distributor_id", "total_fen", "line_count")
        ):
            entry_id = None
            if total:  # a statement summing to zero moves no wallet
                (entry,) = wallet_post(
                    actor=acting,
                    distributor_id=distributor_id,
                    postings=[Posting(WalletKind.COMMISSION, WalletPocket.CASH, total)],
                    reference=settlement.number,
                    note=note,
                    allow_negative=True,
                )
                entry_id = entry.pk
                posted.append((statement_id, entry.pk))
            emit(
                CommissionStatementPosted.of(
                    settlement,
                    statement_id=statement_id,
                    distributor_id=distributor_id,
                    line_count=line_count,
                    total_fen=total,
                    wallet_entry_id=entry_id,
                ),
                by=stamp,
            )
        _link_entries(posted)
        settlement.status = SettlementStatus.POSTED
        settlement.posted_at = timezone.now()
        settlement.posted_by = user_of(acting)
        settlement.save(update_fields=["status", "posted_at", "posted_by"])
    return settlement


def _link_entries(posted: list[tuple[int, int]], chunk: int = 10_000) -> None:
    """Statement → its wallet entry, by UPDATE … FROM unnest(arrays) (bulk_update's CASE per row
    is slow), a chunk at a time."""
    with connection.cursor() as cursor:
        for start in range(0, len(posted), chunk):
            part = posted[start : start + chunk]
            cursor.execute(
                "UPDATE distribution_commissionstatement s SET wallet_entry_id = v.entry "
                "FROM unnest(%s::bigint[], %s::bigint[]) AS v(statement, entry) WHERE s.id = v.statement",
                [[pair[0] for pair in part], [pair[1] for pair in part]],
            )
