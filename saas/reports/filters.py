"""Filters a report accepts (statuses, rep, customer, product, SKU), checked once for every caller."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from saas.core.errors import InvalidInput
from saas.core.ids import parse_id
from saas.sales.models import SOLD_STATUSES, OrderStatus, SalesOrderLine

E = TypeVar("E", bound=StrEnum)


def clean_choice(kind: type[E], value: E | str, field: str, code: str) -> E:
    """A grouping or period given by name (GraphQL enums and query strings alike)."""
    try:
        return kind(str(value).strip().lower())
    except ValueError as exc:
        raise InvalidInput(
            _("Choose one of: %(choices)s.") % {"choices": ", ".join(item.value for item in kind)},
            code=code,
            field=field,
        ) from exc


def clean_id(value: Any, field: str) -> int | None:
    """An optional id filter; ids arrive as strings from GraphQL and query strings."""
    if value is None or value == "":
        return None
    pk = parse_id(value)
    if pk is None:
        raise InvalidInput(_("This id is not valid."), code="id_invalid", field=field)
    return pk


def clean_statuses(values: Iterable[str] | None, field: str = "statuses") -> tuple[str, ...]:
    """Order statuses to count; none given means sales (approved and beyond)."""
    if values is None:
        return tuple(SOLD_STATUSES)
    cleaned: list[str] = []
    for value in values:
        status = str(value).strip().lower()
        if status not in OrderStatus.values:
            raise InvalidInput(_("Unknown order status."), code="status_invalid", field=field)
        if status not in cleaned:
            cleaned.append(status)
    return tuple(cleaned) or tuple(SOLD_STATUSES)


@dataclass(frozen=True)
class OrderFilters:
    statuses: tuple[str, ...] = tuple(SOLD_STATUSES)
    rep_id: int | None = None
    customer_id: int | None = None
    product_id: int | None = None
    sku_id: int | None = None

    @classmethod
    def of(
        cls,
        *,
        statuses: Iterable[str] | None = None,
        rep_id: Any = None,
        customer_id: Any = None,
        product_id: Any = None,
        sku_id: Any = None,
    ) -> OrderFilters:
        return cls(
            statuses=clean_statuses(statuses),
            rep_id=clean_id(rep_id, "rep_id"),
            customer_id=clean_id(customer_id, "customer_id"),
            product_id=clean_id(product_id, "product_id"),
            sku_id=clean_id(sku_id, "sku_id"),
        )

    def on_orders(self, prefix: str = "") -> Q:
        """The header filters, for orders (prefix "") or their lines (prefix "order__")."""
        rule = Q(**{f"{prefix}status__in": self.statuses})
        if self.rep_id is not None:
            rule &= Q(**{f"{prefix}rep_id": self.rep_id})
        if self.customer_id is not None:
            rule &= Q(**{f"{prefix}customer_id": self.customer_id})
        return rule

    def on_lines(self) -> Q:
        rule = Q()
        if self.product_id is not None:
            rule &= Q(sku__product_id=self.product_id)
        if self.sku_id is not None:
            rule &= Q(sku_id=self.sku_id)
        return rule

    @property
    def has_line_filter(self) -> bool:
        return self.product_id is not None or self.sku_id is not None

    def orders_with_lines(self) -> Q:
        """Orders holding a line of the product or SKU asked for (whole orders are counted)."""
        if not self.has_line_filter:
            return Q()
        return Q(Exists(SalesOrderLine.objects.filter(self.on_lines(), order_id=OuterRef("pk"))))
