"""A report as a table of typed cells: what the CSV, XLSX and print views all render.

Headers are gettext messages, translated when the table is built, so a table speaks the
language of the request (Chinese unless the user chose English).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.utils.functional import Promise


class Kind(StrEnum):
    TEXT = "text"
    INT = "int"
    MONEY = "money"  # two decimals
    QUANTITY = "quantity"
    DATE = "date"
    PERCENT = "percent"  # one decimal, already × 100


Cell = str | int | Decimal | date | None


@dataclass(frozen=True)
class Column:
    header: str | Promise
    kind: Kind = Kind.TEXT


@dataclass
class Table:
    name: str  # file name stem: sales-month-2025
    title: str
    columns: list[Column]
    rows: list[list[Cell]] = field(default_factory=list)
    totals: list[Cell] | None = None
    # (label, value) lines above the table in print, and on the XLSX info sheet.
    meta: list[tuple[str, str]] = field(default_factory=list)
    truncated: bool = False

    @property
    def headers(self) -> list[str]:
        return [str(column.header) for column in self.columns]


def text_cell(value: Any) -> str:
    return "" if value is None else str(value)


def display(value: Cell, kind: Kind) -> str:
    """A cell as people read it (print pages): thousands separators, fixed decimals."""
    if value is None:
        return ""
    if kind is Kind.MONEY:
        return f"{Decimal(value):,.2f}"  # type: ignore[arg-type]
    if kind is Kind.QUANTITY:
        return f"{Decimal(value).normalize():,f}"  # type: ignore[arg-type]
    if kind is Kind.PERCENT:
        return f"{Decimal(value):.1f}%"  # type: ignore[arg-type]
    if kind is Kind.INT:
        return f"{int(value):,}"  # type: ignore[arg-type]
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def plain(value: Cell, kind: Kind) -> str:
    """A cell as CSV carries it: numbers without separators, so spreadsheets read them as numbers."""
    if value is None:
        return ""
    if kind is Kind.MONEY:
        return f"{Decimal(value):.2f}"  # type: ignore[arg-type]
    if kind is Kind.QUANTITY:
        return f"{Decimal(value).normalize():f}"  # type: ignore[arg-type]
    if kind is Kind.PERCENT:
        return f"{Decimal(value):.1f}"  # type: ignore[arg-type]
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
