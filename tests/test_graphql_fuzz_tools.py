"""The fuzzer's own tools work: the leak detector, ids moved to their tables, errors asked of every
payload, arguments moved into variables."""

from __future__ import annotations

from tests.fixtures.fuzz import leaks
from tests.fixtures.fuzz_documents import asking_for_errors, id_kind, with_matching_ids, with_variables


def test_the_leak_detector_finds_tracebacks_sql_paths_and_python_names() -> None:
    assert leaks('Traceback (most recent call last):\n  File "/work/main/saas/api/x.py", line 3, in f')
    assert leaks('relation "sales_salesorder" does not exist')
    assert leaks('SELECT "sales_salesorder"."id" FROM "sales_salesorder"')
    assert leaks('duplicate key value violates unique constraint "catalog_sku_code_key"')
    assert leaks('null value in column "name" violates not-null constraint\nDETAIL:  Failing row')
    assert leaks("invalid input syntax for type integer (psycopg.errors.InvalidTextRepresentation)")
    assert leaks("'NoneType' object has no attribute 'pk'")
    assert leaks("Expected type 'Decimal'. [<class 'decimal.ConversionSyntax'>]")
    assert leaks("see /usr/lib/python3.11/site-packages/django/db/models/query.py")
    assert leaks("No module named django.contrib.foo")


def test_the_leak_detector_passes_plain_messages_and_echoes_of_the_callers_input() -> None:
    assert leaks("Enter a finite number.") == []
    assert leaks("Please select a warehouse.") == []
    assert leaks("Sales order not found.") == []
    assert leaks("文本不能包含控制字符。") == []
    assert leaks("Syntax Error: Unexpected Name 'quer'.") == []
    sent = '{ products(search: "SELECT * FROM x; ../../etc/passwd") { totalCount } }'
    assert leaks("Unknown code 'SELECT * FROM x'", sent=sent) == []
    assert leaks('relation "x" does not exist', sent=sent)


def test_ids_move_to_the_tables_their_fields_name() -> None:
    by_kind = {"customer": ["7"], "salesorder": ["3"], "salesorderline": ["11"], "warehouse": ["5"]}
    moved = with_matching_ids('mutation { salesOrderApprove(id: "5") { errors { code } } }', by_kind)
    assert 'salesOrderApprove(id: "3")' in moved
    moved = with_matching_ids('{ customers(ownerId: "999") { totalCount } }', by_kind)
    assert 'ownerId: "999"' in moved  # not one of ours: left as it is
    assert id_kind("customerId", "SalesOrderCreateInput", by_kind) == "customer"
    assert id_kind("lineId", "salesOrderShip", by_kind) == "salesorderline"
    assert id_kind("id", "webhookEndpointReplay", ["webhookendpoint", "webhookdelivery"]) == "webhookendpoint"


def test_every_mutation_payload_is_asked_for_its_errors() -> None:
    asked = asking_for_errors('mutation { warehouseCreate(code: "A", name: "B") { warehouse { id } } }')
    assert "errors {\n      field\n      code\n      message\n    }" in asked
    assert asking_for_errors("query { me { id } }") == "query { me { id } }"


def test_arguments_move_into_variables_of_their_types() -> None:
    document, variables = with_variables('query { products(search: "a\\u0000", limit: 5) { totalCount } }')
    assert document.startswith("query ($v0: String!, $v1: Int!)")
    assert "products(search: $v0, limit: $v1)" in document
    assert variables == {"v0": "a\x00", "v1": 5}
