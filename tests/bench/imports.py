"""Customer import from a sheet at 500 and 5,000 rows: prints a table (median, p95, SQL).

    .venv/bin/python tests/bench/imports.py [--rows 500,5000] [--samples 5]

Runs against its own database `sparrow_bench_import` (dropped and recreated first). One
workspace is signed up; each size gets XLSX sheets of customers with a phone, a contact and an
address. Timed: the preview (read the XLSX, check every row, write and roll back) and the commit
(the same, kept), each on a sheet of new customers; the baseline, in the same run, creates the
same number of customers one by one through customer_create (what an import without a bulk
path would do). The owner imports, so the duplicate look-up covers the whole workspace, which
grows as the samples commit.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_setup import django_on_fresh_database, percentile  # noqa: E402

BENCH_DB = "sparrow_bench_import"
HEADERS = ["客户名称", "电话", "联系人", "联系人电话", "省份", "城市", "区县", "详细地址"]


def rows_from(start: int, count: int) -> list[list[str]]:
    return [
        [
            f"基准客户{i:07d}",
            f"0571{i:08d}",
            f"联系人{i}",
            f"139{i:08d}",
            "浙江省",
            "杭州市",
            "西湖区",
            f"文三路{i}号",
        ]
        for i in range(start, start + count)
    ]


def workbook(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    page = book.create_sheet()
    page.append(HEADERS)
    for row in rows:
        page.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def measure(call: Any) -> tuple[float, int]:
    from django.db import connection

    statements: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        started = time.perf_counter()
        call()
        elapsed = (time.perf_counter() - started) * 1000
    return elapsed, len(statements)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", default="500,5000")
    parser.add_argument("--samples", type=int, default=5)
    args = parser.parse_args()

    django_on_fresh_database(BENCH_DB)
    from saas.accounts.actors import actor_stamp
    from saas.accounts.models import User
    from saas.cli import migrate_everything
    from saas.core.sheet_imports import import_commit, import_preview
    from saas.core.tenancy import tenant_context
    from saas.customers.services.customers import customer_create
    from saas.customers.services.inputs import AddressInput, ContactInput
    from tenants.services import public_tenant_ensure, tenant_signup

    migrate_everything()
    public_tenant_ensure()
    tenant = tenant_signup(
        company_name="导入测试商贸",
        slug="bench",
        owner_name="老板",
        email="owner@bench.cn",
        password="Spring-Tea-2026!",
    ).tenant

    table = []
    offset = 0
    with tenant_context(tenant):
        owner = User.objects.get(email="owner@bench.cn")
        by = actor_stamp(owner)
        for size in [int(s) for s in args.rows.split(",")]:
            samples = max(2, args.samples if size <= 1000 else args.samples // 2)
            content = workbook(rows_from(offset, size))
            import_preview(actor=owner, kind_name="customers", content=content, filename="c.xlsx")  # warm-up
            previews = [
                measure(
                    lambda c=content: import_preview(
                        actor=owner, kind_name="customers", content=c, filename="c.xlsx"
                    )
                )
                for _ in range(samples)
            ]
            commits = []
            for _ in range(samples):
                sheet = workbook(rows_from(offset, size))
                offset += size

                def run(c: bytes = sheet, size: int = size) -> None:
                    assert (
                        import_commit(
                            actor=owner,
                            by=by,
                            kind_name="customers",
                            content=c,
                            filename="c.xlsx",
                            idempotency_key=None,
                        )
                        == size
                    )

                commits.append(measure(run))
            one_by_one_rows = rows_from(offset, size)
            offset += size

            def baseline(rows: list[list[str]] = one_by_one_rows) -> None:
                for name, phone, contact, contact_phone, province, city, district, detail in rows:
                    customer_create(
                        actor=owner,
                        name=name,
                        phone=phone,
                        contacts=[ContactInput(name=contact, phone=contact_phone)],
                        addresses=[
                            AddressInput(
                                receiver=contact,
                                phone=contact_phone,
                                province=province,
                                city=city,
                                district=district,
                                detail=detail,
                            )
                        ],
                    )

            base_ms, base_sql = measure(baseline)
            for step, found in (("preview", previews), ("commit", commits)):
                times = [t for t, _sql in found]
                median = statistics.median(times)
                table.append(
                    (
                        size,
                        step,
                        median,
                        percentile(times, 95),
                        found[0][1],
                        median / size,
                        base_ms / median,
                        len(found),
                    )
                )
            table.append((size, "one by one", base_ms, base_ms, base_sql, base_ms / size, 1.0, 1))

    print()
    print(
        f"{'rows':>6} {'step':<11} {'median ms':>10} {'p95 ms':>9} {'SQL':>7} {'ms/row':>7} {'x faster':>9} {'runs':>5}"
    )
    for size, step, median, p95, sql, per_row, ratio, runs in table:
        print(
            f"{size:>6} {step:<11} {median:>10.0f} {p95:>9.0f} {sql:>7} {per_row:>7.2f} {ratio:>9.1f} {runs:>5}"
        )
    print()
    print("x faster: the one-by-one baseline's time (customer_create per row, same run) over the median.")


if __name__ == "__main__":
    main()
