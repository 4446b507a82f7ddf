"""Money from and back to customers (收款登记, 退款): receipts, their allocation to orders, refunds.

A payment receipt is allocated to orders, each allocation at most the order's balance due; what
is left is the customer's prepayment (`unallocated_amount`), allocated later. A refund is a
receipt of kind `refund`: either against one order that has received more than its goods (less
returns) are worth, lowering its received amount, or out of the customer's prepayments, oldest
first. Voiding a receipt undoes exactly what it did; its rows stay, marked void, for the audit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import DecimalField, F, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp, user_of
from saas.core.domain_events import emit
from saas.core.errors import FieldProblem, InvalidInput, NotFound
from saas.core.idempotency import run_once
from saas.core.ids import clean_id
from saas.core.inputs import clean_text
from saas.core.models import DocumentEvent
from saas.core.numbering import next_document_number
from saas.core.sync import TOUCH
from saas.core.tenancy import current_tenant
from saas.core.transitions import TransitionTable
from saas.customers.models import Customer
from saas.finance.events import ReceiptRecorded
from saas.finance.models import PaymentMethod, Receipt, ReceiptAllocation, ReceiptKind
from saas.finance.services.receivables import (
    OrderAmount,
    clean_order_amounts,
    clean_past_date,
    find_customer,
    lock_customer_orders,
    lock_orders_by_id,
    refundable_on,
    require_finance_manager,
)
from saas.sales.models import SalesOrder, SalesReturn
from saas.sales.selectors.returns import RETURN_DOC
from saas.sales.services.documents import add_to_order
from saas.sales.services.inputs import clean_amount

# Receipts have no status column, only is_void; their history is still one event per change.
RECEIPT_DOC = "receipt"
RECORDED, VOID = "recorded", "void"
RECEIPT_EVENTS = TransitionTable(RECEIPT_DOC, {RECORDED: {VOID}})
MAX_NAMED = 3  # other receipts named in a reused-reference warning


@dataclass(frozen=True)
class MoneyDetails:
    """How money moved, as the person recording it typed it."""

    method: str = PaymentMethod.BANK
    on: Any = None  # the day; None = today in the workspace
    reference: str = ""
    note: str = ""


def clean_money_details(details: MoneyDetails, date_field: str) -> tuple[str, date, str, str]:
    if details.method not in PaymentMethod.values:
        raise InvalidInput(_("Unknown payment method."), code="method_invalid", field="method")
    return (
        details.method,
        clean_past_date(details.on, date_field),
        clean_text(details.reference, "reference", 60),
        clean_text(details.note, "note", 200),
    )


def _lock_allocated(
    actor: Actor, customer: Customer, pairs: list[tuple[int | None, Decimal]]
) -> list[SalesOrder]:
    """Lock the orders of the allocations, before any document number is taken: the refund path
    locks an order and then numbers, so the other order would deadlock."""
    if not pairs:
        return []
    return lock_customer_orders(actor, customer, [pk for pk, _amount in pairs], "allocations")


def _check_allocations(
    orders: list[SalesOrder], pairs: list[tuple[int | None, Decimal]], available: Decimal
) -> None:
    """Each allocation fits its (locked) order's balance, and all of them the money available."""
    total = sum((amount for _pk, amount in pairs), Decimal(0))
    if total > available:
        raise InvalidInput(
            _("The allocations add up to %(total)s, more than the %(left)s left on the receipt.")
            % {"total": total, "left": available},
            code="exceeds_unallocated",
            field="allocations",
        )
    problems = [
        FieldProblem(
            f"allocations.{index}.amount",
            "exceeds_balance",
            _("Order %(number)s has only %(due)s due.") % {"number": order.number, "due": order.balance_due},
        )
        for index, (order, (_pk, amount)) in enumerate(zip(orders, pairs, strict=True))
        if amount > order.balance_due
    ]
    if problems:
        raise InvalidInput(problems=problems)


def _same_reference(customer: Customer, reference: str, amount: Decimal, *, confirmed: bool) -> list[str]:
    """The numbers of live payments that carry this reference (bank serial, transaction id).

    One with the same customer and amount is most likely this very payment typed in twice: it
    is refused unless the person recording confirms it is a second payment. The customer row is
    locked first, so two identical receipts entered at once are weighed one after the other; it
    is taken after the orders, in the order the credit check takes them (order, then customer).
    """
    if not reference:
        return []
    Customer.objects.select_for_update().filter(pk=customer.pk).values_list("pk", flat=True).get()
    others = list(
        Receipt.objects.filter(kind=ReceiptKind.PAYMENT, is_void=False, reference__iexact=reference)
        .exclude(reference="")  # lets the partial index on the reference serve the lookup
        .order_by("pk")
        .values("number", "customer_id", "amount", "received_on")
    )
    same = next((r for r in others if r["customer_id"] == customer.pk and r["amount"] == amount), None)
    if same is not None and not confirmed:
        raise InvalidInput(
            _(
                "Receipt %(number)s of %(day)s has the same reference, customer and amount. "
                "Record this one only if it is another payment."
            )
            % {"number": same["number"], "day": same["received_on"].isoformat()},
            code="receipt_duplicate",
            field="reference",
        )
    return [r["number"] for r in others]


def reference_warnings(reference: str, reused_by: Sequence[str]) -> list[FieldProblem]:
    """What a recorded receipt's caller should know: its reference is on other receipts too."""
    if not reused_by:
        return []
    shown = ", ".join(reused_by[:MAX_NAMED])
    if len(reused_by) > MAX_NAMED:
        shown += " …"
    return [
        FieldProblem(
            "reference",
            "receipt_reference_reused",
            _("Reference %(reference)s is also on receipt %(numbers)s; check it is not the same money.")
            % {"reference": reference, "numbers": shown},
        )
    ]


def _allocate(receipt: Receipt, orders: list[SalesOrder], pairs: list[tuple[int | None, Decimal]]) -> None:
    """Write checked allocations of a (locked or new) payment receipt to (locked) orders."""
    existing = {a.order_id: a for a in receipt.allocations.filter(order__in=orders)}
    for order, (_pk, amount) in zip(orders, pairs, strict=True):
        if order.pk in existing:  # a second allocation to the same order adds to the first
            ReceiptAllocation.objects.filter(pk=existing[order.pk].pk).update(amount=F("amount") + amount)
        else:
            ReceiptAllocation.objects.create(receipt=receipt, order=order, amount=amount)
        add_to_order(order.pk, "received_amount", amount)
    total = sum((amount for _pk, amount in pairs), Decimal(0))
    Receipt.objects.filter(pk=receipt.pk).update(
        unallocated_amount=F("unallocated_amount") - total, updated_at=TOUCH
    )


def receipt_record(
    *,
    actor: Actor,
    customer_id: Any,
    amount: Any,
    details: MoneyDetails | None = None,
    allocations: Sequence[OrderAmount] = (),
    confirm_duplicate: bool = False,
    idempotency_key: str | None = None,
) -> Receipt:
    """Money received from a customer, allocated to orders now or (the rest) later."""
    receipt, _warnings = receipt_record_with_warnings(
        actor=actor,
        customer_id=customer_id,
        amount=amount,
        details=details,
        allocations=allocations,
        confirm_duplicate=confirm_duplicate,
        idempotency_key=idempotency_key,
    )
    return receipt


def receipt_record_with_warnings(
    *,
    actor: Actor,
    customer_id: Any,
    amount: Any,
    details: MoneyDetails | None = None,
    allocations: Sequence[OrderAmount] = (),
    confirm_duplicate: bool = False,
    idempotency_key: str | None = None,
) -> tuple[Receipt, list[FieldProblem]]:
    """receipt_record, with the problems that did not stop it (a reference on other receipts).

    A live payment with the same reference, customer and amount refuses the receipt
    (`receipt_duplicate`) unless `confirm_duplicate`; a retry with the same idempotency key
    returns the first receipt and its warnings.
    """
    require_finance_manager(actor)
    total = clean_amount(amount, "amount")
    method, received_on, reference, note = clean_money_details(details or MoneyDetails(), "receivedOn")
    pairs = clean_order_amounts(list(allocations), "allocations", required=False)

    def write() -> dict[str, Any]:
        customer = find_customer(actor, customer_id)
        orders = _lock_allocated(actor, customer, pairs)
        reused_by = _same_reference(customer, reference, total, confirmed=confirm_duplicate)
        _check_allocations(orders, pairs, total)
        receipt = Receipt.objects.create(
            number=next_document_number("RC"),
            customer=customer,
            kind=ReceiptKind.PAYMENT,
            method=method,
            amount=total,
            unallocated_amount=total,
            received_on=received_on,
            reference=reference,
            note=note,
            created_by=user_of(actor),
        )
        if pairs:
            _allocate(receipt, orders, pairs)
        RECEIPT_EVENTS.record(by=actor_stamp(actor), document=receipt, from_status="", to_status=RECORDED)
        emit(ReceiptRecorded.of(receipt, current_tenant().currency), by=actor_stamp(actor))
        return {"pk": receipt.pk, "reused_by": reused_by}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(actor), key=idempotency_key, operation="receipt_record", write=write
        )
    receipt = Receipt.objects.get(pk=result["pk"])
    return receipt, reference_warnings(receipt.reference, result.get("reused_by", []))


def _locked_receipt(receipt_id: Any) -> Receipt:
    pk = clean_id(receipt_id, "id", _("Receipt not found."))
    receipt = Receipt.objects.select_for_update().select_related("customer").filter(pk=pk).first()
    if receipt is None:
        raise NotFound(_("Receipt not found."), field="id")
    return receipt


def receipt_allocate(
    *, actor: Actor, receipt_id: Any, allocations: Sequence[OrderAmount], idempotency_key: str | None = None
) -> Receipt:
    """Allocate what is left of a payment (a prepayment) to orders."""
    require_finance_manager(actor)
    pairs = clean_order_amounts(list(allocations), "allocations", required=True)

    def write() -> dict[str, int]:
        receipt = _locked_receipt(receipt_id)
        if receipt.is_void:
            raise InvalidInput(_("This receipt is void."), code="receipt_void", field="id")
        if receipt.kind != ReceiptKind.PAYMENT:
            raise InvalidInput(_("Only a payment can be allocated."), code="not_a_payment", field="id")
        orders = _lock_allocated(actor, receipt.customer, pairs)
        _check_allocations(orders, pairs, receipt.unallocated_amount)
        _allocate(receipt, orders, pairs)
        return {"pk": receipt.pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(actor), key=idempotency_key, operation="receipt_allocate", write=write
        )
    return Receipt.objects.get(pk=result["pk"])


def _allocated(receipt: Receipt) -> Decimal:
    money = DecimalField(max_digits=18, decimal_places=2)
    total = receipt.allocations.aggregate(
        total=Coalesce(Sum("amount"), Value(Decimal(0)), output_field=money)
    )["total"]
    return Decimal(total)


def _refunded_from(receipt: Receipt) -> Decimal:
    """How much of a payment went back out as prepayment refunds."""
    return receipt.amount - receipt.unallocated_amount - _allocated(receipt)


def _settled_return_number(refund: Receipt) -> str | None:
    """The return this refund settles: its settle event names the refund (settlements.return_settle)."""
    event = DocumentEvent.objects.filter(doc_type=RETURN_DOC, to_status="settled", note=refund.number).first()
    if event is None:
        return None
    return SalesReturn.objects.filter(pk=event.doc_id).values_list("number", flat=True).first()


@transaction.atomic
def receipt_void(*, actor: Actor, receipt_id: Any, note: str = "") -> Receipt:
    """Undo a receipt entered by mistake: its allocations leave the orders, its prepayment is gone;
    a voided refund puts the money back where it came from."""
    require_finance_manager(actor)
    note = clean_text(note, "note", 200)
    receipt = _locked_receipt(receipt_id)
    if receipt.is_void:
        raise InvalidInput(_("This receipt is already void."), code="already_void", field="id")
    allocations = list(receipt.allocations.all())
    if receipt.kind == ReceiptKind.PAYMENT:
        if _refunded_from(receipt) > 0:
            raise InvalidInput(
                _("Part of this payment was refunded; void the refund first."),
                code="receipt_refunded",
                field="id",
            )
        sign = Decimal(-1)
    else:
        settled = _settled_return_number(receipt)
        if settled is not None:
            raise InvalidInput(
                _("This refund settles return %(number)s and cannot be voided.") % {"number": settled},
                code="refund_settles_return",
                field="id",
            )
        sign = Decimal(1)
        if not allocations:
            _restore_prepayment(receipt.customer, receipt.amount)
    orders = lock_orders_by_id([a.order_id for a in allocations])
    if sign < 0 and any(orders[a.order_id].received_amount < a.amount for a in allocations):
        # The order has since paid part of this money back (a refund after a return).
        raise InvalidInput(
            _("Part of this payment was refunded; void the refund first."),
            code="receipt_refunded",
            field="id",
        )
    for allocation in allocations:
        add_to_order(allocation.order_id, "received_amount", sign * allocation.amount)
    receipt.is_void = True
    receipt.save(update_fields=["is_void", "updated_at"])
    RECEIPT_EVENTS.record(
        by=actor_stamp(actor), document=receipt, from_status=RECORDED, to_status=VOID, note=note
    )
    return receipt


def _prepayments(customer: Customer) -> list[Receipt]:
    """The customer's payments with money left, locked in id order, to be used oldest first."""
    rows = list(
        Receipt.objects.select_for_update()
        .filter(customer=customer, kind=ReceiptKind.PAYMENT, is_void=False, unallocated_amount__gt=0)
        .order_by("pk")
    )
    return sorted(rows, key=lambda r: (r.received_on, r.pk))


def _take_prepayment(customer: Customer, amount: Decimal) -> None:
    receipts = _prepayments(customer)
    available = sum((r.unallocated_amount for r in receipts), Decimal(0))
    if amount > available:
        raise InvalidInput(
            _("The customer has only %(n)s of prepayment to refund.") % {"n": available},
            code="exceeds_prepayment",
            field="amount",
        )
    left = amount
    for receipt in receipts:
        if left <= 0:
            break
        take = min(left, receipt.unallocated_amount)
        Receipt.objects.filter(pk=receipt.pk).update(
            unallocated_amount=F("unallocated_amount") - take, updated_at=TOUCH
        )
        left -= take


def _restore_prepayment(customer: Customer, amount: Decimal) -> None:
    """Give a voided prepayment refund back to the payments it came from, newest first.

    A refund does not record which payments it drew on (the model has no such link), so the
    money returns to payments that lost money to refunds. The customer's total prepayment
    is exact either way; only which receipt holds it may differ.
    """
    money = DecimalField(max_digits=18, decimal_places=2)
    payments = list(
        Receipt.objects.select_for_update()
        .filter(customer=customer, kind=ReceiptKind.PAYMENT, is_void=False)
        .order_by("pk")
    )
    allocated = {
        row["receipt_id"]: row["total"]
        for row in ReceiptAllocation.objects.filter(receipt_id__in=[r.pk for r in payments])
        .values("receipt_id")
        .annotate(total=Sum("amount", output_field=money))
    }
    left = amount
    for receipt in sorted(payments, key=lambda r: (r.received_on, r.pk), reverse=True):
        if left <= 0:
            break
        room = receipt.amount - receipt.unallocated_amount - allocated.get(receipt.pk, Decimal(0))
        give = min(left, room)
        if give > 0:
            Receipt.objects.filter(pk=receipt.pk).update(
                unallocated_amount=F("unallocated_amount") + give, updated_at=TOUCH
            )
            left -= give


def refund_to_order(
    *,
    actor: Actor,
    order: SalesOrder,
    amount: Decimal,
    method: str,
    refunded_on: date,
    reference: str,
    note: str,
) -> Receipt:
    """A refund against one (locked) order; the caller holds the transaction."""
    refundable = refundable_on(order)
    if amount > refundable:
        raise InvalidInput(
            _("At most %(n)s can be refunded on order %(number)s.")
            % {"n": max(refundable, Decimal(0)), "number": order.number},
            code="exceeds_refundable",
            field="amount",
        )
    refund = Receipt.objects.create(
        number=next_document_number("RC"),
        customer=order.customer,
        kind=ReceiptKind.REFUND,
        method=method,
        amount=amount,
        unallocated_amount=Decimal(0),
        received_on=refunded_on,
        reference=reference,
        note=note,
        created_by=user_of(actor),
    )
    ReceiptAllocation.objects.create(receipt=refund, order=order, amount=amount)
    add_to_order(order.pk, "received_amount", -amount)
    RECEIPT_EVENTS.record(by=actor_stamp(actor), document=refund, from_status="", to_status=RECORDED)
    return refund


def refund_record(
    *,
    actor: Actor,
    customer_id: Any,
    amount: Any,
    order_id: Any = None,
    details: MoneyDetails | None = None,
    idempotency_key: str | None = None,
) -> Receipt:
    """Money paid back to a customer: against an overpaid order (after a return), or, without an
    order, out of the customer's prepayments."""
    require_finance_manager(actor)
    total = clean_amount(amount, "amount")
    method, refunded_on, reference, note = clean_money_details(details or MoneyDetails(), "refundedOn")

    def write() -> dict[str, int]:
        customer = find_customer(actor, customer_id)
        if order_id not in (None, ""):
            pk = clean_id(order_id, "orderId", _("Order not found."))
            try:
                (order,) = lock_customer_orders(actor, customer, [pk], "orders")
            except InvalidInput as exc:
                problem = exc.problems[0]
                raise InvalidInput(problem.message, code=problem.code, field="orderId") from exc
            refund = refund_to_order(
                actor=actor,
                order=order,
                amount=total,
                method=method,
                refunded_on=refunded_on,
                reference=reference,
                note=note,
            )
            return {"pk": refund.pk}
        _take_prepayment(customer, total)
        refund = Receipt.objects.create(
            number=next_document_number("RC"),
            customer=customer,
            kind=ReceiptKind.REFUND,
            method=method,
            amount=total,
            unallocated_amount=Decimal(0),
            received_on=refunded_on,
            reference=reference,
            note=note,
            created_by=user_of(actor),
        )
        RECEIPT_EVENTS.record(by=actor_stamp(actor), document=refund, from_status="", to_status=RECORDED)
        return {"pk": refund.pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(actor), key=idempotency_key, operation="refund_record", write=write
        )
    return Receipt.objects.get(pk=result["pk"])
