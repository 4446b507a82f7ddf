"""The lower-case search text of products and SKUs: names, codes, full pinyin and pinyin initials.

Staff search the way they type on a phone: "hsc" or "hongse" for 红色衬衫, a SKU code, part of
a name. Storing every form in one lower-case column lets one `LIKE '%term%'` find them all,
and lets a trigram index serve it.
"""

from __future__ import annotations

from collections.abc import Iterable

from pypinyin import Style, lazy_pinyin

# Parts are joined by a newline, which search terms never contain, so a term cannot match
# across two parts.
SEPARATOR = "\n"
MAX_TERM_LENGTH = 100


def _squash(text: str) -> str:
    return "".join(text.split())


def text_forms(text: str) -> list[str]:
    """The forms of one piece of text: as typed, without spaces, full pinyin, pinyin initials."""
    text = " ".join(text.split()).lower()
    if not text:
        return []
    forms = [text, _squash(text)]
    if any("\u4e00" <= char <= "\u9fff" for char in text):
        forms.append(_squash("".join(lazy_pinyin(text))).lower())
        forms.append(_squash("".join(lazy_pinyin(text, style=Style.FIRST_LETTER))).lower())
    return list(dict.fromkeys(forms))


def build(parts: Iterable[str | None]) -> str:
    forms: list[str] = []
    for part in parts:
        forms.extend(text_forms(part or ""))
    return SEPARATOR.join(dict.fromkeys(forms))


def product_core_text(*, name: str, code: str, brand: str = "") -> str:
    """The product's own words, which each of its SKUs carries too: "hsc" lists every 红色衬衫 SKU."""
    return build([name, code, brand])


def product_search_text(*, core: str, spec_values: Iterable[str], sku_codes: Iterable[str]) -> str:
    """The product's words plus its spec values and SKU codes, so one LIKE on products finds it.

    One column per table (rather than an EXISTS over SKUs) is what lets a trigram index serve
    the product search.
    """
    extra = build([*spec_values, *sku_codes])
    return SEPARATOR.join(part for part in (core, extra) if part)


def sku_search_text(*, core: str, code: str, spec_values: Iterable[str]) -> str:
    own = build([code, *spec_values])
    return SEPARATOR.join(part for part in (core, own) if part)


def search_terms(term: str) -> list[str]:
    """What to look for in search_text: the term as typed and without spaces ("hong se")."""
    term = " ".join(term.split()).lower()[:MAX_TERM_LENGTH]
    if not term:
        return []
    return list(dict.fromkeys([term, _squash(term)]))
