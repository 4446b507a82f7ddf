"""Who sees which conversation: order threads through the order's visibility, a distributor's
people fenced to their own distributor (its conversations, its portal orders' threads), order
cards unavailable to whoever may not see the order, workspaces apart, people only."""

from __future__ import annotations

import pytest

from saas.accounts.actors import System
from saas.core.errors import DomainError, Forbidden, InvalidInput, NotFound
from saas.distribution.models import DistributorMember
from saas.messaging import selectors
from saas.messaging.models import Conversation, ConversationKind, Participant
from saas.messaging.services import conversation_participants_add, conversation_start
from tests.fixtures.distribution import Network, place
from tests.fixtures.messaging import person, send, start
from tests.fixtures.sales import Selling
from tests.fixtures.tenants import Workspace


def _code(exc: pytest.ExceptionInfo[DomainError]) -> tuple[str, str | None]:
    return exc.value.code, exc.value.field


def _conversation_ids(user: object) -> set[int]:
    return {view.pk for view in selectors.conversation_page(actor=user, limit=100).items}


def test_an_orders_thread_is_one_and_is_seen_by_whoever_sees_the_order(selling: Selling) -> None:
    order = selling.order([(selling.shirt, "2")], status="pending_review")
    rep, manager = selling.rep, selling.manager
    thread = start(rep, order=order)
    assert (thread.kind, thread.subject_type, thread.subject_id) == (
        ConversationKind.THREAD,
        "sales_order",
        order.pk,
    )
    assert start(manager, order=order).pk == thread.pk  # the existing thread, the manager now following
    assert set(Participant.objects.filter(conversation=thread).values_list("user_id", flat=True)) == {
        rep.pk,
        manager.pk,
    }
    send(rep, thread, "客户要求加急")
    view = selectors.conversation_get(actor=manager, conversation_id=thread.pk)
    assert view.order is not None and view.order.number == order.number
    # A warehouse person sees orders only once they wait for shipping: not this one yet.
    keeper = selling.keeper
    with pytest.raises(NotFound) as keeper_refused:
        selectors.conversation_messages(actor=keeper, conversation_id=thread.pk)
    assert keeper_refused.value.code == "not_found"
    colleague = person("sales", "另一个业务员")
    with pytest.raises(NotFound) as not_theirs:
        start(colleague, order=order)
    assert _code(not_theirs) == ("not_found", "order_id")
    with pytest.raises(NotFound):
        selectors.conversation_get(actor=colleague, conversation_id=thread.pk)
    with pytest.raises(InvalidInput) as brought_in:
        conversation_participants_add(actor=rep, conversation_id=thread.pk, user_ids=[str(colleague.pk)])
    assert _code(brought_in) == ("participant_not_found", "user_ids.0")
    assert thread.pk not in _conversation_ids(colleague)


def test_a_thread_started_by_someone_else_is_seen_but_not_followed_until_opened(selling: Selling) -> None:
    order = selling.order([(selling.shirt, "1")], status="pending_review")
    thread = start(selling.rep, order=order)
    finance = selling.user("finance")  # sees every order (orders.view_all? finance sees money): by rule
    owner = selling.user("owner")
    view = selectors.conversation_get(actor=owner, conversation_id=thread.pk)
    assert (view.following, view.unread_count) == (False, 0)
    assert thread.pk not in _conversation_ids(owner)
    assert finance.pk not in set(
        Participant.objects.filter(conversation=thread).values_list("user_id", flat=True)
    )


def test_a_distributors_person_sees_its_own_orders_thread_and_never_anothers(network: Network) -> None:
    network.fund(network.hz, "1000")
    network.fund(network.nb, "1000")
    mine = place(network.agent, [(network.shirt, "2")])
    theirs = place(network.agent2, [(network.shirt, "1")])
    thread = start(network.agent, order=mine)
    followers = set(Participant.objects.filter(conversation=thread).values_list("user_id", flat=True))
    assert network.agent.pk in followers and mine.rep_id in followers
    send(network.agent, thread, "这单什么时候发？")
    with pytest.raises(NotFound) as refused:
        start(network.agent2, order=mine)
    assert _code(refused) == ("not_found", "order_id")
    with pytest.raises(NotFound):
        selectors.conversation_messages(actor=network.agent2, conversation_id=thread.pk)
    # Staff see it through sales' visibility; nb's own thread stays nb's.
    assert selectors.conversation_get(actor=network.manager, conversation_id=thread.pk).pk == thread.pk
    other = start(network.agent2, order=theirs)
    assert other.pk not in _conversation_ids(network.agent)
    assert thread.pk not in _conversation_ids(network.agent2)


def test_a_distributors_person_talks_with_staff_and_its_own_people_never_anothers(network: Network) -> None:
    agent, agent2, manager = network.agent, network.agent2, network.manager
    with pytest.raises(InvalidInput) as other_distributor:
        start(agent, agent2)
    assert _code(other_distributor) == ("participant_not_found", "participant_ids.0")
    chat = start(manager, agent)
    assert chat.distributor_id == network.hz.pk
    with pytest.raises(InvalidInput) as mixed:
        start(manager, agent, agent2)
    assert _code(mixed) == ("distributors_mixed", "participant_ids.1")
    group = start(manager, agent, network.selling.rep, title="杭州鑫达")
    with pytest.raises(InvalidInput) as added:
        conversation_participants_add(actor=manager, conversation_id=group.pk, user_ids=[str(agent2.pk)])
    assert _code(added) == ("distributors_mixed", "user_ids.0")
    send(manager, chat, "返利到账了")
    assert _conversation_ids(agent) == {chat.pk, group.pk}
    assert _conversation_ids(agent2) == set()
    # Moved to another distributor, the person no longer sees the first one's conversations.
    DistributorMember.objects.filter(user=agent).update(distributor=network.nb)
    assert _conversation_ids(agent) == set()
    with pytest.raises(NotFound):
        selectors.conversation_get(actor=agent, conversation_id=chat.pk)
    # and talking with the same person again starts afresh inside the new fence
    assert start(manager, agent).pk != chat.pk


def test_an_order_card_shows_only_to_those_who_may_see_the_order(selling: Selling) -> None:
    rep = selling.rep
    colleague = person("sales", "同事")
    order = selling.order([(selling.shirt, "2")], status="pending_review")
    chat = start(rep, colleague)
    card = send(rep, chat, "看这单", order_id=str(order.pk))
    theirs = selectors.conversation_messages(actor=colleague, conversation_id=chat.pk).items[-1]
    assert theirs.order is not None and (theirs.order.available, theirs.order.number) == (False, "")
    ours = selectors.conversation_messages(actor=rep, conversation_id=chat.pk).items[-1]
    assert ours.order is not None and (ours.order.available, ours.order.number) == (True, order.number)
    assert ours.pk == card.pk
    with pytest.raises(NotFound) as unseen:
        send(colleague, chat, "我也发", order_id=str(order.pk))
    assert _code(unseen) == ("not_found", "order_id")


def test_another_workspace_sees_none_of_these_conversations(in_alpha: Workspace, beta: Workspace) -> None:
    from django_tenants.utils import tenant_context

    chat = start(in_alpha.users["sales"], in_alpha.users["manager"])
    send(in_alpha.users["sales"], chat, "仅限阿尔法")
    with tenant_context(beta.tenant):
        beta_sales, beta_manager = beta.users["sales"], beta.users["manager"]
        with pytest.raises(NotFound):
            selectors.conversation_messages(actor=beta_manager, conversation_id=chat.pk)
        own = start(beta_sales, beta_manager)
        assert _conversation_ids(beta_manager) == {own.pk}
        assert not Conversation.objects.filter(messages__text="仅限阿尔法").exists()


def test_conversations_are_for_people_only(in_alpha: Workspace) -> None:
    job = System(reason="test", scopes=frozenset({"orders.view_all"}))
    with pytest.raises(Forbidden):
        selectors.conversation_page(actor=job)
    with pytest.raises(Forbidden):
        conversation_start(actor=job, participant_ids=[str(in_alpha.users["sales"].pk)])


def test_a_quotations_thread_is_seen_by_whoever_sees_the_quotation_and_never_by_distributors(
    network: Network,
) -> None:
    from saas.sales import services as sales
    from saas.sales.services.lines import LineInput

    selling = network.selling
    quotation = sales.quotation_create(
        actor=selling.rep, customer_id=selling.customer.pk, lines=[LineInput(selling.shirt.pk, "3")]
    )
    thread = conversation_start(actor=selling.manager, quotation_id=str(quotation.pk))
    assert (thread.kind, thread.subject_type, thread.subject_id) == (
        ConversationKind.THREAD,
        "quotation",
        quotation.pk,
    )
    # The rep follows it from the start; the same start returns the same thread.
    assert selling.rep.pk in set(
        Participant.objects.filter(conversation=thread).values_list("user_id", flat=True)
    )
    assert conversation_start(actor=selling.rep, quotation_id=str(quotation.pk)).pk == thread.pk
    send(selling.manager, thread, "这个报价再让 2 个点？")
    view = selectors.conversation_get(actor=selling.rep, conversation_id=thread.pk)
    assert (view.subject_number, view.order) == (quotation.number, None)
    # Another rep and every distributor's person: not found, by start or by id.
    colleague = person("sales", "另一个业务员")
    for outsider in (colleague, network.agent):
        with pytest.raises(NotFound) as refused:
            conversation_start(actor=outsider, quotation_id=str(quotation.pk))
        assert _code(refused) == ("not_found", "quotation_id")
        with pytest.raises(NotFound):
            selectors.conversation_messages(actor=outsider, conversation_id=thread.pk)
        assert thread.pk not in _conversation_ids(outsider)
    with pytest.raises(InvalidInput) as both:
        conversation_start(actor=selling.rep, quotation_id=str(quotation.pk), order_id="1")
    assert _code(both) == ("subject_ambiguous", "quotation_id")
