"""The fuzzy fallback: products whose names look or sound like text the automaton could not place.

Two channels, each with rapidfuzz: the characters as written (a missing or extra character:
"纯棉T恤" for 纯棉圆领T恤) and their pinyin (the typo of a pinyin keyboard, a homophone:
"百色T恤" sounds as 白色T恤). Anything found here is only a suggestion: a line matched fuzzily
is never confident.
"""

from __future__ import annotations

from collections.abc import Callable

from pypinyin import lazy_pinyin
from rapidfuzz import fuzz, process

from saas.messaging.order_text.catalogue import CatalogueIndex
from saas.messaging.order_text.normalize import is_cjk, key_form

WRITTEN_CUTOFF = 72.0
SOUND_CUTOFF = 84.0
LIMIT = 5
HEAD_NOUN_SCORE = 50.0


def fuzzy_products(
    text: str, index: CatalogueIndex, visible: Callable[[int], bool]
) -> list[tuple[int, float]]:
    """(product id, score 0–100) for the names most like `text`, best first."""
    key = key_form(text)
    has_cjk = any(is_cjk(char) for char in key)
    if (has_cjk and len(key) < 2) or (not has_cjk and len(key) < 3):
        return []
    best: dict[int, float] = {}
    for _name, score, pk in process.extract(
        key, index.product_names, scorer=fuzz.WRatio, limit=LIMIT * 4, score_cutoff=WRITTEN_CUTOFF
    ):
        if visible(pk):
            best[pk] = max(best.get(pk, 0.0), float(score))
    sound = key_form("".join(lazy_pinyin(key))) if has_cjk else key
    for _name, score, pk in process.extract(
        sound, index.product_pinyin, scorer=fuzz.ratio, limit=LIMIT * 4, score_cutoff=SOUND_CUTOFF
    ):
        if visible(pk):
            best[pk] = max(best.get(pk, 0.0), float(score))
    if not best and has_cjk:
        # 袜子 for 棉质运动袜: the last character of a Chinese name is its head noun.
        for pk, name in index.product_names.items():
            ends = (key[0], key[-1]) if len(key) <= 3 else ()
            if name and is_cjk(name[-1]) and name[-1] in ends and visible(pk):
                best[pk] = HEAD_NOUN_SCORE
    ranked = sorted(best.items(), key=lambda pair: (-pair[1], pair[0]))
    return ranked[:LIMIT]
