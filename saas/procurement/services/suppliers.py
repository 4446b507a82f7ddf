"""Suppliers (供应商), their contacts, and the SKUs each supplies at what price, MOQ and lead time."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp
from saas.catalog.models import PackUnit
from saas.core.errors import InvalidInput, NotFound
from saas.core.idempotency import run_once
from saas.procurement.access import require_buyer
from saas.procurement.models import Supplier, SupplierContact, SupplierItem
from saas.procurement.services.inputs import (
    clean_days,
    clean_id,
    clean_optional_quantity,
    clean_price,
    clean_text,
    skus_for_lines,
)

MAX_CONTACTS = 10


@dataclass(frozen=True)
class ContactInput:
    name: str
    phone: str = ""
    email: str = ""


def _clean_contacts(contacts: list[ContactInput]) -> list[SupplierContact]:
    if len(contacts) > MAX_CONTACTS:
        raise InvalidInput(
            _("At most %(n)d contacts.") % {"n": MAX_CONTACTS}, code="too_many_lines", field="contacts"
        )
    cleaned = []
    for index, contact in enumerate(contacts):
        email = clean_text(contact.email, f"contacts.{index}.email", 254).lower()
        if email:
            try:
                validate_email(email)
            except ValidationError as exc:
                raise InvalidInput(
                    _("Enter a valid e-mail address."), code="email_invalid", field=f"contacts.{index}.email"
                ) from exc
        cleaned.append(
            SupplierContact(
                name=clean_text(contact.name, f"contacts.{index}.name", 60, required=True),
                phone=clean_text(contact.phone, f"contacts.{index}.phone", 30),
                email=email,
            )
        )
    return cleaned


def _locked_supplier(supplier_id: Any) -> Supplier:
    pk = clean_id(supplier_id, "id", _("Supplier not found."))
    supplier = Supplier.objects.select_for_update().filter(pk=pk).first()
    if supplier is None:
        raise NotFound(_("Supplier not found."), field="id")
    return supplier


def supplier_create(
    *,
    actor: Actor,
    code: str,
    name: str,
    contacts: list[ContactInput] | None = None,
    payment_terms_days: int = 0,
    address: str = "",
    notes: str = "",
    idempotency_key: str | None = None,
) -> Supplier:
    """A supplier with its contacts; retrying with the same idempotency key returns the first
    supplier, not code_taken."""
    require_buyer(actor)
    supplier = Supplier(
        code=clean_text(code, "code", 20, required=True).upper(),
        name=clean_text(name, "name", 120, required=True),
        payment_terms_days=clean_days(payment_terms_days, "payment_terms_days", 365),
        address=clean_text(address, "address", 200),
        notes=clean_text(notes, "notes", 2000),
    )
    rows = _clean_contacts(contacts or [])

    def write() -> dict[str, int]:
        try:
            with transaction.atomic():
                supplier.save()
                for row in rows:
                    row.supplier = supplier
                SupplierContact.objects.bulk_create(rows)
        except IntegrityError as exc:
            raise InvalidInput(_("This code is already used."), code="code_taken", field="code") from exc
        return {"pk": supplier.pk}

    result, replayed = run_once(
        by=actor_stamp(actor), key=idempotency_key, operation="supplier_create", write=write
    )
    # Suppliers are switched off, never deleted: the first one is there to re-read.
    return Supplier.objects.get(pk=result["pk"]) if replayed else supplier


@transaction.atomic
def supplier_update(
    *,
    actor: Actor,
    supplier_id: Any,
    name: str | None = None,
    contacts: list[ContactInput] | None = None,
    payment_terms_days: int | None = None,
    address: str | None = None,
    notes: str | None = None,
    is_active: bool | None = None,
) -> Supplier:
    """Change what is given; `contacts`, when given, replaces the whole list."""
    require_buyer(actor)
    supplier = _locked_supplier(supplier_id)
    if name is not None:
        supplier.name = clean_text(name, "name", 120, required=True)
    if payment_terms_days is not None:
        supplier.payment_terms_days = clean_days(payment_terms_days, "payment_terms_days", 365)
    if address is not None:
        supplier.address = clean_text(address, "address", 200)
    if notes is not None:
        supplier.notes = clean_text(notes, "notes", 2000)
    if is_active is not None:
        supplier.is_active = is_active
    if contacts is not None:
        rows = _clean_contacts(contacts)
        supplier.contacts.all().delete()
        for row in rows:
            row.supplier = supplier
        SupplierContact.objects.bulk_create(rows)
    supplier.updated_at = timezone.now()
    supplier.save()
    return supplier


@transaction.atomic
def supplier_item_set(
    *,
    actor: Actor,
    supplier_id: Any,
    sku_id: Any,
    price: Any,
    pack_unit_id: Any = None,
    min_order_qty: Any = None,
    lead_time_days: int = 0,
    supplier_sku_code: str = "",
    is_active: bool = True,
) -> SupplierItem:
    """Add or change what a supplier charges for a SKU: per base unit, or per one of the product's
    pack units (the unit's name and factor are copied, so later catalog edits do not re-price it)."""
    require_buyer(actor)
    supplier = _locked_supplier(supplier_id)  # serialises concurrent upserts of this supplier's items
    sku = skus_for_lines([sku_id], prefix=None)[0]
    unit_name, unit_factor = sku.product.base_unit, Decimal(1)
    if pack_unit_id not in (None, ""):
        pk = clean_id(pack_unit_id, "pack_unit_id", _("Pack unit not found."))
        pack = PackUnit.objects.filter(pk=pk, product_id=sku.product_id).first()
        if pack is None:
            raise NotFound(_("Pack unit not found."), field="pack_unit_id")
        unit_name, unit_factor = pack.name, pack.factor
    item, _created = SupplierItem.objects.update_or_create(
        supplier=supplier,
        sku=sku,
        defaults={
            "price": clean_price(price, "price"),
            "unit_name": unit_name,
            "unit_factor": unit_factor,
            "min_order_qty": clean_optional_quantity(min_order_qty, "min_order_qty"),
            "lead_time_days": clean_days(lead_time_days, "lead_time_days", 365),
            "supplier_sku_code": clean_text(supplier_sku_code, "supplier_sku_code", 60),
            "is_active": is_active,
            "updated_at": timezone.now(),
        },
    )
    return item


@transaction.atomic
def supplier_item_remove(*, actor: Actor, item_id: Any) -> None:
    """Orders keep their own copy of unit and price, so removing an item never changes one."""
    require_buyer(actor)
    pk = clean_id(item_id, "id", _("Supplier item not found."))
    deleted, _rows = SupplierItem.objects.filter(pk=pk).delete()
    if not deleted:
        raise NotFound(_("Supplier item not found."), field="id")
