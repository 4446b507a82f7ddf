"""The per-workspace index the parser matches against: one Aho-Corasick automaton over every word
that names something in the catalogue, plus the plain facts the resolver needs.

Words (all in `normalize.key_form`):
- a product's name, its name without spaces, code, brand + name, full pinyin (≥ 4 letters) and
  pinyin initials (≥ 3 letters: two letters collide with sizes and codes);
- every substring of two or more characters of a product's name that holds a Chinese character,
  weighted by how much of the name it covers (圆领T恤 is most of 纯棉圆领T恤) — matched only in
  what stronger words leave, so a name's fragment never hides a quantity or a size;
- SKU codes and barcodes;
- spec values with their everyday forms: 白色 also as 白, a size L also as L码 and L号;
- learned aliases (a person's pick, `ProductAlias`), and the filler words of `lexicon`.
One word may mean several things (白 the colour of three products); the resolver weighs them.
Built once per catalogue version (`snapshot`); matching a message is a single pass.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from enum import IntEnum
from functools import lru_cache

import ahocorasick
from pypinyin import Style, lazy_pinyin

from saas.messaging.order_text.lexicon import FILLER, SIZE_SPECS, UNITS
from saas.messaging.order_text.normalize import is_cjk, key_form

MAX_SUBSTRING = 8
# The end of a Chinese product name is its head noun (不锈钢螺丝 is a 螺丝, 纯棉圆领T恤 a T恤), which
# is what people write: a suffix of two or more characters counts at least this much.
HEAD_NOUN = 0.6
# 512G written as 512, 330ml as 330: the number of a value with a unit of measure stands for it
# (two digits or more: 2 of 2L or 1 of 1匹 would be read in every quantity).
_MEASURED = re.compile(r"^(\d+(?:\.\d+)?)(g|gb|t|tb|ml|l|寸|匹|位|w|v|mm|cm|m)$")
MIN_PINYIN = 4
MIN_INITIALS = 3


class Kind(IntEnum):
    """What a word names; lower is more specific (wins a tie between meanings)."""

    SKU_CODE = 1
    BARCODE = 2
    ALIAS = 3
    PRODUCT_CODE = 4
    PRODUCT_NAME = 5
    PINYIN = 6
    INITIALS = 7
    SPEC = 8
    BRAND = 9
    SUBSTRING = 10
    FILLER = 11


PRODUCT_KINDS = frozenset(
    {
        Kind.SKU_CODE,
        Kind.BARCODE,
        Kind.ALIAS,
        Kind.PRODUCT_CODE,
        Kind.PRODUCT_NAME,
        Kind.PINYIN,
        Kind.INITIALS,
    }
)
# How much one word says about a product, before coverage of its name.
KIND_WEIGHT = {
    Kind.SKU_CODE: 1.0,
    Kind.BARCODE: 1.0,
    Kind.ALIAS: 1.0,
    Kind.PRODUCT_CODE: 1.0,
    Kind.PRODUCT_NAME: 1.0,
    Kind.PINYIN: 0.95,
    Kind.INITIALS: 0.85,
    Kind.BRAND: 0.3,
}


@dataclass(frozen=True)
class ProductFacts:
    pk: int
    code: str
    name: str
    brand: str
    base_unit: str
    spec_names: tuple[str, ...]
    category_id: int | None


@dataclass(frozen=True)
class SkuFacts:
    pk: int
    code: str
    barcode: str | None
    product_id: int
    specs: tuple[tuple[str, str], ...]  # (name, value) in the product's spec order

    @property
    def spec_map(self) -> dict[str, str]:
        return dict(self.specs)


@dataclass(frozen=True)
class PackFacts:
    pk: int
    product_id: int
    name: str
    factor: Decimal


@dataclass(frozen=True)
class AliasFacts:
    text: str  # key_form
    sku_id: int
    times_used: int
    distributor_id: int | None  # learned by a distributor's person: that distributor's alone


@dataclass(frozen=True)
class CatalogueFacts:
    products: tuple[ProductFacts, ...]
    skus: tuple[SkuFacts, ...]
    packs: tuple[PackFacts, ...]
    aliases: tuple[AliasFacts, ...] = ()


@dataclass(frozen=True)
class Meaning:
    kind: Kind
    product_id: int | None = None
    sku_id: int | None = None
    spec_name: str | None = None
    spec_value: str | None = None
    weight: float = 1.0  # a substring's share of its product's name


@dataclass
class Word:
    key: str
    meanings: list[Meaning] = field(default_factory=list)
    ascii: bool = False

    @property
    def strong(self) -> bool:
        return any(m.kind not in (Kind.SUBSTRING, Kind.FILLER) for m in self.meanings)

    @property
    def filler(self) -> bool:
        return any(m.kind is Kind.FILLER for m in self.meanings)


@dataclass
class CatalogueIndex:
    products: dict[int, ProductFacts]
    skus: dict[int, SkuFacts]
    skus_by_product: dict[int, list[int]]
    packs_by_product: dict[int, dict[str, PackFacts]]
    aliases: dict[str, list[AliasFacts]]
    words: list[Word]
    automaton: ahocorasick.Automaton
    units: frozenset[str]
    # For the fuzzy fallback: each product's names as written and as pinyin.
    product_names: dict[int, str]
    product_pinyin: dict[int, str]
    size: int = 0  # SKUs indexed

    def hits(self, text: str) -> list[tuple[int, int, Word]]:
        """Every (start, end, word) found in `text`, overlapping ones included."""
        if not self.words:
            return []
        return [
            (end + 1 - len(self.words[index].key), end + 1, self.words[index])
            for end, index in self.automaton.iter(text)
        ]


@lru_cache(maxsize=65536)
def _pinyin(text: str) -> tuple[str, str]:
    full = "".join(lazy_pinyin(text)).lower()
    initials = "".join(lazy_pinyin(text, style=Style.FIRST_LETTER)).lower()
    return key_form(full), key_form(initials)


def spec_forms(spec_name: str, value: str) -> list[str]:
    """A value as people write it: 白色 also 白; a size L also L码, L号."""
    key = key_form(value)
    forms = [key]
    if len(key) > 1 and key.endswith("色"):
        forms.append(key[:-1])
    if spec_name in SIZE_SPECS or key_form(spec_name) in SIZE_SPECS:
        forms.extend([f"{key}码", f"{key}号"])
    measured = _MEASURED.match(key)
    if measured and measured.group(1).isdigit() and len(measured.group(1)) >= 2:  # not 2 of 2L
        forms.append(measured.group(1))
        if measured.group(2) == "g":
            forms.append(f"{measured.group(1)}gb")
    return [form for form in dict.fromkeys(forms) if form]


class _Builder:
    def __init__(self) -> None:
        self.words: dict[str, Word] = {}
        self.seen: set[tuple[str, Meaning]] = set()  # a common word (T恤) has thousands of meanings

    def add(self, key: str, meaning: Meaning) -> None:
        if not key or (key, meaning) in self.seen:
            return
        self.seen.add((key, meaning))
        word = self.words.get(key)
        if word is None:
            word = self.words[key] = Word(key=key, ascii=key.isascii())
        word.meanings.append(meaning)


def _add_product(builder: _Builder, product: ProductFacts, pinyin: dict[int, str]) -> None:
    name = key_form(product.name)
    builder.add(name, Meaning(Kind.PRODUCT_NAME, product_id=product.pk))
    builder.add(key_form(product.code), Meaning(Kind.PRODUCT_CODE, product_id=product.pk))
    if product.brand:
        brand = key_form(product.brand)
        builder.add(brand, Meaning(Kind.BRAND, product_id=product.pk))
        if not name.startswith(brand):
            builder.add(brand + name, Meaning(Kind.PRODUCT_NAME, product_id=product.pk))
    if any(is_cjk(char) for char in name):
        full, initials = _pinyin(product.name)
        pinyin[product.pk] = full
        if len(full) >= MIN_PINYIN:
            builder.add(full, Meaning(Kind.PINYIN, product_id=product.pk))
        if len(initials) >= MIN_INITIALS:
            builder.add(initials, Meaning(Kind.INITIALS, product_id=product.pk))
        for length in range(2, min(len(name) - 1, MAX_SUBSTRING) + 1):
            for start in range(0, len(name) - length + 1):
                piece = name[start : start + length]
                if any(is_cjk(char) for char in piece):
                    weight = round(length / len(name), 3)
                    if start + length == len(name) and is_cjk(name[-1]):
                        weight = max(weight, HEAD_NOUN)
                    builder.add(piece, Meaning(Kind.SUBSTRING, product_id=product.pk, weight=weight))


def build_index(facts: CatalogueFacts) -> CatalogueIndex:
    builder = _Builder()
    products = {product.pk: product for product in facts.products}
    skus: dict[int, SkuFacts] = {}
    skus_by_product: dict[int, list[int]] = defaultdict(list)
    for sku in facts.skus:
        if sku.product_id not in products:
            continue
        skus[sku.pk] = sku
        skus_by_product[sku.product_id].append(sku.pk)
        builder.add(key_form(sku.code), Meaning(Kind.SKU_CODE, product_id=sku.product_id, sku_id=sku.pk))
        if sku.barcode:
            builder.add(
                key_form(sku.barcode), Meaning(Kind.BARCODE, product_id=sku.product_id, sku_id=sku.pk)
            )
        for spec_name, value in sku.specs:
            for form in spec_forms(spec_name, value):
                builder.add(
                    form,
                    Meaning(Kind.SPEC, product_id=sku.product_id, spec_name=spec_name, spec_value=value),
                )
    pinyin: dict[int, str] = {}
    for product in facts.products:
        if skus_by_product.get(product.pk):
            _add_product(builder, product, pinyin)
    packs: dict[int, dict[str, PackFacts]] = defaultdict(dict)
    for pack in facts.packs:
        packs[pack.product_id][key_form(pack.name)] = pack
    aliases: dict[str, list[AliasFacts]] = defaultdict(list)
    for alias in facts.aliases:
        if alias.sku_id in skus:
            aliases[alias.text].append(alias)
            builder.add(alias.text, Meaning(Kind.ALIAS))
    for filler in FILLER:
        builder.add(key_form(filler), Meaning(Kind.FILLER))
    automaton = ahocorasick.Automaton()
    words = list(builder.words.values())
    for index, word in enumerate(words):
        word.meanings.sort(key=lambda meaning: meaning.kind)
        automaton.add_word(word.key, index)
    if words:
        automaton.make_automaton()
    units = frozenset(
        {*UNITS, *(key_form(p.base_unit) for p in facts.products), *(k for by in packs.values() for k in by)}
    )
    return CatalogueIndex(
        products=products,
        skus=skus,
        skus_by_product=dict(skus_by_product),
        packs_by_product=dict(packs),
        aliases=dict(aliases),
        words=words,
        automaton=automaton,
        units=frozenset(unit for unit in units if unit),
        product_names={pk: key_form(p.name) for pk, p in products.items() if skus_by_product.get(pk)},
        product_pinyin={pk: _pinyin(p.name)[0] for pk, p in products.items() if skus_by_product.get(pk)},
        size=len(skus),
    )
