"""Finding likely duplicate customers by phone number and name, across the whole workspace.

Phones are compared as normalised digits ("+86 138-0013-8000" and "13800138000" are one number),
names as a key without spaces, punctuation, letter case, full-width forms or the legal form
("杭州鑫达商贸有限公司" and "杭州鑫达商贸" are one name). A similar name scores a Dice coefficient
over the key's character pairs, computed in SQL with LIKE: pg_trgm is not used because it is
missing on the embedded server and, depending on the database locale, its word splitting drops
Chinese characters. The look-up ignores who may see what; callers decide what to reveal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import add

from django.db.models import Case, FloatField, Q, Value, When
from django.db.models.expressions import Combinable
from django.db.models.functions import Cast, Greatest, Length

from saas.core.locks import workspace_lock
from saas.customers.models import Contact, Customer

MIN_PHONE_DIGITS = 7  # shorter numbers ("110", an extension) say nothing about who it is
SIMILAR_NAME = 0.5  # Dice score from which a name counts as similar
SCORED_KEY_LENGTH = 40  # pairs of a longer key add little but cost one LIKE each
MAX_SIMILAR = 10
NAME_KEY_LENGTH = 120

# Longest first: "有限公司" must not leave "有限" behind after "公司" is taken off.
LEGAL_FORMS = (
    "股份有限公司",
    "有限责任公司",
    "有限公司",
    "公司",
    "corporation",
    "company",
    "limited",
    "coltd",
    "ltd",
    "inc",
    "llc",
)
PHONE_CHARACTERS = re.compile(r"^[0-9+\-() ]+$")
ASCII_DIGITS = "0123456789"


def phone_digits(phone: str) -> str:
    """The digits that identify a number: country code 86 and its trunk forms made domestic.

    "+86 138 0013 8000", "0086-13800138000" and "138-0013-8000" give "13800138000";
    "+86 571 8888 6666" gives "057188886666", as dialled inside China.
    """
    text = unicodedata.normalize("NFKC", phone or "").strip()
    digits = "".join(char for char in text if char in ASCII_DIGITS)
    international = text.startswith("+") or digits.startswith("00")
    if digits.startswith("00"):
        digits = digits[2:]
    if digits.startswith("86") and (international or (len(digits) == 13 and digits[2] == "1")):
        domestic = digits[2:]
        is_mobile = len(domestic) == 11 and domestic.startswith("1")
        digits = domestic if is_mobile or domestic.startswith("0") else "0" + domestic
    return digits


def looks_like_phone(text: str) -> bool:
    text = unicodedata.normalize("NFKC", text or "").strip()
    return bool(PHONE_CHARACTERS.match(text)) and sum(char in ASCII_DIGITS for char in text) >= 4


def name_key(name: str) -> str:
    """The name as compared for duplicates: lower-case letters and digits (Chinese characters
    included), without the legal form at the end."""
    text = unicodedata.normalize("NFKC", name or "").lower()
    key = "".join(char for char in text if char.isalnum())
    while form := next((f for f in LEGAL_FORMS if key.endswith(f)), None):
        if len(key) == len(form):  # the name is nothing but a legal form: keep it whole
            break
        key = key[: -len(form)]
    return key[:NAME_KEY_LENGTH]


def _pairs(key: str) -> list[str]:
    key = key[:SCORED_KEY_LENGTH]
    return list(dict.fromkeys(key[i : i + 2] for i in range(len(key) - 1)))


def name_similarity(key: str, other: str) -> float:
    """2 × shared character pairs / (pairs in key + pairs in other): 1.0 for equal keys."""
    if not key or not other:
        return 0.0
    if key == other:
        return 1.0
    pairs = _pairs(key)
    if not pairs:
        return 0.0
    shared = sum(pair in other for pair in pairs)
    return 2 * shared / (len(key[:SCORED_KEY_LENGTH]) - 1 + max(len(other) - 1, 1))


@dataclass
class Match:
    """One existing customer that looks like the one being entered, and why."""

    customer_id: int
    reasons: list[str] = field(default_factory=list)  # phone, contact_phone, name, similar_name
    phones: set[str] = field(default_factory=set)  # the entered digits that matched
    similarity: float = 0.0

    @property
    def blocking(self) -> bool:
        """A same phone or the same name refuses a new customer unless the user insists."""
        return any(reason in ("phone", "contact_phone", "name") for reason in self.reasons)


def _similar_names(key: str, exclude: set[int]) -> list[tuple[int, float]]:
    """Customers whose name key shares enough character pairs with `key`, best first.

    The score is computed by the database so only the best few rows come back, however many
    customers share a common pair such as "商贸" or "杭州".
    """
    pairs = _pairs(key)
    if not pairs:
        return []
    shared: Combinable = reduce(
        add, [Case(When(name_key__contains=pair, then=Value(1)), default=Value(0)) for pair in pairs]
    )
    scored_length = len(key[:SCORED_KEY_LENGTH]) - 1
    score = (
        Cast(shared, FloatField())
        * Value(2.0)
        / Cast(Value(scored_length) + Greatest(Length("name_key") - Value(1), Value(1)), FloatField())
    )
    any_pair = reduce(lambda a, b: a | b, [Q(name_key__contains=pair) for pair in pairs])
    rows = (
        Customer.objects.filter(any_pair)
        .exclude(pk__in=exclude)
        .annotate(score=score)
        .filter(score__gte=SIMILAR_NAME)
        .order_by("-score", "-id")
        .values_list("id", "score")[:MAX_SIMILAR]
    )
    return [(pk, float(value)) for pk, value in rows]


def find_duplicates(
    *, name: str, phones: Iterable[str], exclude_id: int | None = None, similar: bool = True
) -> list[Match]:
    """Existing customers with one of `phones` (as customer or contact phone), the same name key,
    or (unless similar=False) a similar name; blocking matches first, then by similarity."""
    digits = {d for d in (phone_digits(p) for p in phones) if len(d) >= MIN_PHONE_DIGITS}
    key = name_key(name)
    matches: dict[int, Match] = {}

    def match(pk: int) -> Match:
        return matches.setdefault(pk, Match(customer_id=pk))

    exclude = {exclude_id} if exclude_id is not None else set()
    if digits:
        for pk, number in Customer.objects.filter(phone_digits__in=digits).values_list("id", "phone_digits"):
            if pk not in exclude:
                found = match(pk)
                found.phones.add(number)
                if "phone" not in found.reasons:
                    found.reasons.append("phone")
        for pk, number in Contact.objects.filter(phone_digits__in=digits).values_list(
            "customer_id", "phone_digits"
        ):
            if pk not in exclude:
                found = match(pk)
                found.phones.add(number)
                if "contact_phone" not in found.reasons:
                    found.reasons.append("contact_phone")
    if key:
        for pk in Customer.objects.filter(name_key=key).exclude(pk__in=exclude).values_list("id", flat=True):
            match(pk).reasons.append("name")
    if key and similar:
        for pk, score in _similar_names(key, exclude | set(matches)):
            found = match(pk)
            found.reasons.append("similar_name")
            found.similarity = score
        keys = dict(Customer.objects.filter(pk__in=list(matches)).values_list("id", "name_key"))
        for found in matches.values():
            if "similar_name" not in found.reasons:
                found.similarity = name_similarity(key, keys.get(found.customer_id, ""))
    return sorted(matches.values(), key=lambda m: (not m.blocking, -m.similarity, -m.customer_id))


def lock_customer_identities() -> None:
    """Serialise duplicate checks with the writes they guard, until the transaction ends.

    Without it two people entering the same new customer at once would both find no duplicate.
    One lock per workspace: customers are entered by hand, so nobody waits for long.
    """
    workspace_lock("customers.identity")
