"""Input checks of the customer services: texts, phones, e-mails, choices, credit, contacts and
addresses. Each raises InvalidInput with a stable code and the input field it is about
(`addresses.2.city`), so a form can put the message next to the right box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from saas.core.errors import InvalidInput
from saas.core.inputs import clean_decimal
from saas.core.inputs import clean_text as clean_text  # re-exported: the domain's callers import it here
from saas.customers.duplicates import PHONE_CHARACTERS, phone_digits
from saas.customers.models import Address, Contact

MAX_DETAILS = 20  # contacts or addresses in one call
MAX_CREDIT_LIMIT = Decimal("100000000000000")  # 10^14, inside the 16-digit column
MAX_PAYMENT_DAYS = 365
TAXPAYER_ID = re.compile(r"^[0-9A-Z]{15,20}$")  # 统一社会信用代码 is 18; older ids 15 or 20
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


class Keep(Enum):
    """An update argument left out: keep the current value (None would clear it)."""

    KEEP = 0


KEEP = Keep.KEEP


@dataclass(frozen=True)
class ContactInput:
    name: str
    title: str = ""
    phone: str = ""
    email: str = ""
    is_primary: bool = False


@dataclass(frozen=True)
class AddressInput:
    receiver: str
    phone: str
    province: str
    city: str
    detail: str
    district: str = ""
    is_default: bool = False


def clean_phone(value: str | None, field: str, required: bool = False) -> tuple[str, str]:
    """(the number as typed, its digits); 7-20 digits with spaces, '+', '-' or brackets."""
    text = clean_text(value, field, 30, required=required)
    if not text:
        return "", ""
    digits = phone_digits(text)
    if not PHONE_CHARACTERS.match(text) or not 7 <= len(digits) <= 20:
        raise InvalidInput(
            _("Enter a phone number: 7-20 digits, with spaces, '+', '-' or brackets."),
            code="phone_invalid",
            field=field,
        )
    return text, digits


def clean_email(value: str | None, field: str) -> str:
    email = clean_text(value, field, 254).lower()
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise InvalidInput(_("Enter a valid e-mail address."), code="email_invalid", field=field) from exc
    return email


def clean_choice(value: str, choices: list[str], field: str) -> str:
    if value not in choices:
        raise InvalidInput(_("Choose one of the listed values."), code=f"{field}_invalid", field=field)
    return value


def clean_credit_limit(value: Any, field: str = "credit_limit") -> Decimal | None:
    """None (no limit), or an amount of zero or more in cents."""
    if value is None or value == "":
        return None
    amount = clean_decimal(value, field, "credit_limit_invalid")
    if amount < 0 or amount >= MAX_CREDIT_LIMIT or amount != amount.quantize(Decimal("0.01")):
        raise InvalidInput(
            _("A credit limit is zero or more, with at most 2 decimals."),
            code="credit_limit_invalid",
            field=field,
        )
    return amount.quantize(Decimal("0.01"))


def clean_days(value: Any, field: str = "payment_terms_days") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_PAYMENT_DAYS:
        raise InvalidInput(
            _("Enter whole days from 0 to %(n)d.") % {"n": MAX_PAYMENT_DAYS}, code="days_invalid", field=field
        )
    return value


def clean_taxpayer_id(value: str | None, field: str = "taxpayer_id") -> str:
    text = clean_text(value, field, 30).upper()
    if text and not TAXPAYER_ID.match(text):
        raise InvalidInput(
            _("A taxpayer id is 15-20 letters or digits."), code="taxpayer_id_invalid", field=field
        )
    return text


def clean_color(value: str | None, field: str = "color") -> str:
    text = clean_text(value, field, 7)
    if text and not COLOR.match(text):
        raise InvalidInput(_("Enter a colour like #e34d59."), code="color_invalid", field=field)
    return text.lower()


def check_count(items: list[Any], field: str, maximum: int = MAX_DETAILS) -> None:
    if len(items) > maximum:
        raise InvalidInput(
            _("At most %(n)d per request.") % {"n": maximum}, code="too_many_lines", field=field
        )


def clean_contact(contact: ContactInput, prefix: str) -> Contact:
    phone, digits = clean_phone(contact.phone, f"{prefix}.phone")
    return Contact(
        name=clean_text(contact.name, f"{prefix}.name", 60, required=True),
        title=clean_text(contact.title, f"{prefix}.title", 40),
        phone=phone,
        phone_digits=digits,
        email=clean_email(contact.email, f"{prefix}.email"),
        is_primary=contact.is_primary,
    )


def clean_contacts(contacts: list[ContactInput], field: str = "contacts") -> list[Contact]:
    """Unsaved contacts; exactly one is primary (the first, when none is marked)."""
    check_count(contacts, field)
    rows = [clean_contact(contact, f"{field}.{index}") for index, contact in enumerate(contacts)]
    primaries = [index for index, row in enumerate(rows) if row.is_primary]
    if len(primaries) > 1:
        raise InvalidInput(
            _("Only one contact can be the primary contact."),
            code="primary_conflict",
            field=f"{field}.{primaries[1]}.is_primary",
        )
    if rows and not primaries:
        rows[0].is_primary = True
    return rows


def clean_address(address: AddressInput, prefix: str) -> Address:
    phone, _digits = clean_phone(address.phone, f"{prefix}.phone", required=True)
    return Address(
        receiver=clean_text(address.receiver, f"{prefix}.receiver", 60, required=True),
        phone=phone,
        province=clean_text(address.province, f"{prefix}.province", 30, required=True),
        city=clean_text(address.city, f"{prefix}.city", 30, required=True),
        district=clean_text(address.district, f"{prefix}.district", 30),
        detail=clean_text(address.detail, f"{prefix}.detail", 200, required=True),
        is_default=address.is_default,
    )


def clean_addresses(addresses: list[AddressInput], field: str = "addresses") -> list[Address]:
    """Unsaved addresses; exactly one is the default (the first, when none is marked)."""
    check_count(addresses, field)
    rows = [clean_address(address, f"{field}.{index}") for index, address in enumerate(addresses)]
    defaults = [index for index, row in enumerate(rows) if row.is_default]
    if len(defaults) > 1:
        raise InvalidInput(
            _("Only one address can be the default address."),
            code="default_conflict",
            field=f"{field}.{defaults[1]}.is_default",
        )
    if rows and not defaults:
        rows[0].is_default = True
    return rows
