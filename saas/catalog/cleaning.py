"""Input cleaning for the catalog services: text, codes, barcodes, money, specifications, caps.

Each cleaner returns the clean value or raises InvalidInput with a stable code and the GraphQL
field name, so the caller can show the message next to the right input.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from itertools import product as cartesian
from typing import Any

from django.utils.translation import gettext as _

from saas.catalog.drafts import SpecDraft
from saas.core.errors import FieldProblem, InvalidInput
from saas.core.inputs import clean_decimal, clean_text, decimal_places

MAX_SPECS = 5
MAX_SPEC_VALUES = 50
MAX_SKUS = 500
MAX_LINES = 100  # list inputs per call, as everywhere in the API
MAX_PACK_UNITS = 10
MAX_SPEC_NAME = 20  # Product.spec_names' column width
MAX_SPEC_VALUE = 30
MAX_PRICE = Decimal("100000000")  # 1 亿: far above any real unit price, far below the column
MAX_FACTOR = Decimal("1000000")

PRODUCT_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
BARCODE = re.compile(r"^[A-Za-z0-9-]{4,32}$")


class Problems:
    """Collects several field problems so one reply lists everything wrong with a form."""

    def __init__(self) -> None:
        self.items: list[FieldProblem] = []

    def check(self, call: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return call(*args, **kwargs)
        except InvalidInput as exc:
            self.items.extend(exc.problems)
            return None

    def raise_any(self) -> None:
        if self.items:
            raise InvalidInput(problems=self.items)


def text(value: str | None, *, field: str, max_length: int, required: bool = False) -> str:
    """A name or value on one line: runs of spaces and line breaks become one space."""
    return clean_text(" ".join((value or "").split()), field, max_length, required=required)


def long_text(value: str | None, *, field: str, max_length: int) -> str:
    """Free text that keeps its line breaks (a description)."""
    return clean_text(value, field, max_length)


def code(value: str | None, *, field: str, max_length: int, invalid_code: str = "code_invalid") -> str:
    cleaned = (value or "").strip()
    if len(cleaned) > max_length:
        raise InvalidInput(_("At most %(n)d characters.") % {"n": max_length}, code="too_long", field=field)
    if cleaned and not PRODUCT_CODE.match(cleaned):
        raise InvalidInput(
            _("Use letters, digits, '.', '-' or '_', starting with a letter or digit."),
            code=invalid_code,
            field=field,
        )
    return cleaned


def barcode(value: str | None, *, field: str) -> str | None:
    """A barcode, or None for none (NULLs do not collide under the unique constraint)."""
    cleaned = (value or "").strip()
    if not cleaned:
        return None
    if not BARCODE.match(cleaned):
        raise InvalidInput(
            _("A barcode is 4-32 letters, digits or '-'."), code="barcode_invalid", field=field
        )
    return cleaned


def _decimal(value: Decimal | str | int | None, *, field: str) -> Decimal:
    if isinstance(value, float):
        # Binary floats cannot hold 0.1; money and factors arrive as strings or Decimals.
        raise InvalidInput(_("Enter a number."), code="number_invalid", field=field)
    return clean_decimal(value if value is not None else 0, field, "number_invalid")


def money(value: Decimal | str | int | None, *, field: str, places: int) -> Decimal:
    """A price: ≥ 0, below MAX_PRICE, with at most `places` decimals (2 for prices, 4 for costs)."""
    number = _decimal(value, field=field)
    if number < 0:
        raise InvalidInput(_("Prices cannot be negative."), code="price_negative", field=field)
    if number >= MAX_PRICE:
        raise InvalidInput(_("The price is too large."), code="price_too_large", field=field)
    if decimal_places(number) > places:
        raise InvalidInput(
            _("At most %(n)d decimal places.") % {"n": places}, code="price_invalid", field=field
        )
    return number.quantize(Decimal(1).scaleb(-places))


def factor(value: Decimal | str | int | None, *, field: str) -> Decimal:
    number = _decimal(value, field=field)
    if number <= 0 or number > MAX_FACTOR or decimal_places(number) > 3:
        raise InvalidInput(
            _("A pack holds more than 0 base units, with at most 3 decimals."),
            code="pack_factor_invalid",
            field=field,
        )
    return number.quantize(Decimal("0.001"))


def line_count(items: Sequence[Any], *, field: str, limit: int = MAX_LINES) -> None:
    if len(items) > limit:
        raise InvalidInput(
            _("At most %(n)d lines per call.") % {"n": limit}, code="too_many_lines", field=field
        )


def specs(drafts: Sequence[SpecDraft]) -> list[SpecDraft]:
    """Clean specification names and values, and enforce the caps on specs, values and SKUs."""
    if len(drafts) > MAX_SPECS:
        raise InvalidInput(
            _("At most %(n)d specifications per product.") % {"n": MAX_SPECS},
            code="too_many_specs",
            field="specs",
        )
    cleaned: list[SpecDraft] = []
    seen_names: set[str] = set()
    for index, draft in enumerate(drafts):
        name = text(draft.name, field=f"specs.{index}.name", max_length=MAX_SPEC_NAME, required=True)
        if name in seen_names:
            raise InvalidInput(
                _("Each specification name appears once."),
                code="spec_name_duplicate",
                field=f"specs.{index}.name",
            )
        seen_names.add(name)
        if not draft.values:
            raise InvalidInput(
                _("Give each specification at least one value."),
                code="spec_values_required",
                field=f"specs.{index}.values",
            )
        if len(draft.values) > MAX_SPEC_VALUES:
            raise InvalidInput(
                _("At most %(n)d values per specification.") % {"n": MAX_SPEC_VALUES},
                code="too_many_spec_values",
                field=f"specs.{index}.values",
            )
        values: list[str] = []
        for value_index, raw in enumerate(draft.values):
            field = f"specs.{index}.values.{value_index}"
            value = text(raw, field=field, max_length=MAX_SPEC_VALUE, required=True)
            if value in values:
                raise InvalidInput(
                    _("Each value appears once in a specification."), code="spec_value_duplicate", field=field
                )
            values.append(value)
        cleaned.append(SpecDraft(name=name, values=values))
    combinations = 1
    for spec in cleaned:
        combinations *= len(spec.values)
    if combinations > MAX_SKUS:
        raise InvalidInput(
            _("These specifications make %(count)d SKUs; a product has at most %(n)d.")
            % {"count": combinations, "n": MAX_SKUS},
            code="too_many_skus",
            field="specs",
        )
    return cleaned


def combinations(cleaned: Sequence[SpecDraft]) -> list[dict[str, str]]:
    """Every combination of values, in display order; no specifications give one empty combination."""
    names = [spec.name for spec in cleaned]
    return [dict(zip(names, values, strict=True)) for values in cartesian(*(spec.values for spec in cleaned))]


def spec_drafts_of(spec_names: Sequence[str], spec_options: dict[str, list[str]] | None) -> list[SpecDraft]:
    """A product's stored specifications (Product.spec_names + spec_options) as drafts."""
    options = spec_options or {}
    return [SpecDraft(name=name, values=list(options.get(name, []))) for name in spec_names]


def combination_key(spec_values: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((str(name), str(value)) for name, value in spec_values.items()))
