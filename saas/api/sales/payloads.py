"""Mutation payloads of sales: the document (null on error) and typed `errors`."""

from __future__ import annotations

import strawberry

from saas.api.errors import FieldError
from saas.api.sales.quotation_types import QuotationType
from saas.api.sales.types import OrderExpenseType, SalesOrderType, SalesSettingsType


@strawberry.type
class SalesOrderPayload:
    sales_order: SalesOrderType | None
    errors: list[FieldError]


@strawberry.type
class OrderExpensePayload:
    expense: OrderExpenseType | None
    sales_order: SalesOrderType | None = strawberry.field(description="With its new expense total.")
    errors: list[FieldError]


@strawberry.type
class QuotationPayload:
    quotation: QuotationType | None
    errors: list[FieldError]


@strawberry.type
class QuotationConvertPayload:
    sales_order: SalesOrderType | None = strawberry.field(description="The new draft order.")
    quotation: QuotationType | None
    errors: list[FieldError]


@strawberry.type
class SalesSettingsPayload:
    settings: SalesSettingsType | None
    errors: list[FieldError]
