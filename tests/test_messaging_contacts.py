"""Whom the chat screen offers to talk with (chatContacts): the rule conversationStart enforces,
so every contact can be started with and nobody else is listed. A distributor's person sees the
staff and its own distributor's people, never another distributor's; staff see everyone active,
distributors' people named with their distributor; inactive people and other workspaces never."""

from __future__ import annotations

import pytest
from django_tenants.utils import tenant_context

from saas.core.errors import InvalidInput
from saas.messaging.selectors import chat_contacts
from tests.fixtures.distribution import Network
from tests.fixtures.messaging import person, start
from tests.fixtures.tenants import Workspace, client_for, graphql

CONTACTS = """query($search: String!) {
  chatContacts(search: $search, limit: 100) { totalCount items { userId name distributorName } } }"""


def _ids(actor: object, search: str = "") -> set[int]:
    return {one.user_id for one in chat_contacts(actor=actor, search=search, limit=100).items}


def test_a_distributors_person_is_offered_staff_and_its_own_people_only(network: Network) -> None:
    agent, agent2, manager, rep = network.agent, network.agent2, network.manager, network.selling.rep
    seen = _ids(agent)
    assert {manager.pk, rep.pk} <= seen
    assert agent2.pk not in seen and agent.pk not in seen
    for pk in seen:  # every contact can really be talked with
        other = type(agent).objects.get(pk=pk)
        start(agent, other)
    with pytest.raises(InvalidInput):
        start(agent, agent2)


def test_staff_see_everyone_active_with_their_distributor(network: Network) -> None:
    manager, agent, agent2 = network.manager, network.agent, network.agent2
    page = chat_contacts(actor=manager, limit=100)
    named = {one.user_id: one.distributor_name for one in page.items}
    assert named[agent.pk] == network.hz.customer.name and named[agent2.pk] == network.nb.customer.name
    assert named[network.selling.rep.pk] == ""
    assert manager.pk not in named and page.total_count == len(page.items)
    leaver = person("sales", "离职的人")
    assert leaver.pk in _ids(manager)
    leaver.is_active = False
    leaver.save(update_fields=["is_active"])
    assert leaver.pk not in _ids(manager)
    assert _ids(manager, search="离职") == set()
    assert _ids(manager, search=agent.full_name[:2]) >= {agent.pk}


def test_contacts_over_graphql_stay_in_their_workspace(in_alpha: Workspace, beta: Workspace) -> None:
    with tenant_context(in_alpha.tenant):
        only_alpha = person("sales", "仅阿尔法同事")
    body = graphql(client_for(in_alpha, in_alpha.users["sales"]), CONTACTS, {"search": "仅阿尔法"})
    assert body["data"]["chatContacts"]["items"] == [
        {"userId": str(only_alpha.pk), "name": "仅阿尔法同事", "distributorName": ""}
    ]
    theirs = graphql(client_for(beta, beta.users["sales"]), CONTACTS, {"search": "仅阿尔法"})
    assert theirs["data"]["chatContacts"] == {"totalCount": 0, "items": []}
    refused = graphql(
        client_for(in_alpha, in_alpha.users["sales"]), CONTACTS.replace("100", "1000"), {"search": ""}
    )
    assert refused["errors"][0]["extensions"]["code"] == "page_invalid"
