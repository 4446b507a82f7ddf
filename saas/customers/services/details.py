"""A customer's contacts (联系人) and delivery addresses (收货地址).

Each change locks the customer's row first, so two people editing the same customer's contacts
take turns. A customer with contacts has exactly one primary contact, and one with addresses
exactly one default address: the old one is switched off before the new one is switched on, in
the same transaction, so the partial unique constraints never see two.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models, transaction
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp
from saas.core.errors import InvalidInput, NotFound
from saas.core.idempotency import run_once
from saas.customers.access import locked_customer, parse_id
from saas.customers.models import Address, Contact, Customer
from saas.customers.services.common import refresh_search_text, touch
from saas.customers.services.inputs import (
    AddressInput,
    ContactInput,
    clean_address,
    clean_contact,
    clean_contacts,
    clean_email,
    clean_phone,
    clean_text,
)
from saas.customers.visibility import visible_customers

MAX_PER_CUSTOMER = 50
D = TypeVar("D", Contact, Address)


def _locked_detail(actor: Actor, model: type[D], detail_id: Any, message: str) -> tuple[Customer, D]:
    """A contact or address of a customer the actor may see, with that customer locked."""
    pk = parse_id(detail_id)
    if pk is None:
        raise NotFound(message, field="id")
    rows: models.QuerySet[D] = model._default_manager.all()
    customer_id = (
        rows.filter(pk=pk, customer__in=visible_customers(actor))
        .values_list("customer_id", flat=True)
        .first()
    )
    if customer_id is None:
        raise NotFound(message, field="id")
    customer = locked_customer(actor, customer_id)
    row = rows.filter(pk=pk, customer=customer).first()
    if row is None:  # removed while we waited for the lock
        raise NotFound(message, field="id")
    return customer, row


def _reread(actor: Actor, model: type[D], pk: int, message: str) -> D:
    """On a replay, the first contact or address with its customer; gone since (removed, or the
    customer out of sight), it is not found."""
    rows: models.QuerySet[D] = model._default_manager.select_related("customer")
    row = rows.filter(pk=pk, customer__in=visible_customers(actor)).first()
    if row is None:
        raise NotFound(message, field="id")
    return row


def _check_room(related: models.Manager[Any], message: str) -> None:
    if related.count() >= MAX_PER_CUSTOMER:
        raise InvalidInput(message % {"n": MAX_PER_CUSTOMER}, code="too_many_lines")


# --- contacts ----------------------------------------------------------------------------------


@transaction.atomic
def customer_contacts_set(*, actor: Actor, customer_id: Any, contacts: list[ContactInput]) -> Customer:
    """Replace every contact of the customer (an empty list removes them all)."""
    rows = clean_contacts(contacts)
    customer = locked_customer(actor, customer_id, field="customer_id")
    customer.contacts.all().delete()
    for row in rows:
        row.customer = customer
    Contact.objects.bulk_create(rows)
    refresh_search_text(customer)
    return customer


@transaction.atomic
def contact_add(
    *, actor: Actor, customer_id: Any, contact: ContactInput, idempotency_key: str | None = None
) -> Contact:
    """The first contact is the primary one; a new primary contact takes over from the old.
    Retrying with the same idempotency key returns the first contact instead of adding it twice."""
    row = clean_contact(contact, "contact")

    def write() -> dict[str, int]:
        customer = locked_customer(actor, customer_id, field="customer_id")
        _check_room(customer.contacts, _("A customer can have at most %(n)d contacts."))
        has_primary = customer.contacts.filter(is_primary=True).exists()
        if row.is_primary and has_primary:
            customer.contacts.filter(is_primary=True).update(is_primary=False)
        row.is_primary = row.is_primary or not has_primary
        row.customer = customer
        row.save()
        refresh_search_text(customer)
        return {"pk": row.pk}

    result, replayed = run_once(
        by=actor_stamp(actor), key=idempotency_key, operation="customer_contact_add", write=write
    )
    return _reread(actor, Contact, result["pk"], _("Contact not found.")) if replayed else row


@transaction.atomic
def contact_update(
    *,
    actor: Actor,
    contact_id: Any,
    name: str | None = None,
    title: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    is_primary: bool | None = None,
) -> Contact:
    """Change what is given. is_primary=True makes this the primary contact; the primary contact
    cannot be switched off, only replaced by another."""
    customer, row = _locked_detail(actor, Contact, contact_id, _("Contact not found."))
    if name is not None:
        row.name = clean_text(name, "name", 60, required=True)
    if title is not None:
        row.title = clean_text(title, "title", 40)
    if phone is not None:
        row.phone, row.phone_digits = clean_phone(phone, "phone")
    if email is not None:
        row.email = clean_email(email, "email")
    if is_primary is False and row.is_primary:
        raise InvalidInput(
            _("Choose another primary contact instead."), code="primary_required", field="is_primary"
        )
    if is_primary and not row.is_primary:
        customer.contacts.filter(is_primary=True).update(is_primary=False)
        row.is_primary = True
    row.save()
    refresh_search_text(customer)
    return row


@transaction.atomic
def contact_remove(*, actor: Actor, contact_id: Any) -> Customer:
    """When the primary contact goes, the oldest remaining one becomes primary."""
    customer, row = _locked_detail(actor, Contact, contact_id, _("Contact not found."))
    row.delete()
    if row.is_primary:
        successor = customer.contacts.order_by("id").first()
        if successor is not None:
            successor.is_primary = True
            successor.save(update_fields=["is_primary"])
    refresh_search_text(customer)
    return customer


# --- addresses ---------------------------------------------------------------------------------


def _make_default(customer: Customer, address: Address) -> None:
    customer.addresses.filter(is_default=True).exclude(pk=address.pk).update(is_default=False)
    address.is_default = True
    address.save(update_fields=["is_default"])


@transaction.atomic
def address_add(
    *, actor: Actor, customer_id: Any, address: AddressInput, idempotency_key: str | None = None
) -> Address:
    """The first address is the default one; a new default takes over from the old. Retrying with
    the same idempotency key returns the first address instead of adding it twice."""
    row = clean_address(address, "address")

    def write() -> dict[str, int]:
        customer = locked_customer(actor, customer_id, field="customer_id")
        _check_room(customer.addresses, _("A customer can have at most %(n)d addresses."))
        has_default = customer.addresses.filter(is_default=True).exists()
        make_default = row.is_default or not has_default
        row.is_default = False
        row.customer = customer
        row.save()
        if make_default:
            _make_default(customer, row)
        touch(customer)
        return {"pk": row.pk}

    result, replayed = run_once(
        by=actor_stamp(actor), key=idempotency_key, operation="customer_address_add", write=write
    )
    return _reread(actor, Address, result["pk"], _("Address not found.")) if replayed else row


@transaction.atomic
def address_update(
    *,
    actor: Actor,
    address_id: Any,
    receiver: str | None = None,
    phone: str | None = None,
    province: str | None = None,
    city: str | None = None,
    district: str | None = None,
    detail: str | None = None,
) -> Address:
    """Change what is given. Orders keep their own copy, so no past order changes with it."""
    customer, row = _locked_detail(actor, Address, address_id, _("Address not found."))
    if receiver is not None:
        row.receiver = clean_text(receiver, "receiver", 60, required=True)
    if phone is not None:
        row.phone, _digits = clean_phone(phone, "phone", required=True)
    if province is not None:
        row.province = clean_text(province, "province", 30, required=True)
    if city is not None:
        row.city = clean_text(city, "city", 30, required=True)
    if district is not None:
        row.district = clean_text(district, "district", 30)
    if detail is not None:
        row.detail = clean_text(detail, "detail", 200, required=True)
    row.save()
    touch(customer)
    return row


@transaction.atomic
def address_set_default(*, actor: Actor, address_id: Any) -> Address:
    customer, row = _locked_detail(actor, Address, address_id, _("Address not found."))
    if not row.is_default:
        _make_default(customer, row)
        touch(customer)
    return row


@transaction.atomic
def address_remove(*, actor: Actor, address_id: Any) -> Customer:
    """When the default address goes, the oldest remaining one becomes the default."""
    customer, row = _locked_detail(actor, Address, address_id, _("Address not found."))
    row.delete()
    if row.is_default:
        successor = customer.addresses.order_by("id").first()
        if successor is not None:
            _make_default(customer, successor)
    touch(customer)
    return customer
