"""Turning one item into draft lines: which product, which SKU, how many of which unit, and how
sure the parser is.

The rule that matters most: a line is confident only when exactly one SKU and one quantity fit,
every word of the item is explained, the unit is the product's own, and the product came from a
word that names it (not from a fuzzy guess or a small fragment of its name). Everything else
gets `doubts` (why not) and ranked candidates for the person to pick — a wrong line marked sure
is worse than a right line left for a tap.

Products: each product-naming word gives evidence (a name, code or alias 1.0, pinyin 0.95,
initials 0.85, a fragment of the name its share of it); words whose products overlap are one
product slot (圆领 + T恤), words with disjoint products are separate slots (可乐 雪碧 各两箱).
An item without a product word takes the previous item's product when its spec values fit it
(白色T恤 L码 20件，黑色 M 10件), and the previous item's other spec values with it.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from saas.messaging.order_text.catalogue import KIND_WEIGHT, CatalogueIndex, Kind
from saas.messaging.order_text.fuzzy import fuzzy_products
from saas.messaging.order_text.items import Item, is_product_word
from saas.messaging.order_text.lexicon import DOZEN, EQUIVALENT_UNITS, GENERIC_UNITS
from saas.messaging.order_text.normalize import key_form
from saas.messaging.order_text.numbers import Quantity
from saas.messaging.order_text.tokens import Token

SURE = 0.5  # evidence a product needs to be taken as named (half of its name, or a whole word)
TIE = 0.15
SPEC_ONLY = 0.3  # a product suggested only because it has the spec values written  # products this close to the best are equally likely
MAX_CANDIDATES = 10
MAX_PRODUCTS = 5
MAX_LINES_PER_ITEM = 50
DOZEN_FACTOR = Decimal(12)


class Doubt:
    """Why a line is not confident (stable codes; the screen explains them)."""

    PRODUCT_AMBIGUOUS = "product_ambiguous"  # several products fit equally
    PRODUCT_UNCERTAIN = "product_uncertain"  # a fuzzy guess or a small part of a name
    SPEC_MISSING = "spec_missing"  # several SKUs of the product fit
    SPEC_UNKNOWN = "spec_unknown"  # a spec value the product does not have
    COMBINATION_MISSING = "combination_missing"  # no SKU has these values together
    QUANTITY_MISSING = "quantity_missing"
    QUANTITY_AMBIGUOUS = "quantity_ambiguous"  # two quantities for one item
    QUANTITY_SHARED = "quantity_shared"  # one quantity for several lines, without 各
    UNIT_UNKNOWN = "unit_unknown"  # the product is not sold in that unit
    UNIT_UNCLEAR = "unit_unclear"  # 件 for a product sold by the bottle and the case
    EXTRA_TEXT = "extra_text"  # words the parser could not place
    PRODUCT_CARRIED = "product_carried"  # only a quantity: the product of the line before is assumed


@dataclass
class View:
    """What the person parsing may see, and what ranks their candidates."""

    allowed_skus: frozenset[int] | None = None  # None: every SKU in the index
    distributor_id: int | None = None  # a distributor's person sees its own aliases too
    history: Mapping[int, int] = field(default_factory=dict)  # SKU → times the customer bought it
    _products: dict[int, bool] = field(default_factory=dict)

    def sku_visible(self, pk: int) -> bool:
        return self.allowed_skus is None or pk in self.allowed_skus

    def product_visible(self, index: CatalogueIndex, pk: int) -> bool:
        seen = self._products.get(pk)
        if seen is None:
            seen = self._products[pk] = any(self.sku_visible(s) for s in index.skus_by_product.get(pk, ()))
        return seen


@dataclass
class Context:
    """What the previous item named: its product (or the products it could not tell apart, so
    "黑色 M" after an ambiguous "白色T恤" can still pick the one that comes in black)."""

    scores: dict[int, float]
    specs: dict[str, str]


@dataclass
class DraftLine:
    line_no: int
    source: str
    quantity: Decimal | None
    unit: str | None
    unit_factor: Decimal | None
    pack_unit_id: int | None
    sku_id: int | None  # set when confident
    candidates: list[int]
    confident: bool
    doubts: list[str]
    spec_text: str
    product_id: int | None
    note: str | None = None
    carried: bool = False  # the product came from the item before

    @property
    def base_quantity(self) -> Decimal | None:
        if self.quantity is None or self.unit_factor is None:
            return None
        return self.quantity * self.unit_factor


@dataclass
class Slot:
    scores: dict[int, float] = field(default_factory=dict)
    pinned: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))  # by code, barcode
    aliased: dict[int, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))  # sku → uses
    fuzzy: bool = False
    carried: bool = False
    bare: bool = False  # carried for an item that is only a quantity ("百威 2箱 6瓶")

    def merge(self, other: Slot) -> None:
        for pk, score in other.scores.items():
            self.scores[pk] = min(self.scores.get(pk, 0.0) + score, 2.0)
        for pk, skus in other.pinned.items():
            self.pinned[pk].extend(s for s in skus if s not in self.pinned[pk])
        for pk, uses in other.aliased.items():
            self.aliased[pk].update(uses)


def _word_slot(token: Token, index: CatalogueIndex, view: View) -> Slot:
    word = token.word
    assert word is not None
    slot = Slot()
    for meaning in word.meanings:
        pk = meaning.product_id
        if meaning.kind in (Kind.SKU_CODE, Kind.BARCODE):
            if meaning.sku_id is not None and pk is not None and view.sku_visible(meaning.sku_id):
                slot.scores[pk] = 1.0
                if meaning.sku_id not in slot.pinned[pk]:
                    slot.pinned[pk].append(meaning.sku_id)
        elif meaning.kind is Kind.ALIAS:
            for alias in index.aliases.get(word.key, ()):
                if alias.distributor_id not in (None, view.distributor_id) or not view.sku_visible(
                    alias.sku_id
                ):
                    continue
                product = index.skus[alias.sku_id].product_id
                slot.scores[product] = 1.0
                slot.aliased[product][alias.sku_id] = alias.times_used
        elif pk is not None and meaning.kind in KIND_WEIGHT and view.product_visible(index, pk):
            slot.scores[pk] = max(slot.scores.get(pk, 0.0), KIND_WEIGHT[meaning.kind])
        elif pk is not None and meaning.kind is Kind.SUBSTRING and view.product_visible(index, pk):
            slot.scores[pk] = max(slot.scores.get(pk, 0.0), meaning.weight)
    return slot


def product_slots(item: Item, index: CatalogueIndex, view: View) -> list[Slot]:
    slots: list[Slot] = []
    for token in item.words:
        assert token.word is not None
        if not is_product_word(token.word):
            continue
        slot = _word_slot(token, index, view)
        if not slot.scores:
            continue
        for existing in slots:
            if existing.scores.keys() & slot.scores.keys():
                existing.merge(slot)
                break
        else:
            slots.append(slot)
    return slots


def spec_words(item: Item) -> list[dict[int, list[tuple[str, str]]]]:
    """For each spec word of the item: product → the (spec name, value) pairs it may mean."""
    found = []
    for token in item.words:
        assert token.word is not None
        if is_product_word(token.word):
            continue
        by_product: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for meaning in token.word.meanings:
            if meaning.kind is Kind.SPEC and meaning.product_id is not None:
                pair = (meaning.spec_name or "", meaning.spec_value or "")
                if pair not in by_product[meaning.product_id]:
                    by_product[meaning.product_id].append(pair)
        if by_product:
            found.append(dict(by_product))
    return found


@dataclass(frozen=True)
class UnitChoice:
    name: str | None
    factor: Decimal | None
    pack_unit_id: int | None
    doubt: str | None


def unit_choice(index: CatalogueIndex, product_id: int, written: str | None) -> UnitChoice:
    product = index.products[product_id]
    packs = index.packs_by_product.get(product_id, {})
    if written is None:
        return UnitChoice(product.base_unit, Decimal(1), None, None)
    key = key_form(written)
    if key in packs:
        pack = packs[key]
        return UnitChoice(pack.name, pack.factor, pack.pk, None)
    if key == key_form(product.base_unit):
        return UnitChoice(product.base_unit, Decimal(1), None, None)
    if any(key in group and key_form(product.base_unit) in group for group in EQUIVALENT_UNITS):
        return UnitChoice(product.base_unit, Decimal(1), None, None)
    if key == DOZEN:
        return UnitChoice(DOZEN, DOZEN_FACTOR, None, None)
    if key in GENERIC_UNITS:
        # 件 for a drink sold by the bottle and the case may mean either (in wholesale 一件 is a case).
        if packs:
            return UnitChoice(written, Decimal(1), None, Doubt.UNIT_UNCLEAR)  # counted as the base unit
        return UnitChoice(product.base_unit, Decimal(1), None, None)
    return UnitChoice(written, None, None, Doubt.UNIT_UNKNOWN)


@dataclass
class _Draft:
    slot: Slot
    product_id: int | None
    candidates: list[int]
    chosen: dict[str, str]
    doubts: list[str]
    sku: int | None


class Resolver:
    """Resolves the items of one message in order, carrying context from one to the next."""

    def __init__(self, index: CatalogueIndex, view: View) -> None:
        self.index = index
        self.view = view
        self.context: Context | None = None
        # A product on a line of its own ("纯棉圆领T恤" above "白色 L 5件") is a heading: its line
        # waits, and is dropped if the next item takes the product from it.
        self.pending: list[DraftLine] = []

    def reset(self) -> list[DraftLine]:
        """Ends a run of context (a new person in a 接龙); the lines still waiting."""
        self.context = None
        return self.finish()

    def finish(self) -> list[DraftLine]:
        waiting, self.pending = self.pending, []
        return waiting

    def visible_skus(self, product_id: int) -> list[int]:
        return [s for s in self.index.skus_by_product.get(product_id, ()) if self.view.sku_visible(s)]

    def _rank(self, skus: list[int], slot: Slot, product_order: dict[int, int]) -> list[int]:
        def key(pk: int) -> tuple[int, int, int, int]:
            product = self.index.skus[pk].product_id
            uses = slot.aliased.get(product, {}).get(pk, 0)
            return (-self.view.history.get(pk, 0), -uses, product_order.get(product, 99), pk)

        return sorted(dict.fromkeys(skus), key=key)[:MAX_CANDIDATES]

    def resolve(self, item: Item, source: str) -> tuple[list[DraftLine], list[str]]:
        lines, missed, heading = self._resolve(item, source)
        carried = bool(lines) and all(line.carried for line in lines)
        waiting = [] if carried else self.finish()
        if heading:
            self.pending = lines
            return waiting, missed
        self.pending = []
        return waiting + lines, missed

    def _resolve(self, item: Item, source: str) -> tuple[list[DraftLine], list[str], bool]:
        specs = spec_words(item)
        slots = product_slots(item, self.index, self.view)
        residue = " ".join(t.text for t in item.residue)
        if not slots and self.context is not None and specs:
            if any(pk in by_product for by_product in specs for pk in self.context.scores):
                slots = [Slot(scores=dict(self.context.scores), carried=True)]
        if not slots and self.context is not None and not specs and not residue and item.quantities:
            if len(self.context.scores) == 1:
                slots = [Slot(scores=dict(self.context.scores), carried=True, bare=True)]
        if not slots and specs:
            # Only spec values ("白T L码" before anyone taught 白T): the few products that have
            # them all are suggestions.
            fitting = set.intersection(*(set(by_product) for by_product in specs))
            fitting = {pk for pk in fitting if self.view.product_visible(self.index, pk)}
            if 0 < len(fitting) <= MAX_PRODUCTS:
                slots = [Slot(scores={pk: SPEC_ONLY for pk in fitting})]
        if not slots and residue:
            guesses = fuzzy_products(
                residue, self.index, lambda pk: self.view.product_visible(self.index, pk)
            )
            if guesses:
                slots = [Slot(scores={pk: score / 100 for pk, score in guesses}, fuzzy=True)]
        if not slots:
            if item.quantities or item.residue or specs:
                return [], [source], False
            return [], [], False
        quantities = item.quantities
        quantity = quantities[0].quantity if quantities else None
        drafts: list[_Draft] = []
        for slot in slots:
            drafts.extend(self._slot_lines(slot, specs, residue))
        drafts = drafts[:MAX_LINES_PER_ITEM]
        lines = []
        for draft in drafts:
            product_id, candidates, sku = draft.product_id, draft.candidates, draft.sku
            doubts = list(draft.doubts)
            if quantity is None:
                doubts.append(Doubt.QUANTITY_MISSING)
            if len(quantities) > 1:
                doubts.append(Doubt.QUANTITY_AMBIGUOUS)
            if len(drafts) > 1 and quantity is not None and not quantity.each:
                doubts.append(Doubt.QUANTITY_SHARED)
            unit = self._unit(product_id, candidates, quantity)
            if unit.doubt:
                doubts.append(unit.doubt)
            confident = not doubts and sku is not None
            lines.append(
                DraftLine(
                    line_no=item.line_no,
                    source=source,
                    quantity=quantity.value if quantity else None,
                    unit=unit.name,
                    unit_factor=unit.factor,
                    pack_unit_id=unit.pack_unit_id,
                    sku_id=sku if confident else None,
                    candidates=candidates,
                    confident=confident,
                    doubts=list(dict.fromkeys(doubts)),
                    spec_text=self._spec_text(product_id, draft.chosen),
                    product_id=product_id,
                    note=item.note,
                    carried=draft.slot.carried,
                )
            )
        self._remember(slots, drafts)
        heading = not quantities and not specs and not residue and not any(s.fuzzy for s in slots)
        return lines, [], heading

    def _unit(self, product_id: int | None, candidates: list[int], quantity: Quantity | None) -> UnitChoice:
        written = quantity.unit if quantity else None
        product = product_id
        if product is None and candidates:
            product = self.index.skus[candidates[0]].product_id
        if product is None:
            return UnitChoice(written, None, None, None)
        return unit_choice(self.index, product, written)

    def _spec_text(self, product_id: int | None, chosen: dict[str, str]) -> str:
        if product_id is None:
            return " / ".join(chosen.values())
        names = self.index.products[product_id].spec_names
        ordered = [chosen[name] for name in names if name in chosen]
        ordered += [value for name, value in chosen.items() if name not in names]
        return " / ".join(ordered)

    def _remember(self, slots: list[Slot], drafts: list[_Draft]) -> None:
        if len(slots) != 1 or slots[0].fuzzy or not drafts:
            self.context = None
            return
        last = drafts[-1]
        if last.product_id is not None:
            self.context = Context({last.product_id: last.slot.scores[last.product_id]}, dict(last.chosen))
        else:
            self.context = Context(dict(last.slot.scores), {})

    def _slot_lines(
        self, slot: Slot, specs: list[dict[int, list[tuple[str, str]]]], residue: str
    ) -> list[_Draft]:
        index = self.index

        def fit_count(pk: int) -> int:
            return sum(1 for by_product in specs if pk in by_product)

        ranked = sorted(slot.scores, key=lambda pk: (-fit_count(pk), -slot.scores[pk], pk))[:MAX_PRODUCTS]
        best = ranked[0]
        top = [
            pk
            for pk in ranked
            if fit_count(pk) == fit_count(best) and slot.scores[pk] >= slot.scores[best] - TIE
        ]
        order = {pk: position for position, pk in enumerate(ranked)}
        doubts: list[str] = []
        if slot.fuzzy or slot.scores[best] < SURE:
            doubts.append(Doubt.PRODUCT_UNCERTAIN)
        if slot.bare:
            doubts.append(Doubt.PRODUCT_CARRIED)
        if residue and not slot.fuzzy:
            doubts.append(Doubt.EXTRA_TEXT)
        if len(top) > 1:
            doubts.append(Doubt.PRODUCT_AMBIGUOUS)
            candidates: list[int] = []
            for pk in ranked:
                explicit = self._explicit(pk, specs)[0]
                first = {name: values[0] for name, values in explicit.items()}
                candidates.extend(self._fitting(pk, first) or self.visible_skus(pk))
            return [_Draft(slot, None, self._rank(candidates, slot, order), {}, doubts, None)]
        product = best
        explicit, unknown = self._explicit(product, specs)
        if unknown:
            doubts.append(Doubt.SPEC_UNKNOWN)
        if slot.pinned.get(product):
            found = []
            for sku in slot.pinned[product]:
                chosen = index.skus[sku].spec_map
                clash = any(chosen.get(name) not in values for name, values in explicit.items())
                found.append(
                    _Draft(
                        slot, product, [sku], chosen, doubts + ([Doubt.SPEC_UNKNOWN] if clash else []), sku
                    )
                )
            return found
        implied = self._implied(slot.aliased.get(product, {}))
        carried = dict(self.context.specs) if slot.carried and self.context else {}
        names = list(explicit)
        combos = list(itertools.product(*(explicit[name] for name in names))) or [()]
        found = []
        for combo in combos:
            wanted = dict(zip(names, combo, strict=True))
            merged = {**{k: v for k, v in carried.items()}, **implied, **wanted}
            fits = self._fitting(product, merged)
            if not fits and carried:
                merged = {**implied, **wanted}
                fits = self._fitting(product, merged)
            line_doubts = list(doubts)
            if len(fits) == 1:
                candidates = fits
            elif not fits:
                line_doubts.append(Doubt.COMBINATION_MISSING)
                candidates = self._closest(product, merged)
            else:
                line_doubts.append(Doubt.SPEC_MISSING)
                candidates = fits
            only = fits[0] if len(fits) == 1 else None
            chosen = index.skus[only].spec_map if only is not None else merged
            found.append(
                _Draft(slot, product, self._rank(candidates, slot, order), chosen, line_doubts, only)
            )
        return found

    def _explicit(
        self, product: int, specs: list[dict[int, list[tuple[str, str]]]]
    ) -> tuple[dict[str, list[str]], bool]:
        explicit: dict[str, list[str]] = {}
        unknown = False
        for by_product in specs:
            pairs = by_product.get(product)
            if not pairs:
                unknown = True
                continue
            name, value = pairs[0]
            values = explicit.setdefault(name, [])
            if value not in values:
                values.append(value)
        return explicit, unknown

    def _implied(self, aliased: dict[int, int]) -> dict[str, str]:
        """What every SKU an alias was learned for agrees on (白T: 颜色 白色, whatever the size)."""
        maps = [self.index.skus[pk].spec_map for pk in aliased]
        if not maps:
            return {}
        common = dict(maps[0])
        for other in maps[1:]:
            common = {name: value for name, value in common.items() if other.get(name) == value}
        return common

    def _fitting(self, product: int, wanted: dict[str, str]) -> list[int]:
        return [
            pk
            for pk in self.visible_skus(product)
            if all(self.index.skus[pk].spec_map.get(name) == value for name, value in wanted.items())
        ]

    def _closest(self, product: int, wanted: dict[str, str]) -> list[int]:
        skus = self.visible_skus(product)

        def agree(pk: int) -> int:
            spec = self.index.skus[pk].spec_map
            return sum(1 for name, value in wanted.items() if spec.get(name) == value)

        return sorted(skus, key=lambda pk: -agree(pk))
