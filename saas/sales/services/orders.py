"""Writing sales orders: create (idempotent), and change — freely before approval, with a recorded
revision after it.

A new order takes today's date in the workspace's time zone, the customer's default delivery
address and primary contact unless others are given, and for each line the SKU's list price and
the workspace's default tax rate unless given. After approval only lines with nothing shipped may
change; every change is written to an OrderRevision (field, before, after), the order's
`revision` goes up, and stock is reserved again for what changed: never a silent change.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from django.db import transaction
from django.db.models import OuterRef, ProtectedError, QuerySet, Subquery
from django.db.models.functions import JSONObject
from django.utils.translation import gettext as _

from saas.accounts import scopes
from saas.accounts.actors import Actor, actor_kind, actor_label, actor_stamp, owner_id, user_of
from saas.accounts.models import User
from saas.core.clock import tenant_today
from saas.core.domain_events import emit
from saas.core.errors import FieldProblem, Forbidden, InvalidInput, NotFound
from saas.core.idempotency import run_once
from saas.core.numbering import next_document_number
from saas.core.plan_limits import check_limit
from saas.core.tenancy import current_tenant
from saas.customers.models import Address, Contact, Customer
from saas.customers.visibility import visible_customers
from saas.inventory.models import Warehouse
from saas.sales.events import SalesOrderCreated, order_facts
from saas.sales.models import DeliveryMethod, OrderRevision, OrderStatus, SalesOrder, SalesOrderLine
from saas.sales.services.access import require_order_editor
from saas.sales.services.documents import locked_lines, locked_order
from saas.sales.services.inputs import clean_date, clean_text, parse_id
from saas.sales.services.lines import CleanLine, LineInput, clean_lines
from saas.sales.services.pricing import apply_totals
from saas.sales.services.reserving import release, reserve_open
from saas.sales.services.workflow import ORDER_FLOW, RESERVING_STATUSES, revision_money_check, settle_status

S = OrderStatus
EDITABLE_FREELY = (S.DRAFT, S.PENDING_REVIEW)
# Header fields a revision may change, in the order a diff lists them.
HEADER_FIELDS = (
    "rep_id",
    "requested_date",
    "delivery_method",
    "contact_name",
    "contact_phone",
    "ship_receiver",
    "ship_phone",
    "ship_province",
    "ship_city",
    "ship_district",
    "ship_detail",
    "remarks",
)
LINE_FIELDS = (
    "sku_id",
    "warehouse_id",
    "unit_name",
    "unit_factor",
    "quantity",
    "unit_price",
    "discount_rate",
    "tax_rate",
    "remark",
)


class Keep(Enum):
    """An update argument left out: keep the current value (None would clear it)."""

    KEEP = 0


KEEP = Keep.KEEP


@dataclass(frozen=True)
class ShipTo:
    receiver: str = ""
    phone: str = ""
    province: str = ""
    city: str = ""
    district: str = ""
    detail: str = ""


CONTACT_FIELDS = ("name", "phone")
ADDRESS_FIELDS = ("receiver", "phone", "province", "city", "district", "detail")


def with_order_defaults(customers: QuerySet[Customer]) -> QuerySet[Customer]:
    """The customers with what a new order copies from each (its primary contact, its default
    address) read in the same statement: `order_contact` and `order_address`, dicts or None."""
    contact = Contact.objects.filter(customer=OuterRef("pk")).order_by("-is_primary", "id")
    address = Address.objects.filter(customer=OuterRef("pk")).order_by("-is_default", "id")
    return customers.annotate(
        order_contact=Subquery(contact.values(json=JSONObject(**{f: f for f in CONTACT_FIELDS}))[:1]),
        order_address=Subquery(address.values(json=JSONObject(**{f: f for f in ADDRESS_FIELDS}))[:1]),
    )


def customer_for_order(actor: Actor, customer_id: Any, field: str = "customer_id") -> Customer:
    """A customer the actor sees and may order for, with its order defaults (with_order_defaults)."""
    pk = parse_id(customer_id)
    customer = with_order_defaults(visible_customers(actor)).filter(pk=pk).first() if pk is not None else None
    if customer is None:
        raise NotFound(_("Customer not found."), field=field)
    if not customer.is_active:
        raise InvalidInput(_("This customer is inactive."), code="customer_inactive", field=field)
    return customer


def warehouse_for_order(warehouse_id: Any, field: str = "warehouse_id") -> Warehouse:
    pk = parse_id(warehouse_id)
    warehouse = Warehouse.objects.filter(pk=pk, is_active=True).first() if pk is not None else None
    if warehouse is None:
        raise NotFound(_("Warehouse not found."), field=field)
    return warehouse


def rep_for_order(actor: Actor, rep_id: Any, customer: Customer | None = None) -> User:
    """The rep of an order: the actor, or a colleague when the actor sees every order (a rep who
    gave an order away would lose sight of it). A key or a job is no rep: it names one, or the
    order goes to the customer's own rep (a shop's orders reach whoever looks after the customer)."""
    if rep_id in (None, ""):
        person = user_of(actor)
        if person is None and customer is not None and customer.owner_id is not None:
            person = User.objects.filter(pk=customer.owner_id, is_active=True).first()
        if person is None:
            raise InvalidInput(_("Choose the sales rep of this order."), code="required", field="rep_id")
        return person
    pk = parse_id(rep_id)
    rep = User.objects.filter(pk=pk, is_active=True).first() if pk is not None else None
    if rep is None:
        raise NotFound(_("User not found."), field="rep_id")
    if rep.pk != owner_id(actor) and not actor.has_scope(scopes.ORDERS_VIEW_ALL):
        raise Forbidden(_("You may only write orders for yourself."), code="forbidden", field="rep_id")
    return rep


def delivery_method_clean(value: str | None) -> str:
    if value in (None, ""):
        return DeliveryMethod.EXPRESS
    if value not in DeliveryMethod.values:
        raise InvalidInput(
            _("Unknown delivery method."), code="delivery_method_invalid", field="delivery_method"
        )
    return str(value)


def _copy_customer_defaults(order: SalesOrder, customer: Customer) -> None:
    if hasattr(customer, "order_contact") and hasattr(customer, "order_address"):
        contact, address = customer.order_contact, customer.order_address  # with_order_defaults
    else:
        contact = customer.contacts.order_by("-is_primary", "id").values(*CONTACT_FIELDS).first()
        address = customer.addresses.order_by("-is_default", "id").values(*ADDRESS_FIELDS).first()
    if contact is not None:
        order.contact_name, order.contact_phone = contact["name"], contact["phone"]
    else:
        order.contact_name, order.contact_phone = customer.name[:60], customer.phone
    if address is not None:
        order.ship_receiver, order.ship_phone = address["receiver"], address["phone"]
        order.ship_province, order.ship_city = address["province"], address["city"]
        order.ship_district, order.ship_detail = address["district"], address["detail"]


def _apply_ship_to(order: SalesOrder, ship_to: ShipTo) -> None:
    order.ship_receiver = clean_text(ship_to.receiver, "ship_to.receiver", 60)
    order.ship_phone = clean_text(ship_to.phone, "ship_to.phone", 30)
    order.ship_province = clean_text(ship_to.province, "ship_to.province", 30)
    order.ship_city = clean_text(ship_to.city, "ship_to.city", 30)
    order.ship_district = clean_text(ship_to.district, "ship_to.district", 30)
    order.ship_detail = clean_text(ship_to.detail, "ship_to.detail", 200)


def _line_row(order: SalesOrder, clean: CleanLine, line_no: int) -> SalesOrderLine:
    row = SalesOrderLine(order=order, line_no=line_no)
    _fill_line(row, clean, order.warehouse)
    return row


def _fill_line(row: SalesOrderLine, clean: CleanLine, default_warehouse: Warehouse) -> None:
    row.sku = clean.sku
    row.warehouse = clean.warehouse or default_warehouse
    row.unit_name, row.unit_factor = clean.unit_name, clean.unit_factor
    row.quantity, row.base_quantity = clean.quantity, clean.base_quantity
    row.unit_price, row.discount_rate, row.tax_rate = clean.unit_price, clean.discount_rate, clean.tax_rate
    row.amount, row.discount_amount = clean.amounts.amount, clean.amounts.discount
    row.tax_amount, row.remark = clean.amounts.tax, clean.remark


def build_order(
    *,
    actor: Actor,
    customer: Customer,
    warehouse: Warehouse,
    rep: User,
    lines: list[CleanLine],
    requested_date: date | None = None,
    delivery_method: str = DeliveryMethod.EXPRESS,
    contact_name: str | None = None,
    contact_phone: str | None = None,
    ship_to: ShipTo | None = None,
    remarks: str = "",
    quotation_id: int | None = None,
) -> tuple[SalesOrder, list[SalesOrderLine]]:
    """A draft order with already cleaned lines, numbered (the caller holds the transaction),
    in memory: the caller saves the order, then its lines."""
    check_limit("orders_per_month")
    order = SalesOrder(
        number=next_document_number("SO"),
        customer=customer,
        rep=rep,
        warehouse=warehouse,
        currency=current_tenant().currency,
        order_date=tenant_today(),
        requested_date=requested_date,
        delivery_method=delivery_method,
        remarks=remarks,
        quotation_id=quotation_id,
        created_by=user_of(actor),
    )
    _copy_customer_defaults(order, customer)
    if contact_name is not None:
        order.contact_name = clean_text(contact_name, "contact_name", 60)
    if contact_phone is not None:
        order.contact_phone = clean_text(contact_phone, "contact_phone", 30)
    if ship_to is not None:
        _apply_ship_to(order, ship_to)
    rows = [_line_row(order, clean, index + 1) for index, clean in enumerate(lines)]
    apply_totals(order, rows)
    return order, rows


def save_order(order: SalesOrder, rows: list[SalesOrderLine]) -> None:
    """INSERT a built order, then its lines in one statement."""
    order.save()
    for row in rows:
        row.order = order
    SalesOrderLine.objects.bulk_create(rows)


def write_order(*, actor: Actor, **fields: Any) -> SalesOrder:
    """Write a draft order with already cleaned lines (the caller holds the transaction); the
    arguments are build_order's."""
    order, rows = build_order(actor=actor, **fields)
    save_order(order, rows)
    ORDER_FLOW.record(by=actor_stamp(actor), document=order, from_status="", to_status=S.DRAFT)
    emit(SalesOrderCreated(**order_facts(order)), by=actor_stamp(actor))
    return order


def order_create(
    *,
    actor: Actor,
    customer_id: Any,
    lines: Sequence[LineInput],
    warehouse_id: Any,
    rep_id: Any = None,
    requested_date: Any = None,
    delivery_method: str | None = None,
    contact_name: str | None = None,
    contact_phone: str | None = None,
    ship_to: ShipTo | None = None,
    remarks: str = "",
    idempotency_key: str | None = None,
) -> SalesOrder:
    """A draft order; retrying with the same idempotency key returns the first one."""
    user = require_order_editor(actor)

    def write() -> dict[str, int]:
        customer = customer_for_order(user, customer_id)
        warehouse = warehouse_for_order(warehouse_id)
        order = write_order(
            actor=user,
            customer=customer,
            warehouse=warehouse,
            rep=rep_for_order(user, rep_id, customer),
            lines=clean_lines(lines, warehouse=warehouse),
            requested_date=clean_date(requested_date, "requested_date"),
            delivery_method=delivery_method_clean(delivery_method),
            contact_name=contact_name,
            contact_phone=contact_phone,
            ship_to=ship_to,
            remarks=clean_text(remarks, "remarks", 500),
        )
        return {"pk": order.pk}

    # run_once is the transaction (no savepoint when called outside one).
    result, _replayed = run_once(
        by=actor_stamp(user), key=idempotency_key, operation="sales_order_create", write=write
    )
    return SalesOrder.objects.get(pk=result["pk"])


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _line_label(line: SalesOrderLine) -> str:
    return f"{line.sku.code} × {_text(Decimal(line.quantity))} {line.unit_name}"


def _header_changes(order: SalesOrder, before: dict[str, Any]) -> list[dict[str, Any]]:
    changes = []
    for name in HEADER_FIELDS:
        old, new = before[name], getattr(order, name)
        if _text(old) != _text(new):
            changes.append({"field": name.removesuffix("_id"), "before": _text(old), "after": _text(new)})
    return changes


def delete_lines(lines: QuerySet[SalesOrderLine]) -> None:
    """Delete order lines no other document points at (a shipment being packed, say)."""
    try:
        with transaction.atomic():
            lines.delete()
    except ProtectedError as exc:
        raise InvalidInput(
            _("Another document uses a line of this order; finish or cancel it first."),
            code="line_in_use",
            field="lines",
        ) from exc


def _replace_lines(order: SalesOrder, lines: list[CleanLine]) -> list[SalesOrderLine]:
    delete_lines(order.lines.all())
    rows = [_line_row(order, clean, index + 1) for index, clean in enumerate(lines)]
    return SalesOrderLine.objects.bulk_create(rows)


def _line_diff(row: SalesOrderLine, candidate: SalesOrderLine) -> list[dict[str, Any]]:
    diff = []
    for name in LINE_FIELDS:
        old, new = _text(getattr(row, name)), _text(getattr(candidate, name))
        if old != new:
            diff.append(
                {"field": f"lines[{row.line_no}].{name.removesuffix('_id')}", "before": old, "after": new}
            )
    return diff


def _revise_lines(
    *, actor: Actor, order: SalesOrder, existing: list[SalesOrderLine], lines: list[CleanLine]
) -> tuple[list[SalesOrderLine], list[dict[str, Any]]]:
    """Apply the new line set to an approved order: lines named by id change, lines without an id
    are added, lines left out are removed; only lines with nothing shipped may change. Stock is
    given back where a line no longer needs it and reserved again for the new quantities.

    Returns the order's lines afterwards and the changes for the revision.
    """
    by_id = {line.pk: line for line in existing}
    problems: list[FieldProblem] = []
    changes: list[dict[str, Any]] = []
    changed: list[tuple[SalesOrderLine, SalesOrderLine]] = []
    added: list[SalesOrderLine] = []
    next_no = max((line.line_no for line in existing), default=0) + 1
    for index, clean in enumerate(lines):
        if clean.line_id is None:
            row = _line_row(order, clean, next_no)
            next_no += 1
            added.append(row)
            changes.append({"field": f"lines[{row.line_no}]", "before": None, "after": _line_label(row)})
            continue
        existing_row = by_id.pop(clean.line_id, None)
        if existing_row is None:  # not on this order, or named twice
            problems.append(
                FieldProblem(f"lines.{index}.line_id", "not_found", _("Not a line of this order."))
            )
            continue
        candidate = SalesOrderLine(line_no=existing_row.line_no)
        _fill_line(candidate, clean, order.warehouse)
        diff = _line_diff(existing_row, candidate)
        if diff and Decimal(existing_row.shipped_quantity) > 0:
            problems.append(
                FieldProblem(
                    f"lines.{index}",
                    "line_shipped",
                    _("Goods of this line have been shipped; it cannot change."),
                )
            )
        elif diff:
            changes.extend(diff)
            changed.append((existing_row, candidate))
    removed = list(by_id.values())  # what the new set left out
    for line in removed:
        if Decimal(line.shipped_quantity) > 0:
            problems.append(
                FieldProblem(
                    "lines",
                    "line_shipped",
                    _("Goods of line %(n)d have been shipped; it cannot be removed.") % {"n": line.line_no},
                )
            )
        changes.append({"field": f"lines[{line.line_no}]", "before": _line_label(line), "after": None})
    if problems:
        raise InvalidInput(problems=problems)
    # Give back first, while the rows still name the SKU and warehouse the stock was reserved in.
    to_release, keep = list(removed), {}
    for row, candidate in changed:
        if (row.sku_id, row.warehouse_id) != (candidate.sku_id, candidate.warehouse_id):
            to_release.append(row)
        elif Decimal(row.reserved_quantity) > Decimal(candidate.base_quantity):
            to_release.append(row)
            keep[row.pk] = Decimal(candidate.base_quantity)
    release(actor=actor, order=order, lines=to_release, keep=keep)
    if removed:
        delete_lines(SalesOrderLine.objects.filter(pk__in=[line.pk for line in removed]))
    for row, candidate in changed:
        for name in (*LINE_FIELDS, "base_quantity", "amount", "discount_amount", "tax_amount"):
            setattr(row, name, getattr(candidate, name))
    if changed:
        SalesOrderLine.objects.bulk_update(
            [row for row, _candidate in changed],
            [*LINE_FIELDS, "base_quantity", "amount", "discount_amount", "tax_amount"],
        )
    if added:
        SalesOrderLine.objects.bulk_create(added)
    removed_ids = {line.pk for line in removed}
    current = sorted(
        [line for line in existing if line.pk not in removed_ids] + added, key=lambda line: line.line_no
    )
    if order.status in RESERVING_STATUSES:
        reserve_open(actor=actor, order=order, lines=current)
    return current, changes


@transaction.atomic
def order_update(
    *,
    actor: Actor,
    order: SalesOrder | Any,
    lines: Sequence[LineInput] | None = None,
    customer_id: Any = None,
    warehouse_id: Any = None,
    rep_id: Any = None,
    requested_date: Any = KEEP,
    delivery_method: str | None = None,
    contact_name: str | None = None,
    contact_phone: str | None = None,
    ship_to: ShipTo | None = None,
    remarks: str | None = None,
    note: str = "",
) -> SalesOrder:
    """Change an order. Arguments left out (None, or KEEP for the date) keep their value;
    `lines`, when given, is the whole new set of lines.

    Draft or pending review: anything may change. Approved and not yet fully shipped: the
    customer and warehouse stay, lines name the line they change by `line_id`, and the change is
    recorded as a revision (with `note` as its reason).
    """
    user = require_order_editor(actor)
    order = locked_order(user, order)
    note = clean_text(note, "note", 200)
    free = order.status in EDITABLE_FREELY
    if not free and order.status not in RESERVING_STATUSES:
        raise InvalidInput(_("This order can no longer be changed."), code="not_editable", field="status")
    before = {name: getattr(order, name) for name in HEADER_FIELDS}
    total_before = order.total_amount
    changes: list[dict[str, Any]] = []
    if customer_id not in (None, "") and parse_id(customer_id) != order.customer_id:
        if not free:
            raise InvalidInput(
                _("The customer of an approved order cannot change."),
                code="not_editable",
                field="customer_id",
            )
        order.customer = customer_for_order(user, customer_id)
        _copy_customer_defaults(order, order.customer)
    if warehouse_id not in (None, "") and parse_id(warehouse_id) != order.warehouse_id:
        if not free:
            raise InvalidInput(
                _("The warehouse of an approved order cannot change; change it per line."),
                code="not_editable",
                field="warehouse_id",
            )
        old_warehouse_id, order.warehouse = order.warehouse_id, warehouse_for_order(warehouse_id)
        if lines is None:  # lines that followed the order's warehouse move with it
            order.lines.filter(warehouse_id=old_warehouse_id).update(warehouse=order.warehouse)
    if rep_id not in (None, ""):
        order.rep = rep_for_order(user, rep_id)
    if not isinstance(requested_date, Keep):
        order.requested_date = clean_date(requested_date, "requested_date")
    if delivery_method is not None:
        order.delivery_method = delivery_method_clean(delivery_method)
    if contact_name is not None:
        order.contact_name = clean_text(contact_name, "contact_name", 60)
    if contact_phone is not None:
        order.contact_phone = clean_text(contact_phone, "contact_phone", 30)
    if ship_to is not None:
        _apply_ship_to(order, ship_to)
    if remarks is not None:
        order.remarks = clean_text(remarks, "remarks", 500)
    current = locked_lines(order)
    if lines is not None:
        cleaned = clean_lines(lines, warehouse=order.warehouse)
        if free:
            current = _replace_lines(order, cleaned)
        else:
            current, changes = _revise_lines(actor=user, order=order, existing=current, lines=cleaned)
    apply_totals(order, current)
    if not free:
        revision_money_check(actor=user, order=order, total_before=total_before)
        changes = _header_changes(order, before) + changes
        if changes:
            order.revision += 1
            OrderRevision.objects.create(
                order=order,
                revision=order.revision,
                changes=changes,
                note=note,
                actor=user_of(user),
                actor_kind=actor_kind(user),
                actor_label=actor_label(user),
            )
    order.save()
    if not free and changes:
        settle_status(
            actor=user, order=order, lines=current, note=_("Revision %(n)d") % {"n": order.revision}
        )
    return order
