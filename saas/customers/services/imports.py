"""Customers from a sheet (客户导入), each row a customer with one contact and one address.

The same rules as customer_create, through the same cleaners: required name, phones, e-mail,
credit terms only for managers, a rep's customers are theirs (a manager's go to the pool), and
no second customer with a phone or name already in the workspace, nor twice in the sheet. What
customer_create does per customer in a dozen statements is done here for all rows at once (one
look-up of the phones and names, one run of numbers, bulk inserts, the events in two
statements), so 5,000 rows take seconds: `make bench-import` measures it.

The caller (saas/core/sheet_imports.py) holds the transaction: a row with a problem rolls back
every row.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp, user_of
from saas.core.domain_events import emit_many
from saas.core.errors import DomainError, InvalidInput
from saas.core.numbering import next_document_numbers
from saas.core.sheet_imports import ImportOutcome, ImportRow, RowProblem, problems_of
from saas.customers.access import require_customer_user
from saas.customers.duplicates import Match, lock_customer_identities, name_key
from saas.customers.events import CustomerCreated
from saas.customers.models import Address, Contact, Customer, CustomerKind, CustomerLevel, CustomerSource
from saas.customers.services.common import _problem, search_text_for
from saas.customers.services.customers import _owner_for_new, _refuse_credit_terms
from saas.customers.services.inputs import (
    AddressInput,
    ContactInput,
    clean_address,
    clean_contact,
    clean_credit_limit,
    clean_days,
    clean_phone,
    clean_taxpayer_id,
    clean_text,
)
from saas.customers.visibility import visible_customers

KINDS = {
    "company": CustomerKind.COMPANY,
    "公司": CustomerKind.COMPANY,
    "企业": CustomerKind.COMPANY,
    "单位": CustomerKind.COMPANY,
    "person": CustomerKind.PERSON,
    "个人": CustomerKind.PERSON,
}
# A service's field paths → the sheet's columns.
COLUMNS = {
    "name": "name",
    "kind": "kind",
    "phone": "phone",
    "level": "level",
    "credit_limit": "credit_limit",
    "payment_terms_days": "payment_terms_days",
    "invoice_title": "invoice_title",
    "taxpayer_id": "taxpayer_id",
    "notes": "notes",
    "contact.name": "contact_name",
    "contact.title": "contact_title",
    "contact.phone": "contact_phone",
    "contact.email": "contact_email",
    "address.receiver": "receiver",
    "address.phone": "receiver_phone",
    "address.province": "province",
    "address.city": "city",
    "address.district": "district",
    "address.detail": "address",
}
ADDRESS_COLUMNS = ("receiver", "receiver_phone", "province", "city", "district", "address")


@dataclass
class _Draft:
    row: int
    customer: Customer
    contacts: list[Contact] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)


def _check(problems: list[RowProblem], row: int, clean: Any, *args: Any, **kwargs: Any) -> Any:
    """Run one cleaner; its problem is the row's, under the column its field names."""
    try:
        return clean(*args, **kwargs)
    except DomainError as exc:
        problems.extend(problems_of(exc, row, COLUMNS))
        return None


def _kind(text: str) -> str:
    if not text:
        return CustomerKind.COMPANY
    kind = KINDS.get(text.casefold())
    if kind is None:
        raise InvalidInput(_("Enter 公司 (company) or 个人 (person)."), code="kind_invalid", field="kind")
    return kind


def _level(text: str, levels: dict[str, CustomerLevel]) -> CustomerLevel | None:
    if not text:
        return None
    level = levels.get(text.casefold())
    if level is None:
        raise InvalidInput(
            _("There is no customer level of this name."), code="level_not_found", field="level"
        )
    return level


def _draft(
    user: Actor, row: ImportRow, levels: dict[str, CustomerLevel], problems: list[RowProblem]
) -> _Draft:
    n = row.number
    credit, terms = row.get("credit_limit"), row.get("payment_terms_days")
    _check(
        problems,
        n,
        _refuse_credit_terms,
        user,
        credit_limit=bool(credit),
        payment_terms=terms not in ("", "0"),
    )
    customer = Customer(
        name=_check(problems, n, clean_text, row.get("name"), "name", 120, required=True) or "",
        kind=_check(problems, n, _kind, row.get("kind")) or CustomerKind.COMPANY,
        level=_check(problems, n, _level, row.get("level"), levels),
        credit_limit=_check(problems, n, clean_credit_limit, credit or None),
        payment_terms_days=_check(problems, n, clean_days, int(terms) if terms.isdigit() else terms or 0)
        or 0,
        source=CustomerSource.OTHER,
        notes=_check(problems, n, clean_text, row.get("notes"), "notes", 2000) or "",
        invoice_title=_check(problems, n, clean_text, row.get("invoice_title"), "invoice_title", 120) or "",
        taxpayer_id=_check(problems, n, clean_taxpayer_id, row.get("taxpayer_id")) or "",
        created_by=user_of(user),
    )
    customer.phone, customer.phone_digits = _check(problems, n, clean_phone, row.get("phone"), "phone") or (
        "",
        "",
    )
    customer.name_key = name_key(customer.name)
    draft = _Draft(n, customer)
    if any(row.get(key) for key in ("contact_name", "contact_title", "contact_phone", "contact_email")):
        contact = ContactInput(
            name=row.get("contact_name"),
            title=row.get("contact_title"),
            phone=row.get("contact_phone"),
            email=row.get("contact_email"),
            is_primary=True,
        )
        cleaned = _check(problems, n, clean_contact, contact, "contact")
        draft.contacts = [cleaned] if cleaned else []
    if any(row.get(key) for key in ADDRESS_COLUMNS):
        address = AddressInput(
            receiver=row.get("receiver") or row.get("contact_name") or customer.name,
            phone=row.get("receiver_phone") or row.get("contact_phone") or row.get("phone"),
            province=row.get("province"),
            city=row.get("city"),
            district=row.get("district"),
            detail=row.get("address"),
            is_default=True,
        )
        # A phone or receiver taken from another column is that column's problem, told once.
        derived = (
            {}
            if row.get("receiver_phone")
            else {"address.phone": "contact_phone" if row.get("contact_phone") else "phone"}
        )
        found: list[RowProblem] = []
        cleaned = _check(found, n, clean_address, address, "address")
        for problem in found:
            column = (
                derived.get("address.phone")
                if problem.column == "receiver_phone" and derived
                else problem.column
            )
            moved = RowProblem(problem.row, column, problem.code, problem.message)
            if all((p.row, p.column, p.code) != (moved.row, moved.column, moved.code) for p in problems):
                problems.append(moved)
        draft.addresses = [cleaned] if cleaned else []
    return draft


def _duplicate(match: Match, column: str, reason: str, visible: dict[int, str], row: int) -> RowProblem:
    problem = _problem(match, column, reason, visible)
    return RowProblem(row, column, problem.code, problem.message)


def _refuse_duplicates(user: Actor, drafts: Sequence[_Draft], problems: list[RowProblem]) -> None:
    """customer_create's duplicate rule for all rows in three look-ups, and against each other:
    the first row with a phone or name keeps it, a later one is told which row has it."""
    lock_customer_identities()
    phones: dict[str, list[tuple[int, str]]] = {}  # digits → (row, column)
    for draft in drafts:
        if draft.customer.phone_digits:
            phones.setdefault(draft.customer.phone_digits, []).append((draft.row, "phone"))
        for contact in draft.contacts:
            if contact.phone_digits:
                phones.setdefault(contact.phone_digits, []).append((draft.row, "contact_phone"))
    keys = {draft.customer.name_key for draft in drafts if draft.customer.name_key}
    by_phone: dict[str, int] = dict(
        Customer.objects.filter(phone_digits__in=list(phones)).values_list("phone_digits", "id")
    )
    for digits, pk in Contact.objects.filter(phone_digits__in=list(phones)).values_list(
        "phone_digits", "customer_id"
    ):
        by_phone.setdefault(digits, pk)
    by_name = dict(Customer.objects.filter(name_key__in=list(keys)).values_list("name_key", "id"))
    visible = dict(
        visible_customers(user)
        .filter(pk__in=[*by_phone.values(), *by_name.values()])
        .values_list("id", "code")
    )
    for digits, uses in phones.items():
        if digits in by_phone:
            match = Match(customer_id=by_phone[digits], reasons=["phone"], phones={digits})
            problems.extend(_duplicate(match, column, "phone", visible, row) for row, column in uses)
            continue
        first = uses[0][0]
        problems.extend(
            RowProblem(
                row,
                column,
                "customer_duplicate",
                _("Row %(row)d has this phone number too.") % {"row": first},
            )
            for row, column in uses[1:]
            if row != first
        )
    seen: dict[str, int] = {}
    for draft in drafts:
        key = draft.customer.name_key
        if not key:
            continue
        if key in by_name:
            match = Match(customer_id=by_name[key], reasons=["name"])
            problems.append(_duplicate(match, "name", "name", visible, draft.row))
        elif key in seen:
            message = _("Row %(row)d has a customer of this name too.") % {"row": seen[key]}
            problems.append(RowProblem(draft.row, "name", "customer_duplicate", message))
        else:
            seen[key] = draft.row


def customers_import(*, actor: Actor, rows: Sequence[ImportRow]) -> ImportOutcome:
    """Create a customer per row, or report every row's problems and create none (the caller's
    transaction rolls back whatever ran)."""
    user = require_customer_user(actor)
    levels: dict[str, CustomerLevel] = {}
    for level in CustomerLevel.objects.all():
        levels.setdefault(level.name.casefold(), level)
        levels.setdefault(level.code.casefold(), level)
    problems: list[RowProblem] = []
    drafts = [_draft(user, row, levels, problems) for row in rows]
    owner = _owner_for_new(user, None)
    _refuse_duplicates(user, drafts, problems)
    if problems:
        order = {column: index for index, column in enumerate(COLUMNS.values())}
        problems.sort(key=lambda p: (p.row or 0, order.get(p.column or "", 99)))
        return ImportOutcome(problems=problems)
    numbers = next_document_numbers("CU", len(drafts))
    for draft, number in zip(drafts, numbers, strict=True):
        draft.customer.owner = owner
        draft.customer.code = number
        draft.customer.search_text = search_text_for(draft.customer, draft.contacts)
    customers = Customer.objects.bulk_create([draft.customer for draft in drafts])
    for draft in drafts:
        for contact in draft.contacts:
            contact.customer = draft.customer
        for address in draft.addresses:
            address.customer = draft.customer
    Contact.objects.bulk_create([contact for draft in drafts for contact in draft.contacts])
    Address.objects.bulk_create([address for draft in drafts for address in draft.addresses])
    emit_many([CustomerCreated.of(customer) for customer in customers], by=actor_stamp(user))
    return ImportOutcome(created=len(customers))
