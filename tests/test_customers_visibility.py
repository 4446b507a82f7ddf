"""Who sees which customers: reps their own, managers, finance and admins all, the warehouse and
distributors none; search and segmentation inside what one may see; workspaces apart."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from saas.accounts import scopes
from saas.accounts.visibility import MissingActor
from saas.core.errors import Forbidden, InvalidInput, NotFound
from saas.customers import selectors
from saas.customers.models import CommunicationLog, CustomerLevel, CustomerTag
from tests.fixtures.customers import make_customer


@pytest.fixture
def book(crm):
    """Two customers of the rep, one of the second rep, one in the pool."""
    wholesale, retail = CustomerTag.objects.create(name="批发"), CustomerTag.objects.create(name="零售")
    vip = CustomerLevel.objects.create(code="VIP", name="VIP客户")
    crm.mine = make_customer(
        "杭州鑫达商贸有限公司",
        owner=crm.rep,
        phone="0571-8821 6601",
        level=vip,
        tags=[wholesale, retail],
        contacts=[("陈建国", "13805710001")],
    )
    crm.mine_too = make_customer("成都锦江时尚服装店", owner=crm.rep, tags=[retail], is_active=False)
    crm.theirs = make_customer("北京京华数码科技有限公司", owner=crm.rep2, tags=[wholesale])
    crm.pool = make_customer("上海浦江服饰有限公司")
    crm.tags = (wholesale, retail)
    crm.vip = vip
    return crm


def names(queryset):
    return sorted(customer.name for customer in queryset)


ALL = ["上海浦江服饰有限公司", "北京京华数码科技有限公司", "成都锦江时尚服装店", "杭州鑫达商贸有限公司"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("sales", ["成都锦江时尚服装店", "杭州鑫达商贸有限公司"]),
        ("manager", ALL),
        ("finance", ALL),
        ("admin", ALL),
        ("owner", ALL),
        ("warehouse", []),
        ("distributor", []),
    ],
)
def test_each_role_sees_what_its_scopes_allow(book, role, expected):
    assert names(selectors.customer_list(actor=book.user(role))) == expected


def test_the_roles_that_see_customers_are_the_built_in_ones():
    seeing = {
        code
        for code, (_zh, _en, granted) in scopes.BUILT_IN_ROLES.items()
        if {scopes.CUSTOMERS_VIEW_ALL, scopes.CUSTOMERS_VIEW_OWN} & set(granted)
    }
    assert seeing == {"owner", "admin", "manager", "finance", "sales"}


def test_a_second_rep_sees_only_their_own(book):
    assert names(selectors.customer_list(actor=book.rep2)) == ["北京京华数码科技有限公司"]


def test_another_reps_customer_is_simply_not_found(book):
    for customer_id in (book.theirs.pk, book.pool.pk, 987654321, "abc", "-1"):
        with pytest.raises(NotFound) as missing:
            selectors.customer_get(actor=book.rep, customer_id=customer_id)
        assert missing.value.code == "not_found"
    assert selectors.customer_get(actor=book.manager, customer_id=book.theirs.pk).owner == book.rep2


def test_no_actor_or_an_inactive_one_sees_nothing(book):
    with pytest.raises(MissingActor):
        selectors.customer_list(actor=None)
    book.rep.is_active = False
    book.rep.save()
    with pytest.raises(MissingActor):
        selectors.customer_list(actor=book.rep)


@pytest.mark.parametrize(
    "search",
    ["鑫达", "XINDA", "hzxd", "0571-88216601", "05718821", "陈建国", "13805710001", "+86 138 0571 0001"],
)
def test_search_finds_by_name_pinyin_initials_code_phone_and_contact(book, search):
    assert names(selectors.customer_list(actor=book.manager, search=search)) == ["杭州鑫达商贸有限公司"]


def test_search_by_code_and_only_among_visible(book):
    code = book.theirs.code
    assert names(selectors.customer_list(actor=book.manager, search=code)) == ["北京京华数码科技有限公司"]
    assert names(selectors.customer_list(actor=book.rep, search=code)) == []
    assert names(selectors.customer_list(actor=book.rep, search="jinghua")) == []


def test_segments_by_tags_any_or_all_level_owner_and_active(book):
    wholesale, retail = book.tags
    manager = book.manager

    def listed(**filters):
        return names(selectors.customer_list(actor=manager, **filters))

    assert listed(tag_ids=[wholesale.pk, retail.pk]) == ALL[1:]
    assert listed(tag_ids=[str(wholesale.pk), str(retail.pk)], tag_mode="all") == ["杭州鑫达商贸有限公司"]
    assert listed(tag_ids=[retail.pk], active=True) == ["杭州鑫达商贸有限公司"]
    assert listed(level_id=book.vip.pk) == ["杭州鑫达商贸有限公司"]
    assert listed(owner_id=book.rep2.pk) == ["北京京华数码科技有限公司"]
    assert listed(unassigned=True) == ["上海浦江服饰有限公司"]
    assert names(selectors.customer_list(actor=book.rep, unassigned=True)) == []
    assert listed(active=False) == ["成都锦江时尚服装店"]
    with pytest.raises(InvalidInput) as mode:
        listed(tag_ids=[wholesale.pk], tag_mode="some")
    assert mode.value.code == "tag_mode_invalid"
    with pytest.raises(InvalidInput) as many:
        listed(tag_ids=list(range(1, 22)))
    assert many.value.code == "too_many_lines"


def test_pages_are_capped(book):
    page = selectors.customer_page(actor=book.manager, limit=2, offset=1)  # newest first
    assert (page.total_count, page.items) == (4, [book.theirs, book.mine_too])
    for limit, offset in ((0, 0), (101, 0), (10, -1), (10, 10_001)):
        with pytest.raises(InvalidInput) as bad:
            selectors.customer_page(actor=book.manager, limit=limit, offset=offset)
        assert bad.value.code == "page_invalid"


def test_duplicates_show_only_what_the_actor_may_see(book):
    found = selectors.customer_duplicates(actor=book.rep, name="北京京华数码科技", phone="")
    [theirs] = found
    assert theirs.customer is None and theirs.reasons == ["name"] and theirs.blocking
    [mine] = selectors.customer_duplicates(actor=book.rep, name="", phone="+86 571 8821 6601")
    assert mine.customer == book.mine and mine.reasons == ["phone"]
    [by_contact] = selectors.customer_duplicates(actor=book.manager, name="", phone="138 0571 0001")
    assert by_contact.customer == book.mine and by_contact.reasons == ["contact_phone"]
    with pytest.raises(Forbidden):
        selectors.customer_duplicates(actor=book.user("warehouse"), name="鑫达")


def test_the_communication_history_follows_customer_visibility(book):
    now = timezone.now()
    for customer, when in ((book.mine, now - timedelta(days=1)), (book.theirs, now)):
        CommunicationLog.objects.create(
            customer=customer, kind="call", content="回访", happened_at=when, actor=book.rep
        )
    assert [e.customer for e in selectors.communication_list(actor=book.rep)] == [book.mine]
    assert [e.customer for e in selectors.communication_list(actor=book.manager)] == [book.theirs, book.mine]
    with pytest.raises(NotFound):
        selectors.communication_list(actor=book.rep, customer_id=book.theirs.pk)
    assert selectors.communication_list(actor=book.user("warehouse")).count() == 0


def test_tags_and_levels_are_listed_for_those_who_work_with_customers(book):
    assert [t.name for t in selectors.customer_tag_list(actor=book.rep)] == ["批发", "零售"]
    assert [level.code for level in selectors.customer_level_list(actor=book.user("finance"))] == ["VIP"]
    with pytest.raises(Forbidden):
        selectors.customer_tag_list(actor=book.user("warehouse"))


def test_a_customer_of_alpha_does_not_exist_in_beta(book, beta):
    with tenant_context(beta.tenant):
        manager = beta.users["manager"]
        assert selectors.customer_list(actor=manager).count() == 0
        with pytest.raises(NotFound):
            selectors.customer_get(actor=manager, customer_id=book.mine.pk)
        assert selectors.customer_duplicates(actor=manager, name="杭州鑫达商贸", phone="0571 88216601") == []
