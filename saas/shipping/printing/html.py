"""Printable HTML of a document: one self-contained page (the logo inlined), A4 print styles."""

from __future__ import annotations

import base64
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

from saas.shipping.printing.document import Document, Page

# Codes, numbers and dates read badly when broken over two lines.
NOWRAP = {
    "bin",
    "sku_code",
    "barcode",
    "line_no",
    "unit",
    "quantity",
    "open_quantity",
    "unit_price",
    "amount",
    "tracking_number",
    "shipment_number",
    "order_number",
    "requested_date",
}


def _page_context(page: Page) -> dict[str, Any]:
    logo_uri = (
        f"data:{page.logo_type};base64,{base64.b64encode(page.logo).decode('ascii')}"
        if page.logo and page.logo_type
        else ""
    )
    return {
        "title": page.title,
        "header_text": page.header_text,
        "logo_uri": logo_uri,
        "company_name": page.company_name,
        "company_phone": page.company_phone,
        "company_address": page.company_address,
        "header": page.header,
        "columns": page.columns,
        "cells": [
            [
                {"value": value, "align": column.align, "nowrap": column.key in NOWRAP}
                for value, column in zip(row, page.columns, strict=True)
            ]
            for row in page.rows
        ],
        "footer": page.footer,
        "signature_label": page.signature_label,
        "footer_text": page.footer_text,
    }


def render_html(document: Document, *, show_toolbar: bool = True) -> str:
    return render_to_string(
        "shipping/print.html",
        {
            "document": document,
            "pages": [_page_context(page) for page in document.pages],
            "language": translation.get_language() or "zh-hans",
            "show_toolbar": show_toolbar,
        },
    )
