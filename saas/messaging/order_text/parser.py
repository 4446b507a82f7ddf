"""The whole parse of one message: lines, fragments, items, resolved lines, and what was not understood.

A 接龙 roll-call (a line with #接龙 or 接龙 above numbered entries) reads only its numbered
entries, each with the person's name as the line's note and no context carried from the person
before; other messages read every line, skipping #-tags, and carry context from item to item.
"""

from __future__ import annotations

from dataclasses import dataclass

from saas.messaging.order_text.catalogue import CatalogueIndex
from saas.messaging.order_text.items import group, take_note
from saas.messaging.order_text.normalize import Line, Normalized, fragments_of, lines_of, normalize
from saas.messaging.order_text.resolve import DraftLine, Resolver, View
from saas.messaging.order_text.tokens import tokenize

ROLL_CALL = "接龙"


@dataclass(frozen=True)
class ParseResult:
    lines: list[DraftLine]
    unmatched: list[str]


def _roll_call(norm: Normalized, lines: list[Line]) -> bool:
    heading = [line for line in lines if not line.numbered][:3]
    return any(ROLL_CALL in norm.text[line.start : line.end] for line in heading) and any(
        line.numbered for line in lines
    )


def parse(text: str, index: CatalogueIndex, view: View) -> ParseResult:
    norm = normalize(text)
    lines = lines_of(norm)
    roll_call = _roll_call(norm, lines) or _roll_call(norm, lines_of(norm, loose=True))
    if roll_call:
        lines = [line for line in lines_of(norm, loose=True) if line.numbered]
    else:
        lines = [line for line in lines if not line.hashed]
    resolver = Resolver(index, view)
    drafts: list[DraftLine] = []
    unmatched: list[str] = []
    for line in lines:
        if roll_call:
            drafts.extend(resolver.reset())
        note: str | None = None
        for position, fragment in enumerate(fragments_of(norm, line)):
            tokens = tokenize(fragment, index)
            if roll_call and position == 0:
                note, tokens = take_note(tokens)
            for item in group(tokens, line.line_no):
                item.note = note
                found, missed = resolver.resolve(item, norm.source(item.start, item.end))
                drafts.extend(found)
                unmatched.extend(missed)
    drafts.extend(resolver.finish())
    return ParseResult(lines=drafts, unmatched=unmatched)
