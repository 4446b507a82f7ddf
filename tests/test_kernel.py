"""The shared kernel: input cleaning, the tenant's clock and scope checks, each written once."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone, translation

from saas.accounts import scopes
from saas.accounts.access import require_person_scopes, require_scopes
from saas.accounts.actors import MissingActor, System
from saas.core.clock import tenant_date, tenant_now, tenant_today, tenant_zone
from saas.core.errors import Forbidden, InvalidInput
from saas.core.inputs import (
    clean_date,
    clean_decimal,
    clean_text,
    decimal_places,
    parse_decimal,
    too_precise,
)
from tests.fixtures.tenants import Workspace


def test_text_is_trimmed_required_and_bounded() -> None:
    assert clean_text("  纸箱 ", "name", 10) == "纸箱"
    assert clean_text(None, "remark", 10) == ""
    with pytest.raises(InvalidInput) as required:
        clean_text("   ", "lines.0.remark", 10, required=True)
    assert (required.value.code, required.value.field) == ("required", "lines.0.remark")
    with translation.override("en"), pytest.raises(InvalidInput) as long:
        clean_text("x" * 11, "name", 10)
    assert long.value.code == "too_long" and long.value.message == "At most 10 characters."


@pytest.mark.parametrize("value", ["abc", "NaN", "Infinity", "-inf", None, True, "", "1e"])
def test_what_is_not_a_finite_number_is_refused_with_the_domains_code(value: object) -> None:
    assert parse_decimal(value) is None
    with translation.override("en"), pytest.raises(InvalidInput) as excinfo:
        clean_decimal(value, "lines.2.unit_price", "price_invalid")
    assert (excinfo.value.code, excinfo.value.field) == ("price_invalid", "lines.2.unit_price")
    assert excinfo.value.message == "Enter a number."


def test_numbers_are_read_from_text_ints_and_decimals() -> None:
    assert clean_decimal(" 12.50 ", "amount", "amount_invalid") == Decimal("12.50")
    assert parse_decimal(3) == Decimal(3) and parse_decimal(Decimal("0.001")) == Decimal("0.001")


def test_precision_has_a_strict_and_a_lenient_reading() -> None:
    assert too_precise(Decimal("1.5000"), 3) and not too_precise(Decimal("1.500"), 3)
    assert decimal_places(Decimal("1.5000")) == 1 and decimal_places(Decimal("100")) == 0


def test_dates_are_iso_or_nothing() -> None:
    assert clean_date("2026-03-02", "due_date") == date(2026, 3, 2)
    assert clean_date(date(2026, 3, 2), "due_date") == date(2026, 3, 2)
    assert clean_date("", "due_date") is None and clean_date(None, "due_date") is None
    with pytest.raises(InvalidInput) as excinfo:
        clean_date("2026-02-30", "due_date")
    assert (excinfo.value.code, excinfo.value.field) == ("date_invalid", "due_date")


def test_today_is_the_workspaces_today(in_alpha: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    # 16:30 UTC on 31 October is 00:30 on 1 November in Beijing.
    moment = datetime(2025, 10, 31, 16, 30, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    connection.tenant.time_zone = "Asia/Shanghai"
    assert tenant_today() == date(2025, 11, 1) and tenant_now().hour == 0
    assert tenant_date(moment) == date(2025, 11, 1)
    connection.tenant.time_zone = "UTC"
    assert tenant_today() == date(2025, 10, 31)
    connection.tenant.time_zone = "Mars/Olympus"  # unknown: the default zone, not a 500
    assert str(tenant_zone()) == "Asia/Shanghai"


def test_scopes_are_checked_once(in_alpha: Workspace) -> None:
    sales, warehouse = in_alpha.users["sales"], in_alpha.users["warehouse"]
    assert require_scopes(sales, scopes.ORDERS_EDIT, scopes.SHIPPING_MANAGE) == sales
    assert require_scopes(warehouse, scopes.ORDERS_EDIT, scopes.SHIPPING_MANAGE) == warehouse
    with pytest.raises(Forbidden) as excinfo:
        require_scopes(warehouse, scopes.ORDERS_EDIT)
    assert excinfo.value.code == "forbidden"
    with pytest.raises(Forbidden) as worded:  # a domain may word its refusal
        require_scopes(warehouse, scopes.ORDERS_EDIT, message="Not yours.")
    assert worded.value.message == "Not yours."
    with pytest.raises(MissingActor):
        require_scopes(None, scopes.ORDERS_EDIT)


def test_scopes_are_checked_for_every_kind_of_actor(in_alpha: Workspace) -> None:
    job = System(reason="reservation retry", scopes=frozenset({scopes.ORDERS_REVIEW}))
    assert require_scopes(job, scopes.ORDERS_EDIT, scopes.ORDERS_REVIEW) is job
    with pytest.raises(Forbidden):
        require_scopes(job, scopes.ORDERS_EDIT)
    with pytest.raises(Forbidden):  # work only people do refuses a job, however scoped
        require_person_scopes(job, scopes.ORDERS_REVIEW)
    sales = in_alpha.users["sales"]
    assert require_person_scopes(sales, scopes.ORDERS_EDIT) == sales
