"""Cutting one fragment into tokens: catalogue words, quantities, filler and what is left.

Order of precedence, each step only in what the earlier ones left:
1. catalogue words that name something for sure (names, codes, aliases, pinyin, spec values) and
   filler, longest first — a longer word wins, so 老板椅 beats 老板 and L码 beats L;
2. quantities (the grammar of `numbers`);
3. fragments of product names (a name's substring), longest first;
4. the rest is residue: text the parser could not explain, which keeps a line from being sure.
Words are looked up in the fragment with its spaces squashed (白色 T恤 finds 白色T恤), but a
word of ASCII letters never spans a space and never glues to neighbouring letters or digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from saas.messaging.order_text.catalogue import CatalogueIndex, Kind, Word
from saas.messaging.order_text.lexicon import EACH, TIME_WORDS, TIMES
from saas.messaging.order_text.normalize import Fragment, char_class, is_cjk
from saas.messaging.order_text.numbers import Quantity, quantities_in

_TIME = re.compile(TIME_WORDS)
SEPARATORS = frozenset(" \t、/+&|-_:\"'()[]【】<>《》=…·")


class TokenKind(Enum):
    WORD = "word"
    QUANTITY = "quantity"
    FILLER = "filler"
    RESIDUE = "residue"


@dataclass(frozen=True)
class Token:
    kind: TokenKind
    start: int  # absolute, in the normalised text
    end: int
    text: str
    word: Word | None = None
    quantity: Quantity | None = None


def _squashed(text: str) -> tuple[str, list[int]]:
    kept = [(index, char) for index, char in enumerate(text) if not char.isspace()]
    return "".join(char for _i, char in kept), [index for index, _c in kept]


def _starts_with_unit(text: str, units: frozenset[str]) -> bool:
    text = text.lstrip()
    return any(text.startswith(unit) for unit in units)


def _spans_words(word: Word) -> bool:
    """A product name of several words may be written with spaces ("iPhone 15" for iphone15)."""
    return len(word.key) >= 4 and any(m.kind in (Kind.PRODUCT_NAME, Kind.PINYIN) for m in word.meanings)


def _fits(text: str, start: int, end: int, word: Word, units: frozenset[str]) -> bool:
    """The word stands on its own at text[start:end] (boundaries of letters and digits)."""
    key = word.key
    if word.ascii and end - start != len(key) and not _spans_words(word):
        return False  # an ASCII word spanning a space: "s m" is not "sm"
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    first, last = char_class(key[0]), char_class(key[-1])
    if first == "letter" and before and char_class(before) != "other":
        return False
    if first == "digit" and before and (char_class(before) != "other" or before == "."):
        return False
    if last == "letter" and after and char_class(after) == "letter":
        return False
    if last == "digit" and after == "." and text[end + 1 : end + 2].isdigit():
        return False  # the 1 of 1.5
    if first == "digit" and before == "." and start > 1 and text[start - 2].isdigit():
        return False
    if last == "digit" and after and (char_class(after) == "digit" or (after.isalpha() and after.isascii())):
        if after not in TIMES:
            return False
    spec_only = all(m.kind in (Kind.SPEC, Kind.FILLER) for m in word.meanings)
    if last == "digit" and spec_only:
        # 38双 is 38 pairs, x38 and 各38 are quantities: a numeric size only stands alone.
        if _starts_with_unit(text[end:], units):
            return False
        if before in TIMES or any(text[:start].rstrip().endswith(each) for each in EACH):
            return False
    return True


def _free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e in taken)


def _gaps(length: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    gaps: list[tuple[int, int]] = []
    cursor = 0
    for s, e in sorted(taken):
        if s > cursor:
            gaps.append((cursor, s))
        cursor = max(cursor, e)
    if cursor < length:
        gaps.append((cursor, length))
    return gaps


def tokenize(fragment: Fragment, index: CatalogueIndex) -> list[Token]:
    text = fragment.text
    offset = fragment.start
    squashed, positions = _squashed(text)
    hits: list[tuple[int, int, Word]] = []
    for s, e, word in index.hits(squashed):
        start, end = positions[s], positions[e - 1] + 1
        if _fits(text, start, end, word, index.units):
            hits.append((start, end, word))

    tokens: list[Token] = []
    taken: list[tuple[int, int]] = []
    firm = [hit for hit in hits if hit[2].strong or hit[2].filler]
    firm.sort(key=lambda hit: (-(hit[1] - hit[0]), 0 if hit[2].strong else 1, hit[0]))
    for start, end, word in firm:
        if _free(taken, start, end):
            taken.append((start, end))
            kind = TokenKind.WORD if word.strong else TokenKind.FILLER
            tokens.append(Token(kind, offset + start, offset + end, text[start:end], word=word))

    for gap_start, gap_end in _gaps(len(text), taken):
        for match in _TIME.finditer(text, gap_start, gap_end):
            taken.append((match.start(), match.end()))
            tokens.append(
                Token(TokenKind.FILLER, offset + match.start(), offset + match.end(), match.group())
            )

    for gap_start, gap_end in _gaps(len(text), taken):
        for quantity in quantities_in(text, offset, gap_start, gap_end, index.units):
            taken.append((quantity.start - offset, quantity.end - offset))
            tokens.append(
                Token(TokenKind.QUANTITY, quantity.start, quantity.end, quantity.text, quantity=quantity)
            )

    partial = [hit for hit in hits if not (hit[2].strong or hit[2].filler)]
    partial.sort(key=lambda hit: (-(hit[1] - hit[0]), hit[0]))
    for start, end, word in partial:
        if _free(taken, start, end):
            taken.append((start, end))
            tokens.append(Token(TokenKind.WORD, offset + start, offset + end, text[start:end], word=word))

    for gap_start, gap_end in _gaps(len(text), taken):
        run_start = None
        for position in range(gap_start, gap_end + 1):
            separator = position == gap_end or text[position] in SEPARATORS or text[position].isspace()
            if separator and run_start is not None:
                piece = text[run_start:position]
                tokens.append(Token(TokenKind.RESIDUE, offset + run_start, offset + position, piece))
                run_start = None
            elif not separator and run_start is None:
                run_start = position
    tokens.sort(key=lambda token: token.start)
    return tokens


def meaningful(residue: str) -> bool:
    """Residue worth reporting: some Chinese, or a word of two or more letters or digits."""
    cjk = sum(1 for char in residue if is_cjk(char))
    alnum = sum(1 for char in residue if char.isalnum() and char.isascii())
    return cjk >= 1 or alnum >= 2
