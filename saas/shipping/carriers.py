"""Which carrier a tracking number (快递单号) belongs to: patterns, ranked candidates, safe patterns.

Chinese carriers do not publish their numbering rules, and they overlap. The built-in patterns
(seeded by migration 0002) are what the numbers printed on today's waybills look like:

    顺丰 SF    SF + 12-13 digits                       SF1385628716739
    京东 JD    JD + 11-13 letters/digits              JDVA00012345678, JDX024407261700
    圆通 YTO   YT + 13-15 digits                       YT8962646785389
    极兔 J&T   JT + 13 digits                          JT5261988016578
    德邦 Deppon DPK + 12 digits                         DPK202252612836
    中通 ZTO   14 digits from 73-76 or 78; 12 digits from 5x, 6x, 7x (older)
    申通 STO   77 + 12-13 digits; 12 digits from 268/368/468/568/668/868/888/900 (older)
    韵达 Yunda 13 or 15 digits from 3 or 4
    邮政 EMS   13 digits from 1 or 9; the UPU form EA123456789CN

Numbers with a letter prefix are unambiguous. Numeric-only numbers are not: 568123456789 fits
both ZTO's and STO's older ranges, and the ranges move as carriers issue new ones. So a
suggestion is a ranked list, never a verdict: complete matches before numbers still being
typed, a letter-prefixed match first, then the carrier this workspace used most for numbers of
the same length and first two characters, then the carrier's general `priority`. A number
that fits no pattern is still accepted; the user picks the carrier by hand.

Tenant-defined patterns are untrusted regular expressions run on every keystroke. Python's `re`
has no time limit, so a pattern is accepted only if every repetition repeats a single character
class (star height 1: `\\d{12}`, `[A-Z0-9]{11,13}`), which rules out catastrophic backtracking
such as `(a+)+`; tracking numbers are at most 40 characters. Star height 1 still allows
polynomial backtracking: `\\d*` ten times before a letter tries every split of the digits
(seconds per keystroke), so the ways a pattern can split a number are bounded too
(`_split_count`, at most MAX_SPLITS).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.utils.translation import gettext as _

from saas.core.errors import InvalidInput

# The standard library's own regex parser: the only way to see a pattern's structure.
sre_parse: Any = import_module("re._parser")
MAX_TRACKING_LENGTH = 40
MIN_SUGGEST_LENGTH = 2
MAX_PATTERN_LENGTH = 300
# Ways a pattern may split a number among its variable repeats: `[A-Z]+\d+` is 41 × 41.
MAX_SPLITS = 2000
_SEPARATORS = re.compile(r"[\s\-_/]+")
_TRACKING_CHARS = re.compile(r"^[A-Z0-9]+$")

HIGH = "high"  # a complete number with a letter prefix: as good as certain
MEDIUM = "medium"  # a complete numeric number that fits this carrier only
LOW = "low"  # a complete numeric number that fits several carriers
PARTIAL = "partial"  # the number as typed so far could become one of this carrier's
_CONFIDENCE_ORDER = {HIGH: 0, MEDIUM: 1, LOW: 2, PARTIAL: 3}


def normalise_tracking(value: str | None) -> str:
    """Upper case without spaces or hyphens: what scanners and people type both become one form."""
    return _SEPARATORS.sub("", value or "").upper()


def clean_tracking(value: str | None, field: str = "tracking_number") -> str:
    """A tracking number as stored: normalised, letters and digits, at most 40; may be empty."""
    number = normalise_tracking(value)
    if not number:
        return ""
    if len(number) > MAX_TRACKING_LENGTH or not _TRACKING_CHARS.match(number):
        raise InvalidInput(
            _("A tracking number has up to 40 letters and digits."), code="tracking_invalid", field=field
        )
    return number


# --- pattern safety ----------------------------------------------------------------------------

_ATOMS = {sre_parse.LITERAL, sre_parse.NOT_LITERAL, sre_parse.IN, sre_parse.ANY, sre_parse.CATEGORY}
_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, getattr(sre_parse, "POSSESSIVE_REPEAT", None)}


def _safe(items: Iterable[tuple[Any, Any]]) -> bool:
    for op, av in items:
        if op in _ATOMS or op is sre_parse.AT:
            continue
        if op in _REPEATS:
            _low, _high, sub = av
            if not all(child_op in _ATOMS for child_op, _child in sub):
                return False
        elif op is sre_parse.SUBPATTERN:
            if not _safe(av[-1]):
                return False
        elif op is sre_parse.BRANCH:
            if not all(_safe(branch) for branch in av[1]):
                return False
        else:  # back-references, look-arounds, conditionals: not needed for tracking numbers
            return False
    return True


def _split_count(items: Iterable[tuple[Any, Any]]) -> int:
    """An upper bound of the lengths a sequence's repeats can take together: what `re` may try.

    Only called on patterns `_safe` accepted, so every repeat repeats atoms.
    """
    count = 1
    for op, av in items:
        if op in _REPEATS:
            low, high, _sub = av
            count *= min(high, MAX_TRACKING_LENGTH + 1) - min(low, MAX_TRACKING_LENGTH + 1) + 1
        elif op is sre_parse.SUBPATTERN:
            count *= _split_count(av[-1])
        elif op is sre_parse.BRANCH:
            count *= sum(_split_count(branch) for branch in av[1])
        count = min(count, MAX_SPLITS + 1)  # enough to know it is too many
    return count


def clean_pattern(value: str | None, field: str = "tracking_pattern") -> str:
    """A tenant's tracking-number pattern: compiles, and cannot backtrack catastrophically."""
    pattern = (value or "").strip()
    if not pattern:
        return ""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise InvalidInput(
            _("At most %(n)d characters.") % {"n": MAX_PATTERN_LENGTH}, code="too_long", field=field
        )
    try:
        re.compile(pattern)
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        raise InvalidInput(
            _("This is not a valid regular expression."), code="pattern_invalid", field=field
        ) from exc
    if not _safe(parsed) or _split_count(parsed) > MAX_SPLITS:
        raise InvalidInput(
            _("Repeat only single characters or classes, e.g. ^ABC\\d{12}$; groups cannot repeat."),
            code="pattern_unsafe",
            field=field,
        )
    return pattern


# --- matching and ranking ------------------------------------------------------------------------


@dataclass(frozen=True)
class PatternCarrier:
    """What matching needs of a carrier, so the ranking is testable without the database."""

    id: int
    code: str
    pattern: str
    priority: int


@dataclass(frozen=True)
class Candidate:
    carrier_id: int
    confidence: str
    complete: bool
    used_count: int  # this workspace's shipments with numbers of the same shape


def _fits(pattern: str, number: str) -> bool:
    try:
        return re.fullmatch(pattern, number, flags=re.IGNORECASE) is not None
    except re.error:  # a stored pattern from before a rule change; never break a scan over it
        return False


def _could_become(pattern: str, number: str) -> bool:
    """Whether typing more digits could complete `number` for this pattern (a cheap probe)."""
    for extra in range(1, MAX_TRACKING_LENGTH - len(number) + 1):
        for filler in ("0", "9"):
            if _fits(pattern, number + filler * extra):
                return True
    return False


def shape_key(number: str) -> tuple[str, int]:
    """Numbers of one carrier share their first two characters and their length."""
    return number[:2], len(number)


def rank_candidates(
    number: str, carriers: Iterable[PatternCarrier], usage: dict[int, int] | None = None
) -> list[Candidate]:
    """The carriers `number` (normalised) fits or could still become, best first.

    `usage` maps carrier id to how many of this workspace's shipments have numbers of the same
    shape; ask for it (`needs_usage`) only when the complete matches are ambiguous.
    """
    if len(number) < MIN_SUGGEST_LENGTH:
        return []
    usage = usage or {}
    pool = [c for c in carriers if c.pattern]
    complete = [c for c in pool if _fits(c.pattern, number)]
    has_letters = any(ch.isalpha() for ch in number)
    found: list[tuple[Candidate, int]] = []
    for carrier in complete:
        if has_letters:
            confidence = HIGH
        else:
            confidence = MEDIUM if len(complete) == 1 else LOW
        found.append((Candidate(carrier.id, confidence, True, usage.get(carrier.id, 0)), carrier.priority))
    if not complete:
        for carrier in pool:
            if _could_become(carrier.pattern, number):
                found.append(
                    (Candidate(carrier.id, PARTIAL, False, usage.get(carrier.id, 0)), carrier.priority)
                )
    found.sort(key=lambda pair: (_CONFIDENCE_ORDER[pair[0].confidence], -pair[0].used_count, -pair[1]))
    return [candidate for candidate, _priority in found]


def needs_usage(number: str, carriers: Iterable[PatternCarrier]) -> bool:
    """Whether the workspace's history should break a tie: a numeric number fitting several."""
    if any(ch.isalpha() for ch in number) or len(number) < MIN_SUGGEST_LENGTH:
        return False
    return sum(1 for c in carriers if c.pattern and _fits(c.pattern, number)) > 1
