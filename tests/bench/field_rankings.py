"""Field sales at scale: rankings for 200 reps over a quarter, and check-in, with a baseline each.

    make bench-field     or    .venv/bin/python tests/bench/field_rankings.py [--reps 200] [--samples 30]

Runs against its own database `sparrow_bench_field` (dropped and recreated first). One workspace,
filled by raw SQL (untimed): 200 reps in 10 teams over 2 regions, 10 customers each with a site,
100,000 approved orders and 50,000 visits spread over the current quarter, receipts for a third
of the orders. Then timed:

- the rollup of the quarter (what the nightly job and the event consumer do, a day at a time);
- `fieldRankings` over GraphQL (a full POST through the middleware, session and tenant) for the
  quarter by rep, by team and by region, and for the day by rep; the baseline is the same
  quarter ranking added up from the raw orders with one GROUP BY (what the rollup saves);
- `visitCheckIn` over GraphQL without a photo (position, accuracy, a clientId), against the
  baseline of the smallest field query (`fieldSettings`) through the same stack.

Targets from the issue: ranking p95 <= 150 ms, check-in p95 <= 100 ms.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_setup import django_on_fresh_database, signed_in_session, timed  # noqa: E402

BENCH_DB = "sparrow_bench_field"


def fill(reps: int) -> dict[str, Any]:
    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django_tenants.utils import tenant_context

    from saas.accounts.models import Role, User
    from saas.cli import migrate_everything
    from saas.core.clock import tenant_today
    from saas.fieldsales.models import Region, Team
    from saas.fieldsales.selectors import period_bounds
    from saas.inventory.models import Warehouse
    from tenants.services import public_tenant_ensure, tenant_signup

    migrate_everything()
    public_tenant_ensure()
    result = tenant_signup(
        company_name="外勤压测",
        slug="fieldbench",
        owner_name="压测",
        email="owner@field.test",
        password="Bench-Pass-77",
    )
    tenant, owner = result.tenant, result.owner
    with tenant_context(tenant):
        warehouse = Warehouse.objects.first() or Warehouse.objects.create(code="WH", name="主仓")
        unusable = make_password(None)
        people = User.objects.bulk_create(
            User(email=f"rep{n:03d}@field.test", full_name=f"业务员{n:03d}", password=unusable)
            for n in range(reps)
        )
        sales_role = Role.objects.get(code="sales")
        User.roles.through.objects.bulk_create(
            User.roles.through(user_id=p.pk, role_id=sales_role.pk) for p in people
        )
        regions = [Region.objects.create(name=name) for name in ("华东区", "华南区")]
        teams = [
            Team.objects.create(name=f"{n + 1}组", region=regions[n % 2], manager=owner) for n in range(10)
        ]
        first, last = period_bounds("quarter", tenant_today())
        days = (min(last, tenant_today()) - first).days + 1
        rep_ids = [p.pk for p in people]
        from saas.customers.models import Customer

        Customer.objects.bulk_create(
            Customer(
                code=f"CU-B-{n:06d}",
                name=f"客户{n}",
                name_key=f"kh{n}",
                owner_id=rep_ids[n % reps],
                created_by=owner,
            )
            for n in range(reps * 10)
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO fieldsales_teammember (team_id, user_id) SELECT (%s::bigint[])[1 + (n %% 10)], "
                "(%s::bigint[])[n + 1] FROM generate_series(0, %s - 1) n",
                [[t.pk for t in teams], rep_ids, reps],
            )
            cursor.execute(
                "INSERT INTO fieldsales_customersite (customer_id, latitude, longitude, source_system, qr_version, "
                "set_at) SELECT id, 30.2 + random() * 0.15, 120.1 + random() * 0.2, 'wgs84', 1, now() "
                "FROM customers_customer"
            )
            cursor.execute(
                "INSERT INTO sales_salesorder (number, customer_id, rep_id, status, warehouse_id, currency, "
                "order_date, delivery_method, contact_name, contact_phone, ship_receiver, ship_phone, ship_province, "
                "ship_city, ship_district, ship_detail, remarks, goods_amount, discount_amount, total_amount, "
                "tax_amount, expense_amount, received_amount, returned_amount, invoiced_amount, credit_hold, "
                "revision, cancel_reason, created_by_id, created_at, approved_at, updated_at) "
                "SELECT 'SO-B-' || lpad(g::text, 7, '0'), c.id, c.owner_id, 'approved', %s, 'CNY', %s::date + d, "
                "'express', '', '', '', '', '', '', '', '', '', a, 0, a, 0, 0, 0, 0, 0, false, 0, '', %s, now(), "
                "(%s::date + d)::timestamp AT TIME ZONE 'Asia/Shanghai' + interval '10 hours', now() "
                "FROM (SELECT g, 1 + floor(random() * %s)::int AS ci, floor(random() * %s)::int AS d, "
                "round((100 + random() * 5000)::numeric, 2) AS a FROM generate_series(1, 100000) g) x "
                "JOIN (SELECT id, owner_id, row_number() OVER (ORDER BY id) AS rn FROM customers_customer) c "
                "ON c.rn = x.ci",
                [warehouse.pk, first, owner.pk, first, reps * 10, days],
            )
            cursor.execute(
                "INSERT INTO fieldsales_visit (rep_id, customer_id, checked_in_at, captured_offline, latitude, "
                "longitude, accuracy_m, distance_m, verdict, radius_m, qr_verified, notes, purpose, answers) "
                "SELECT c.owner_id, c.id, (%s::date + d)::timestamp AT TIME ZONE 'Asia/Shanghai' "
                "+ interval '9 hours' + (random() * interval '8 hours'), false, 30.25, 120.15, 15, 40, "
                "'in_range', 200, false, '', '', '[]'::jsonb "
                "FROM (SELECT 1 + floor(random() * %s)::int AS ci, floor(random() * %s)::int AS d "
                "FROM generate_series(1, 50000)) x "
                "JOIN (SELECT id, owner_id, row_number() OVER (ORDER BY id) AS rn FROM customers_customer) c "
                "ON c.rn = x.ci",
                [first, reps * 10, days],
            )
        session = signed_in_session(owner)
    return {
        "tenant": tenant,
        "owner": owner,
        "first": first,
        "days": days,
        "session": session,
        "rep": people[0],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reps", type=int, default=200)
    parser.add_argument("--samples", type=int, default=30)
    args = parser.parse_args()
    django_on_fresh_database(BENCH_DB)
    import os

    os.environ["SPARROW_API_COST_CAPACITY"] = "100000000"
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django_tenants.utils import tenant_context

    settings.SPARROW_API_COST_CAPACITY = 100_000_000
    settings.SPARROW_API_COST_RATE = 100_000_000.0
    state = fill(args.reps)
    tenant = state["tenant"]
    host = f"{tenant.slug}.{settings.SPARROW_BASE_DOMAIN}"
    from django.contrib.auth.models import Group  # noqa: F401  (apps loaded)

    from saas.fieldsales.rollup import rollup_day

    with tenant_context(tenant):
        started = time.perf_counter()
        for offset in range(state["days"]):
            rollup_day(state["first"] + timedelta(days=offset))
        rollup_ms = (time.perf_counter() - started) * 1000
        orders = connection.cursor()
        orders.execute("SELECT count(*) FROM sales_salesorder")
        n_orders = orders.fetchone()[0]
        orders.execute("SELECT count(*) FROM fieldsales_visit")
        n_visits = orders.fetchone()[0]
        orders.execute("SELECT count(*) FROM fieldsales_fielddailystats")
        n_stats = orders.fetchone()[0]

    client = Client(HTTP_HOST=host)
    client.cookies["sessionid"] = state["session"]
    client.cookies["csrftoken"] = "c" * 32

    def post(query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
        response = client.post(
            "/graphql/",
            {"query": query, "variables": variables or {}},
            content_type="application/json",
            HTTP_X_CSRFTOKEN="c" * 32,
        )
        body: dict[str, Any] = response.json()
        if response.status_code != 200 or body.get("errors"):
            raise RuntimeError(body)
        return body

    ranking = "query($p: RankingPeriod!, $d: RankingDimension!) { fieldRankings(period: $p, dimension: $d) { rank name value target completionRate } }"
    rows: list[tuple[str, float, float, int, str]] = []
    for label, period, dimension in (
        ("ranking: quarter by rep", "QUARTER", "REP"),
        ("ranking: quarter by team", "QUARTER", "TEAM"),
        ("ranking: quarter by region", "QUARTER", "REGION"),
        ("ranking: day by rep", "DAY", "REP"),
    ):
        p50, p95, sql = timed(lambda p=period, d=dimension: post(ranking, {"p": p, "d": d}), args.samples)
        rows.append((label, p50, p95, sql, "≤ 150"))

    def raw_group_by() -> None:
        with tenant_context(tenant), connection.cursor() as cursor:
            cursor.execute(
                "SELECT rep_id, sum(total_amount) FROM sales_salesorder WHERE approved_at >= %s GROUP BY rep_id "
                "ORDER BY 2 DESC",
                [state["first"]],
            )
            cursor.fetchall()

    b50, b95, bsql = timed(raw_group_by, args.samples)
    rows.append(("baseline: GROUP BY over raw orders", b50, b95, bsql, ""))

    customers = []
    with tenant_context(tenant):
        from saas.customers.models import Customer

        customers = list(Customer.objects.filter(owner=state["rep"]).values_list("pk", flat=True))
    rep_client = Client(HTTP_HOST=host)
    rep_client.cookies["sessionid"] = _rep_session(tenant, state["rep"])
    rep_client.cookies["csrftoken"] = "c" * 32
    counter = iter(range(10**6))
    check_in = """mutation($input: VisitCheckInInput!) { visitCheckIn(input: $input) {
        visit { id distanceMeters outOfRange } errors { code } } }"""

    def one_check_in() -> None:
        n = next(counter)
        variables = {
            "input": {
                "customerId": str(customers[n % len(customers)]),
                "latitude": "30.2500",
                "longitude": "120.1500",
                "accuracy": "15",
                "clientId": f"bench-{n}",
            }
        }
        response = rep_client.post(
            "/graphql/",
            {"query": check_in, "variables": variables},
            content_type="application/json",
            HTTP_X_CSRFTOKEN="c" * 32,
        )
        if response.json()["data"]["visitCheckIn"]["errors"]:
            raise RuntimeError(response.json())

    c50, c95, csql = timed(one_check_in, args.samples)
    rows.append(("visitCheckIn (no photo)", c50, c95, csql, "≤ 100"))

    def settings_query() -> None:
        rep_client.post(
            "/graphql/",
            {"query": "{ fieldSettings { radiusMeters } }"},
            content_type="application/json",
            HTTP_X_CSRFTOKEN="c" * 32,
        )

    s50, s95, ssql = timed(settings_query, args.samples)
    rows.append(("baseline: fieldSettings", s50, s95, ssql, ""))

    print(
        f"\n{args.reps} reps, {n_orders:,} approved orders, {n_visits:,} visits this quarter; "
        f"rollup of {state['days']} days into {n_stats:,} rows: {rollup_ms:,.0f} ms "
        f"({rollup_ms / state['days']:.1f} ms a day); {args.samples} samples a row"
    )
    print(f"{'what':<36} {'p50 ms':>8} {'p95 ms':>8} {'SQL':>5} {'target':>7}")
    for label, p50, p95, sql, target in rows:
        print(f"{label:<36} {p50:>8.1f} {p95:>8.1f} {sql:>5} {target:>7}")
    print(f"quarter-by-rep ranking vs the raw GROUP BY: {rows[0][1] / b50:.2f}x the p50")
    print(f"check-in vs fieldSettings: {c50 / s50:.2f}x the p50")


def _rep_session(tenant: Any, rep: Any) -> str:
    from django_tenants.utils import tenant_context

    with tenant_context(tenant):
        return signed_in_session(rep)


if __name__ == "__main__":
    main()
