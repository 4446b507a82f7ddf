"""The distributor network: levels, distributors in their tree (paths, moves, cycles), members,
who may change it, and that one workspace's network is invisible to another."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from saas.accounts.visibility import MissingActor
from saas.catalog.models import Category
from saas.core.errors import Forbidden, InvalidInput, NotFound
from saas.distribution.models import MAX_DEPTH, Distributor, DistributorMember, Wallet
from saas.distribution.selectors import network as selectors
from saas.distribution.services import network as services
from tests.fixtures.distribution import Network, distributor_person
from tests.fixtures.sales import sales_customer


def codes(excinfo: pytest.ExceptionInfo) -> set[str]:
    return {problem.code for problem in excinfo.value.problems}


def test_the_network_is_a_tree_of_paths_with_a_wallet_each(network: Network):
    top, hz, nb, shop = network.top, network.hz, network.nb, network.shop
    assert top.path == f"/{top.pk}/" and top.depth == 0 and top.parent_id is None
    assert hz.path == f"/{top.pk}/{hz.pk}/" and hz.depth == 1
    assert shop.path == f"{hz.path}{shop.pk}/" and shop.depth == 2
    assert shop.ancestor_ids == [top.pk, hz.pk]
    assert Wallet.objects.filter(distributor__in=[top, hz, nb, shop]).count() == 4
    assert hz.name == "杭州鑫达" and hz.credit_limit == Decimal("1000.00")


def test_a_subtree_is_one_indexed_prefix_query(network: Network):
    manager = network.manager
    with CaptureQueriesContext(connection) as queries:
        found = list(selectors.distributor_list(actor=manager, subtree_of=network.hz.pk))
    assert [d.pk for d in found] == [network.hz.pk, network.shop.pk]
    assert len(queries) <= 2 and "LIKE" in queries[-1]["sql"]  # the root's path, then one prefix query
    whole = [d.pk for d in selectors.distributor_list(actor=manager, subtree_of=network.top.pk)]
    assert set(whole) == {network.top.pk, network.hz.pk, network.nb.pk, network.shop.pk}
    assert whole[0] == network.top.pk  # tree order: the parent first
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a tiny table would be scanned anyway
        cursor.execute(
            "EXPLAIN SELECT id FROM distribution_distributor WHERE path LIKE %s", [network.hz.path + "%"]
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "distributor_path_prefix_idx" in plan


def test_moving_a_distributor_moves_its_downline_and_cycles_are_refused(network: Network):
    manager = network.manager
    moved = services.distributor_move(actor=manager, distributor_id=network.hz.pk, parent_id=network.nb.pk)
    assert moved.parent_id == network.nb.pk and moved.depth == 2
    shop = Distributor.objects.get(pk=network.shop.pk)
    assert shop.path == f"/{network.top.pk}/{network.nb.pk}/{network.hz.pk}/{network.shop.pk}/"
    assert shop.depth == 3
    with pytest.raises(InvalidInput) as excinfo:
        services.distributor_move(actor=manager, distributor_id=network.hz.pk, parent_id=network.shop.pk)
    assert excinfo.value.code == "parent_cycle" and excinfo.value.field == "parent_id"
    with pytest.raises(InvalidInput) as excinfo:
        services.distributor_move(actor=manager, distributor_id=network.hz.pk, parent_id=network.hz.pk)
    assert excinfo.value.code == "parent_cycle"
    root = services.distributor_move(actor=manager, distributor_id=network.hz.pk, parent_id=None)
    assert root.path == f"/{network.hz.pk}/" and root.depth == 0
    assert Distributor.objects.get(pk=network.shop.pk).path == f"/{network.hz.pk}/{network.shop.pk}/"


def test_the_tree_has_a_depth_limit(network: Network):
    manager, parent = network.manager, network.shop
    for n in range(MAX_DEPTH - 3):
        customer = sales_customer(owner=network.selling.rep, name=f"深层 {n}")
        parent = services.distributor_create(
            actor=manager, customer_id=customer.pk, level_id=network.retail.pk, parent_id=parent.pk
        )
    assert parent.depth == MAX_DEPTH - 1
    customer = sales_customer(owner=network.selling.rep, name="太深")
    with pytest.raises(InvalidInput) as excinfo:
        services.distributor_create(
            actor=manager, customer_id=customer.pk, level_id=network.retail.pk, parent_id=parent.pk
        )
    assert excinfo.value.code == "network_too_deep"
    with pytest.raises(InvalidInput) as excinfo:  # moving hz (with 10 levels below) under nb
        services.distributor_move(actor=manager, distributor_id=network.hz.pk, parent_id=network.nb.pk)
    assert excinfo.value.code == "network_too_deep"


def test_a_customer_is_at_most_one_distributor_and_must_exist(network: Network):
    manager = network.manager
    with pytest.raises(InvalidInput) as excinfo:
        services.distributor_create(
            actor=manager, customer_id=network.hz.customer_id, level_id=network.city.pk
        )
    assert excinfo.value.code == "already_distributor" and excinfo.value.field == "customer_id"
    for bad in ("999999999", "abc", None):
        with pytest.raises(NotFound) as missing:
            services.distributor_create(actor=manager, customer_id=bad, level_id=network.city.pk)
        assert missing.value.field == "customer_id"
    customer = sales_customer(owner=network.selling.rep, name="新客户")
    with pytest.raises(InvalidInput) as excinfo:
        services.distributor_create(
            actor=manager, customer_id=customer.pk, level_id=network.city.pk, credit_limit="-1"
        )
    assert excinfo.value.code == "amount_invalid" and excinfo.value.field == "credit_limit"
    with pytest.raises(NotFound) as missing:
        services.distributor_create(actor=manager, customer_id=customer.pk, level_id="424242")
    assert missing.value.field == "level_id"


def test_a_retried_create_returns_the_first_distributor(network: Network):
    customer = sales_customer(owner=network.selling.rep, name="重试客户")
    first = services.distributor_create(
        actor=network.manager,
        customer_id=customer.pk,
        level_id=network.retail.pk,
        idempotency_key="dist-create-1",
    )
    again = services.distributor_create(
        actor=network.manager,
        customer_id=customer.pk,
        level_id=network.retail.pk,
        idempotency_key="dist-create-1",
    )
    assert again.pk == first.pk and Distributor.objects.filter(customer=customer).count() == 1


def test_update_and_suspend(network: Network):
    updated = services.distributor_update(
        actor=network.manager,
        distributor_id=network.nb.pk,
        level_id=network.province.pk,
        sales_area="宁波市",
        credit_limit="2500.50",
    )
    assert (updated.level_id, updated.sales_area, updated.credit_limit) == (
        network.province.pk,
        "宁波市",
        Decimal("2500.50"),
    )
    suspended = services.distributor_suspend(actor=network.manager, distributor_id=network.nb.pk)
    assert suspended.status == "suspended"
    with pytest.raises(InvalidInput) as excinfo:
        services.distributor_update(actor=network.manager, distributor_id=network.nb.pk, status="gone")
    assert excinfo.value.code == "status_invalid"


def test_levels_are_data_with_a_catalogue(network: Network):
    shirts = Category.objects.create(name="衬衫")
    level = services.level_save(
        actor=network.manager,
        code="VIP",
        name="VIP 代理",
        rank=2,
        min_order_amount="500",
        catalog_category_ids=[shirts.pk],
        catalog_product_ids=[network.phone.product_id],
    )
    assert level.min_order_amount == Decimal("500.00")
    assert {(e.category_id, e.product_id) for e in level.catalog_entries.all()} == {
        (shirts.pk, None),
        (None, network.phone.product_id),
    }
    with pytest.raises(InvalidInput) as excinfo:
        services.level_save(actor=network.manager, code="VIP", name="重复", rank=1)
    assert excinfo.value.code == "code_taken"
    with pytest.raises(InvalidInput) as excinfo:
        services.level_save(actor=network.manager, code="X", name="X", rank=0)
    assert excinfo.value.code == "rank_invalid"
    with pytest.raises(InvalidInput) as excinfo:
        services.level_save(actor=network.manager, code="Y", name="Y", catalog_category_ids=["99999999"])
    assert codes(excinfo) == {"not_found"} and excinfo.value.field == "catalog_category_ids.0"
    unchanged = services.level_save(actor=network.manager, level_id=level.pk, code="VIP", name="VIP", rank=2)
    assert unchanged.catalog_entries.count() == 2  # the catalogue left out stays


def test_people_of_the_distributor_role_belong_to_one_distributor(network: Network):
    manager = network.manager
    assert DistributorMember.objects.get(user=network.agent).distributor_id == network.hz.pk
    with pytest.raises(InvalidInput) as excinfo:
        services.member_add(actor=manager, distributor_id=network.nb.pk, user_id=network.agent.pk)
    assert excinfo.value.code == "already_member"
    with pytest.raises(InvalidInput) as excinfo:  # staff never slip into a distributor's account
        services.member_add(actor=manager, distributor_id=network.nb.pk, user_id=network.selling.rep.pk)
    assert excinfo.value.code == "not_distributor_role"
    services.member_remove(actor=manager, user_id=network.agent.pk)
    services.member_add(actor=manager, distributor_id=network.nb.pk, user_id=network.agent.pk)
    with pytest.raises(NotFound):
        services.member_remove(actor=manager, user_id=network.selling.rep.pk)


def test_inviting_a_person_makes_the_user_and_the_membership_together(network: Network):
    owner = network.selling.user("owner")
    member = services.member_invite(
        actor=owner, distributor_id=network.shop.pk, email="shop@alpha.test", full_name="小店老板"
    )
    assert member.distributor_id == network.shop.pk and member.user.role_codes == ["distributor"]
    with pytest.raises(InvalidInput) as excinfo:
        services.member_invite(
            actor=owner, distributor_id=network.shop.pk, email="shop@alpha.test", full_name="again"
        )
    assert excinfo.value.code == "email_taken"
    # The manager may manage the network but not invite users (users.manage): nothing is left behind.
    with pytest.raises(Forbidden):
        services.member_invite(
            actor=network.manager, distributor_id=network.shop.pk, email="x@alpha.test", full_name="X"
        )
    assert not DistributorMember.objects.filter(user__email="x@alpha.test").exists()


@pytest.mark.parametrize("role", ["sales", "warehouse", "finance", "distributor"])
def test_only_managers_change_the_network(network: Network, role: str):
    actor = network.selling.user(role)
    customer = sales_customer(owner=network.selling.rep, name="被拒")
    with pytest.raises(Forbidden):
        services.distributor_create(actor=actor, customer_id=customer.pk, level_id=network.city.pk)
    with pytest.raises(Forbidden):
        services.distributor_move(actor=actor, distributor_id=network.shop.pk, parent_id=None)
    with pytest.raises(Forbidden):
        services.level_save(actor=actor, code="Z", name="Z")


@pytest.mark.parametrize("role", ["sales", "warehouse", "distributor"])
def test_staff_without_distribution_scopes_see_none_of_the_network(network: Network, role: str):
    actor = network.selling.user(role)
    with pytest.raises(Forbidden):
        selectors.distributor_list(actor=actor)
    with pytest.raises(Forbidden):
        selectors.level_list(actor=actor)
    with pytest.raises(Forbidden):
        selectors.price_list_list(actor=actor)


def test_no_actor_sees_nothing(network: Network):
    with pytest.raises(MissingActor):
        selectors.distributor_list(actor=None)  # type: ignore[arg-type]


def test_another_workspace_never_finds_these_distributors(network: Network, beta):
    hz_id, level_id = network.hz.pk, network.city.pk
    with tenant_context(beta.tenant):
        manager = beta.users["manager"]
        assert list(selectors.distributor_list(actor=manager)) == []
        with pytest.raises(NotFound):
            selectors.distributor_get(actor=manager, distributor_id=hz_id)
        with pytest.raises(NotFound):
            services.distributor_move(actor=manager, distributor_id=hz_id, parent_id=None)
        customer = sales_customer(owner=beta.users["sales"], name="贝塔经销商")
        with pytest.raises(NotFound):
            services.distributor_create(actor=manager, customer_id=customer.pk, level_id=level_id)
        other = distributor_person("agent9@beta.test")
        with pytest.raises(NotFound):
            services.member_add(actor=manager, distributor_id=hz_id, user_id=other.pk)
