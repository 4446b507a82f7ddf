"""Channel stock (分销商库存上报): a distributor reports stock and sell-through per SKU for a date
by form or sheet, all or nothing with every row's problems; a second report of a day replaces
the first and both stay; the workspace reads stock, 30-day sell-through and days of cover per
distributor and SKU, by subtree and SKU; a distributor sees only its own reports (not even its
downline's), staff need distribution.view, and another workspace finds nothing."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context
from openpyxl import Workbook

from saas.accounts.actors import MissingActor
from saas.catalog.models import Category
from saas.core.clock import tenant_today
from saas.core.errors import Forbidden, InvalidInput, NotFound
from saas.distribution.models import ChannelStockLine, ChannelStockReport
from saas.distribution.selectors.channel_stock import channel_stock, my_channel_stock_reports
from saas.distribution.services import network as network_services
from saas.distribution.services.channel_stock import (
    StockLineInput,
    channel_stock_report,
    sheet_lines,
)
from tests.fixtures.distribution import Network, distributor_person
from tests.fixtures.partners import issue_key, key_client, key_post
from tests.fixtures.tenants import client_for, graphql

D = Decimal
UPLOAD = "/distribution/channel-stock/upload/"


def form(*rows: tuple[object, object, object]) -> list[StockLineInput]:
    """Lines as the form sends them: (SKU or code, on hand, sold)."""
    return [
        StockLineInput(
            path=f"lines.{index}",
            row_no=index + 1,
            sku_id=getattr(target, "pk", None),
            sku_code="" if hasattr(target, "pk") else str(target),
            on_hand=on_hand,
            sold=sold,
        )
        for index, (target, on_hand, sold) in enumerate(rows)
    ]


def report(actor, days_ago: int, *rows: tuple[object, object, object], **options) -> ChannelStockReport:
    return channel_stock_report(
        actor=actor, report_date=tenant_today() - timedelta(days=days_ago), lines=form(*rows), **options
    )


def problems(excinfo: pytest.ExceptionInfo) -> set[tuple[str | None, str]]:
    return {(p.field, p.code) for p in excinfo.value.problems}


def test_a_report_keeps_each_skus_stock_and_sell_through(network: Network):
    saved = report(network.agent, 0, (network.shirt, "40", "12"), ("PHONE-128", "5", None), note="月底盘点")
    assert (saved.distributor_id, saved.current, saved.source, saved.note) == (
        network.hz.pk,
        True,
        "form",
        "月底盘点",
    )
    assert saved.reported_by_id == network.agent.pk and saved.report_date == tenant_today()
    assert [(line.sku_id, line.on_hand, line.sold, line.row_no) for line in saved.lines.all()] == [
        (network.shirt.pk, D("40.000"), D("12.000"), 1),
        (network.phone.pk, D("5.000"), D("0.000"), 2),  # no sell-through given: none sold
    ]


def test_a_second_report_of_a_day_replaces_the_first_and_both_stay(network: Network):
    first = report(network.agent, 1, (network.shirt, "40", "12"))
    second = report(network.agent, 1, (network.shirt, "38", "14"))
    other_day = report(network.agent, 2, (network.shirt, "50", "3"))
    first.refresh_from_db()
    assert (first.current, second.current, other_day.current) == (False, True, True)
    history = list(my_channel_stock_reports(actor=network.agent))
    assert [row.pk for row in history] == [second.pk, first.pk, other_day.pk]
    (row,) = channel_stock(actor=network.manager).rows
    assert (row.on_hand, row.sold) == (D("38"), D("17"))  # the replaced report counts no more


def test_every_bad_line_is_listed_and_nothing_is_saved(network: Network):
    with pytest.raises(InvalidInput) as excinfo:
        report(
            network.agent,
            0,
            ("NOPE-1", "1", "0"),
            (network.shirt, "abc", "-1"),
            (network.phone, "1.2345", "2"),
            ("shirt-red-m", "3", "1"),  # the shirt again, its code retyped in lower case
            ("", "", ""),
        )
    assert problems(excinfo) == {
        ("lines.0.sku_code", "sku_not_found"),
        ("lines.1.on_hand", "quantity_invalid"),
        ("lines.1.sold", "quantity_invalid"),
        ("lines.2.on_hand", "quantity_invalid"),
        ("lines.3.sku_code", "duplicate_sku"),
        ("lines.4.sku_code", "required"),
        ("lines.4.on_hand", "required"),
    }
    assert not ChannelStockReport.objects.exists() and not ChannelStockLine.objects.exists()
    for rows, code in (((), "lines_required"), (((network.shirt, "1e12", "0"),), "quantity_invalid")):
        with pytest.raises(InvalidInput) as excinfo:
            report(network.agent, 0, *rows)
        assert excinfo.value.code == code


@pytest.mark.parametrize(
    ("day", "code"),
    [
        ("tomorrow", "report_date_in_future"),
        ("old", "report_date_too_old"),
        ("", "required"),
        ("x", "date_invalid"),
    ],
)
def test_the_report_date_is_today_or_within_a_year_back(network: Network, day: str, code: str):
    value: object = {
        "tomorrow": tenant_today() + timedelta(days=1),
        "old": tenant_today() - timedelta(days=400),
    }.get(day, day)
    with pytest.raises(InvalidInput) as excinfo:
        channel_stock_report(actor=network.agent, report_date=value, lines=form((network.shirt, "1", "0")))
    assert (excinfo.value.code, excinfo.value.field) == (code, "report_date")


def test_a_retry_with_the_same_key_returns_the_first_report(network: Network):
    first = report(network.agent, 0, (network.shirt, "4", "1"), idempotency_key="stock-2026-12-05-a")
    again = report(network.agent, 0, (network.shirt, "4", "1"), idempotency_key="stock-2026-12-05-a")
    assert again.pk == first.pk and ChannelStockReport.objects.count() == 1


def test_only_skus_the_level_may_see_are_known(network: Network):
    shirts = Category.objects.create(name="衬衫")
    network.shirt.product.category = shirts
    network.shirt.product.save(update_fields=["category"])
    network_services.level_save(
        actor=network.manager,
        level_id=network.city.pk,
        code="C",
        name="市代",
        catalog_category_ids=[shirts.pk],
    )
    with pytest.raises(InvalidInput) as excinfo:
        report(network.agent, 0, (network.shirt, "1", "0"), (network.phone, "1", "0"))
    assert problems(excinfo) == {("lines.1.sku_id", "sku_not_found")}


def test_stock_sell_through_and_days_of_cover_per_distributor_and_sku(network: Network):
    shop_person = distributor_person("shop@alpha.test", "西湖小店")
    network_services.member_add(actor=network.manager, distributor_id=network.shop.pk, user_id=shop_person.pk)
    report(network.agent, 40, (network.shirt, "90", "300"))  # outside the 30-day window
    report(network.agent, 20, (network.shirt, "70", "20"), (network.phone, "8", "0"))
    report(network.agent, 5, (network.shirt, "60", "40"))  # the latest with the shirt: its stock
    report(network.agent2, 3, (network.shirt, "10", "0"))
    report(shop_person, 0, (network.shirt, "6", "9"))

    page = channel_stock(actor=network.manager)
    today = tenant_today()
    expected = {
        (network.hz.pk, "PHONE-128"): (D("8"), today - timedelta(days=20), D("0"), None),
        (network.hz.pk, "SHIRT-RED-M"): (D("60"), today - timedelta(days=5), D("60"), D("30.0")),
        (network.shop.pk, "SHIRT-RED-M"): (D("6"), today, D("9"), D("20.0")),
        (network.nb.pk, "SHIRT-RED-M"): (D("10"), today - timedelta(days=3), D("0"), None),
    }
    assert {
        (r.distributor.pk, r.sku.code): (r.on_hand, r.as_of, r.sold, r.days_of_cover) for r in page.rows
    } == expected
    # Tree order (a parent before its downline), then SKU code.
    in_order = [(r.distributor.path, r.sku.code) for r in page.rows]
    assert in_order == sorted(in_order) and len(in_order) == 4
    assert page.total_count == 4 and (page.window_from, page.window_to) == (today - timedelta(days=29), today)
    averages = {(r.distributor.pk, r.sku.code): r.average_daily_sold for r in page.rows}
    assert averages[(network.hz.pk, "SHIRT-RED-M")] == D("2.000")
    assert averages[(network.shop.pk, "SHIRT-RED-M")] == D("0.300")
    assert (page.total_on_hand, page.total_sold, page.total_days_of_cover) == (D("84"), D("69"), D("36.5"))

    subtree = channel_stock(
        actor=network.manager, distributor_id=network.hz.pk, subtree=True, sku_id=network.shirt.pk
    )
    assert {(r.distributor.pk, r.on_hand) for r in subtree.rows} == {
        (network.hz.pk, D("60")),
        (network.shop.pk, D("6")),
    }
    assert (subtree.total_count, subtree.total_on_hand, subtree.total_sold) == (2, D("66"), D("69"))
    alone = channel_stock(actor=network.manager, distributor_id=network.hz.pk)
    assert {r.distributor.pk for r in alone.rows} == {network.hz.pk} and alone.total_count == 2
    second = channel_stock(actor=network.manager, limit=2, offset=2)
    assert [(r.distributor.path, r.sku.code) for r in second.rows] == in_order[2:]
    assert second.total_count == 4


def test_a_page_of_channel_stock_takes_a_fixed_number_of_queries(network: Network):
    report(network.agent, 1, (network.shirt, "4", "1"))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            page = channel_stock(actor=network.manager)
            assert all(row.sku.product.name and row.distributor.customer.name for row in page.rows)
        return len(captured)

    one = queries()
    report(network.agent, 0, (network.shirt, "3", "1"), (network.phone, "2", "0"))
    report(network.agent2, 0, (network.shirt, "5", "2"), (network.phone, "1", "1"))
    assert queries() == one


def test_bad_filters_are_refused(network: Network):
    with pytest.raises(NotFound):
        channel_stock(actor=network.manager, distributor_id="99999999")
    with pytest.raises(InvalidInput) as excinfo:
        channel_stock(actor=network.manager, sku_id="abc")
    assert excinfo.value.code == "id_invalid"
    with pytest.raises(InvalidInput) as excinfo:
        channel_stock(actor=network.manager, limit=500)
    assert excinfo.value.code == "page_invalid"


def test_a_distributor_sees_only_its_own_reports_not_its_downlines(network: Network):
    shop_person = distributor_person("shop@alpha.test", "西湖小店")
    network_services.member_add(actor=network.manager, distributor_id=network.shop.pk, user_id=shop_person.pk)
    mine = report(network.agent, 0, (network.shirt, "4", "1"))
    report(network.agent2, 0, (network.shirt, "5", "1"))
    report(shop_person, 0, (network.shirt, "6", "1"))  # hz's own downline
    assert [r.pk for r in my_channel_stock_reports(actor=network.agent)] == [mine.pk]
    with pytest.raises(Forbidden):  # the network view is the workspace's, not a distributor's
        channel_stock(actor=network.agent)
    for role in ("sales", "warehouse"):
        with pytest.raises(Forbidden):
            channel_stock(actor=network.selling.user(role))
        with pytest.raises(Forbidden) as excinfo:  # staff report no stock: they are no distributor
            report(network.selling.user(role), 0, (network.shirt, "1", "0"))
        assert excinfo.value.code == "not_a_distributor"
    assert channel_stock(actor=network.finance).total_count == 3  # finance holds distribution.view
    with pytest.raises(MissingActor):
        channel_stock(actor=None)  # type: ignore[arg-type]
    with pytest.raises(MissingActor):
        my_channel_stock_reports(actor=None)  # type: ignore[arg-type]


def test_another_workspace_sees_none_of_it(network: Network, beta):
    report(network.agent, 0, (network.shirt, "4", "1"))
    hz, shirt = network.hz.pk, network.shirt.pk
    with tenant_context(beta.tenant):
        manager = beta.users["manager"]
        assert channel_stock(actor=manager).total_count == 0
        assert channel_stock(actor=manager, sku_id=shirt).rows == []
        with pytest.raises(NotFound):
            channel_stock(actor=manager, distributor_id=hz)
        with pytest.raises(Forbidden):
            my_channel_stock_reports(actor=beta.users["distributor"])


# Sheets


def test_sheets_are_read_by_their_headers_or_as_columns_a_b_c(network: Network):
    chinese = "SKU编码,库存,销量\r\nSHIRT-RED-M,40,12\r\n,,\r\nPHONE-128,5,\r\n".encode("gb18030")
    rows = sheet_lines(chinese, "库存.csv")
    assert [(r.path, r.sku_code, r.on_hand, r.sold) for r in rows] == [
        ("rows.2", "SHIRT-RED-M", "40", "12"),
        ("rows.4", "PHONE-128", "5", ""),  # the blank row 3 is skipped, the numbering kept
    ]
    english = b"\xef\xbb\xbfsold;code;stock\n3;SHIRT-RED-M;7\n"
    assert [(r.sku_code, r.on_hand, r.sold) for r in sheet_lines(english, "s.csv")] == [
        ("SHIRT-RED-M", "7", "3")
    ]
    bare = b"SHIRT-RED-M,1,2\n"
    assert [(r.path, r.on_hand, r.sold) for r in sheet_lines(bare, "s.csv")] == [("rows.1", "1", "2")]
    book = Workbook()
    sheet = book.active
    sheet.append(["商品编码", "名称", "现有库存", "售出数量"])
    sheet.append([123456789012, "数字编码", 12.0, 2.5])
    buffer = io.BytesIO()
    book.save(buffer)
    (row,) = sheet_lines(buffer.getvalue(), "stock.xlsx")
    assert (row.path, row.sku_code, row.on_hand, row.sold) == ("rows.2", "123456789012", "12", "2.5")
    for content, name, code in (
        (b"", "a.csv", "file_invalid"),
        (b"\xd0\xcf\x11\xe0xx", "a.xls", "file_type_invalid"),
    ):
        with pytest.raises(InvalidInput) as excinfo:
            sheet_lines(content, name)
        assert excinfo.value.code == code


def post(client, content: bytes, name: str = "stock.csv", **fields):
    return client.post(UPLOAD, {"file": SimpleUploadedFile(name, content, "text/csv"), **fields})


def test_an_upload_saves_all_rows_or_lists_every_rows_problem(network: Network):
    workspace = network.selling.room.workspace
    agent = client_for(workspace, network.agent)
    today = tenant_today().isoformat()
    bad = "SKU编码,库存,销量\nSHIRT-RED-M,40,12\nNOPE,1,1\nPHONE-128,多,1\nSHIRT-RED-M,3,1\n".encode()
    response = post(agent, bad, reportDate=today)
    assert response.status_code == 400
    assert {(e["field"], e["code"]) for e in response.json()["errors"]} == {
        ("rows.3.skuCode", "sku_not_found"),
        ("rows.4.onHand", "quantity_invalid"),
        ("rows.5.skuCode", "duplicate_sku"),
    }
    with tenant_context(workspace.tenant):
        assert not ChannelStockReport.objects.exists()
    good = "SKU编码,库存,销量\nSHIRT-RED-M,40,12\nPHONE-128,5,1\n".encode()
    response = post(agent, good, reportDate=today, note="周报", idempotencyKey="upload-key-0001")
    assert response.status_code == 201, response.content
    body = response.json()["report"]
    assert (body["reportDate"], body["lineCount"], body["fileName"]) == (today, 2, "stock.csv")
    again = post(agent, good, reportDate=today, note="周报", idempotencyKey="upload-key-0001")
    assert again.json()["report"]["id"] == body["id"]
    with tenant_context(workspace.tenant):
        saved = ChannelStockReport.objects.get()
        assert (saved.source, saved.note, [line.row_no for line in saved.lines.all()]) == (
            "upload",
            "周报",
            [2, 3],
        )


def test_an_upload_is_refused_to_anyone_but_a_distributor_and_without_a_file(network: Network):
    workspace = network.selling.room.workspace
    today = tenant_today().isoformat()
    anonymous = client_for(workspace)
    assert post(anonymous, b"SHIRT-RED-M,1,1\n", reportDate=today).status_code in (401, 403)
    manager = client_for(workspace, network.manager)
    response = post(manager, b"SHIRT-RED-M,1,1\n", reportDate=today)
    assert response.status_code == 403 and response.json()["errors"][0]["code"] == "not_a_distributor"
    agent = client_for(workspace, network.agent)
    response = agent.post(UPLOAD, {"reportDate": today})
    assert response.status_code == 400 and response.json()["errors"][0]["code"] == "file_invalid"
    response = post(agent, b"SHIRT-RED-M,1,1\n", reportDate="2020-13-01")
    assert response.json()["errors"] == [
        {"field": "reportDate", "code": "date_invalid", "message": response.json()["errors"][0]["message"]}
    ]
    assert agent.get(UPLOAD).status_code == 405


# GraphQL

REPORT = """
mutation($input: ChannelStockReportInput!) {
  channelStockReport(input: $input) {
    report { id reportDate current source note reportedBy lines { sku { id code } onHand sold rowNo } }
    errors { field code message }
  }
}"""
MINE = "query { myChannelStockReports(limit: 5) { totalCount items { id current lines { onHand } } } }"
NETWORK = """
query($distributorId: ID, $skuId: ID, $subtree: Boolean!) {
  channelStock(distributorId: $distributorId, skuId: $skuId, subtree: $subtree, limit: 10) {
    totalCount windowFrom windowTo totalOnHand totalSold totalDaysOfCover
    items { distributorId distributorName levelName depth sku { code } onHand asOf sold averageDailySold daysOfCover }
  }
}"""


def first_code(answer: dict) -> str:
    return answer["errors"][0]["extensions"]["code"]


def test_reporting_and_reading_over_graphql(network: Network):
    workspace = network.selling.room.workspace
    agent = client_for(workspace, network.agent)
    today = tenant_today().isoformat()
    lines = [
        {"skuId": str(network.shirt.pk), "onHand": "30", "sold": "15"},
        {"skuCode": "PHONE-128", "onHand": "2"},
    ]
    variables = {
        "input": {"reportDate": today, "lines": lines, "note": "盘点", "idempotencyKey": "gql-stock-0001"}
    }
    answer = graphql(agent, REPORT, variables)["data"]["channelStockReport"]
    assert answer["errors"] == []
    saved = answer["report"]
    assert (saved["reportDate"], saved["current"], saved["source"], saved["note"]) == (
        today,
        True,
        "FORM",
        "盘点",
    )
    assert saved["reportedBy"] == network.agent.full_name
    assert [(x["sku"]["code"], x["onHand"], x["sold"], x["rowNo"]) for x in saved["lines"]] == [
        ("SHIRT-RED-M", "30.000", "15.000", 1),
        ("PHONE-128", "2.000", "0.000", 2),
    ]
    again = graphql(agent, REPORT, variables)["data"]["channelStockReport"]["report"]
    assert again["id"] == saved["id"]

    refused = graphql(
        agent,
        REPORT,
        {
            "input": {
                "reportDate": today,
                "lines": [
                    {"skuCode": "NOPE", "onHand": "1"},
                    {"skuId": str(network.shirt.pk), "onHand": "-1"},
                    {"skuCode": "SHIRT-RED-M", "onHand": "1"},
                ],
            }
        },
    )["data"]["channelStockReport"]
    assert refused["report"] is None
    assert {(e["field"], e["code"]) for e in refused["errors"]} == {
        ("lines.0.skuCode", "sku_not_found"),
        ("lines.1.onHand", "quantity_invalid"),
        ("lines.2.skuCode", "duplicate_sku"),
    }
    mine = graphql(agent, MINE)["data"]["myChannelStockReports"]
    assert mine["totalCount"] == 1 and mine["items"][0]["id"] == saved["id"]

    manager = client_for(workspace, network.manager)
    page = graphql(manager, NETWORK, {"subtree": False})["data"]["channelStock"]
    assert page["totalCount"] == 2 and page["windowTo"] == today
    shirt = next(row for row in page["items"] if row["sku"]["code"] == "SHIRT-RED-M")
    assert shirt == {
        "distributorId": str(network.hz.pk),
        "distributorName": "杭州鑫达",
        "levelName": "市代",
        "depth": 1,
        "sku": {"code": "SHIRT-RED-M"},
        "onHand": "30.000",
        "asOf": today,
        "sold": "15.000",
        "averageDailySold": "0.500",
        "daysOfCover": "60.0",
    }
    assert (page["totalOnHand"], page["totalSold"], page["totalDaysOfCover"]) == ("32.000", "15.000", "64.0")
    narrowed = graphql(
        manager,
        NETWORK,
        {"distributorId": str(network.top.pk), "skuId": str(network.phone.pk), "subtree": True},
    )["data"]["channelStock"]
    assert [row["sku"]["code"] for row in narrowed["items"]] == ["PHONE-128"]
    assert narrowed["items"][0]["daysOfCover"] is None
    missing = graphql(manager, NETWORK, {"distributorId": "99999999", "subtree": False})
    assert first_code(missing) == "not_found"


def test_who_may_report_and_read_over_graphql(network: Network):
    workspace = network.selling.room.workspace
    report(network.agent2, 0, (network.shirt, "5", "1"))
    agent = client_for(workspace, network.agent)
    assert graphql(agent, MINE)["data"]["myChannelStockReports"]["totalCount"] == 0
    assert first_code(graphql(agent, NETWORK, {"subtree": False})) == "forbidden"
    for role in ("sales", "warehouse"):
        staff = client_for(workspace, network.selling.user(role))
        assert first_code(graphql(staff, NETWORK, {"subtree": False})) == "forbidden"
        assert first_code(graphql(staff, MINE)) == "not_a_distributor"
        answer = graphql(
            staff,
            REPORT,
            {
                "input": {
                    "reportDate": tenant_today().isoformat(),
                    "lines": [{"skuCode": "SHIRT-RED-M", "onHand": "1"}],
                }
            },
        )["data"]["channelStockReport"]
        assert answer["errors"][0]["code"] == "not_a_distributor"
    reader = key_client(workspace, issue_key(workspace, "distribution:read").secret)
    status, answer = key_post(reader, "query { channelStock { totalCount } }")
    assert status == 200 and answer["data"]["channelStock"]["totalCount"] == 1
    status, answer = key_post(reader, MINE)
    assert answer["errors"][0]["extensions"]["code"] in ("forbidden", "not_a_distributor")
    anonymous = client_for(workspace)
    assert first_code(graphql(anonymous, MINE)) == "unauthenticated"


def test_another_workspace_reads_none_of_it_over_graphql(network: Network, beta):
    report(network.agent, 0, (network.shirt, "5", "1"))
    manager = client_for(beta, beta.users["manager"])
    assert graphql(manager, NETWORK, {"subtree": False})["data"]["channelStock"]["totalCount"] == 0
    hz = graphql(manager, NETWORK, {"distributorId": str(network.hz.pk), "subtree": True})
    assert first_code(hz) == "not_found"
    assert first_code(graphql(client_for(beta, beta.users["distributor"]), MINE)) == "not_a_distributor"
