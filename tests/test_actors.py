"""Typed actors: people, API keys and jobs; visibility knows each kind and fails closed."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.contrib.auth.models import AnonymousUser

from saas.accounts import scopes
from saas.accounts.actors import (
    ActorKind,
    ApiClient,
    MissingActor,
    System,
    actor_kind,
    actor_label,
    owner_id,
    require_actor,
    user_of,
)
from saas.accounts.models import User
from saas.accounts.visibility import RowRule, visible_rows
from tests.fixtures.tenants import Workspace

RULE = RowRule(all_scope=scopes.USERS_MANAGE, owner_field="pk")


@dataclass
class FakeKey:
    """Stands in for the partner-API key model: anything with this shape is an ApiClient."""

    pk: int = 7
    is_active: bool = True
    display_name: str = "ERP 对接"
    scopes: frozenset[str] = field(default_factory=frozenset)

    def has_scope(self, scope: str) -> bool:
        return self.is_active and scope in self.scopes


def test_each_kind_is_recognised_and_labelled(in_alpha: Workspace) -> None:
    person = in_alpha.users["sales"]
    job = System(reason="reservation retry", scopes=frozenset({scopes.ORDERS_REVIEW}))
    key = FakeKey()
    assert isinstance(key, ApiClient)
    assert [actor_kind(a) for a in (person, key, job)] == [
        ActorKind.USER,
        ActorKind.API_CLIENT,
        ActorKind.SYSTEM,
    ]
    assert actor_label(person) == person.full_name and actor_label(job) == "system: reservation retry"
    assert actor_label(key) == "ERP 对接"
    assert user_of(person) == person and user_of(key) is None and user_of(job) is None
    assert owner_id(person) == person.pk and owner_id(job) is None


@pytest.mark.parametrize("actor", [None, AnonymousUser(), "admin", 42])
def test_anything_else_is_no_actor(actor: object) -> None:
    with pytest.raises(MissingActor):
        require_actor(actor)


def test_inactive_actors_cannot_act(in_alpha: Workspace) -> None:
    person = in_alpha.users["sales"]
    person.is_active = False
    for actor in (person, FakeKey(is_active=False), System(reason="x", is_active=False)):
        with pytest.raises(MissingActor):
            require_actor(actor)


def test_keys_and_jobs_see_all_rows_through_a_scope_and_own_none(in_alpha: Workspace) -> None:
    people = User.objects.all()
    person = in_alpha.users["sales"]
    # A person without the all-rows scope sees their own row.
    assert list(visible_rows(people, actor=person, rule=RULE)) == [person]
    # A key or a job owns no rows: without the scope they see nothing, with it everything.
    for blind in (FakeKey(), System(reason="x")):
        assert not visible_rows(people, actor=blind, rule=RULE).exists()
    for seeing in (
        FakeKey(scopes=frozenset({scopes.USERS_MANAGE})),
        System(reason="x", scopes=frozenset({scopes.USERS_MANAGE})),
    ):
        assert visible_rows(people, actor=seeing, rule=RULE).count() == people.count()
    with pytest.raises(MissingActor):
        visible_rows(people, actor=None, rule=RULE)
