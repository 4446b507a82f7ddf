"""Customers from a sheet (客户导入): a template in the user's language, a preview with every row's
problems (row, column, code) that writes nothing, an all-or-nothing commit that re-validates and
answers a double submit once, the same rules as creating one customer (duplicates, credit terms
for managers, a rep's customers are theirs), the same permission, and another workspace's
customers never named."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context
from openpyxl import Workbook, load_workbook

from saas.accounts.actors import actor_stamp
from saas.core.errors import Forbidden
from saas.core.models import LoggedEvent
from saas.core.sheet_imports import ImportRefused, import_commit, import_preview
from saas.customers.models import Address, Contact, Customer
from tests.fixtures.customers import make_customer
from tests.fixtures.tenants import Workspace, client_for

HEADERS_ZH = ["客户名称", "电话", "联系人", "联系人电话", "省份", "城市", "区县", "详细地址"]


def sheet(rows: list[list[str]], headers: list[str] = HEADERS_ZH) -> bytes:
    book = Workbook()
    page = book.active
    page.append(headers)
    for row in rows:
        page.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def customer_rows(count: int, start: int = 0) -> list[list[str]]:
    return [
        [
            f"测试客户{i:05d}",
            f"0571{i + 10000000:08d}",
            f"联系人{i}",
            f"139{i:08d}",
            "浙江省",
            "杭州市",
            "西湖区",
            f"文三路{i}号",
        ]
        for i in range(start, start + count)
    ]


def preview(user, content: bytes):
    return import_preview(actor=user, kind_name="customers", content=content, filename="c.xlsx")


def commit(user, content: bytes, key: str | None = None) -> int:
    return import_commit(
        actor=user,
        by=actor_stamp(user),
        kind_name="customers",
        content=content,
        filename="c.xlsx",
        idempotency_key=key,
    )


def test_the_template_has_headers_in_the_users_language_and_an_example(in_alpha: Workspace):
    client = client_for(in_alpha, in_alpha.users["manager"])
    response = client.get("/imports/customers/template.xlsx", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    book = load_workbook(io.BytesIO(response.content))
    first = [[cell.value for cell in row] for row in book.worksheets[0].iter_rows()]
    assert first[0][:3] == ["客户名称", "客户类型", "电话"] and first[1][0] == "杭州鑫达商贸有限公司"
    assert len(book.worksheets) == 2  # how to fill it in
    english = load_workbook(io.BytesIO(client.get("/imports/customers/template.xlsx?lang=en").content))
    assert [c.value for c in next(english.worksheets[0].iter_rows())][:2] == [
        "Customer name",
        "Customer type",
    ]


def test_the_template_itself_imports_its_example_row(in_alpha: Workspace):
    manager = in_alpha.users["manager"]
    client = client_for(in_alpha, manager)
    content = client.get("/imports/customers/template.xlsx").content
    assert commit(manager, content) == 1
    made = Customer.objects.get(name="杭州鑫达商贸有限公司")
    assert made.contacts.get().name == "王经理" and made.addresses.get().city == "杭州市"


def test_a_preview_names_every_bad_row_and_column_and_writes_nothing(in_alpha: Workspace):
    manager = in_alpha.users["manager"]
    make_customer("已有客户", phone="13600000001")
    rows = customer_rows(6)
    rows[1][0] = ""  # row 3: no name
    rows[2][3] = "12ab"  # row 4: contact phone
    rows[3][0] = "已有客户"  # row 5: name already in the workspace
    rows[4][1] = rows[0][1]  # row 6: the phone of row 2
    rows[5][5] = ""  # row 7: an address without its city
    before = (Customer.objects.count(), LoggedEvent.objects.count())
    result = preview(manager, sheet(rows))
    found = {(p.row, p.column, p.code) for p in result.problems}
    assert found == {
        (3, "name", "required"),
        (4, "contact_phone", "phone_invalid"),
        (5, "name", "customer_duplicate"),
        (6, "phone", "customer_duplicate"),
        (7, "city", "required"),
    }
    assert result.total == 6 and result.rows_with_problems == 5
    assert (Customer.objects.count(), LoggedEvent.objects.count()) == before
    with pytest.raises(ImportRefused) as refused:
        commit(manager, sheet(rows))
    assert {(p.row, p.code) for p in refused.value.rows} == {(r, c) for r, _col, c in found}
    assert (Customer.objects.count(), LoggedEvent.objects.count()) == before


def test_a_clean_sheet_commits_every_row_once_with_contacts_addresses_and_events(in_alpha: Workspace):
    manager = in_alpha.users["manager"]
    content = sheet(customer_rows(30))
    assert preview(manager, content).problems == []
    events = LoggedEvent.objects.count()
    assert commit(manager, content, key="import-customers-1") == 30
    assert commit(manager, content, key="import-customers-1") == 30  # a double submit: the first answer
    made = Customer.objects.filter(name__startswith="测试客户")
    assert made.count() == 30 and len({c.code for c in made}) == 30
    assert Contact.objects.filter(customer__in=made, is_primary=True).count() == 30
    assert Address.objects.filter(customer__in=made, is_default=True).count() == 30
    assert all(c.owner_id is None for c in made)  # a manager's new customers wait in the pool
    assert LoggedEvent.objects.count() - events == 30
    assert made.get(name="测试客户00003").search_text  # found by search like any other


def test_the_commit_re_validates(in_alpha: Workspace):
    manager = in_alpha.users["manager"]
    content = sheet(customer_rows(3))
    assert preview(manager, content).problems == []
    make_customer("测试客户00001")  # someone enters one of them meanwhile
    with pytest.raises(ImportRefused) as refused:
        commit(manager, content)
    assert [(p.row, p.column, p.code) for p in refused.value.rows] == [(3, "name", "customer_duplicate")]
    assert not Customer.objects.filter(name="测试客户00000").exists()


def test_the_sql_does_not_grow_with_the_rows(in_alpha: Workspace):
    manager = in_alpha.users["manager"]
    commit(manager, sheet(customer_rows(1, 5000)))  # the session's roles and schema, read once
    counts = []
    for start, size in ((0, 20), (1000, 200)):
        with CaptureQueriesContext(connection) as queries:
            commit(manager, sheet(customer_rows(size, start)))
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 17  # a fixed number of statements, whatever the size


def test_a_rep_imports_their_own_customers_but_sets_no_credit_terms(in_alpha: Workspace):
    rep = in_alpha.users["sales"]
    content = sheet([["代表的客户", "", "", "", "", "", "", ""]])
    assert commit(rep, content) == 1
    assert Customer.objects.get(name="代表的客户").owner_id == rep.pk
    credit = sheet([["有额度", "5000"]], headers=["客户名称", "信用额度"])
    result = preview(rep, credit)
    assert [(p.row, p.column, p.code) for p in result.problems] == [(2, "credit_limit", "forbidden")]


def test_only_those_who_create_customers_may_import(in_alpha: Workspace):
    with pytest.raises(Forbidden):
        preview(in_alpha.users["warehouse"], sheet(customer_rows(1)))
    client = client_for(in_alpha, in_alpha.users["warehouse"])
    upload = SimpleUploadedFile("c.xlsx", sheet(customer_rows(1)))
    assert client.post("/imports/customers/preview/", {"file": upload}).status_code == 403
    assert "customers" not in [k["name"] for k in client.get("/imports/").json()["kinds"]]
    assert client_for(in_alpha).post("/imports/customers/preview/").status_code == 401


def test_a_missing_column_and_a_foreign_file_are_told_not_500(in_alpha: Workspace):
    client = client_for(in_alpha, in_alpha.users["manager"])
    upload = SimpleUploadedFile("c.xlsx", sheet([["x"]], headers=["电话"]))
    body = client.post("/imports/customers/preview/", {"file": upload}).json()
    assert [(e["field"], e["code"]) for e in body["errors"]] == [("columns.name", "column_missing")]
    junk = SimpleUploadedFile("c.xlsx", b"PK\x03\x04not a workbook")
    response = client.post("/imports/customers/preview/", {"file": junk})
    assert response.status_code == 400 and response.json()["errors"][0]["code"] == "file_invalid"
    assert client.post("/imports/nothing/preview/", {"file": junk}).status_code == 404


def test_over_http_preview_then_commit(in_alpha: Workspace):
    client = client_for(in_alpha, in_alpha.users["manager"])
    rows = customer_rows(4)
    rows[2][1] = "abc"
    body = client.post(
        "/imports/customers/preview/", {"file": SimpleUploadedFile("c.xlsx", sheet(rows))}
    ).json()
    assert (body["total"], body["valid"]) == (4, 3)
    assert body["problems"] == [
        {
            "field": "rows.4.phone",
            "row": 4,
            "column": "phone",
            "code": "phone_invalid",
            "message": body["problems"][0]["message"],
        }
    ]
    refused = client.post("/imports/customers/commit/", {"file": SimpleUploadedFile("c.xlsx", sheet(rows))})
    assert refused.status_code == 400 and refused.json()["problems"][0]["row"] == 4
    rows[2][1] = ""
    done = client.post(
        "/imports/customers/commit/",
        {"file": SimpleUploadedFile("c.xlsx", sheet(rows)), "idempotencyKey": "imp-http-0001"},
    )
    assert done.status_code == 201 and done.json()["created"] == 4


def test_another_workspaces_customers_are_neither_duplicates_nor_named(in_alpha: Workspace, beta: Workspace):
    with tenant_context(beta.tenant):
        make_customer("测试客户00000", phone="057110000000")
    manager = in_alpha.users["manager"]
    assert preview(manager, sheet(customer_rows(1))).problems == []
    rep = in_alpha.users["sales"]
    make_customer("同事的客户", phone="13700000000")  # a colleague's, unseen by the rep
    result = preview(rep, sheet([["同事的客户", "13700000000"]], headers=["客户名称", "电话"]))
    assert {p.code for p in result.problems} == {"customer_duplicate"}
    assert all("CU-" not in p.message for p in result.problems)  # not among theirs: no code named
