"""What several customer services share: the search text, owners, levels, tags, and refusing a
duplicate without revealing a customer the actor may not see."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.accounts.models import User
from saas.catalog.search_text import build
from saas.core.errors import FieldProblem, InvalidInput, NotFound
from saas.customers.access import can_own_customers, clean_id, parse_id
from saas.customers.duplicates import Match, find_duplicates, lock_customer_identities, phone_digits
from saas.customers.models import Contact, Customer, CustomerLevel, CustomerTag
from saas.customers.visibility import visible_customers

MAX_TAGS = 20


def search_text_for(customer: Customer, contacts: Sequence[Contact]) -> str:
    """Name (as typed, pinyin, initials), code, phone digits, and each contact's name and phone:
    "xdsm", "鑫达", "CU-2026-000012", "13800138000" and "王经理" all find 鑫达商贸."""
    return build(
        [
            customer.name,
            customer.code,
            customer.phone_digits,
            *(contact.name for contact in contacts),
            *(contact.phone_digits for contact in contacts),
        ]
    )


def refresh_search_text(customer: Customer) -> None:
    """After the customer's contacts changed (the caller holds the customer's row lock)."""
    customer.search_text = search_text_for(customer, list(customer.contacts.all()))
    customer.updated_at = timezone.now()
    customer.save(update_fields=["search_text", "updated_at"])


def touch(customer: Customer) -> None:
    """After a change a partner syncing customers must see (addresses, tags): moves updated_at."""
    customer.save(update_fields=["updated_at"])


def find_owner(owner_id: Any, field: str = "owner_id") -> User:
    pk = clean_id(owner_id, field, _("User not found."))
    owner = User.objects.filter(pk=pk, is_active=True).prefetch_related("roles").first()
    if owner is None:
        raise NotFound(_("User not found."), field=field)
    if not can_own_customers(owner):
        raise InvalidInput(
            _("Customers can be assigned only to colleagues who work with customers."),
            code="owner_invalid",
            field=field,
        )
    return owner


def find_level(level_id: Any, field: str = "level_id") -> CustomerLevel:
    pk = clean_id(level_id, field, _("Customer level not found."))
    level = CustomerLevel.objects.filter(pk=pk).first()
    if level is None:
        raise NotFound(_("Customer level not found."), field=field)
    return level


def find_tags(tag_ids: Sequence[Any], field: str = "tag_ids") -> list[CustomerTag]:
    if len(tag_ids) > MAX_TAGS:
        raise InvalidInput(
            _("At most %(n)d per request.") % {"n": MAX_TAGS}, code="too_many_lines", field=field
        )
    wanted = [parse_id(tag_id) for tag_id in tag_ids]
    found = CustomerTag.objects.in_bulk([pk for pk in wanted if pk is not None])
    tags = []
    for index, pk in enumerate(wanted):
        tag = found.get(pk) if pk is not None else None
        if tag is None:
            raise NotFound(_("Tag not found."), field=f"{field}.{index}")
        tags.append(tag)
    return list(dict.fromkeys(tags))


def _problem(match: Match, field: str, reason: str, visible: dict[int, str]) -> FieldProblem:
    code = visible.get(match.customer_id)
    if code is None:
        message = _(
            "This customer is already in the workspace, but not among yours. "
            "Ask a manager to assign it to you."
        )
    elif reason == "name":
        message = _("A customer with this name already exists: %(code)s.") % {"code": code}
    else:
        message = _("This phone number belongs to customer %(code)s.") % {"code": code}
    return FieldProblem(field=field, code="customer_duplicate", message=message)


def refuse_duplicates(
    *, actor: Actor, name: str, phones: dict[str, str], exclude_id: int | None = None
) -> None:
    """Raise customer_duplicate when another customer of the workspace (seen by the actor or
    not) has one of `phones` ({field: phone}) or the same name key.

    Takes the workspace's identity lock first, so the check holds until the caller commits.
    The existing customer's code is named only when the actor may see it.
    """
    lock_customer_identities()
    matches = [
        m
        for m in find_duplicates(name=name, phones=phones.values(), exclude_id=exclude_id, similar=False)
        if m.blocking
    ]
    if not matches:
        return
    visible = dict(
        visible_customers(actor).filter(pk__in=[m.customer_id for m in matches]).values_list("id", "code")
    )
    problems: list[FieldProblem] = []
    fields_by_digits: dict[str, list[str]] = {}
    for field, phone in phones.items():
        fields_by_digits.setdefault(phone_digits(phone), []).append(field)
    for match in matches:
        for digits in sorted(match.phones):
            for field in fields_by_digits.get(digits, []):
                if all(p.field != field for p in problems):
                    problems.append(_problem(match, field, "phone", visible))
        if "name" in match.reasons and all(p.field != "name" for p in problems):
            problems.append(_problem(match, "name", "name", visible))
    raise InvalidInput(problems=problems)
