"""The wallets (writes): entries appended and balances moved together, under the wallet's lock.

`wallet_post` is the one door: it locks the distributor's balance row, checks each posting
against the locked balance (a debit may not take a pocket below zero unless the caller says
so), appends the entries, saves the balances and emits `wallet.entry_posted` per entry, all in
the caller's transaction. Finance records what moved outside Sparrow, each with its reference
(a bank serial, a voucher): prepayments in, payouts out, and adjustments with their reason.
Sparrow never moves money.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_kind, actor_label, actor_stamp, user_of
from saas.core.domain_events import emit
from saas.core.errors import InvalidInput
from saas.core.idempotency import run_once
from saas.core.inputs import clean_decimal, clean_text, too_precise
from saas.core.numbering import next_document_number
from saas.distribution.access import require_wallet_recorder
from saas.distribution.events import WalletEntryPosted
from saas.distribution.models import Wallet, WalletEntry, WalletKind, WalletPocket
from saas.distribution.services.common import MAX_MONEY, find_distributor, to_fen
from saas.sales.models import SalesOrder
from saas.sales.services.inputs import clean_amount


@dataclass(frozen=True)
class Posting:
    kind: str
    pocket: str
    amount_fen: int


def insufficient(pocket: str, field: str = "amount") -> InvalidInput:
    if pocket == WalletPocket.REBATE:
        return InvalidInput(
            _("The rebate balance is not enough for this."), code="insufficient_rebate", field=field
        )
    return InvalidInput(
        _("The wallet balance is not enough for this."), code="insufficient_balance", field=field
    )


def wallet_post(
    *,
    actor: Actor,
    distributor_id: int,
    postings: list[Posting],
    reference: str = "",
    order: SalesOrder | None = None,
    note: str = "",
    allow_negative: bool = False,
    field: str = "amount",
) -> list[WalletEntry]:
    """Append the postings to the distributor's wallet and move its balances, in the caller's
    transaction; a debit beyond a pocket's balance is refused (`insufficient_balance`,
    `insufficient_rebate`) unless `allow_negative` (a clawback may owe the workspace)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("wallet_post runs inside its caller's transaction")
    wallet = Wallet.objects.select_for_update().get(distributor_id=distributor_id)
    entries: list[WalletEntry] = []
    for posting in postings:
        column = "rebate_fen" if posting.pocket == WalletPocket.REBATE else "cash_fen"
        after = getattr(wallet, column) + posting.amount_fen
        if posting.amount_fen < 0 and after < 0 and not allow_negative:
            raise insufficient(posting.pocket, field)
        setattr(wallet, column, after)
        entries.append(
            WalletEntry(
                number=next_document_number("WE"),
                distributor_id=distributor_id,
                kind=posting.kind,
                pocket=posting.pocket,
                amount_fen=posting.amount_fen,
                balance_after_fen=after,
                reference=reference,
                order=order,
                note=note,
                actor=user_of(actor),
                actor_kind=actor_kind(actor),
                actor_label=actor_label(actor)[:120],
            )
        )
    WalletEntry.objects.bulk_create(entries)
    wallet.save(update_fields=["cash_fen", "rebate_fen", "updated_at"])
    stamp = actor_stamp(actor)
    for entry in entries:
        emit(WalletEntryPosted.of(entry), by=stamp)
    return entries


def _signed_amount(value: Any) -> Decimal:
    amount = clean_decimal(value, "amount", "amount_invalid")
    if amount == 0 or abs(amount) >= MAX_MONEY or too_precise(amount, 2):
        raise InvalidInput(
            _("Amounts are not zero, with at most 2 decimals."), code="amount_invalid", field="amount"
        )
    return amount


def _record(
    *,
    actor: Actor,
    operation: str,
    distributor_id: Any,
    posting: Posting,
    reference: str,
    note: str,
    idempotency_key: str | None,
) -> WalletEntry:
    def write() -> dict[str, int]:
        distributor = find_distributor(distributor_id)
        (entry,) = wallet_post(
            actor=actor, distributor_id=distributor.pk, postings=[posting], reference=reference, note=note
        )
        return {"pk": entry.pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(actor), key=idempotency_key, operation=operation, write=write
        )
    return WalletEntry.objects.select_related("distributor__customer").get(pk=result["pk"])


def wallet_prepayment_record(
    *,
    actor: Actor,
    distributor_id: Any,
    amount: Any,
    reference: str,
    note: str = "",
    idempotency_key: str | None = None,
) -> WalletEntry:
    """Money the distributor paid in (预付款), as finance saw it arrive: `reference` is the bank
    serial or transaction id."""
    user = require_wallet_recorder(actor)
    fen = to_fen(clean_amount(amount, "amount"))
    return _record(
        actor=user,
        operation="wallet_prepayment_record",
        distributor_id=distributor_id,
        posting=Posting(WalletKind.PREPAYMENT, WalletPocket.CASH, fen),
        reference=clean_text(reference, "reference", 60, required=True),
        note=clean_text(note, "note", 200),
        idempotency_key=idempotency_key,
    )


def wallet_payout_record(
    *,
    actor: Actor,
    distributor_id: Any,
    amount: Any,
    reference: str,
    note: str = "",
    idempotency_key: str | None = None,
) -> WalletEntry:
    """Money the workspace paid out to the distributor (提现), from its cash balance: `reference`
    is the payment voucher. More than the balance is refused (`insufficient_balance`)."""
    user = require_wallet_recorder(actor)
    fen = to_fen(clean_amount(amount, "amount"))
    return _record(
        actor=user,
        operation="wallet_payout_record",
        distributor_id=distributor_id,
        posting=Posting(WalletKind.PAYOUT, WalletPocket.CASH, -fen),
        reference=clean_text(reference, "reference", 60, required=True),
        note=clean_text(note, "note", 200),
        idempotency_key=idempotency_key,
    )


def wallet_adjust(
    *,
    actor: Actor,
    distributor_id: Any,
    amount: Any,
    note: str,
    pocket: str = WalletPocket.CASH,
    reference: str = "",
    idempotency_key: str | None = None,
) -> WalletEntry:
    """A correction of one pocket by `amount` (signed: negative takes off), with its reason. It
    may not take the pocket below zero."""
    user = require_wallet_recorder(actor)
    if pocket not in WalletPocket.values:
        raise InvalidInput(_("Unknown pocket."), code="pocket_invalid", field="pocket")
    fen = to_fen(_signed_amount(amount))
    return _record(
        actor=user,
        operation="wallet_adjust",
        distributor_id=distributor_id,
        posting=Posting(WalletKind.ADJUSTMENT, pocket, fen),
        reference=clean_text(reference, "reference", 60),
        note=clean_text(note, "note", 200, required=True),
        idempotency_key=idempotency_key,
    )
