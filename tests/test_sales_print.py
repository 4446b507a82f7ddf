"""Printable orders and quotations: signed-in users only, visibility applied, prices hidden from
the warehouse, the total in Chinese capitals."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import include, path

from saas.sales import services
from saas.sales.printing import rmb_upper
from saas.sales.services import LineInput
from saas.urls_tenant import urlpatterns as tenant_urlpatterns
from tests.fixtures.tenants import client_for

# Until saas/urls_tenant.py includes saas.sales.urls, these tests route through their own copy.
urlpatterns = [*tenant_urlpatterns, path("", include("saas.sales.urls"))]
pytestmark = pytest.mark.urls(__name__)


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("0", "零元整"),
        ("3953.5", "叁仟玖佰伍拾叁元伍角"),
        ("10005", "壹万零伍元整"),
        ("1000001.01", "壹佰万零壹元零壹分"),
        ("120034.56", "壹拾贰万零叁拾肆元伍角陆分"),
        ("20000300", "贰仟万零叁佰元整"),
    ],
)
def test_amounts_in_chinese_capitals(amount, words):
    assert rmb_upper(Decimal(amount)) == words


def test_an_order_prints_for_those_who_see_it(selling):
    order = selling.order([(selling.shirt, "3", "55.5"), (selling.phone, "1")], status="approved")
    page = client_for(selling.room.workspace, selling.rep).get(f"/sales/orders/{order.pk}/print/")
    assert page.status_code == 200
    html = page.content.decode()
    assert order.number in html and selling.customer.name in html and "红色衬衫" in html
    assert "2165.50" in html and rmb_upper(order.total_amount) in html
    assert 'lang="zh-CN"' in html
    keeper = client_for(selling.room.workspace, selling.keeper).get(f"/sales/orders/{order.pk}/print/")
    assert keeper.status_code == 200
    assert "2165.50" not in keeper.content.decode() and "55.50" not in keeper.content.decode()
    outsider = client_for(selling.room.workspace, selling.user("distributor")).get(
        f"/sales/orders/{order.pk}/print/"
    )
    assert outsider.status_code == 404
    anonymous = client_for(selling.room.workspace).get(f"/sales/orders/{order.pk}/print/")
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]


def test_a_quotation_prints_and_other_workspaces_get_404(selling, beta):
    quotation = services.quotation_create(
        actor=selling.rep, customer_id=selling.customer.pk, lines=[LineInput(selling.shirt.pk, "10")]
    )
    page = client_for(selling.room.workspace, selling.rep).get(f"/sales/quotations/{quotation.pk}/print/")
    assert page.status_code == 200
    assert quotation.number in page.content.decode() and "伍佰玖拾元整" in page.content.decode()
    assert (
        client_for(selling.room.workspace, selling.keeper)
        .get(f"/sales/quotations/{quotation.pk}/print/")
        .status_code
        == 404
    )
    assert (
        client_for(beta, beta.users["owner"]).get(f"/sales/quotations/{quotation.pk}/print/").status_code
        == 404
    )
    english = client_for(selling.room.workspace, selling.rep).get(
        f"/sales/quotations/{quotation.pk}/print/?lang=en"
    )
    assert english.status_code == 200 and 'lang="en"' in english.content.decode()
