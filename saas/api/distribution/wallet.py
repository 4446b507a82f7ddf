"""Wallet mutations: finance records what moved outside Sparrow, each with its reference —
prepayments in, payouts out, adjustments with their reason (finance.manage). Sparrow records
money; it never moves it."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.types import Info

from saas.api.choices import model_value
from saas.api.distribution.enums import WalletPocket
from saas.api.distribution.types import WalletEntryPayload, WalletEntryType
from saas.api.errors import run_service
from saas.api.permissions import current_actor
from saas.distribution.services import wallet

DistributorId = Annotated[strawberry.ID, strawberry.argument(description="Whose wallet.")]
Amount = Annotated[Decimal, strawberry.argument(description="Yuan, positive, at most 2 decimals.")]
Reference = Annotated[
    str, strawberry.argument(description="The bank serial, transaction id or voucher (required, at most 60).")
]
Note = Annotated[str | None, strawberry.argument(description="Free text (at most 200).")]


def _entry(call: object) -> WalletEntryPayload:
    entry, errors = run_service(call)  # type: ignore[arg-type]
    return WalletEntryPayload(entry=WalletEntryType.of(entry) if entry else None, errors=errors)


@strawberry.type
class WalletMutations:
    @strawberry.mutation(description="Record money a distributor paid in (预付款): credits its cash balance.")
    def wallet_prepayment_record(
        self,
        info: Info,
        distributor_id: DistributorId,
        amount: Amount,
        reference: Reference,
        note: Note = None,
        idempotency_key: str | None = None,
    ) -> WalletEntryPayload:
        return _entry(
            lambda: wallet.wallet_prepayment_record(
                actor=current_actor(info),
                distributor_id=distributor_id,
                amount=amount,
                reference=reference,
                note=note or "",
                idempotency_key=idempotency_key,
            )
        )

    @strawberry.mutation(
        description="Record money paid out to a distributor (提现) from its cash balance; "
        "insufficient_balance beyond it."
    )
    def wallet_payout_record(
        self,
        info: Info,
        distributor_id: DistributorId,
        amount: Amount,
        reference: Reference,
        note: Note = None,
        idempotency_key: str | None = None,
    ) -> WalletEntryPayload:
        return _entry(
            lambda: wallet.wallet_payout_record(
                actor=current_actor(info),
                distributor_id=distributor_id,
                amount=amount,
                reference=reference,
                note=note or "",
                idempotency_key=idempotency_key,
            )
        )

    @strawberry.mutation(description="Correct a wallet's balance, with the reason; never below zero.")
    def wallet_adjust(
        self,
        info: Info,
        distributor_id: DistributorId,
        amount: Annotated[Decimal, strawberry.argument(description="Yuan, signed: negative takes off.")],
        note: Annotated[str, strawberry.argument(description="Why (required, at most 200).")],
        pocket: Annotated[
            WalletPocket | None,  # type: ignore[valid-type]
            strawberry.argument(description="The balance to correct; null: CASH."),
        ] = None,
        reference: Annotated[
            str | None, strawberry.argument(description="A document behind it, if any.")
        ] = None,
        idempotency_key: str | None = None,
    ) -> WalletEntryPayload:
        return _entry(
            lambda: wallet.wallet_adjust(
                actor=current_actor(info),
                distributor_id=distributor_id,
                amount=amount,
                note=note,
                pocket=model_value(pocket) or "cash",
                reference=reference or "",
                idempotency_key=idempotency_key,
            )
        )
