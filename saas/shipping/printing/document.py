"""A printable document, independent of its output: pages of letterhead, header fields, a table
and footer fields, laid out by the tenant's template. The HTML and PDF renderers draw this.

Data comes in as plain strings per field key (DocData), from real records (printing.data) or
from the sample used for previews (printing.sample), so both go through exactly one layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from saas.sales.selectors.print_settings import PrintOptions
from saas.shipping.printing.fields import COLUMN, FOOTER, HEADER, TITLES, ResolvedField

LETTERHEAD_KEYS = ("logo", "company_name", "company_phone", "company_address")


@dataclass
class DocData:
    """One page's values by field key; money values are dropped at layout when not allowed."""

    header: dict[str, str] = field(default_factory=dict)
    rows: list[dict[str, str]] = field(default_factory=list)
    footer: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Letterhead:
    company_name: str
    phone: str
    address: str
    logo: bytes | None
    logo_type: str  # image/png or image/jpeg
    footer_text: str


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    value: str
    align: str


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    align: str


@dataclass
class Page:
    title: str
    company_name: str | None
    company_phone: str | None
    company_address: str | None
    logo: bytes | None
    logo_type: str
    header: list[Item]
    columns: list[Column]
    rows: list[list[str]]
    footer: list[Item]
    signature_label: str | None
    footer_text: str | None
    header_text: str | None = None  # the print settings' line under the title (delivery notes)


@dataclass
class Document:
    kind: str
    title: str
    pages: list[Page]


def quantity_text(value: Decimal) -> str:
    text = format(Decimal(value).normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def money_text(value: Decimal) -> str:
    return f"{Decimal(value):,.2f}"


def layout(
    kind: str,
    data: DocData,
    fields: list[ResolvedField],
    *,
    letterhead: Letterhead,
    show_money: bool,
    title: str = "",
) -> Page:
    shown = [f for f in fields if f.visible and (show_money or not f.money)]
    keys = {f.key for f in shown}
    header = [
        Item(f.key, f.label, data.header.get(f.key, ""), f.align)
        for f in shown
        if f.area == HEADER and f.key not in LETTERHEAD_KEYS
    ]
    columns = [Column(f.key, f.label, f.align) for f in shown if f.area == COLUMN]
    footer = [
        Item(f.key, f.label, data.footer.get(f.key, ""), f.align)
        for f in shown
        if f.area == FOOTER and f.key not in ("signature", "footer_text", "picker")
    ]
    signature = next((f.label for f in shown if f.key in ("signature", "picker") and f.area == FOOTER), None)
    return Page(
        title=title or str(TITLES[kind]),
        company_name=letterhead.company_name if "company_name" in keys else None,
        company_phone=letterhead.phone if "company_phone" in keys and letterhead.phone else None,
        company_address=letterhead.address if "company_address" in keys and letterhead.address else None,
        logo=letterhead.logo if "logo" in keys else None,
        logo_type=letterhead.logo_type,
        header=header,
        columns=columns,
        rows=[[row.get(c.key, "") for c in columns] for row in data.rows],
        footer=footer,
        signature_label=signature,
        footer_text=letterhead.footer_text if "footer_text" in keys and letterhead.footer_text else None,
    )


# Print settings' switches (saas.sales PrintSettings) and the delivery note's fields they hide.
HIDDEN_BY = {
    "show_prices": ("unit_price",),
    "show_amounts": ("amount", "total_amount"),
    "show_remarks": ("remark",),
    "amount_in_words": ("total_in_words",),
}


def apply_print_options(fields: list[ResolvedField], options: PrintOptions) -> list[ResolvedField]:
    """The template's fields less those the print settings switch off: a field prints when the
    template shows it and the settings let it (money still needs the reader's sight of money)."""
    hidden = {key for switch, keys in HIDDEN_BY.items() if not getattr(options, switch) for key in keys}
    return [f for f in fields if f.key not in hidden]


def apply_print_texts(page: Page, options: PrintOptions) -> Page:
    """The settings' texts: a line under the title, the signature line's words, the footnote."""
    page.header_text = options.header_text or None
    if page.signature_label and options.signature_text:
        page.signature_label = options.signature_text
    if options.footer_text:
        page.footer_text = options.footer_text
    return page
