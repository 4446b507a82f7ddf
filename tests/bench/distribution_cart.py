"""Distribution at scale, the pricing part: a 1,000-line cart priced for a distributor.

    make bench-distribution    or    .venv/bin/python tests/bench/distribution_cart.py [--samples 30]

Runs against its own database `sparrow_bench_distribution` (dropped and recreated first). One
workspace, filled untimed: 2,000 SKUs in 40 categories under 4 top categories; three levels and a
distributor under a parent; the level's price list with 800 SKU rules (two quantity breaks each)
and 44 category rules, the distributor's own list with 300 SKU rules. Then timed:

- `price_lines` for a 1,000-line cart (the engine alone), with its SQL statements;
- `distributorCartPrice` over GraphQL with the same 1,000 lines (a full POST through the
  middleware, session and tenant);
- `distributorOrderPlace` over GraphQL: a 100-line order priced, paid from the wallet and
  submitted for review (each sample a new order).

Target from the issue: the 1,000-line cart's price p95 < 300 ms. The settlement benchmark of the
issue comes with settlements.
"""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_setup import django_on_fresh_database, signed_in_session, timed  # noqa: E402

BENCH_DB = "sparrow_bench_distribution"


def fill() -> dict[str, Any]:
    from django_tenants.utils import tenant_context

    from saas.accounts import scopes
    from saas.accounts.models import Role, User
    from saas.catalog.models import SKU, Category, Product
    from saas.cli import migrate_everything
    from saas.core.clock import tenant_today
    from saas.customers.models import Customer
    from saas.distribution.models import Distributor, DistributorMember, PriceList, PriceRule, Wallet
    from saas.distribution.services.network import distributor_create, level_save
    from saas.distribution.services.wallet import wallet_prepayment_record
    from saas.inventory.models import Warehouse
    from tenants.services import public_tenant_ensure, tenant_signup

    migrate_everything()
    public_tenant_ensure()
    result = tenant_signup(
        company_name="分销压测",
        slug="distbench",
        owner_name="压测",
        email="owner@dist.test",
        password="Bench-Pass-77",
    )
    tenant, owner = result.tenant, result.owner
    with tenant_context(tenant):
        Warehouse.objects.create(code="MAIN", name="总仓")
        tops = [Category.objects.create(name=f"大类{n}") for n in range(4)]
        leaves = [Category.objects.create(name=f"小类{n}", parent=tops[n % 4]) for n in range(40)]
        products = Product.objects.bulk_create(
            Product(code=f"P{n:04d}", name=f"商品{n}", category=leaves[n % 40]) for n in range(400)
        )
        skus = SKU.objects.bulk_create(
            SKU(
                product=products[n % 400],
                code=f"S{n:05d}",
                spec_values={"n": n},
                list_price=Decimal("100.00"),
            )
            for n in range(2000)
        )
        levels = [level_save(actor=owner, code=c, name=c, rank=r) for r, c in enumerate(("P", "C", "R"), 1)]
        top_customer = Customer.objects.create(code="CU-B-0001", name="总代", created_by=owner)
        customer = Customer.objects.create(code="CU-B-0002", name="市代", created_by=owner)
        top = distributor_create(actor=owner, customer_id=top_customer.pk, level_id=levels[0].pk)
        city = distributor_create(
            actor=owner,
            customer_id=customer.pk,
            level_id=levels[1].pk,
            parent_id=top.pk,
            credit_limit="1000000",
        )
        today = tenant_today()
        level_list = PriceList.objects.create(
            level=levels[1], name="市代价目表", effective_from=today, version=1
        )
        own_list = PriceList.objects.create(distributor=city, name="专属价", effective_from=today, version=1)
        rules = [
            PriceRule(price_list=level_list, sku=sku, min_quantity=q, discount_percent=d)
            for sku in skus[:800]
            for q, d in ((Decimal(1), Decimal(10)), (Decimal(50), Decimal(15)))
        ]
        rules += [
            PriceRule(price_list=level_list, category=c, min_quantity=1, discount_percent=Decimal(5))
            for c in tops + leaves
        ]
        rules += [
            PriceRule(price_list=own_list, sku=sku, min_quantity=Decimal(20), fixed_price=Decimal("80"))
            for sku in skus[500:800]
        ]
        PriceRule.objects.bulk_create(rules)
        agent = User.objects.create_user(
            email="agent@dist.test", password="Bench-Pass-77", full_name="经销商"
        )
        agent.roles.set(Role.objects.filter(code=scopes.DISTRIBUTOR))
        DistributorMember.objects.create(distributor=city, user=agent)
        finance = User.objects.create_user(
            email="finance@dist.test", password="Bench-Pass-77", full_name="财务"
        )
        finance.roles.set(Role.objects.filter(code=scopes.FINANCE))
        wallet_prepayment_record(actor=finance, distributor_id=city.pk, amount="90000000", reference="BENCH")
        assert Wallet.objects.get(distributor=city).cash_fen > 0
        city = Distributor.objects.select_related("level").get(pk=city.pk)
    return {"tenant": tenant, "city": city, "skus": [sku.pk for sku in skus], "agent": agent}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=30)
    args = parser.parse_args()
    django_on_fresh_database(BENCH_DB)
    from django.conf import settings
    from django.test import Client
    from django_tenants.utils import tenant_context

    settings.SPARROW_API_COST_CAPACITY = 100_000_000
    settings.SPARROW_API_COST_RATE = 100_000_000.0
    state = fill()
    tenant, city, skus = state["tenant"], state["city"], state["skus"]
    cart = [(pk, Decimal(n % 60 + 1)) for n, pk in enumerate(skus[:1000])]

    from saas.core.clock import tenant_today
    from saas.distribution.pricing import price_lines

    rows: list[tuple[str, float, float, int, str]] = []
    with tenant_context(tenant):
        today = tenant_today()
        p50, p95, sql = timed(lambda: price_lines(city, cart, on=today), args.samples)
        rows.append(("price_lines: 1,000-line cart", p50, p95, sql, "< 300"))
        session = signed_in_session(state["agent"])

    client = Client(HTTP_HOST=f"{tenant.slug}.{settings.SPARROW_BASE_DOMAIN}")
    client.cookies["sessionid"] = session
    client.cookies["csrftoken"] = "c" * 32

    def post(query: str, variables: dict[str, Any]) -> dict[str, Any]:
        response = client.post(
            "/graphql/",
            {"query": query, "variables": variables},
            content_type="application/json",
            HTTP_X_CSRFTOKEN="c" * 32,
        )
        body: dict[str, Any] = response.json()
        if response.status_code != 200 or body.get("errors"):
            raise RuntimeError(body)
        return body

    lines = [{"skuId": str(pk), "quantity": str(quantity)} for pk, quantity in cart]
    price_query = "query($lines: [DistributorOrderLineInput!]!) { distributorCartPrice(lines: $lines) { total lines { price priceRule problem } } }"
    p50, p95, sql = timed(lambda: post(price_query, {"lines": lines}), args.samples)
    rows.append(("distributorCartPrice: 1,000 lines (GraphQL)", p50, p95, sql, "< 300"))

    place = (
        "mutation($input: DistributorOrderPlaceInput!) { distributorOrderPlace(input: $input) "
        "{ salesOrder { id total } errors { field code } } }"
    )

    def place_order() -> None:
        answer = post(place, {"input": {"lines": lines[:100], "payWith": "WALLET"}})
        if answer["data"]["distributorOrderPlace"]["errors"]:
            raise RuntimeError(answer)

    p50, p95, sql = timed(place_order, args.samples)
    rows.append(("distributorOrderPlace: 100 lines, wallet (GraphQL)", p50, p95, sql, ""))

    print(f"\n{'What':<52} {'p50 ms':>8} {'p95 ms':>8} {'SQL':>5}  target p95 ms")
    for label, p50, p95, sql, target in rows:
        print(f"{label:<52} {p50:>8.1f} {p95:>8.1f} {sql:>5}  {target}")


if __name__ == "__main__":
    main()
