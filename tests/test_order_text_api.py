"""Paste-to-order in a workspace: orderTextParse and orderTextAliasLearn over GraphQL with their exact
error codes, learning from picks, the customer's history, who may parse and against which SKUs
(a distributor only its level's catalogue, its aliases its own), the index following catalogue
changes, and another workspace never seeing an alias (saas/messaging/order_text)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from saas.accounts import scopes
from saas.catalog import services as catalog
from saas.catalog.models import Product
from saas.distribution.services import network as network_services
from saas.messaging.alias_models import ProductAlias
from saas.messaging.order_text.selectors import order_text_parse
from saas.messaging.order_text.services import order_text_alias_learn
from tests.fixtures.catalog import make_product
from tests.fixtures.distribution import Network
from tests.fixtures.order_text import create_catalogue
from tests.fixtures.sales import Selling, sales_customer
from tests.fixtures.tenants import Workspace, client_for, graphql

PARSE = """
query($text: String!, $customerId: ID) {
  orderTextParse(text: $text, customerId: $customerId) {
    lines { index source quantity unit unitFactor baseQuantity packUnitId sku { id code } confident
            candidates { id code } doubts specText note }
    unmatched
  }
}"""
LEARN = """
mutation($source: String!, $skuId: ID!) {
  orderTextAliasLearn(input: {source: $source, skuId: $skuId}) {
    alias { text timesUsed sku { code } }
    errors { field code message }
  }
}"""


@pytest.fixture
def codes(in_alpha: Workspace) -> dict[str, int]:
    return create_catalogue(in_alpha.users[scopes.OWNER])


def parsed(workspace: Workspace, role: str, text: str, customer_id: Any = None) -> dict[str, Any]:
    answer = graphql(
        client_for(workspace, workspace.users[role]), PARSE, {"text": text, "customerId": customer_id}
    )
    assert "errors" not in answer, answer
    return answer["data"]["orderTextParse"]


def error_code(answer: dict[str, Any]) -> str:
    return answer["errors"][0]["extensions"]["code"]


def learn(workspace: Workspace, role: str, source: str, sku_id: Any) -> dict[str, Any]:
    answer = graphql(
        client_for(workspace, workspace.users[role]), LEARN, {"source": source, "skuId": str(sku_id)}
    )
    return answer["data"]["orderTextAliasLearn"]


def test_a_rep_pastes_a_message_and_gets_sure_and_unsure_lines(
    alpha: Workspace, codes: dict[str, int]
) -> None:
    result = parsed(
        alpha, scopes.SALES, "老板，纯棉T恤 白色 L码 20件，可口可乐330ml 2箱，雪碧 5箱，王老吉 3箱"
    )
    sure, cola, sprite = result["lines"]
    assert sure["sku"] == {"id": str(codes["TS-WH-L"]), "code": "TS-WH-L"} and sure["confident"]
    assert (sure["quantity"], sure["unit"], sure["specText"], sure["index"]) == ("20", "件", "白色 / L", 1)
    assert sure["candidates"] == [sure["sku"]] and sure["doubts"] == []
    assert (cola["unit"], cola["unitFactor"], cola["baseQuantity"]) == ("箱", "24.000", "48.000")
    assert cola["packUnitId"] is not None and cola["sku"]["code"] == "KKL-330"
    assert sprite["sku"] is None and not sprite["confident"] and sprite["doubts"] == ["spec_missing"]
    assert [c["code"] for c in sprite["candidates"]] == ["XB-330", "XB-500"]
    assert result["unmatched"] == ["王老吉 3箱"]


def test_parse_refuses_too_much_text_bad_customers_and_people_who_take_no_orders(
    alpha: Workspace, codes: dict[str, int], selling: Selling
) -> None:
    rep = client_for(alpha, alpha.users[scopes.SALES])
    assert error_code(graphql(rep, PARSE, {"text": "红牛 1箱，" * 1000})) == "text_too_long"
    assert error_code(graphql(rep, PARSE, {"text": "红牛 1箱\n" * 201})) == "too_many_lines"
    assert error_code(graphql(rep, PARSE, {"text": "红牛\x00 1箱"})) == "text_invalid"
    assert error_code(graphql(rep, PARSE, {"text": "红牛 1箱", "customerId": "abc"})) == "id_invalid"
    assert error_code(graphql(rep, PARSE, {"text": "红牛 1箱", "customerId": "99999999"})) == "not_found"
    someone_elses = sales_customer(owner=alpha.users[scopes.MANAGER], name="别人的客户")
    assert (
        error_code(graphql(rep, PARSE, {"text": "红牛", "customerId": str(someone_elses.pk)})) == "not_found"
    )
    keeper = client_for(alpha, alpha.users[scopes.WAREHOUSE])  # no orders.edit, no distributor
    assert error_code(graphql(keeper, PARSE, {"text": "红牛 1箱"})) == "forbidden"
    assert error_code(graphql(client_for(alpha), PARSE, {"text": "红牛 1箱"})) == "unauthenticated"
    assert parsed(alpha, scopes.SALES, "红牛 1箱", str(selling.customer.pk))["lines"][0]["confident"]


def test_a_pick_is_learned_and_the_next_message_is_sure(alpha: Workspace, codes: dict[str, int]) -> None:
    (first,) = parsed(alpha, scopes.SALES, "白T L码 20件")["lines"]
    assert not first["confident"] and "TS-WH-L" in [c["code"] for c in first["candidates"]]
    taught = learn(alpha, scopes.SALES, first["source"], codes["TS-WH-L"])
    assert taught == {"alias": {"text": "白t", "timesUsed": 1, "sku": {"code": "TS-WH-L"}}, "errors": []}
    (again,) = parsed(alpha, scopes.MANAGER, "白T L码 5件")["lines"]  # the workspace learned it
    assert again["confident"] and again["sku"]["code"] == "TS-WH-L"
    (other_size,) = parsed(alpha, scopes.SALES, "白T M码 3件")["lines"]
    assert other_size["confident"] and other_size["sku"]["code"] == "TS-WH-M"
    assert learn(alpha, scopes.SALES, "白T L码 8件", codes["TS-WH-L"])["alias"]["timesUsed"] == 2
    with tenant_context(alpha.tenant):
        assert ProductAlias.objects.get().created_by == alpha.users[scopes.SALES]


def test_learning_refuses_unknown_skus_and_learns_nothing_from_a_bare_size(
    alpha: Workspace, codes: dict[str, int]
) -> None:
    nothing = learn(alpha, scopes.SALES, "L码 20件", codes["TS-WH-L"])
    assert nothing == {"alias": None, "errors": []}
    for bad, code in (("99999999", "not_found"), ("abc", "id_invalid")):
        refused = learn(alpha, scopes.SALES, "白T", bad)
        assert refused["alias"] is None and [(e["field"], e["code"]) for e in refused["errors"]] == [
            ("skuId", code)
        ]
    blank = learn(alpha, scopes.SALES, "   ", codes["HN"])
    assert [(e["field"], e["code"]) for e in blank["errors"]] == [("source", "required")]
    keeper = learn(alpha, scopes.WAREHOUSE, "白T", codes["TS-WH-L"])
    assert [e["code"] for e in keeper["errors"]] == ["forbidden"]
    with tenant_context(alpha.tenant):
        assert not ProductAlias.objects.exists()


def test_the_customers_earlier_orders_rank_first(
    alpha: Workspace, codes: dict[str, int], selling: Selling
) -> None:
    with tenant_context(alpha.tenant):
        from saas.catalog.models import SKU

        selling.order([(SKU.objects.get(code="XB-500"), "24")])
    plain = parsed(alpha, scopes.SALES, "雪碧 5箱")["lines"][0]
    ranked = parsed(alpha, scopes.SALES, "雪碧 5箱", str(selling.customer.pk))["lines"][0]
    assert [c["code"] for c in plain["candidates"]] == ["XB-330", "XB-500"]
    assert [c["code"] for c in ranked["candidates"]] == ["XB-500", "XB-330"] and not ranked["confident"]


def test_a_distributor_parses_only_against_its_levels_catalogue(network: Network) -> None:
    manager = network.manager
    codes = create_catalogue(network.selling.user(scopes.OWNER))
    drinks = Product.objects.filter(code__in=["KKL", "XB"]).values_list("id", flat=True)
    network_services.level_save(
        actor=manager,
        level_id=network.city.pk,
        code="C",
        name="市代",
        rank=2,
        catalog_product_ids=list(drinks),
    )
    result = order_text_parse(
        actor=network.agent, text="红牛 2箱，可口可乐330ml 2箱，可乐 3箱，纯棉T恤 白色 L 5件"
    )
    cola, any_cola = result.result.lines
    assert cola.confident and cola.sku_id == codes["KKL-330"]
    # 百事可乐 is not in its catalogue: 可乐 is only 可口可乐 for it, and no line names a hidden SKU.
    named = {result.skus[pk].code for line in result.result.lines for pk in line.candidates}
    assert named <= {"KKL-330", "KKL-500", "KKL-2L", "XB-330", "XB-500"}
    assert {result.skus[pk].product.code for pk in any_cola.candidates} == {"KKL"}
    assert result.result.unmatched == ["红牛 2箱", "纯棉T恤 白色 L 5件"]
    with pytest.raises(Exception) as refused:
        order_text_alias_learn(actor=network.agent, source="小红 1箱", sku_id=codes["HN"])
    assert getattr(refused.value, "code", None) == "not_found"
    with pytest.raises(Exception) as other_customer:
        order_text_parse(actor=network.agent, text="可乐", customer_id=network.selling.customer.pk)
    assert getattr(other_customer.value, "code", None) == "not_found"
    assert order_text_parse(actor=network.agent, text="可乐", customer_id=network.hz.customer_id).result.lines


def test_a_distributors_alias_is_its_own(network: Network) -> None:
    codes = create_catalogue(network.selling.user(scopes.OWNER))
    order_text_alias_learn(actor=network.agent, source="小可 2箱", sku_id=codes["KKL-330"])
    (line,) = order_text_parse(actor=network.agent, text="小可 2箱").result.lines
    assert line.confident and line.sku_id == codes["KKL-330"]
    for other in (network.agent2, network.selling.rep):  # another distributor, and the staff
        assert not any(line.confident for line in order_text_parse(actor=other, text="小可 2箱").result.lines)


def test_an_alias_of_one_workspace_never_matches_in_another(
    alpha: Workspace, beta: Workspace, codes: dict[str, int]
) -> None:
    with tenant_context(beta.tenant):
        create_catalogue(beta.users[scopes.OWNER])
    learn(alpha, scopes.SALES, "白T L码 20件", codes["TS-WH-L"])
    assert parsed(alpha, scopes.SALES, "白T L码 20件")["lines"][0]["confident"]
    (in_beta,) = parsed(beta, scopes.SALES, "白T L码 20件")["lines"]
    assert not in_beta["confident"]
    with tenant_context(beta.tenant):
        assert not ProductAlias.objects.exists()
    with tenant_context(alpha.tenant):
        alphas_customer = sales_customer(owner=alpha.users[scopes.SALES])
    beta_rep = client_for(beta, beta.users[scopes.OWNER])  # sees all of beta's customers, none of alpha's
    answer = graphql(beta_rep, PARSE, {"text": "红牛 1箱", "customerId": str(alphas_customer.pk)})
    assert error_code(answer) == "not_found"


def test_the_cached_index_follows_catalogue_changes_and_costs_few_queries(
    in_alpha: Workspace, codes: dict[str, int]
) -> None:
    rep = in_alpha.users[scopes.SALES]
    assert order_text_parse(actor=rep, text="竹纤维毛巾 3条").result.unmatched == ["竹纤维毛巾 3条"]
    towel = make_product(
        in_alpha.users[scopes.OWNER], code="TOWEL", name="竹纤维毛巾", specs=[], base_unit="条"
    )
    (line,) = order_text_parse(actor=rep, text="竹纤维毛巾 3条").result.lines
    assert line.confident and line.product_id == towel.pk
    catalog.product_archive(actor=in_alpha.users[scopes.OWNER], product_id=towel.pk)
    assert order_text_parse(actor=rep, text="竹纤维毛巾 3条").result.lines == []
    with CaptureQueriesContext(connection) as queries:
        order_text_parse(actor=rep, text="纯棉T恤 白色 L码 20件，雪碧 5箱")
    assert len(queries) <= 3  # the catalogue's version and the SKUs named; the index is cached
