"""Quotations (报价单): priced lines for a customer, valid until a date; sent, accepted or rejected
by the customer, and converted into a draft sales order with the same lines.

    draft → sent → accepted → converted;  sent → rejected;  draft, sent, accepted → cancelled
    sent → converted as well: a customer who simply orders has accepted.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from enum import Enum
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp, user_of
from saas.catalog.models import Status
from saas.core.clock import tenant_today
from saas.core.errors import InvalidInput, NotFound
from saas.core.idempotency import run_once
from saas.core.numbering import next_document_number
from saas.core.tenancy import current_tenant
from saas.core.transitions import TransitionTable
from saas.sales.models import Quotation, QuotationLine, QuotationStatus, SalesOrder
from saas.sales.selectors.quotations import QUOTATION_DOC_TYPE, visible_quotations
from saas.sales.services.access import require_order_editor
from saas.sales.services.inputs import clean_date, clean_text, parse_id
from saas.sales.services.lines import CleanLine, LineInput, clean_lines
from saas.sales.services.orders import (
    customer_for_order,
    rep_for_order,
    warehouse_for_order,
    write_order,
)
from saas.sales.services.pricing import apply_totals, line_amounts

Q = QuotationStatus
QUOTATION_FLOW = TransitionTable(
    QUOTATION_DOC_TYPE,
    {
        Q.DRAFT: {Q.SENT, Q.CANCELLED},
        Q.SENT: {Q.ACCEPTED, Q.REJECTED, Q.CONVERTED, Q.CANCELLED},
        Q.ACCEPTED: {Q.CONVERTED, Q.CANCELLED},
    },
)
DEFAULT_VALIDITY = timedelta(days=30)


class Keep(Enum):
    KEEP = 0


KEEP = Keep.KEEP


def locked_quotation(actor: Actor, quotation: Quotation | Any) -> Quotation:
    pk = quotation.pk if isinstance(quotation, Quotation) else parse_id(quotation)
    found = (
        visible_quotations(actor).select_for_update(of=("self",)).filter(pk=pk).first()
        if pk is not None
        else None
    )
    if found is None:
        raise NotFound(_("Quotation not found."), field="id")
    return found


def _valid_until(value: Any, quote_date: date) -> date:
    valid_until = clean_date(value, "valid_until") or quote_date + DEFAULT_VALIDITY
    if valid_until < quote_date:
        raise InvalidInput(
            _("The quotation must be valid at least until its own date."),
            code="date_invalid",
            field="valid_until",
        )
    return valid_until


def _write_lines(quotation: Quotation, lines: list[CleanLine]) -> None:
    rows = [
        QuotationLine(
            quotation=quotation,
            line_no=index + 1,
            sku=clean.sku,
            unit_name=clean.unit_name,
            unit_factor=clean.unit_factor,
            quantity=clean.quantity,
            unit_price=clean.unit_price,
            discount_rate=clean.discount_rate,
            tax_rate=clean.tax_rate,
            amount=clean.amounts.amount,
            discount_amount=clean.amounts.discount,
            tax_amount=clean.amounts.tax,
            remark=clean.remark,
        )
        for index, clean in enumerate(lines)
    ]
    QuotationLine.objects.bulk_create(rows)
    apply_totals(quotation, rows)


def quotation_create(
    *,
    actor: Actor,
    customer_id: Any,
    lines: Sequence[LineInput],
    valid_until: Any = None,
    remarks: str = "",
    rep_id: Any = None,
    idempotency_key: str | None = None,
) -> Quotation:
    """A draft quotation dated today (workspace time), valid for 30 days unless given."""
    user = require_order_editor(actor)

    def write() -> dict[str, int]:
        customer = customer_for_order(user, customer_id)
        cleaned = clean_lines(lines, warehouse=None)
        quote_date = tenant_today()
        quotation = Quotation.objects.create(
            number=next_document_number("QT"),
            customer=customer,
            rep=rep_for_order(user, rep_id, customer),
            currency=current_tenant().currency,
            quote_date=quote_date,
            valid_until=_valid_until(valid_until, quote_date),
            remarks=clean_text(remarks, "remarks", 500),
            created_by=user_of(user),
        )
        _write_lines(quotation, cleaned)
        quotation.save(update_fields=["goods_amount", "discount_amount", "total_amount", "tax_amount"])
        QUOTATION_FLOW.record(by=actor_stamp(user), document=quotation, from_status="", to_status=Q.DRAFT)
        return {"pk": quotation.pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(user), key=idempotency_key, operation="quotation_create", write=write
        )
    return Quotation.objects.get(pk=result["pk"])


@transaction.atomic
def quotation_update(
    *,
    actor: Actor,
    quotation: Quotation | Any,
    lines: Sequence[LineInput] | None = None,
    customer_id: Any = None,
    valid_until: Any = KEEP,
    remarks: str | None = None,
) -> Quotation:
    """Change a draft; `lines`, when given, replaces every line."""
    user = require_order_editor(actor)
    quotation = locked_quotation(user, quotation)
    if quotation.status != Q.DRAFT:
        raise InvalidInput(_("Only a draft quotation can be changed."), code="not_editable", field="status")
    if customer_id not in (None, ""):
        quotation.customer = customer_for_order(user, customer_id)
    if not isinstance(valid_until, Keep):
        quotation.valid_until = _valid_until(valid_until, quotation.quote_date)
    if remarks is not None:
        quotation.remarks = clean_text(remarks, "remarks", 500)
    if lines is not None:
        cleaned = clean_lines(lines, warehouse=None)
        quotation.lines.all().delete()
        _write_lines(quotation, cleaned)
    quotation.save()
    return quotation


def _move(actor: Actor, quotation: Any, to: str, note: str) -> Quotation:
    user = require_order_editor(actor)
    note = clean_text(note, "note", 200)
    locked = locked_quotation(user, quotation)
    if to in (Q.ACCEPTED, Q.CONVERTED) and locked.valid_until < tenant_today():
        raise InvalidInput(
            _("This quotation expired on %(date)s.") % {"date": locked.valid_until.isoformat()},
            code="quotation_expired",
            field="valid_until",
        )
    QUOTATION_FLOW.move(by=actor_stamp(user), document=locked, to=to, note=note)
    return locked


@transaction.atomic
def quotation_send(*, actor: Actor, quotation: Quotation | Any, note: str = "") -> Quotation:
    return _move(actor, quotation, Q.SENT, note)


@transaction.atomic
def quotation_accept(*, actor: Actor, quotation: Quotation | Any, note: str = "") -> Quotation:
    return _move(actor, quotation, Q.ACCEPTED, note)


@transaction.atomic
def quotation_reject(*, actor: Actor, quotation: Quotation | Any, note: str = "") -> Quotation:
    return _move(actor, quotation, Q.REJECTED, note)


@transaction.atomic
def quotation_cancel(*, actor: Actor, quotation: Quotation | Any, note: str = "") -> Quotation:
    return _move(actor, quotation, Q.CANCELLED, note)


def _order_lines(quotation: Quotation) -> list[CleanLine]:
    rows = []
    for index, line in enumerate(quotation.lines.select_related("sku__product").order_by("line_no")):
        if line.sku.status != Status.ACTIVE:
            raise InvalidInput(
                _("A product on this quotation has been archived: %(code)s.") % {"code": line.sku.code},
                code="sku_archived",
                field=f"lines.{index}.sku_id",
            )
        rows.append(
            CleanLine(
                sku=line.sku,
                warehouse=None,
                unit_name=line.unit_name,
                unit_factor=line.unit_factor,
                quantity=line.quantity,
                base_quantity=line.quantity * line.unit_factor,
                unit_price=line.unit_price,
                discount_rate=line.discount_rate,
                tax_rate=line.tax_rate,
                amounts=line_amounts(
                    quantity=line.quantity,
                    unit_price=line.unit_price,
                    discount_rate=line.discount_rate,
                    tax_rate=line.tax_rate,
                ),
                remark=line.remark,
                line_id=None,
            )
        )
    return rows


def quotation_convert(
    *,
    actor: Actor,
    quotation: Quotation | Any,
    warehouse_id: Any,
    note: str = "",
    idempotency_key: str | None = None,
) -> SalesOrder:
    """A sent or accepted quotation becomes a draft order with the same lines and prices, to be
    shipped from `warehouse_id`; the quotation is then converted."""
    user = require_order_editor(actor)

    def write() -> dict[str, int]:
        locked = _move(user, quotation, Q.CONVERTED, note)
        order = write_order(
            actor=user,
            customer=customer_for_order(user, locked.customer_id),
            warehouse=warehouse_for_order(warehouse_id),
            rep=locked.rep,
            lines=_order_lines(locked),
            remarks=locked.remarks,
            quotation_id=locked.pk,
        )
        return {"pk": order.pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(user), key=idempotency_key, operation="quotation_convert", write=write
        )
    return SalesOrder.objects.get(pk=result["pk"])
