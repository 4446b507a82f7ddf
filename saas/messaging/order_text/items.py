"""Grouping a fragment's tokens into items: what one person meant as one thing to order.

A fragment usually holds one item ("白色T恤 L码 20件"), but chat runs items together
("白T L 20件 黑T M 10件", "两箱可乐三箱雪碧"). Once an item has its quantity, the next word of a
kind it already has (another product, another value of a spec it already names) or a second
quantity starts a new item. Values listed before one quantity stay together (S、M各5件).
In a 接龙 list the words before the first catalogue word of a line are the person's name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from saas.messaging.order_text.catalogue import PRODUCT_KINDS, Kind, Word
from saas.messaging.order_text.lexicon import TOTAL_WORDS
from saas.messaging.order_text.tokens import Token, TokenKind, meaningful

MAX_NOTE = 12


def is_product_word(word: Word) -> bool:
    """Names a product (or a SKU) rather than a spec value: the first meaning decides."""
    first = word.meanings[0].kind
    return first in PRODUCT_KINDS or first in (Kind.SUBSTRING, Kind.BRAND)


def spec_names(word: Word) -> frozenset[str]:
    return frozenset(m.spec_name for m in word.meanings if m.kind is Kind.SPEC and m.spec_name)


@dataclass
class Item:
    line_no: int
    tokens: list[Token] = field(default_factory=list)
    note: str | None = None

    @property
    def start(self) -> int:
        return min(token.start for token in self.tokens)

    @property
    def end(self) -> int:
        return max(token.end for token in self.tokens)

    @property
    def words(self) -> list[Token]:
        return [t for t in self.tokens if t.kind is TokenKind.WORD]

    @property
    def quantities(self) -> list[Token]:
        return [t for t in self.tokens if t.kind is TokenKind.QUANTITY]

    @property
    def residue(self) -> list[Token]:
        return [t for t in self.tokens if t.kind is TokenKind.RESIDUE and meaningful(t.text)]

    @property
    def substantive(self) -> bool:
        return bool(self.words or self.quantities or self.residue)


def group(tokens: list[Token], line_no: int) -> list[Item]:
    items: list[Item] = []
    current = Item(line_no)
    has_quantity = has_product = False
    names: set[str] = set()

    def start_new() -> None:
        nonlocal current, has_quantity, has_product, names
        if current.substantive:
            items.append(current)
            current = Item(line_no)
        has_quantity = has_product = False
        names = set()

    after_total = False
    for token in tokens:
        follows_total, after_total = (
            after_total,
            (token.kind is TokenKind.FILLER and token.text.strip() in TOTAL_WORDS),
        )
        if token.kind is TokenKind.QUANTITY:
            if follows_total:
                continue  # 共48瓶 restates the total
            if has_quantity:
                start_new()
            current.tokens.append(token)
            has_quantity = True
            continue
        if token.kind is TokenKind.WORD and token.word is not None:
            if is_product_word(token.word):
                if has_quantity and has_product:
                    start_new()
                has_product = True
            else:
                word_specs = spec_names(token.word)
                if has_quantity and names & word_specs:
                    start_new()
                names |= word_specs
            current.tokens.append(token)
            continue
        if token.kind is TokenKind.RESIDUE and meaningful(token.text):
            if has_quantity and (has_product or names):
                start_new()
            current.tokens.append(token)
            continue
        current.tokens.append(token)
    if current.substantive:
        items.append(current)
    return items


def take_note(tokens: list[Token]) -> tuple[str | None, list[Token]]:
    """A 接龙 line's leading name ("1. 张三 白T L 2件" → 张三): residue before any catalogue word
    or quantity, short enough to be a name."""
    for position, token in enumerate(tokens):
        if token.kind is TokenKind.FILLER:
            continue
        if token.kind is TokenKind.RESIDUE and len(token.text) <= MAX_NOTE and meaningful(token.text):
            following = tokens[position + 1 :]
            if any(t.kind in (TokenKind.WORD, TokenKind.QUANTITY) for t in following):
                return token.text, tokens[:position] + following
        return None, tokens
    return None, tokens
