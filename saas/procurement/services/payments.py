"""Payments to suppliers (付款): positive amounts, recorded once per idempotency key.

Paying more than is owed is allowed on purpose: prepayment (预付款) is common, and shows as a
negative balance on the payables.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from saas.accounts.actors import Actor, actor_stamp, user_of
from saas.core.clock import tenant_today
from saas.core.idempotency import run_once
from saas.core.tenancy import current_tenant
from saas.procurement.access import require_payer
from saas.procurement.models import SupplierPayment
from saas.procurement.services.inputs import clean_amount, clean_text, find_supplier


def supplier_payment_record(
    *,
    actor: Actor,
    supplier_id: Any,
    amount: Any,
    paid_on: date | None = None,
    method: str = "",
    reference: str = "",
    note: str = "",
    idempotency_key: str | None = None,
) -> SupplierPayment:
    require_payer(actor)
    cleaned = clean_amount(amount, "amount")
    method = clean_text(method, "method", 20)
    reference = clean_text(reference, "reference", 60)
    note = clean_text(note, "note", 200)

    def write() -> dict[str, int]:
        # Inactive suppliers still get paid what they are owed.
        supplier = find_supplier(supplier_id)
        payment = SupplierPayment.objects.create(
            supplier=supplier,
            amount=cleaned,
            currency=current_tenant().currency,
            paid_on=paid_on or tenant_today(),
            method=method,
            reference=reference,
            note=note,
            created_by=user_of(actor),
        )
        return {"pk": payment.pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(actor), key=idempotency_key, operation="supplier_payment_record", write=write
        )
    return SupplierPayment.objects.get(pk=result["pk"])
