"""PDF of a document with reportlab, in pure Python.

Chinese needs no font file: reportlab ships the Adobe CID font STSong-Light (宋体), which PDF
readers supply from their own Asian font packs. It covers Latin letters and digits too, so one
font serves the whole page.
"""

from __future__ import annotations

import io
from functools import lru_cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from saas.shipping.printing.document import Document, Item, Page

FONT = "STSong-Light"
ALIGNMENTS = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
# Relative column widths: codes and names get room, numbers and ticks little; others 1.
WIDTHS = {
    "line_no": 0.45,
    "check": 0.5,
    "unit": 0.55,
    "quantity": 0.75,
    "open_quantity": 0.75,
    "unit_price": 0.85,
    "amount": 0.95,
    "bin": 0.9,
    "sku_code": 1.5,
    "barcode": 1.4,
    "tracking_number": 1.55,
    "shipment_number": 1.45,
    "order_number": 1.45,
    "product_name": 1.8,
    "customer_name": 1.6,
    "address": 2.4,
    "orders": 2.2,
    "signature": 1.2,
}


@lru_cache(maxsize=1)
def _font() -> str:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


@lru_cache(maxsize=8)
def _style(size: float, align: str = "left", bold: bool = False) -> ParagraphStyle:
    return ParagraphStyle(
        f"s{size}{align}{bold}",
        fontName=_font(),
        fontSize=size,
        leading=size * 1.35,
        alignment=ALIGNMENTS.get(align, TA_LEFT),
        textColor=colors.black,
    )


def _p(text: str, size: float = 9, align: str = "left") -> Paragraph:
    return Paragraph(escape(text or "").replace("\n", "<br/>"), _style(size, align))


def _items(items: list[Item], columns: int, width: float) -> Table:
    cells = [_p(f"{item.label}：{item.value}", 9, item.align) for item in items]
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    rows[-1] += [_p("")] * (columns - len(rows[-1]))
    table = Table(rows, colWidths=[width / columns] * columns)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


def _letterhead(page: Page, width: float) -> list[Flowable]:
    texts = [t for t in (page.company_phone, page.company_address) if t]
    parts: list[Flowable] = []
    if page.company_name:
        parts.append(_p(page.company_name, 13))
    if texts:
        parts.append(_p(" · ".join(texts), 8))
    logo: Flowable | None = None
    if page.logo:
        try:
            reader = ImageReader(io.BytesIO(page.logo))
            w, h = reader.getSize()
            height = 14 * mm
            logo = Image(io.BytesIO(page.logo), width=min(height * w / h, 50 * mm), height=height)
        except Exception:  # an unreadable logo must not stop a delivery note from printing
            logo = None
    if not parts and logo is None:
        return []
    logo_width = 55 * mm if logo else 0
    row = [[logo or "", parts or ""]] if logo else [[parts]]
    table = Table(row, colWidths=[logo_width, width - logo_width] if logo else [width])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -1), 1.2, colors.black),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [table, Spacer(1, 3 * mm)]


def _table(page: Page, width: float) -> Table:
    columns = page.columns or []
    head = [_p(c.label, 9, c.align) for c in columns]
    body = [[_p(value, 9, c.align) for value, c in zip(row, columns, strict=True)] for row in page.rows]
    if not columns:
        return Table([[""]], colWidths=[width])
    weights = [WIDTHS.get(c.key, 1.0) for c in columns]
    widths = [width * weight / sum(weights) for weight in weights]
    table = Table([head, *body], colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.94, 0.94, 0.94)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _page(page: Page, width: float) -> list[Flowable]:
    story: list[Flowable] = [*_letterhead(page, width), _p(page.title, 16, "center"), Spacer(1, 4 * mm)]
    if page.header_text:
        story += [_p(page.header_text, 9, "center"), Spacer(1, 3 * mm)]
    if page.header:
        story += [_items(page.header, 2, width), Spacer(1, 3 * mm)]
    story.append(_table(page, width))
    if page.footer:
        story += [Spacer(1, 3 * mm), _items(page.footer, 2, width)]
    if page.signature_label:
        story += [Spacer(1, 10 * mm), _p(f"{page.signature_label}：", 10)]
    if page.footer_text:
        story += [Spacer(1, 4 * mm), _p(page.footer_text, 8)]
    return story


def render_pdf(document: Document) -> bytes:
    buffer = io.BytesIO()
    margin = 12 * mm
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=document.title,
        creator="Sparrow",
    )
    width = A4[0] - 2 * margin
    story: list[Flowable] = []
    for index, page in enumerate(document.pages):
        if index:
            story.append(PageBreak())
        story += _page(page, width)
    doc.build(story)
    return buffer.getvalue()
