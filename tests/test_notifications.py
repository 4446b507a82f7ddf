"""The notification centre: rows only for people who may see the object, per-person preferences
(in the app, by e-mail), the unread count, mark read / all read over GraphQL with typed errors,
and no notification or message ever crossing to another workspace."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import TestCase
from django_tenants.utils import tenant_context

from saas.accounts.actors import actor_stamp
from saas.core import live
from saas.core.domain_events import emit, graphql_id
from saas.notifications import consumers, services
from saas.notifications.models import Notification, NotificationPreference
from saas.sales import services as sales
from saas.sales.events import SalesOrderApproved, order_facts
from tests.fixtures.events import deliver_events
from tests.fixtures.tenants import client_for, graphql

NOTIFICATIONS = """query($unread: Boolean!) {
  notifications(unreadOnly: $unread, limit: 10, offset: 0) { totalCount unreadCount items { id kind title link read } }
  notificationUnreadCount
}"""
MARK_READ = """mutation($ids: [ID!]!) {
  notificationsMarkRead(ids: $ids) { unreadCount notifications { id read } errors { field code } }
}"""
MARK_ALL = "mutation { notificationsMarkAllRead { unreadCount errors { code } } }"
PREFERENCES = "query { notificationPreferences { kind label inApp email } }"
PREFERENCE_SET = """mutation($input: NotificationPreferenceInput!) {
  notificationPreferenceSet(input: $input) { preference { kind inApp email } errors { field code } }
}"""


@pytest.fixture
def sent(monkeypatch):
    messages: list[tuple[str, dict]] = []
    monkeypatch.setattr(live, "_send", lambda group, message: messages.append((group, message)))
    return messages


def approved_for_rep(selling) -> None:
    order = selling.order([(selling.shirt, "1")], status="pending_review")
    sales.order_approve(actor=selling.manager, order=order)
    deliver_events()


def test_the_rep_reads_their_notifications_and_marks_them_read_over_graphql(selling, sent):
    approved_for_rep(selling)
    rep = client_for(selling.room.workspace, selling.rep)

    answer = graphql(rep, NOTIFICATIONS, {"unread": True})["data"]
    [item] = answer["notifications"]["items"]
    assert item["kind"] == "sales_order.approved" and item["read"] is False
    assert item["link"].startswith("/orders/")
    assert answer["notificationUnreadCount"] == 1 == answer["notifications"]["unreadCount"]

    with TestCase.captureOnCommitCallbacks(execute=True):
        marked = graphql(rep, MARK_READ, {"ids": [item["id"]]})["data"]["notificationsMarkRead"]
    assert marked == {"unreadCount": 0, "notifications": [{"id": item["id"], "read": True}], "errors": []}
    assert any(message["type"] == live.NOTIFICATIONS_READ for _group, message in sent)
    assert graphql(rep, NOTIFICATIONS, {"unread": True})["data"]["notifications"]["totalCount"] == 0


def test_marking_someone_elses_or_a_malformed_notification_is_not_found(selling):
    approved_for_rep(selling)
    theirs = Notification.objects.get(kind="sales_order.approved")
    manager = client_for(selling.room.workspace, selling.manager)
    answer = graphql(manager, MARK_READ, {"ids": [str(theirs.pk)]})["data"]["notificationsMarkRead"]
    assert answer["errors"] == [{"field": "ids.0", "code": "not_found"}]
    answer = graphql(manager, MARK_READ, {"ids": []})["data"]["notificationsMarkRead"]
    assert answer["errors"] == [{"field": "ids", "code": "ids_required"}]
    malformed = graphql(manager, MARK_READ, {"ids": ["abc"]})
    assert malformed["errors"][0]["extensions"]["code"] == "id_invalid"
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_clears_only_the_callers_own(selling):
    order = selling.order([(selling.shirt, "1")])
    sales.order_submit(actor=selling.rep, order=order)
    deliver_events()
    owner = client_for(selling.room.workspace, selling.room.workspace.users["owner"])
    assert graphql(owner, MARK_ALL)["data"]["notificationsMarkAllRead"] == {"unreadCount": 0, "errors": []}
    assert (
        Notification.objects.filter(read_at__isnull=True).exclude(user__email__startswith="owner@").exists()
    )


def test_preferences_choose_in_app_and_e_mail_per_kind(selling):
    rep = client_for(selling.room.workspace, selling.rep)
    kinds = {p["kind"]: p for p in graphql(rep, PREFERENCES)["data"]["notificationPreferences"]}
    assert kinds["sales_order.approved"] == {
        "kind": "sales_order.approved",
        "label": "我的订单审核通过",
        "inApp": True,
        "email": False,
    }
    unknown = graphql(rep, PREFERENCE_SET, {"input": {"kind": "nope", "inApp": True, "email": True}})
    assert unknown["data"]["notificationPreferenceSet"]["errors"] == [
        {"field": "kind", "code": "kind_unknown"}
    ]
    chosen = graphql(
        rep, PREFERENCE_SET, {"input": {"kind": "sales_order.approved", "inApp": False, "email": True}}
    )["data"]["notificationPreferenceSet"]
    assert chosen == {
        "preference": {"kind": "sales_order.approved", "inApp": False, "email": True},
        "errors": [],
    }

    approved_for_rep(selling)

    assert not Notification.objects.filter(kind="sales_order.approved").exists()  # not in the app
    [message] = mail.outbox  # but by e-mail, once, in the rep's language, with the link
    assert message.to == [selling.rep.email] and "已审核通过" in message.subject
    assert "/app/orders/" in message.body


def test_notifications_are_made_only_for_people_who_may_see_the_object(selling):
    # Given an event whose rule names, as the order's rep, a colleague who cannot see the order
    order = selling.order([(selling.shirt, "1")], status="approved")
    colleague = selling.room.workspace.users["distributor"]
    facts = {**order_facts(order), "rep_id": graphql_id(colleague.pk)}
    record = emit(SalesOrderApproved(**facts, note="", automatic=False), by=actor_stamp(selling.manager))

    # When it is delivered, the colleague gets nothing: visibility comes from the selectors
    with TestCase.captureOnCommitCallbacks(execute=True):
        consumers.inbox(record)
    assert not Notification.objects.filter(user=colleague).exists()


def test_one_workspaces_events_never_reach_another(selling, beta, sent):
    approved_for_rep(selling)
    alpha_schema = selling.room.workspace.tenant.schema_name
    assert sent and all(group.startswith(f"t.{alpha_schema}.") for group, _message in sent)
    with tenant_context(beta.tenant):
        assert not Notification.objects.exists()
        # The same user id in beta sees none of alpha's rows over GraphQL either.
        beta_sales = client_for(beta, beta.users["sales"])
        assert (
            graphql(beta_sales, NOTIFICATIONS, {"unread": False})["data"]["notifications"]["totalCount"] == 0
        )


def test_a_retried_fan_out_writes_no_second_row_and_sends_no_second_mail(selling):
    NotificationPreference.objects.create(
        user=selling.rep, kind="sales_order.approved", in_app=True, email=True
    )
    order = selling.order([(selling.shirt, "1")], status="pending_review")
    sales.order_approve(actor=selling.manager, order=order)
    deliver_events()
    from saas.core.event_delivery import deliver
    from saas.core.models import LoggedEvent

    record = LoggedEvent.objects.get(name="sales_order.approved")
    assert deliver(record.pk) == []  # every consumer already acted
    assert Notification.objects.filter(event_id=record.pk).count() == 1 and len(mail.outbox) == 1


def test_a_job_or_key_has_no_inbox(selling):
    from saas.accounts.actors import MissingActor
    from saas.core.errors import Forbidden
    from saas.sales.stock_hooks import RESERVATION_RETRY

    with pytest.raises(Forbidden):
        services.notifications_mark_all_read(actor=RESERVATION_RETRY)
    with pytest.raises(MissingActor):
        services.notifications_mark_all_read(actor=None)  # type: ignore[arg-type]


def test_every_kind_a_person_can_choose_for_has_a_name():
    from saas.notifications.rules import RULES
    from saas.notifications.selectors import KIND_LABELS

    assert sorted(set(RULES) - set(KIND_LABELS)) == []
