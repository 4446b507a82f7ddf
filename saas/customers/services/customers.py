"""Customers (客户): create with contacts, addresses and tags in one go, edit, deactivate,
reactivate, and hand over to another owner.

A rep's new customer is theirs; only managers (customers.view_all) give customers to someone
else or set credit terms. A customer whose phone or name is already in the workspace, even as a
colleague's customer the rep cannot see, is refused unless the user insists (allow_duplicate).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp, require_actor, user_of
from saas.accounts.actors import owner_id as owner_pk
from saas.accounts.models import User
from saas.core.domain_events import emit
from saas.core.errors import Forbidden, InvalidInput
from saas.core.idempotency import run_once
from saas.core.numbering import next_document_number
from saas.customers.access import (
    customer_not_found,
    locked_customer,
    require_customer_manager,
    require_customer_user,
    sees_all,
)
from saas.customers.duplicates import name_key
from saas.customers.events import CustomerCreated
from saas.customers.models import Address, Contact, Customer, CustomerKind, CustomerSource
from saas.customers.services.common import (
    find_level,
    find_owner,
    find_tags,
    refuse_duplicates,
    search_text_for,
)
from saas.customers.services.inputs import (
    KEEP,
    AddressInput,
    ContactInput,
    Keep,
    clean_addresses,
    clean_choice,
    clean_contacts,
    clean_credit_limit,
    clean_days,
    clean_phone,
    clean_taxpayer_id,
    clean_text,
)
from saas.customers.visibility import visible_customers


def _refuse_credit_terms(user: Actor, *, credit_limit: bool, payment_terms: bool) -> None:
    """Credit terms decide how much a customer may owe: a manager's call, not the rep's."""
    if sees_all(user):
        return
    if credit_limit:
        raise Forbidden(_("Only a manager can set credit terms."), field="credit_limit")
    if payment_terms:
        raise Forbidden(_("Only a manager can set credit terms."), field="payment_terms_days")


def _owner_for_new(user: Actor, owner_id: Any) -> User | None:
    if owner_id is None or owner_id == "":
        # A rep's new customer is theirs; a manager's (or a key's, a job's) waits in the pool.
        return None if sees_all(user) else user_of(user)
    owner = find_owner(owner_id)
    if owner.pk != owner_pk(user) and not sees_all(user):
        raise Forbidden(_("Only a manager can give a customer to someone else."), field="owner_id")
    return owner


def _reread(actor: Actor, pk: int) -> Customer:
    customer = visible_customers(actor).filter(pk=pk).first()
    if customer is None:
        raise customer_not_found()
    return customer


def customer_create(
    *,
    actor: Actor,
    name: str,
    kind: str = CustomerKind.COMPANY,
    phone: str = "",
    owner_id: Any = None,
    level_id: Any = None,
    tag_ids: list[Any] | None = None,
    credit_limit: Any = None,
    payment_terms_days: int = 0,
    source: str = CustomerSource.OTHER,
    notes: str = "",
    invoice_title: str = "",
    taxpayer_id: str = "",
    contacts: list[ContactInput] | None = None,
    addresses: list[AddressInput] | None = None,
    allow_duplicate: bool = False,
    idempotency_key: str | None = None,
) -> Customer:
    """A new customer with its contacts, addresses and tags, all or nothing; retrying with the
    same idempotency key returns the first customer."""
    user = require_customer_user(actor)
    _refuse_credit_terms(
        user, credit_limit=credit_limit not in (None, ""), payment_terms=payment_terms_days != 0
    )
    customer = Customer(
        name=clean_text(name, "name", 120, required=True),
        kind=clean_choice(kind, CustomerKind.values, "kind"),
        credit_limit=clean_credit_limit(credit_limit),
        payment_terms_days=clean_days(payment_terms_days),
        source=clean_choice(source, CustomerSource.values, "source"),
        notes=clean_text(notes, "notes", 2000),
        invoice_title=clean_text(invoice_title, "invoice_title", 120),
        taxpayer_id=clean_taxpayer_id(taxpayer_id),
        created_by=user_of(user),
    )
    customer.phone, customer.phone_digits = clean_phone(phone, "phone")
    customer.name_key = name_key(customer.name)
    contact_rows = clean_contacts(contacts or [])
    address_rows = clean_addresses(addresses or [])

    def write() -> dict[str, int]:
        customer.owner = _owner_for_new(user, owner_id)
        customer.level = None if level_id in (None, "") else find_level(level_id)
        tags = find_tags(tag_ids or [])
        if not allow_duplicate:
            phones = {"phone": customer.phone} if customer.phone else {}
            phones.update({f"contacts.{i}.phone": c.phone for i, c in enumerate(contact_rows) if c.phone})
            refuse_duplicates(actor=user, name=customer.name, phones=phones)
        customer.code = next_document_number("CU")
        customer.search_text = search_text_for(customer, contact_rows)
        customer.save()
        for contact in contact_rows:
            contact.customer = customer
        for address in address_rows:
            address.customer = customer
        Contact.objects.bulk_create(contact_rows)
        Address.objects.bulk_create(address_rows)
        customer.tags.set(tags)
        emit(CustomerCreated.of(customer), by=actor_stamp(user))
        return {"pk": customer.pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(user), key=idempotency_key, operation="customer_create", write=write
        )
    return _reread(user, result["pk"])


@transaction.atomic
def customer_update(
    *,
    actor: Actor,
    customer_id: Any,
    name: str | None = None,
    kind: str | None = None,
    phone: str | None = None,
    level_id: Any = KEEP,
    credit_limit: Any = KEEP,
    payment_terms_days: int | None = None,
    source: str | None = None,
    notes: str | None = None,
    invoice_title: str | None = None,
    taxpayer_id: str | None = None,
    allow_duplicate: bool = False,
) -> Customer:
    """Change what is given. level_id / credit_limit: KEEP leaves them, None clears them.
    The owner changes only through customer_assign_owner."""
    user = require_actor(actor)
    customer = locked_customer(user, customer_id)
    _refuse_credit_terms(
        user, credit_limit=not isinstance(credit_limit, Keep), payment_terms=payment_terms_days is not None
    )
    old_identity = (customer.name_key, customer.phone_digits)
    if name is not None:
        customer.name = clean_text(name, "name", 120, required=True)
        customer.name_key = name_key(customer.name)
    if kind is not None:
        customer.kind = clean_choice(kind, CustomerKind.values, "kind")
    if phone is not None:
        customer.phone, customer.phone_digits = clean_phone(phone, "phone")
    if not isinstance(level_id, Keep):
        customer.level = None if level_id in (None, "") else find_level(level_id)
    if not isinstance(credit_limit, Keep):
        customer.credit_limit = clean_credit_limit(credit_limit)
    if payment_terms_days is not None:
        customer.payment_terms_days = clean_days(payment_terms_days)
    if source is not None:
        customer.source = clean_choice(source, CustomerSource.values, "source")
    if notes is not None:
        customer.notes = clean_text(notes, "notes", 2000)
    if invoice_title is not None:
        customer.invoice_title = clean_text(invoice_title, "invoice_title", 120)
    if taxpayer_id is not None:
        customer.taxpayer_id = clean_taxpayer_id(taxpayer_id)
    name_changed, phone_changed = (
        customer.name_key != old_identity[0],
        customer.phone_digits != old_identity[1],
    )
    if not allow_duplicate and (name_changed or phone_changed):
        refuse_duplicates(
            actor=user,
            name=customer.name if name_changed else "",
            phones={"phone": customer.phone} if phone_changed and customer.phone else {},
            exclude_id=customer.pk,
        )
    customer.search_text = search_text_for(customer, list(customer.contacts.all()))
    customer.updated_at = timezone.now()
    customer.save()
    return Customer.objects.get(pk=customer.pk)


def _set_active(actor: Actor, customer_id: Any, active: bool) -> Customer:
    customer = locked_customer(require_actor(actor), customer_id)
    if customer.is_active == active:
        raise InvalidInput(
            _("This customer is already active.") if active else _("This customer is already inactive."),
            code="customer_active" if active else "customer_inactive",
            field="id",
        )
    customer.is_active = active
    customer.updated_at = timezone.now()
    customer.save(update_fields=["is_active", "updated_at"])
    return customer


@transaction.atomic
def customer_deactivate(*, actor: Actor, customer_id: Any) -> Customer:
    """An inactive customer stays in history and lists (filter active) but takes no new orders."""
    return _set_active(actor, customer_id, False)


@transaction.atomic
def customer_reactivate(*, actor: Actor, customer_id: Any) -> Customer:
    return _set_active(actor, customer_id, True)


@transaction.atomic
def customer_assign_owner(*, actor: Actor, customer_id: Any, owner_id: Any) -> Customer:
    """Managers hand a customer to a rep, or back to the pool with owner_id None."""
    user = require_customer_manager(actor)
    customer = locked_customer(user, customer_id)
    customer.owner = None if owner_id in (None, "") else find_owner(owner_id)
    customer.updated_at = timezone.now()
    customer.save(update_fields=["owner", "updated_at"])
    return customer
