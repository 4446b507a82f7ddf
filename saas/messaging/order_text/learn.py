"""Which words of a line a person's pick teaches: the ones that named the product.

From the line's source the quantity and the filler go, and so do spec values that stand apart
("白T L码 20件" teaches 白T: the next "白T M码" is then a 白T in M, since explicit values win over
what an alias implies). Values glued to the rest stay part of the word (白 in 白T). What is left
must be a word worth keeping: two characters or more, not a bare number.
"""

from __future__ import annotations

from saas.messaging.order_text.catalogue import CatalogueIndex, Kind
from saas.messaging.order_text.items import is_product_word
from saas.messaging.order_text.normalize import fragments_of, key_form, lines_of, normalize
from saas.messaging.order_text.tokens import Token, TokenKind, tokenize

MIN_ALIAS = 2


def _spec_only(token: Token) -> bool:
    return (
        token.kind is TokenKind.WORD
        and token.word is not None
        and not is_product_word(token.word)
        and all(m.kind in (Kind.SPEC, Kind.FILLER) for m in token.word.meanings)
    )


def alias_text(source: str, index: CatalogueIndex, *, max_length: int) -> str:
    """The alias a pick for `source` teaches, in key form; "" when there is nothing to learn."""
    norm = normalize(source)
    pieces: list[str] = []
    for line in lines_of(norm):
        for fragment in fragments_of(norm, line):
            tokens = [t for t in tokenize(fragment, index) if t.kind in (TokenKind.WORD, TokenKind.RESIDUE)]
            kept: list[Token] = []
            for position, token in enumerate(tokens):
                if _spec_only(token):
                    neighbours = [tokens[i] for i in (position - 1, position + 1) if 0 <= i < len(tokens)]
                    glued = any(
                        not _spec_only(other) and (other.end == token.start or other.start == token.end)
                        for other in neighbours
                    )
                    if not glued:
                        continue
                kept.append(token)
            if kept:
                pieces.append(norm.text[kept[0].start : kept[-1].end])
        if pieces:
            break
    text = key_form("".join(pieces[:1]))
    if len(text) < MIN_ALIAS or len(text) > max_length or text.replace(".", "").isdigit():
        return ""
    return text
