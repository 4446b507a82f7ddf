"""Notifications of the order review: reviewers hear of a submitted order, the rep of the
decision; only from the event's fan-out job (never inside the change), never the person who
acted, and never a rep about a colleague's order."""

from __future__ import annotations

import pytest

from saas.accounts.models import Role, User
from saas.core import live
from saas.notifications.models import Notification
from saas.sales import services
from tests.fixtures.events import deliver_events


@pytest.fixture
def sent(monkeypatch):
    messages: list[tuple[str, dict]] = []
    monkeypatch.setattr(live, "_send", lambda group, message: messages.append((group, message)))
    return messages


def told(kind: str) -> set[str]:
    return {row.user.email.split("@")[0] for row in Notification.objects.filter(kind=kind)}


def test_reviewers_hear_of_a_submitted_order_and_the_rep_of_its_approval(selling, sent):
    order = selling.order([(selling.shirt, "1")])
    services.order_submit(actor=selling.rep, order=order)
    assert sent == [] and not Notification.objects.exists()  # nothing inside the change
    deliver_events()
    assert told("sales_order.submitted") == {"owner", "admin", "manager"}
    row = Notification.objects.filter(kind="sales_order.submitted").first()
    assert order.number in row.title and order.customer.name in row.title
    assert row.link == f"/orders/{order.pk}" and row.read_at is None
    live_message = sent[0][1]
    assert live_message["type"] == live.NOTIFICATION_CREATED
    assert live_message["notification"]["id"] in set(Notification.objects.values_list("pk", flat=True))

    services.order_approve(actor=selling.manager, order=order)
    deliver_events()
    assert told("sales_order.approved") == {"sales"}  # the manager who approved is not told
    approved = Notification.objects.get(kind="sales_order.approved")
    assert approved.title == f"订单 {order.number}（{order.customer.name}）已审核通过"


def test_the_rep_hears_why_an_order_was_rejected(selling, sent):
    order = selling.order([(selling.shirt, "1")], status="pending_review")
    services.order_reject(actor=selling.manager, order=order, note="价格不对")
    deliver_events()
    assert told("sales_order.rejected") == {"sales"}
    assert Notification.objects.get(kind="sales_order.rejected").body == "价格不对"


def test_a_rep_is_not_told_of_a_colleagues_order(selling, sent):
    # Given a second rep, who may review orders but sees only their own
    colleague = User.objects.create_user(email="rep2@alpha.test", password=None, full_name="rep2")
    colleague.roles.set(Role.objects.filter(code="sales"))
    sales = Role.objects.get(code="sales")
    sales.scopes = [*sales.scopes, "orders.review"]
    sales.save(update_fields=["scopes"])

    # When the first rep's order is submitted for review
    order = selling.order([(selling.shirt, "1")])
    services.order_submit(actor=selling.rep, order=order)
    deliver_events()

    # Then the reviewers who may see it are told, the colleague is not
    assert "rep2" not in told("sales_order.submitted")
    assert told("sales_order.submitted") >= {"owner", "manager"}
    assert not any(group.endswith(f".user.{colleague.pk}") for group, _message in sent)
