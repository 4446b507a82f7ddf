"""Normalising a pasted message: one comparable form, cut into lines and fragments, with a map back
to the original text so every line can quote what the person wrote.

Full-width letters and digits become ASCII and letters lower-case (NFKC, char by char, so one
character stays one character and positions map back); circled numbers (①) start a new line as a
numbered item would. Lines lose their list markers (1. 2) 3、 (4) - •); fragments are cut at the
punctuation that ends an item in Chinese chat (，；。！？ and their ASCII forms).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# ① … ⑳, ⑴ … ⒇, ⒈ … ⒛, ❶ … ❿ and ➊ … ➓: a number each, used as list markers.
_CIRCLED = {
    **{chr(0x2460 + i): i + 1 for i in range(20)},
    **{chr(0x2474 + i): i + 1 for i in range(20)},
    **{chr(0x2488 + i): i + 1 for i in range(20)},
    **{chr(0x2776 + i): i + 1 for i in range(10)},
    **{chr(0x278A + i): i + 1 for i in range(10)},
}

# What ends an item. The ideographic comma 、 does not: it lists values (S、M各5件).
FRAGMENT_BREAKS = frozenset(",;.!?。！？~～")

# A list marker at the start of a line: "1." "2)" "3、" "(4)" "- " "• ". A digit right after the
# dot is a decimal (1.5箱), not a marker.
_MARKER = re.compile(r"^\s*(?:\(?\d{1,3}\s*(?:[.、)](?!\d)|:)|\(\d{1,3}\)|[-*•·●▪]\s)\s*")
# In a roll call a bare number and a space is a marker too ("1 张三 …"); elsewhere that is a
# quantity written first ("20 白T").
_LOOSE_MARKER = re.compile(r"^\s*\d{1,3}\s+(?=\D)")
# "1.可乐 5箱 2.雪碧 3箱": a number with a dot after a space, inside a line, starts a new item.
_INLINE_MARKER = re.compile(r"(?<=\s)\d{1,2}\s*[.、)](?!\d)")
_HASH_LINE = re.compile(r"^\s*#")


@dataclass(frozen=True)
class Normalized:
    text: str  # the comparable form
    origin: tuple[int, ...]  # origin[i]: the index in the original text of text[i]
    original: str

    def source(self, start: int, end: int) -> str:
        """The original text behind text[start:end], trimmed."""
        if start >= end:
            return ""
        first = self.origin[start]
        last = self.origin[end - 1] + 1
        return " ".join(self.original[first:last].split())


def _one(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char)
    return (folded if len(folded) == 1 else char).lower()


def normalize(original: str) -> Normalized:
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(original):
        if char == "\r":
            continue
        number = _CIRCLED.get(char)
        if number is not None:
            for produced in f"\n{number}.":
                chars.append(produced)
                origin.append(index)
            continue
        chars.append(_one(char))
        origin.append(index)
    return Normalized(text="".join(chars), origin=tuple(origin), original=original)


@dataclass(frozen=True)
class Fragment:
    line_no: int  # 1-based line of the message
    start: int  # in Normalized.text
    end: int
    numbered: bool  # the line began with a list marker
    text: str


@dataclass(frozen=True)
class Line:
    line_no: int
    start: int
    end: int
    numbered: bool
    hashed: bool  # starts with # (a 接龙 heading or a tag)


def lines_of(norm: Normalized, *, loose: bool = False) -> list[Line]:
    found: list[Line] = []
    start = 0
    line_no = 0
    text = norm.text
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        body = text[start:end]
        if body.strip():
            line_no += 1
            marker = _MARKER.match(body) or (_LOOSE_MARKER.match(body) if loose else None)
            hashed = bool(_HASH_LINE.match(body))
            skip = marker.end() if marker else 0
            found.append(Line(line_no, start + skip, end, bool(marker), hashed))
        start = end + 1
    return found


def fragments_of(norm: Normalized, line: Line) -> list[Fragment]:
    pieces: list[Fragment] = []
    begin = line.start
    inline = {
        match.start(): match.end() for match in _INLINE_MARKER.finditer(norm.text, line.start, line.end)
    }
    index = line.start
    while index <= line.end:
        if index in inline:
            if norm.text[begin:index].strip():
                pieces.append(Fragment(line.line_no, begin, index, line.numbered, norm.text[begin:index]))
            begin = index = inline[index]
            continue
        if index == line.end or norm.text[index] in FRAGMENT_BREAKS:
            # A dot between two digits is a decimal point, not a break.
            if (
                index < line.end
                and norm.text[index] == "."
                and index > line.start
                and norm.text[index - 1].isdigit()
                and index + 1 < line.end
                and norm.text[index + 1].isdigit()
            ):
                index += 1
                continue
            if norm.text[begin:index].strip():
                pieces.append(Fragment(line.line_no, begin, index, line.numbered, norm.text[begin:index]))
            begin = index + 1
        index += 1
    return pieces


@lru_cache(maxsize=65536)  # catalogue words repeat (L, 白色, 箱) across thousands of SKUs
def key_form(text: str) -> str:
    """How a catalogue word is stored in the index: normalised, without any whitespace."""
    return "".join(normalize(text).text.split())


def is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def char_class(char: str) -> str:
    if "a" <= char <= "z":
        return "letter"
    if char.isdigit() and char.isascii():
        return "digit"
    return "other"
