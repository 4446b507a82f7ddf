"""Profit sharing and rebates over GraphQL: the rules with the lawful depth check and its codes,
a settlement created, read with its statements and lines paged, and posted once, the what-if,
rebate rules and runs through review and posting; who sees what (a distributor its own posted
statements and rebates, margin bases withheld; staff without the scopes nothing; keys never the
portal) and another workspace's ids finding nothing. The clock stands in November and December
2026 (Asia/Shanghai)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from saas.distribution.models import CommissionEntry, CommissionSettlement
from saas.distribution.services.network import member_add
from tests.fixtures.distribution import Network, beijing, bought, clock_at, distributor_person
from tests.fixtures.partners import issue_key, key_client, key_post
from tests.fixtures.tenants import client_for, graphql

RULES_SAVE = """
mutation($input: CommissionRulesInput!) {
  commissionRulesSave(input: $input) {
    ruleSet { version maxDepth lawfulMaxDepth rules { depth basis ratePercent levelId categoryId } }
    errors { field code message }
  }
}"""
SETTLE = """
mutation($month: Date!) {
  commissionSettlementCreate(month: $month) {
    settlement { id number month status statementCount lineCount total }
    errors { field code message }
  }
}"""
POST = """
mutation($id: ID!) {
  commissionSettlementPost(id: $id) { settlement { status postedAt } errors { field code } }
}"""
SETTLEMENT = """
query($id: ID!, $limit: Int!, $offset: Int!) {
  commissionSettlement(id: $id) {
    number month status total
    statements(limit: 10) {
      totalCount
      items {
        distributorId distributorName total lineCount
        lines(limit: $limit, offset: $offset) {
          totalCount
          items { kind orderNumber lineNo skuCode buyerName depth quantity baseAmount basis ruleVersion ratePercent commission }
        }
      }
    }
  }
}"""
WHAT_IF = """
query($input: CommissionRulesInput!) {
  commissionWhatIf(input: $input, limit: 5) {
    month oldTotal newTotal totalCount rows { distributorId oldTotal newTotal change }
  }
}"""
MY_STATEMENTS = """
query {
  myCommissionStatements {
    totalCount
    items { distributorId month total lines { totalCount items { kind basis baseAmount commission } } }
  }
}"""
MY_REBATES = "query { myRebates { totalCount items { kind distributorId ruleName amount rank tied } } }"


def first_code(answer: dict) -> str:
    return answer["errors"][0]["extensions"]["code"]


def rules(*specs: tuple[int, str, str], max_depth: int | None = None) -> dict:
    return {
        "input": {
            "rules": [{"depth": d, "basis": b, "ratePercent": r} for d, b, r in specs],
            "maxDepth": max_depth,
        }
    }


@pytest.fixture
def settled(network: Network, monkeypatch: pytest.MonkeyPatch) -> tuple[Network, str]:
    """Rules saved over GraphQL; November's orders (shop 10 shirts, nb 3); November settled."""
    manager = client_for(network.selling.room.workspace, network.manager)
    clock_at(monkeypatch, beijing(2026, 11, 10))
    saved = graphql(manager, RULES_SAVE, rules((1, "REVENUE", "10"), (2, "MARGIN", "5")))["data"]
    assert saved["commissionRulesSave"]["errors"] == []
    bought(network, network.shop, [(network.shirt, "10")])
    bought(network, network.nb, [(network.shirt, "3")])
    clock_at(monkeypatch, beijing(2026, 12, 2))
    created = graphql(manager, SETTLE, {"month": "2026-11-01"})["data"]["commissionSettlementCreate"]
    assert created["errors"] == [] and created["settlement"]["status"] == "DRAFT"
    return network, created["settlement"]["id"]


def test_rules_past_the_grandparent_are_refused_with_their_codes(network: Network):
    manager = client_for(network.selling.room.workspace, network.manager)
    answer = graphql(manager, RULES_SAVE, rules((1, "REVENUE", "10"), (3, "REVENUE", "1")))
    errors = answer["data"]["commissionRulesSave"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("rules.1.depth", "commission_depth_unlawful")]
    assert "团队计酬" in errors[0]["message"] and "禁止传销条例" in errors[0]["message"]
    answer = graphql(manager, RULES_SAVE, rules((1, "REVENUE", "10"), max_depth=5))
    assert answer["data"]["commissionRulesSave"]["errors"][0]["field"] == "maxDepth"
    answer = graphql(manager, RULES_SAVE, rules((1, "REVENUE", "10"), (2, "MARGIN", "2.5"), max_depth=2))
    saved = answer["data"]["commissionRulesSave"]["ruleSet"]
    assert (saved["version"], saved["maxDepth"], saved["lawfulMaxDepth"]) == (1, 2, 2)
    assert [(r["depth"], r["basis"], Decimal(r["ratePercent"])) for r in saved["rules"]] == [
        (1, "REVENUE", Decimal("10")),
        (2, "MARGIN", Decimal("2.5")),
    ]
    read = graphql(manager, "query { commissionRules { version rules { depth } } }")["data"][
        "commissionRules"
    ]
    assert read == {"version": 1, "rules": [{"depth": 1}, {"depth": 2}]}
    # The what-if checks the same rules the same way, before any month is settled too.
    assert first_code(graphql(manager, WHAT_IF, rules((3, "REVENUE", "1")))) == "commission_depth_unlawful"
    assert first_code(graphql(manager, WHAT_IF, rules((1, "REVENUE", "1")))) == "no_settled_period"


def test_a_settlement_is_read_with_its_statements_and_lines_and_posted_once(settled):
    network, settlement_id = settled
    manager = client_for(network.selling.room.workspace, network.manager)
    answer = graphql(manager, SETTLEMENT, {"id": settlement_id, "limit": 1, "offset": 0})
    settlement = answer["data"]["commissionSettlement"]
    assert (settlement["month"], settlement["status"], Decimal(settlement["total"])) == (
        "2026-11-01",
        "DRAFT",
        Decimal("59.00") + Decimal("19.50") + Decimal("17.70"),
    )
    statements = {row["distributorName"]: row for row in settlement["statements"]["items"]}
    assert set(statements) == {"杭州鑫达", "浙江总代"}
    top = statements["浙江总代"]
    assert (top["lineCount"], top["lines"]["totalCount"], len(top["lines"]["items"])) == (2, 2, 1)
    first = top["lines"]["items"][0]
    assert (first["kind"], first["skuCode"], first["buyerName"], first["depth"], first["basis"]) == (
        "ACCRUAL",
        network.shirt.code,
        "西湖小店",
        2,
        "MARGIN",
    )
    assert Decimal(first["baseAmount"]) == Decimal("390.00") and Decimal(first["commission"]) == Decimal(
        "19.50"
    )
    second = graphql(manager, SETTLEMENT, {"id": settlement_id, "limit": 1, "offset": 1})
    lines = {
        r["distributorName"]: r["lines"]["items"]
        for r in second["data"]["commissionSettlement"]["statements"]["items"]
    }
    assert lines["浙江总代"][0]["buyerName"] == "宁波甬江" and lines["杭州鑫达"] == []
    # The manager reviews; posting money to the wallets is finance's
    refused = graphql(manager, POST, {"id": settlement_id})["data"]["commissionSettlementPost"]
    assert [e["code"] for e in refused["errors"]] == ["finance_required"] and refused["settlement"] is None
    finance = client_for(network.selling.room.workspace, network.finance)
    posted = graphql(finance, POST, {"id": settlement_id})["data"]["commissionSettlementPost"]
    assert posted["errors"] == [] and posted["settlement"]["status"] == "POSTED"
    again = graphql(finance, POST, {"id": settlement_id})["data"]["commissionSettlementPost"]
    assert again["errors"] == [{"field": "id", "code": "settlement_already_posted"}]
    listed = graphql(manager, "query { commissionSettlements { totalCount items { number status } } }")
    assert listed["data"]["commissionSettlements"]["items"][0]["status"] == "POSTED"
    twice = graphql(manager, SETTLE, {"month": "2026-11-01"})["data"]["commissionSettlementCreate"]
    assert [(e["field"], e["code"]) for e in twice["errors"]] == [("month", "period_already_settled")]
    future = graphql(manager, SETTLE, {"month": "2026-12-01"})["data"]["commissionSettlementCreate"]
    assert [e["code"] for e in future["errors"]] == ["period_not_closed"]


def test_the_what_if_compares_per_distributor_and_writes_nothing(settled):
    network, _settlement_id = settled
    manager = client_for(network.selling.room.workspace, network.manager)
    entries = CommissionEntry.objects.count()
    answer = graphql(manager, WHAT_IF, rules((1, "REVENUE", "20")))["data"]["commissionWhatIf"]
    assert answer["month"] == "2026-11-01" and answer["totalCount"] == 2
    rows = {row["distributorId"]: row for row in answer["rows"]}
    assert (Decimal(rows[str(network.hz.pk)]["oldTotal"]), Decimal(rows[str(network.hz.pk)]["newTotal"])) == (
        Decimal("59.00"),
        Decimal("118.00"),
    )
    # top: settled 19.50 (shop's margin) + 17.70 (nb's shirts); the new rules pay 20 % of nb's only.
    assert Decimal(rows[str(network.top.pk)]["change"]) == Decimal("35.40") - Decimal("37.20")
    assert CommissionEntry.objects.count() == entries and CommissionSettlement.objects.count() == 1


def test_a_distributor_sees_its_own_posted_statements_without_margin_bases(settled):
    network, settlement_id = settled
    workspace = network.selling.room.workspace
    agent = client_for(workspace, network.agent)
    assert graphql(agent, MY_STATEMENTS)["data"]["myCommissionStatements"]["totalCount"] == 0  # a draft
    graphql(client_for(workspace, network.finance), POST, {"id": settlement_id})
    mine = graphql(agent, MY_STATEMENTS)["data"]["myCommissionStatements"]
    assert [row["distributorId"] for row in mine["items"]] == [str(network.hz.pk)]
    assert mine["items"][0]["lines"]["items"][0]["baseAmount"] == "590.00"  # revenue: shown
    # top's person sees its margin line without the base: the cost stays the workspace's.
    top_person = distributor_person("top@alpha.test", "总代")
    member_add(actor=network.manager, distributor_id=network.top.pk, user_id=top_person.pk)
    answer = graphql(client_for(workspace, top_person), MY_STATEMENTS)
    lines = answer["data"]["myCommissionStatements"]["items"][0]["lines"]["items"]
    assert [(line["basis"], line["baseAmount"], line["commission"]) for line in lines] == [
        ("MARGIN", None, "19.50"),
        ("REVENUE", "177.00", "17.70"),
    ]
    assert answer["extensions"]["withheld"] == [
        {"field": "CommissionLine.baseAmount", "rule": "commission_margin"}
    ]
    assert graphql(client_for(workspace, network.agent2), MY_STATEMENTS)["data"][
        "myCommissionStatements"
    ] == {
        "totalCount": 0,
        "items": [],
    }
    # The distributor may not read the workspace's settlements, nor staff without the scopes.
    for person in (network.agent, network.selling.rep, network.selling.keeper):
        client = client_for(workspace, person)
        assert first_code(graphql(client, "query { commissionSettlements { totalCount } }")) == "forbidden"
        assert (
            first_code(graphql(client, SETTLEMENT, {"id": settlement_id, "limit": 5, "offset": 0}))
            == "forbidden"
        )
    assert (
        first_code(graphql(client_for(workspace, network.selling.rep), MY_STATEMENTS)) == "not_a_distributor"
    )


def test_margin_bases_are_withheld_from_callers_without_cost_view(settled):
    network, settlement_id = settled
    workspace = network.selling.room.workspace
    reader = key_client(workspace, issue_key(workspace, "distribution:read").secret)
    status, answer = key_post(reader, SETTLEMENT, {"id": settlement_id, "limit": 5, "offset": 0})
    assert status == 200
    lines = [
        line
        for statement in answer["data"]["commissionSettlement"]["statements"]["items"]
        for line in statement["lines"]["items"]
    ]
    assert {(line["basis"], line["baseAmount"] is None) for line in lines} == {
        ("REVENUE", False),
        ("MARGIN", True),
    }
    assert answer["extensions"]["withheld"] == [
        {"field": "CommissionLine.baseAmount", "rule": "commission_margin"}
    ]
    status, answer = key_post(reader, MY_STATEMENTS)
    assert answer["errors"][0]["extensions"]["code"] == "forbidden"  # people only


RULE_SAVE = """
mutation($input: VolumeRebateRuleInput!) {
  volumeRebateRuleSave(input: $input) { rule { id name measure tiers { threshold ratePercent } } errors { field code } }
}"""
RUN = """
mutation($kind: RebatePeriodKind!, $start: Date!) {
  rebateRunCompute(periodKind: $kind, periodStart: $start) {
    run { id number status lineCount total lines { totalCount items { distributorName amount tierThreshold } } }
    errors { field code }
  }
}"""


def test_rebate_runs_are_computed_reviewed_and_posted_and_seen_by_their_distributor(
    network: Network, monkeypatch: pytest.MonkeyPatch
):
    workspace = network.selling.room.workspace
    manager = client_for(workspace, network.manager)
    rule = {
        "name": "月度返利",
        "periodKind": "MONTH",
        "measure": "QUANTITY",
        "tiers": [{"threshold": "5", "ratePercent": "3"}],
    }
    saved = graphql(manager, RULE_SAVE, {"input": rule})["data"]["volumeRebateRuleSave"]
    assert saved["errors"] == [] and saved["rule"]["tiers"] == [{"threshold": "5.000", "ratePercent": "3.00"}]
    bad = graphql(manager, RULE_SAVE, {"input": {**rule, "tiers": []}})["data"]["volumeRebateRuleSave"]
    assert bad["errors"] == [{"field": "tiers", "code": "tiers_invalid"}]
    clock_at(monkeypatch, beijing(2026, 12, 10))
    bought(network, network.hz, [(network.shirt, "10")])
    bought(network, network.nb, [(network.shirt, "4")])
    early = graphql(manager, RUN, {"kind": "MONTH", "start": "2026-12-01"})["data"]["rebateRunCompute"]
    assert early["errors"] == [{"field": "periodStart", "code": "period_not_closed"}]
    clock_at(monkeypatch, beijing(2027, 1, 1, 9))
    manager = client_for(workspace, network.manager)  # signed in again: the session of December ended
    computed = graphql(manager, RUN, {"kind": "MONTH", "start": "2026-12-01"})["data"]["rebateRunCompute"]
    assert computed["errors"] == []
    run = computed["run"]
    assert (run["status"], run["lineCount"], Decimal(run["total"])) == ("DRAFT", 1, Decimal("17.70"))
    assert run["lines"]["items"] == [
        {"distributorName": "杭州鑫达", "amount": "17.70", "tierThreshold": "5.000"}
    ]
    finance = client_for(workspace, network.finance)
    refused = graphql(
        finance, "mutation($id: ID!) { rebateRunPost(id: $id) { errors { code } } }", {"id": run["id"]}
    )
    assert refused["data"]["rebateRunPost"]["errors"] == [{"code": "run_not_approved"}]
    graphql(
        manager,
        'mutation($id: ID!) { rebateRunApprove(id: $id, note: "ok") { errors { code } } }',
        {"id": run["id"]},
    )
    post_run = "mutation($id: ID!) { rebateRunPost(id: $id) { run { status } errors { code } } }"
    refused = graphql(manager, post_run, {"id": run["id"]})["data"]["rebateRunPost"]
    assert refused == {"run": None, "errors": [{"code": "finance_required"}]}
    posted = graphql(finance, post_run, {"id": run["id"]})
    assert posted["data"]["rebateRunPost"] == {"run": {"status": "POSTED"}, "errors": []}
    mine = graphql(client_for(workspace, network.agent), MY_REBATES)["data"]["myRebates"]
    assert mine == {
        "totalCount": 1,
        "items": [
            {
                "kind": "VOLUME",
                "distributorId": str(network.hz.pk),
                "ruleName": "月度返利",
                "amount": "17.70",
                "rank": None,
                "tied": None,
            }
        ],
    }
    assert graphql(client_for(workspace, network.agent2), MY_REBATES)["data"]["myRebates"]["totalCount"] == 0
    for person in (network.agent, network.selling.rep):
        assert (
            first_code(graphql(client_for(workspace, person), "query { rebateRuns { totalCount } }"))
            == "forbidden"
        )


def test_another_workspace_finds_none_of_these_ids(settled, beta):
    network, settlement_id = settled
    manager = client_for(beta, beta.users["manager"])
    assert (
        first_code(graphql(manager, SETTLEMENT, {"id": settlement_id, "limit": 5, "offset": 0}))
        == "not_found"
    )
    assert (
        graphql(manager, "query { commissionSettlements { totalCount } }")["data"]["commissionSettlements"][
            "totalCount"
        ]
        == 0
    )
    finance = client_for(beta, beta.users["finance"])
    assert graphql(finance, POST, {"id": settlement_id})["data"]["commissionSettlementPost"]["errors"] == [
        {"field": "id", "code": "not_found"}
    ]
    assert graphql(manager, "query { commissionRules { version } }")["data"]["commissionRules"] is None
    agent = client_for(beta, beta.users["distributor"])
    assert first_code(graphql(agent, MY_STATEMENTS)) == "not_a_distributor"


def test_a_partner_key_posts_money_only_with_the_finance_scope(settled):
    network, settlement_id = settled
    workspace = network.selling.room.workspace
    # A key that may change the network reviews and settles, but posting to wallets is finance's
    writer = key_client(workspace, issue_key(workspace, "distribution:write").secret)
    status, answer = key_post(writer, POST, {"id": settlement_id})
    assert status == 200
    assert [e["code"] for e in answer["data"]["commissionSettlementPost"]["errors"]] == ["finance_required"]
    assert CommissionSettlement.objects.get(pk=settlement_id).status == "draft"
    # A key with finance:write alone does not reach the distribution area at all
    status, answer = key_post(
        key_client(workspace, issue_key(workspace, "finance:write").secret), POST, {"id": settlement_id}
    )
    assert answer["errors"][0]["extensions"]["code"] == "forbidden"
    # With both, it posts
    both = key_client(workspace, issue_key(workspace, "distribution:write", "finance:write").secret)
    status, answer = key_post(both, POST, {"id": settlement_id})
    assert answer["data"]["commissionSettlementPost"]["settlement"]["status"] == "POSTED"
