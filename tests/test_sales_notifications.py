"""Live notifications of the order review: reviewers hear of a submitted order, the rep of the
decision; only after commit, and never the person who acted."""

from __future__ import annotations

import pytest

from saas.accounts.models import User
from saas.core import events
from saas.sales import services


@pytest.fixture
def sent(monkeypatch):
    messages: list[tuple[str, dict]] = []
    monkeypatch.setattr(events, "_send", lambda group, message: messages.append((group, message)))
    return messages


def _recipients(sent) -> dict[str, set[str]]:
    emails = dict(User.objects.values_list("pk", "email"))
    by_kind: dict[str, set[str]] = {}
    for group, message in sent:
        who = emails[int(group.rsplit(".", 1)[1])].split("@")[0]
        by_kind.setdefault(message["event"]["kind"], set()).add(who)
    return by_kind


def test_reviewers_hear_of_a_submitted_order_and_the_rep_of_its_approval(
    selling, sent, django_capture_on_commit_callbacks
):
    order = selling.order([(selling.shirt, "1")])
    with django_capture_on_commit_callbacks(execute=True):
        services.order_submit(actor=selling.rep, order=order)
        assert sent == []  # nothing leaves before the commit
    assert _recipients(sent) == {"order.submitted": {"owner", "admin", "manager"}}
    event = sent[0][1]["event"]
    assert event["payload"]["number"] == order.number and event["payload"]["customer"]

    sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.order_approve(actor=selling.manager, order=order)
    assert _recipients(sent) == {"order.approved": {"sales"}}
    assert sent[0][1]["event"]["payload"]["status"] == "pending_shipment"


def test_the_rep_hears_why_an_order_was_rejected(selling, sent, django_capture_on_commit_callbacks):
    order = selling.order([(selling.shirt, "1")], status="pending_review")
    sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.order_reject(actor=selling.manager, order=order, note="价格不对")
    assert _recipients(sent) == {"order.rejected": {"sales"}}
    assert sent[0][1]["event"]["payload"]["note"] == "价格不对"
