"""Paste-to-order over GraphQL (people only): `orderTextParse` reads a pasted message into draft
lines; `orderTextAliasLearn` teaches the words of a line the SKU the person picked for it.

Nothing is ordered here: the order entry screen shows the lines, the person resolves the unsure
ones and confirms, and the order is created through the sales mutations as always.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import strawberry
from strawberry.types import Info

from saas.api.catalog.types import SkuType
from saas.api.errors import FieldError, run_service
from saas.api.permissions import current_user
from saas.messaging.order_text import selectors, services
from saas.messaging.order_text.resolve import DraftLine

DOUBTS = (
    "product_ambiguous (several products fit), product_uncertain (a fuzzy guess or a small part of "
    "a name), product_carried (only a quantity: the line before's product assumed), spec_missing "
    "(several SKUs of the product fit), spec_unknown (a value the product does not have), "
    "combination_missing (no SKU has these values together), quantity_missing, quantity_ambiguous "
    "(two quantities for one item), quantity_shared (one quantity for several lines, without 各), "
    "unit_unknown (not sold in that unit), unit_unclear (件 for a product with a pack unit: counted "
    "as the base unit), extra_text (words that named nothing)"
)


@strawberry.type(name="OrderTextLine", description="One draft line read from a pasted message.")
class OrderTextLineType:
    index: int = strawberry.field(description="The line of the message it was read from, from 1.")
    source: str = strawberry.field(description="The words of the message this line was read from.")
    quantity: Decimal | None = strawberry.field(
        description="How many, in `unit` as written (2 for 2箱); null when the message gives none."
    )
    unit: str | None = strawberry.field(
        description="The unit counted in: a pack unit (箱), or the product's base unit when none or a "
        "counting word (个, 件) is written."
    )
    unit_factor: Decimal | None = strawberry.field(
        description="Base units in one `unit` (24 for a 箱 of 24); null when the product has no such unit."
    )
    base_quantity: Decimal | None = strawberry.field(description="quantity × unitFactor, in base units.")
    pack_unit_id: strawberry.ID | None = strawberry.field(
        description="The product's pack unit when `unit` is one: pass it with `quantity` to the order line."
    )
    sku: SkuType | None = strawberry.field(description="The SKU when the line is confident; otherwise null.")
    confident: bool = strawberry.field(
        description="Exactly one SKU and one quantity fit, in the product's own unit, and every word was "
        "understood. Only then is `sku` set."
    )
    candidates: list[SkuType] = strawberry.field(
        description="SKUs to pick from, most likely first (the customer's earlier orders rank first); "
        "the confident SKU alone when sure. At most 10."
    )
    doubts: list[str] = strawberry.field(description=f"Why the line is not confident: {DOUBTS}.")
    spec_text: str = strawberry.field(description="The spec values understood, such as 白色 / L.")
    note: str | None = strawberry.field(
        description="In a 接龙 roll call: the name of the person who wrote the line."
    )


@strawberry.type(name="OrderTextParse", description="A pasted message read as draft order lines.")
class OrderTextParseType:
    lines: list[OrderTextLineType] = strawberry.field(description="The draft lines, in the message's order.")
    unmatched: list[str] = strawberry.field(
        description="Parts of the message with a quantity or words that named no product the caller may order."
    )


def _line(line: DraftLine, parsed: selectors.ParsedText) -> OrderTextLineType:
    skus = parsed.skus
    return OrderTextLineType(
        index=line.line_no,
        source=line.source,
        quantity=line.quantity,
        unit=line.unit,
        unit_factor=line.unit_factor,
        base_quantity=line.base_quantity,
        pack_unit_id=strawberry.ID(str(line.pack_unit_id)) if line.pack_unit_id is not None else None,
        sku=skus.get(line.sku_id) if line.sku_id is not None else None,  # type: ignore[arg-type]
        confident=line.confident,
        candidates=[skus[pk] for pk in line.candidates if pk in skus],  # type: ignore[misc]
        doubts=line.doubts,
        spec_text=line.spec_text,
        note=line.note,
    )


Text = Annotated[
    str,
    strawberry.argument(
        description="The message as pasted (WeChat text, a 接龙 list, SKU codes): at most 5,000 characters "
        "and 200 lines (text_too_long, too_many_lines)."
    ),
]
CustomerId = Annotated[
    strawberry.ID | None,
    strawberry.argument(
        description="The customer the order is for: SKUs of their recent orders rank first. One the caller "
        "may see (not_found otherwise); a distributor's person may give only its own."
    ),
]


@strawberry.type
class OrderTextQueries:
    @strawberry.field(
        description='Reads a pasted message ("白色T恤 L码 20件，黑色 M 10件", a 接龙 list, SKU codes) into '
        "draft order lines against the catalogue the caller may order from. For people who take orders "
        "(orders.edit) and distributors' people; writes nothing."
    )
    def order_text_parse(self, info: Info, text: Text, customer_id: CustomerId = None) -> OrderTextParseType:
        parsed = selectors.order_text_parse(actor=current_user(info), text=text, customer_id=customer_id)
        return OrderTextParseType(
            lines=[_line(line, parsed) for line in parsed.result.lines], unmatched=parsed.result.unmatched
        )


@strawberry.input(description="A SKU the person picked for a draft line.")
class OrderTextAliasLearnInput:
    source: str = strawberry.field(
        description="The line's `source`, as orderTextParse gave it (at most 500 characters)."
    )
    sku_id: strawberry.ID = strawberry.field(description="The SKU picked; one the caller may order.")


@strawberry.type(name="OrderTextAlias", description="Words of a message learned as naming a SKU.")
class OrderTextAliasType:
    text: str = strawberry.field(description="The words, normalised (lower case, no spaces).")
    sku: SkuType = strawberry.field(description="The SKU they name.")
    times_used: int = strawberry.field(description="How many times people picked this SKU for these words.")


@strawberry.type
class OrderTextAliasLearnPayload:
    alias: OrderTextAliasType | None = strawberry.field(
        description="What was learned; null when the line had no words worth learning (only a size or a code)."
    )
    errors: list[FieldError] = strawberry.field(description="Problems; empty when it worked.")


@strawberry.type
class OrderTextMutations:
    @strawberry.mutation(
        description="Learns from a pick: the words of a draft line that named the product become an alias of "
        "the SKU picked, so the next message with them is read surely. A distributor's person teaches its "
        "own distributor only."
    )
    def order_text_alias_learn(
        self, info: Info, input: OrderTextAliasLearnInput
    ) -> OrderTextAliasLearnPayload:
        learned, errors = run_service(
            lambda: services.order_text_alias_learn(
                actor=current_user(info), source=input.source, sku_id=input.sku_id
            )
        )
        alias = learned.alias if learned is not None else None
        return OrderTextAliasLearnPayload(
            alias=OrderTextAliasType(text=alias.text, sku=alias.sku, times_used=alias.times_used)  # type: ignore[arg-type]
            if alias is not None
            else None,
            errors=errors,
        )
