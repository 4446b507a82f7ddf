"""What the API's input layer (saas/api/input_guard.py) costs per request, against what
graphql-core's own validation of the same document costs in the same run.

The guard walks every argument of the operation, literals and variables, along the schema's
types. Measured for three documents: a small query, an order with 5 lines, an order with 100
lines (the input cap). No database: both sides are pure CPU on the parsed document.

    .venv/bin/python tests/bench/input_guard.py
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saas.settings")

import django  # noqa: E402

django.setup()

from graphql import parse, validate  # noqa: E402
from saas.api.input_guard import input_problems  # noqa: E402
from saas.api.schema import schema  # noqa: E402

SMALL = "query($s: String!) { customers(search: $s, limit: 20) { totalCount items { id name } } }"
ORDER = """mutation($input: SalesOrderCreateInput!) {
  salesOrderCreate(input: $input) { salesOrder { id number status } errors { field code message } }
}"""
RUNS = 300


def order_input(lines: int) -> dict[str, object]:
    return {
        "input": {
            "customerId": "12",
            "warehouseId": "3",
            "remarks": "请在周五前送达\n谢谢",
            "lines": [
                {"skuId": str(100 + n), "quantity": "2", "unitPrice": "59.90", "discountRate": "5"}
                for n in range(lines)
            ],
        }
    }


def timed(call: Callable[[], object]) -> tuple[float, float]:
    samples = []
    for _ in range(RUNS):
        started = time.perf_counter()
        call()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> None:
    graphql_schema = schema._schema
    cases = [
        ("customers query", SMALL, {"s": "杭州"}),
        ("order, 5 lines", ORDER, order_input(5)),
        ("order, 100 lines", ORDER, order_input(100)),
    ]
    print(
        f"{'document':<18} {'args':>5} {'guard p50':>10} {'guard p95':>10} {'validate p50':>13} {'ratio':>6}"
    )
    for name, text, variables in cases:
        document = parse(text)
        operation = document.definitions[0]
        assert not validate(graphql_schema, document), name
        assert input_problems(graphql_schema, document, operation, variables) == []  # type: ignore[arg-type]
        values = (
            sum(len(line) for line in variables.get("input", {}).get("lines", []))
            if "input" in variables
            else 1
        )  # type: ignore[union-attr]
        guard_p50, guard_p95 = timed(lambda: input_problems(graphql_schema, document, operation, variables))  # type: ignore[arg-type]  # noqa: B023
        validate_p50, _ = timed(lambda: validate(graphql_schema, document))  # noqa: B023
        print(
            f"{name:<18} {values:>5} {guard_p50:>8.3f}ms {guard_p95:>8.3f}ms {validate_p50:>11.3f}ms "
            f"{guard_p50 / validate_p50:>5.2f}x"
        )
    print(f"\n{RUNS} runs each; SQL queries: 0 on both sides (the guard runs before any resolver).")


if __name__ == "__main__":
    main()
