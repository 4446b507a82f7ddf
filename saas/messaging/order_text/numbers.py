"""The quantity grammar: Arabic and Chinese numerals with an optional unit, 各 and x/× prefixes.

20件, 1.5箱, 两打, 一百五十个, 半箱, x20, ×3, 各5件, 每样两箱, and a bare 20 where it stands alone.
A Chinese numeral counts only with a unit or a prefix (一次性 is no quantity); a bare Arabic
number only where nothing glues to it (42码 is a size, 3点 a time, AB12 a code).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import cn2an

from saas.messaging.order_text.lexicon import EACH, NOT_QUANTITY_AFTER, TIMES
from saas.messaging.order_text.normalize import char_class, is_cjk

CHINESE_DIGITS = "零〇一二两三四五六七八九十百千万半"
MAX_QUANTITY = Decimal("1000000")
SOFT_AFTER = frozenset(" \t、/+&|")


@dataclass(frozen=True)
class Quantity:
    start: int  # absolute, in the normalised text
    end: int
    value: Decimal
    unit: str | None
    each: bool  # 各 / 每样: the quantity applies to every value listed before it
    text: str


@lru_cache(maxsize=64)
def _pattern(units: frozenset[str]) -> re.Pattern[str]:
    unit_alternatives = "|".join(re.escape(unit) for unit in sorted(units, key=len, reverse=True))
    each = "|".join(re.escape(word) for word in sorted(EACH, key=len, reverse=True))
    times = "".join(re.escape(word) for word in TIMES)
    return re.compile(
        rf"(?P<each>{each})?\s*(?P<times>[{times}])?\s*"
        rf"(?P<num>\d+(?:\.\d+)?|[{CHINESE_DIGITS}]{{1,8}})"
        rf"(?:\s*(?P<unit>{unit_alternatives}))?"
    )


def chinese_value(text: str) -> Decimal | None:
    if text == "半":
        return Decimal("0.5")
    if "半" in text:
        return None
    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _arabic_value(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def quantities_in(fragment: str, offset: int, start: int, end: int, units: frozenset[str]) -> list[Quantity]:
    """The quantities in fragment[start:end] (a gap between catalogue words); `offset` makes the
    positions absolute. The fragment is whole so the characters around the gap can be read."""
    found: list[Quantity] = []
    gap = fragment[start:end]
    for match in _pattern(units).finditer(gap):
        number = match.group("num")
        unit = match.group("unit")
        each = match.group("each") is not None
        times = match.group("times") is not None
        chinese = not number[0].isdigit()
        num_end = start + match.end("num")
        num_start = start + match.start("num")
        before = fragment[num_start - 1] if num_start > 0 else ""
        after_number = fragment[num_end] if num_end < len(fragment) else ""
        if chinese and unit is None and not (each or times):
            continue
        if unit is None and after_number in NOT_QUANTITY_AFTER:
            continue
        if not chinese and not (each or times):
            # Glued to letters or digits on the left it is part of a code (ab12, v1.5).
            # (At the gap's start the left neighbour is a catalogue word: L20件 is L and 20件.)
            glued = before and (char_class(before) != "other" or before == ".")
            if glued and num_start > start:
                continue
        if times:
            times_start = start + match.start("times")
            ahead = fragment[times_start - 1] if times_start > 0 else ""
            if ahead and char_class(ahead) == "letter" and times_start > start:
                continue  # box20 is a code; XL×6 (XL a catalogue word) is six XL
        if unit is None:
            after = fragment[num_end] if num_end < len(fragment) else ""
            inside_gap = num_end < end
            if inside_gap and after and after not in SOFT_AFTER:
                if char_class(after) != "other" or is_cjk(after):
                    continue
        value = _arabic_value(number) if not chinese else chinese_value(number)
        if value is None or value <= 0 or value > MAX_QUANTITY:
            continue
        match_start = start + match.start()
        while fragment[match_start].isspace():
            match_start += 1
        match_end = start + match.end()
        found.append(
            Quantity(
                start=offset + match_start,
                end=offset + match_end,
                value=value,
                unit=unit,
                each=each,
                text=fragment[match_start:match_end],
            )
        )
    return found
