"""The published contract: partner operations that validate and run, breaking changes refused
unless graphql/CHANGELOG.md lists them, deprecations with reasons, and the release command."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from graphql import OperationDefinitionNode, build_schema, parse, validate
from saas import cli
from saas.api import contract
from saas.api.contract import (
    breaking_changes,
    changelog_release,
    contract_problems,
    dangerous_changes,
    deprecations_without_reason,
    unlisted,
)
from saas.cli import SCHEMA_FILE, graphql_schema_text
from tests.fixtures.customers import make_customer
from tests.fixtures.shipping import sf_number
from tests.fixtures.tenants import client_for

OPERATIONS = SCHEMA_FILE.parent / "operations"
OPERATION_FILES = sorted(OPERATIONS.glob("*.graphql"))


def _operation_names(path: Path) -> list[str | None]:
    return [
        d.name.value if d.name else None
        for d in parse(path.read_text(encoding="utf-8")).definitions
        if isinstance(d, OperationDefinitionNode)
    ]


# --- (a) the operation files follow the schema ---------------------------------------------------


def test_the_partner_operations_are_there():
    assert {path.stem for path in OPERATION_FILES} >= {
        "import_products",
        "push_orders",
        "pull_shipments",
        "sync_stock_levels",
        "record_receipts",
        "pull_customers",
    }


@pytest.mark.parametrize("path", OPERATION_FILES, ids=lambda path: path.name)
def test_each_operation_file_validates_against_the_schema(path):
    schema = build_schema(SCHEMA_FILE.read_text(encoding="utf-8"))
    document = parse(path.read_text(encoding="utf-8"))
    assert [error.message for error in validate(schema, document)] == []
    names = _operation_names(path)
    assert names and None not in names, "every operation has a name"


def test_operation_names_are_unique_and_each_file_is_in_the_readme():
    names = [name for path in OPERATION_FILES for name in _operation_names(path)]
    assert len(names) == len(set(names))
    readme = (OPERATIONS / "README.md").read_text(encoding="utf-8")
    assert [path.name for path in OPERATION_FILES if f"`{path.name}`" not in readme] == []
    assert [name for name in names if f"`{name}`" not in readme] == []


# --- (b) breaking changes and the changelog --------------------------------------------------------

RELEASED = """
type Query { order(id: ID!): Order orders(status: String): [Order!]! }
type Order { id: ID! number: String! total: Int status: Status! }
enum Status { DRAFT SHIPPED }
"""
CURRENT = """
type Query { order(id: ID!): Order orders(status: String, first: Int): [Order!]! }
type Order { id: ID! total: String status: Status! }
enum Status { DRAFT SHIPPED SIGNED }
"""


def changelog(*breaking: str) -> str:
    lines = "\n".join(breaking)
    return f"# Changes\n\n## Unreleased\n\n### Added\n\n- `Order.x`: new\n\n### Breaking\n\n{lines}\n\n## 2026-12-05\n"


def test_breaking_changes_finds_a_removed_field_and_a_changed_type():
    changes = breaking_changes(RELEASED, CURRENT)
    assert {(c.kind, c.coordinate) for c in changes} == {
        ("FIELD_REMOVED", "Order.number"),
        ("FIELD_CHANGED_KIND", "Order.total"),
    }
    assert all(c.coordinate in c.description for c in changes)
    # Additions are not breaking; a new enum value or optional argument is only dangerous.
    assert {c.coordinate for c in dangerous_changes(RELEASED, CURRENT)} == {
        "Status.SIGNED",
        "Query.orders(first:)",
    }
    assert breaking_changes(RELEASED, RELEASED) == []


@pytest.mark.parametrize(
    ("released", "current", "coordinate"),
    [
        (RELEASED, RELEASED.replace("DRAFT SHIPPED", "DRAFT"), "Status.SHIPPED"),
        (RELEASED, RELEASED.replace("orders(status: String)", "orders"), "Query.orders(status:)"),
        (RELEASED, RELEASED.replace("(status: String)", "(status: Int)"), "Query.orders(status:)"),
        (
            RELEASED,
            RELEASED.replace("(status: String)", "(status: String, shop: ID!)"),
            "Query.orders(shop:)",
        ),
        (RELEASED + "type Gone { id: ID }", RELEASED, "Gone"),
        (RELEASED, RELEASED.replace("enum Status { DRAFT SHIPPED }", "scalar Status"), "Status"),
    ],
)
def test_each_kind_of_breaking_change_names_what_it_is_about(released, current, coordinate):
    [change] = breaking_changes(released, current)
    assert change.coordinate == coordinate


def test_unlisted_accepts_a_listed_change_and_refuses_one_not_listed():
    changes = breaking_changes(RELEASED, CURRENT)
    listed = changelog(
        "- `Order.number`: removed after a deprecation since 2026-12-05; use `Order.id`.",
        "- `Order.total`: money is a decimal string now.",
    )
    assert unlisted(changes, listed) == []
    only_one = changelog("- `Order.number`: removed; use `Order.id`.")
    assert [c.coordinate for c in unlisted(changes, only_one)] == ["Order.total"]
    shared = changelog("- `Order.number`, `Order.total`: the order type was reshaped for partners.")
    assert unlisted(changes, shared) == []


@pytest.mark.parametrize(
    "text",
    [
        changelog("- `Order.number`:", "- `Order.total`: a reason"),  # no reason given
        changelog("- Order.number: removed", "- `Order.total`: a reason"),  # not in backticks
        changelog("<!-- - `Order.number`: removed -->", "- `Order.total`: a reason"),  # a comment
        # Named, but under Added, or under a released version rather than Unreleased.
        changelog("- `Order.total`: a reason").replace("- `Order.x`: new", "- `Order.number`: removed"),
        changelog("- `Order.total`: a reason") + "\n### Breaking\n\n- `Order.number`: removed\n",
        changelog("- `Order.total`: a reason", "- `Order.numbers`: a near miss"),
    ],
)
def test_a_change_counts_as_listed_only_as_documented(text):
    assert [c.coordinate for c in unlisted(breaking_changes(RELEASED, CURRENT), text)] == ["Order.number"]


# --- (c) the real contract ----------------------------------------------------------------------------


def test_the_current_schema_keeps_the_released_contract():
    """Every breaking change since graphql/schema.released.graphql is listed in the changelog."""
    problems = contract_problems(
        contract.RELEASED_FILE.read_text(encoding="utf-8"),
        graphql_schema_text(),
        contract.CHANGELOG_FILE.read_text(encoding="utf-8"),
    )
    assert problems == []


def test_the_changelog_has_the_sections_the_check_reads():
    text = contract.CHANGELOG_FILE.read_text(encoding="utf-8")
    assert "\n## Unreleased\n" in text and "\n### Breaking\n" in text
    assert "\n## 2026-12-05 — first released contract\n" in text


# --- (d) deprecations carry reasons -------------------------------------------------------------------


def test_a_deprecation_without_a_reason_is_caught():
    sdl = """
    type Query {
      a: Int @deprecated
      b: Int @deprecated(reason: "")
      c: Int @deprecated(reason: "No longer supported")
      d: Int @deprecated(reason: "Use `e`; removed after 2027-06-30.")
      e(old: Int @deprecated, new: Int): Int
    }
    input Filter { status: String @deprecated(reason: " ") }
    enum Kind { OLD @deprecated NEW }
    """
    assert sorted(deprecations_without_reason(sdl)) == [
        "Filter.status",
        "Kind.OLD",
        "Query.a",
        "Query.b",
        "Query.c",
        "Query.e(old:)",
    ]
    assert any("`Query.a`" in problem for problem in contract_problems(sdl, sdl, ""))


def test_the_current_schema_deprecates_nothing_without_a_reason():
    assert deprecations_without_reason(graphql_schema_text()) == []


# --- the commands -------------------------------------------------------------------------------------------


@pytest.fixture
def contract_files(tmp_path, monkeypatch):
    """The released schema and the changelog as copies the commands may change."""
    released = tmp_path / "schema.released.graphql"
    released.write_text(contract.RELEASED_FILE.read_text(encoding="utf-8"))
    changes = tmp_path / "CHANGELOG.md"
    changes.write_text(contract.CHANGELOG_FILE.read_text(encoding="utf-8"))
    schema = tmp_path / "schema.graphql"
    schema.write_text(graphql_schema_text())
    monkeypatch.setattr(contract, "RELEASED_FILE", released)
    monkeypatch.setattr(contract, "CHANGELOG_FILE", changes)
    monkeypatch.setattr(cli, "SCHEMA_FILE", schema)
    return released, changes


def test_graphql_breaking_fails_naming_each_unlisted_change(contract_files, capsys):
    released, changes = contract_files
    assert cli.main(["graphql-breaking"]) == 0
    # A type the release had and the code no longer has.
    released.write_text(released.read_text() + '\n"""Gone since."""\ntype RetiredThing {\n  id: ID!\n}\n')
    capsys.readouterr()
    assert cli.main(["graphql-breaking"]) == 1
    err = capsys.readouterr().err
    assert (
        "breaking change not listed in graphql/CHANGELOG.md: `RetiredThing`: RetiredThing was removed." in err
    )
    changes.write_text(
        changes.read_text().replace(
            "<!-- One bullet",
            "- `RetiredThing`: nothing used it; deprecated since 2026-12-05.\n\n<!-- One bullet",
        )
    )
    assert cli.main(["graphql-breaking"]) == 0


def test_graphql_release_moves_unreleased_under_the_date(contract_files, capsys):
    released, changes = contract_files
    released.write_text(released.read_text().replace("type Query {", "type Query {\n  retired: Int", 1))
    assert cli.main(["graphql-release", "--date", "2027-01-15", "--title", "partner API"]) == 1
    assert "`Query.retired`" in capsys.readouterr().err and "retired" in released.read_text()

    before = changes.read_text()
    changes.write_text(before.replace("<!-- One bullet", "- `Query.retired`: never used.\n\n<!-- One bullet"))
    assert cli.main(["graphql-release", "--date", "2027-01-15", "--title", "partner API"]) == 0
    assert released.read_text() == graphql_schema_text()
    text = changes.read_text()
    unreleased, rest = text.split("\n## Unreleased\n")[1].split("\n## 2027-01-15 — partner API\n")
    assert "- " not in contract._COMMENT.sub("", unreleased), "Unreleased starts empty again"
    added = next(line for line in before.split("\n## Unreleased\n")[1].splitlines() if line.startswith("- "))
    assert rest.index(added) < rest.index("- `Query.retired`: never used.")
    assert rest.index("- `Query.retired`") < rest.index("## 2026-12-05 — first released contract")
    assert "### Deprecated" not in rest.split("## 2026-12-05")[0], "empty subsections are left out"

    # Nothing new to say: no second release.
    assert cli.main(["graphql-release", "--date", "2027-01-16"]) == 1
    assert "nothing is listed under '## Unreleased'" in capsys.readouterr().err
    assert cli.main(["graphql-release", "--date", "15.01.2027"]) == 1


def test_changelog_release_needs_an_unreleased_section():
    with pytest.raises(ValueError, match="no '## Unreleased' section"):
        changelog_release("# Changes\n\n## 2026-12-05\n\n- first\n", "2027-01-15")


# --- (e) the operations run in a real workspace -----------------------------------------------------------


def run(client, operation: str, **variables) -> dict:
    """Post the file that holds `operation`, as a partner's client loads it, and run that one."""
    [path] = [path for path in OPERATION_FILES if operation in _operation_names(path)]
    response = client.post(
        "/graphql/",
        {"query": path.read_text(encoding="utf-8"), "operationName": operation, "variables": variables},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    result = response.json()
    assert "errors" not in result, result
    return result["data"]


def test_import_products_creates_once_and_finds_by_code(alpha):
    client = client_for(alpha, alpha.users["manager"])
    assert run(client, "FindProductByCode", code="ERP-1001")["products"]["items"] == []
    product = {
        "code": "ERP-1001",
        "name": "纯棉T恤",
        "baseUnit": "件",
        "specs": [{"name": "颜色", "values": ["白色", "黑色"]}, {"name": "尺码", "values": ["M", "L"]}],
        "listPrice": "49.00",
        "costPrice": "18.50",
        "skus": [
            {
                "specValues": [{"name": "颜色", "value": "白色"}, {"name": "尺码", "value": "M"}],
                "barcode": "6901234567892",
            }
        ],
        "idempotencyKey": "erp-product-1001",
    }
    created = run(client, "ProductCreate", input=product)["productCreate"]
    assert created["errors"] == [] and created["replayed"] is False
    skus = created["product"]["skus"]
    assert len(skus) == 4 and skus[0]["barcode"] == "6901234567892"

    again = run(client, "ProductCreate", input=product)["productCreate"]
    assert again["replayed"] is True and again["product"]["id"] == created["product"]["id"]

    [found] = [
        p
        for p in run(client, "FindProductByCode", code="ERP-1001")["products"]["items"]
        if p["code"] == "ERP-1001"
    ]
    assert found["id"] == created["product"]["id"] and found["status"] == "ACTIVE"
    listed = run(client, "SkusByCode", search="ERP-1001", productId=found["id"])["skus"]["items"]
    assert {sku["id"] for sku in listed} == {sku["id"] for sku in skus}
    assert {sku["productCode"] for sku in listed} == {"ERP-1001"}


def test_sync_stock_levels_pages_every_level_by_cursor(selling):
    room = selling.room
    client = client_for(room.workspace, room.workspace.users["manager"])
    first = run(client, "StockLevelsChangedSince", updatedSince="2000-01-01T00:00:00+08:00", first=1)
    page = first["stockLevels"]
    assert len(page["items"]) == 1 and page["pageInfo"]["hasNextPage"] is True
    rest = run(client, "StockLevelsChangedSince", after=page["pageInfo"]["endCursor"], first=100)[
        "stockLevels"
    ]
    assert rest["pageInfo"]["hasNextPage"] is False
    levels = {
        (row["sku"]["code"], row["warehouse"]["code"]): Decimal(row["available"])
        for row in page["items"] + rest["items"]
    }
    assert levels == {("SHIRT-RED-M", "MAIN"): Decimal("100"), ("PHONE-128", "MAIN"): Decimal("10")}
    only_branch = run(client, "StockLevelsChangedSince", first=100, warehouseId=str(room.branch.pk))
    assert only_branch["stockLevels"]["items"] == []


def test_push_orders_creates_once_and_submits(selling):
    workspace = selling.room.workspace
    client = client_for(workspace, workspace.users["manager"])
    [warehouse] = [w for w in run(client, "OrderWarehouses")["warehouses"] if w["code"] == "MAIN"]
    # Made as the services make customers, so it is found by its code.
    code = make_customer(
        "宁波网店客户", owner=selling.rep, contacts=[("王采购", "13800138000")], addresses=1
    ).code
    [customer] = [
        c for c in run(client, "FindCustomerByCode", code=code)["customers"]["items"] if c["code"] == code
    ]
    order = {
        "customerId": customer["id"],
        "warehouseId": warehouse["id"],
        "lines": [{"skuId": str(selling.shirt.pk), "quantity": "2"}],
        "remarks": "网店订单 TB-20261205-0001",
        "idempotencyKey": "shop-order-TB-20261205-0001",
    }
    created = run(client, "SalesOrderCreate", input=order)["salesOrderCreate"]
    assert created["errors"] == [] and created["salesOrder"]["status"] == "DRAFT"
    assert Decimal(created["salesOrder"]["totalAmount"]) == Decimal("118.00")
    retried = run(client, "SalesOrderCreate", input=order)["salesOrderCreate"]
    assert retried["salesOrder"]["id"] == created["salesOrder"]["id"]

    order_id = created["salesOrder"]["id"]
    submitted = run(client, "SalesOrderSubmit", id=order_id, note="from the shop")["salesOrderSubmit"]
    assert submitted["errors"] == [] and submitted["salesOrder"]["status"] != "DRAFT"
    twice = run(client, "SalesOrderSubmit", id=order_id)["salesOrderSubmit"]
    assert [e["code"] for e in twice["errors"]] == ["transition_invalid"]

    synced = run(client, "SalesOrdersChangedSince", updatedSince="2000-01-01T00:00:00Z")["salesOrders"]
    assert created["salesOrder"]["number"] in [row["number"] for row in synced["items"]]


def test_pull_shipments_gives_the_tracking_numbers(shipping):
    tracking = sf_number()
    shipment = shipping.ship(shipping.order([(shipping.shirt, "3")]), tracking)
    workspace = shipping.room.workspace
    client = client_for(workspace, workspace.users["manager"])
    page = run(client, "ShipmentsChangedSince", updatedSince="2000-01-01T00:00:00Z")["shipments"]
    [row] = page["items"]
    assert (row["number"], row["trackingNumber"], row["status"]) == (shipment.number, tracking, "SHIPPED")
    assert row["carrier"]["code"] == shipment.carrier.code
    assert [Decimal(line["quantity"]) for line in row["lines"]] == [Decimal("3")]


def test_record_receipts_once_and_sync_them(books):
    order = books.shipped([(books.shirt, "2")])
    workspace = books.selling.room.workspace
    client = client_for(workspace, books.finance)
    payment = {
        "customerId": str(books.customer.pk),
        "amount": "118.00",
        "method": "BANK",
        "receivedOn": "2026-12-05",
        "reference": "BANK-20261205-0042",
        "allocations": [{"orderId": str(order.pk), "amount": "118.00"}],
        "idempotencyKey": "bank-statement-0042",
    }
    recorded = run(client, "ReceiptRecord", input=payment)["receiptRecord"]
    assert (
        recorded["errors"] == [] and recorded["receipt"]["allocations"][0]["order"]["number"] == order.number
    )
    assert (
        run(client, "ReceiptRecord", input=payment)["receiptRecord"]["receipt"]["id"]
        == recorded["receipt"]["id"]
    )
    synced = run(client, "ReceiptsChangedSince", updatedSince="2000-01-01T00:00:00Z")["receipts"]["items"]
    assert [row["number"] for row in synced] == [recorded["receipt"]["number"]]


def test_pull_customers_incrementally(selling):
    workspace = selling.room.workspace
    client = client_for(workspace, workspace.users["manager"])
    page = run(client, "CustomersChangedSince", updatedSince="2000-01-01T00:00:00Z")["customers"]
    [row] = [c for c in page["items"] if c["code"] == selling.customer.code]
    assert row["addresses"][0]["city"] == "杭州市" and row["contacts"][0]["isPrimary"] is True
    later = run(client, "CustomersChangedSince", after=page["pageInfo"]["endCursor"])["customers"]
    assert later["items"] == [] and later["pageInfo"]["hasNextPage"] is False
