"""The direct resolvers of plain rows (saas/api/projection_fields.py) answer a row from what it
holds and hand everything else to the field's own resolver: model instances, and rows of a
class the bounded registry no longer lists."""

from __future__ import annotations

from decimal import Decimal

from saas.api import projection
from saas.api.projection import HELD, held_class
from saas.api.sales.types import SalesOrderLineType
from saas.api.schema import schema
from saas.sales.models import SalesOrderLine


def _resolve(field: str, source: object) -> object:
    return schema._schema.type_map["SalesOrderLine"].fields[field].resolve(source, None)  # type: ignore[union-attr]


def _line(**values: object) -> object:
    row = object.__new__(held_class(SalesOrderLineType, frozenset(values)))
    row.__dict__.update(values)
    return row


def test_a_plain_row_answers_from_what_it_holds():
    row = _line(id=7, unit_name="件", base_quantity=Decimal("5"), shipped_quantity=Decimal("2"))
    assert type(row) in HELD
    assert _resolve("unitName", row) == "件"
    assert _resolve("openQuantity", row) == Decimal("3")  # its resolver, called with the row


def test_models_and_forgotten_rows_take_the_fields_own_resolver(monkeypatch):
    model = SalesOrderLine(unit_name="箱", base_quantity=Decimal("4"), shipped_quantity=Decimal("1"))
    assert _resolve("unitName", model) == "箱"
    assert _resolve("openQuantity", model) == Decimal("3")
    row = _line(id=8, unit_name="双", base_quantity=Decimal("2"), shipped_quantity=Decimal("0"))
    monkeypatch.setattr(projection, "HELD", {})  # the registry started over (it is bounded)
    monkeypatch.setattr("saas.api.projection_fields.HELD", {})
    assert _resolve("unitName", row) == "双"
    assert _resolve("openQuantity", row) == Decimal("2")
