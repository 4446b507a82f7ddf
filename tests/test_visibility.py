"""Row visibility fails closed: no actor, no rows; scopes decide all, own or nothing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser

from saas.accounts import scopes, selectors
from saas.accounts.models import User
from saas.accounts.visibility import MissingActor, RowRule, visible_rows


def test_selector_without_actor_raises(in_alpha):
    with pytest.raises(MissingActor):
        selectors.user_list(actor=None)
    with pytest.raises(MissingActor):
        selectors.user_list(actor=AnonymousUser())  # type: ignore[arg-type]


def test_inactive_actor_sees_nothing(in_alpha):
    sales = in_alpha.users["sales"]
    sales.is_active = False
    with pytest.raises(MissingActor):
        selectors.user_list(actor=sales)


def test_rule_gives_all_own_or_nothing(in_alpha):
    rule = RowRule(all_scope=scopes.ORDERS_VIEW_ALL, owner_field="pk", own_scope=scopes.ORDERS_VIEW_OWN)
    everyone = User.objects.all()
    assert visible_rows(everyone, actor=in_alpha.users["manager"], rule=rule).count() == 7
    assert list(visible_rows(everyone, actor=in_alpha.users["sales"], rule=rule)) == [in_alpha.users["sales"]]
    # The distributor holds neither scope: nothing, rather than everything.
    assert visible_rows(everyone, actor=in_alpha.users["distributor"], rule=rule).count() == 0


def test_rule_without_owner_field_is_all_or_nothing(in_alpha):
    rule = RowRule(all_scope=scopes.COST_VIEW)
    assert visible_rows(User.objects.all(), actor=in_alpha.users["warehouse"], rule=rule).count() == 7
    assert visible_rows(User.objects.all(), actor=in_alpha.users["sales"], rule=rule).count() == 0
