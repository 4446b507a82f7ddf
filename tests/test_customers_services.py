"""Customer services: owners and credit terms, validation codes, all-or-nothing creation,
idempotency, duplicates by phone and name, contacts, addresses, tags, levels and the log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from saas.core.errors import Forbidden, InvalidInput, NotFound
from saas.core.models import IdempotencyKey
from saas.customers import selectors, services
from saas.customers.demo import DEMO_CUSTOMERS, customers_demo_seed
from saas.customers.duplicates import find_duplicates, name_key, name_similarity, phone_digits
from saas.customers.models import Address, CommunicationLog, Contact, Customer, CustomerLevel
from saas.customers.services import AddressInput, ContactInput
from tests.fixtures.customers import make_customer


def address(**fields):
    values = {
        "receiver": "陈建国",
        "phone": "138 0571 0001",
        "province": "浙江省",
        "city": "杭州市",
        "district": "西湖区",
        "detail": "文三路 90 号",
    }
    return AddressInput(**(values | fields))


def refused(call, exc_type=InvalidInput):
    with pytest.raises(exc_type) as caught:
        call()
    return caught.value


def test_a_reps_new_customer_is_theirs_with_contacts_addresses_and_tags(crm):
    tag = services.customer_tag_create(actor=crm.rep, name="批发", color="#E34D59")
    customer = services.customer_create(
        actor=crm.rep,
        name="杭州鑫达商贸有限公司",
        phone="+86 138-0013-8000",
        tag_ids=[tag.pk],
        contacts=[
            ContactInput(name="陈建国", phone="13900001111"),
            ContactInput(name="王芳", is_primary=True),
        ],
        addresses=[address(), address(detail="莫干山路 1 号", is_default=True)],
    )
    assert customer.owner == crm.rep and customer.created_by == crm.rep
    assert customer.code.startswith("CU-") and len(customer.code) == len("CU-2026-000001")
    assert (customer.phone, customer.phone_digits) == ("+86 138-0013-8000", "13800138000")
    assert [(c.name, c.is_primary) for c in customer.contacts.all()] == [("王芳", True), ("陈建国", False)]
    assert [a.detail for a in customer.addresses.filter(is_default=True)] == ["莫干山路 1 号"]
    assert list(customer.tags.values_list("name", "color")) == [("批发", "#e34d59")]
    for form in (
        "杭州鑫达",
        "hangzhouxinda",
        "hzxdsm",
        customer.code.lower(),
        "13800138000",
        "陈建国",
        "13900001111",
    ):
        assert form in customer.search_text


def test_a_managers_new_customer_waits_in_the_pool_until_assigned(crm):
    customer = services.customer_create(actor=crm.manager, name="上海浦江服饰", credit_limit="5000.5")
    assert customer.owner is None and str(customer.credit_limit) == "5000.50"
    assigned = services.customer_assign_owner(
        actor=crm.manager, customer_id=customer.pk, owner_id=crm.rep2.pk
    )
    assert assigned.owner == crm.rep2
    assert refused(
        lambda: services.customer_assign_owner(
            actor=crm.manager, customer_id=customer.pk, owner_id=crm.user("warehouse").pk
        )
    ).code == ("owner_invalid")
    assert refused(
        lambda: services.customer_assign_owner(actor=crm.rep2, customer_id=customer.pk, owner_id=crm.rep2.pk),
        Forbidden,
    ).code == ("forbidden")
    back = services.customer_assign_owner(actor=crm.user("finance"), customer_id=customer.pk, owner_id=None)
    assert back.owner is None


def test_a_rep_cannot_give_customers_away_or_set_credit_terms(crm):
    given = refused(
        lambda: services.customer_create(actor=crm.rep, name="甲", owner_id=crm.rep2.pk), Forbidden
    )
    assert (given.code, given.field) == ("forbidden", "owner_id")
    mine = services.customer_create(actor=crm.rep, name="乙", owner_id=crm.rep.pk)
    assert mine.owner == crm.rep
    credit = refused(lambda: services.customer_create(actor=crm.rep, name="丙", credit_limit="1"), Forbidden)
    assert credit.field == "credit_limit"
    terms = refused(
        lambda: services.customer_update(actor=crm.rep, customer_id=mine.pk, payment_terms_days=30), Forbidden
    )
    assert terms.field == "payment_terms_days"
    cleared = refused(
        lambda: services.customer_update(actor=crm.rep, customer_id=mine.pk, credit_limit=None), Forbidden
    )
    assert cleared.field == "credit_limit"
    assert refused(
        lambda: services.customer_create(actor=crm.user("warehouse"), name="丁"), Forbidden
    ).code == ("forbidden")


@pytest.mark.parametrize(
    ("fields", "field", "code"),
    [
        ({"name": "  "}, "name", "required"),
        ({"name": "长" * 121}, "name", "too_long"),
        ({"phone": "call me"}, "phone", "phone_invalid"),
        ({"phone": "12345"}, "phone", "phone_invalid"),
        ({"kind": "robot"}, "kind", "kind_invalid"),
        ({"source": "tv"}, "source", "source_invalid"),
        ({"taxpayer_id": "12-34"}, "taxpayer_id", "taxpayer_id_invalid"),
        ({"credit_limit": "-1"}, "credit_limit", "credit_limit_invalid"),
        ({"credit_limit": "1.005"}, "credit_limit", "credit_limit_invalid"),
        ({"payment_terms_days": 400}, "payment_terms_days", "days_invalid"),
        ({"contacts": [ContactInput(name="a", email="nope")]}, "contacts.0.email", "email_invalid"),
        ({"contacts": [ContactInput(name="")]}, "contacts.0.name", "required"),
        ({"contacts": [ContactInput(name=f"c{i}") for i in range(21)]}, "contacts", "too_many_lines"),
        (
            {"contacts": [ContactInput(name="a", is_primary=True), ContactInput(name="b", is_primary=True)]},
            "contacts.1.is_primary",
            "primary_conflict",
        ),
        ({"addresses": [address(), address(city="")]}, "addresses.1.city", "required"),
        ({"addresses": [address(phone="")]}, "addresses.0.phone", "required"),
        (
            {"addresses": [address(is_default=True), address(is_default=True)]},
            "addresses.1.is_default",
            "default_conflict",
        ),
        ({"level_id": "999999"}, "level_id", "not_found"),
        ({"tag_ids": ["x"]}, "tag_ids.0", "not_found"),
        ({"owner_id": "999999"}, "owner_id", "not_found"),
    ],
)
def test_bad_input_is_refused_with_a_stable_code_per_field(crm, fields, field, code):
    fields = {"name": "杭州鑫达商贸"} | fields
    error = refused(lambda: services.customer_create(actor=crm.manager, **fields), (InvalidInput, NotFound))
    assert (error.field, error.code) == (field, code)
    assert error.message
    assert not Customer.objects.exists()


def test_nothing_is_half_written_when_a_later_part_fails(crm, monkeypatch):
    bad_third = [address(), address(), address(province="")]
    error = refused(lambda: services.customer_create(actor=crm.rep, name="甲公司", addresses=bad_third))
    assert error.field == "addresses.2.province"

    def broken(*args, **kwargs):
        raise InvalidInput("boom", code="boom")

    # The customer row is written before its addresses: a failure there takes it back too.
    monkeypatch.setattr(Address.objects, "bulk_create", broken)
    with pytest.raises(InvalidInput):
        services.customer_create(
            actor=crm.rep,
            name="乙公司",
            contacts=[ContactInput(name="陈")],
            addresses=[address()],
            idempotency_key="create-fails-001",
        )
    assert not Customer.objects.exists() and not Contact.objects.exists()
    assert not IdempotencyKey.objects.filter(key="create-fails-001").exists()


def test_a_retried_create_returns_the_first_customer(crm):
    first = services.customer_create(
        actor=crm.rep, name="重试商行", phone="13811112222", idempotency_key="cu-retry-01"
    )
    again = services.customer_create(
        actor=crm.rep, name="重试商行", phone="13811112222", idempotency_key="cu-retry-01"
    )
    assert again.pk == first.pk and Customer.objects.count() == 1
    reused = refused(
        lambda: services.communication_log_add(
            actor=crm.rep, customer_id=first.pk, kind="call", content="x", idempotency_key="cu-retry-01"
        )
    )
    assert reused.code == "idempotency_key_reused"


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("138-0013-8000", "13800138000"),
        ("+86 138 0013 8000", "13800138000"),
        ("0086-13800138000", "13800138000"),
        ("8613800138000", "13800138000"),
        ("(0571) 8888-6666", "057188886666"),
        ("+86 571 8888 6666", "057188886666"),
        ("+852 2123 4567", "85221234567"),
        ("１３８００１３８０００", "13800138000"),
    ],
)
def test_phone_numbers_compare_as_domestic_digits(typed, digits):
    assert phone_digits(typed) == digits


def test_names_compare_without_spaces_punctuation_case_or_legal_form():
    assert name_key("杭州 鑫达商贸（有限公司）") == name_key("杭州鑫达商贸有限公司") == "杭州鑫达商贸"
    assert name_key("ACME Trading Co., Ltd.") == name_key("acme trading") == "acmetrading"
    assert name_key("有限公司") == "有限公司"
    assert name_similarity("杭州鑫达商贸", "杭州新达商贸") >= 0.5  # a typo of one character
    assert name_similarity("鑫达商贸", "杭州鑫达商贸") >= 0.5  # without the city
    assert name_similarity("阿尔法商贸", "贝塔商贸") < 0.5  # only the trade in common


@pytest.mark.parametrize("typed", ["13800138000", "+86 138 0013 8000", "138-0013-8000"])
def test_the_same_phone_in_any_format_is_a_duplicate(crm, typed):
    existing = make_customer("杭州鑫达商贸有限公司", owner=crm.rep, phone="138 0013 8000")
    error = refused(lambda: services.customer_create(actor=crm.rep, name="完全不同的名字", phone=typed))
    assert (error.code, error.field) == ("customer_duplicate", "phone")
    assert existing.code in error.message  # the rep may see it, so it is named


def test_a_contacts_phone_and_the_same_name_are_duplicates_too(crm):
    existing = make_customer("北京京华数码科技有限公司", owner=crm.rep, contacts=[("刘洋", "13601000003")])
    by_contact = refused(
        lambda: services.customer_create(
            actor=crm.rep, name="别的公司", contacts=[ContactInput(name="刘", phone="136 0100 0003")]
        )
    )
    assert (by_contact.code, by_contact.field) == ("customer_duplicate", "contacts.0.phone")
    by_name = refused(lambda: services.customer_create(actor=crm.rep, name="北京京华数码科技"))
    assert (by_name.code, by_name.field) == ("customer_duplicate", "name")
    assert existing.code in by_name.message
    insisted = services.customer_create(actor=crm.rep, name="北京京华数码科技", allow_duplicate=True)
    assert insisted.pk != existing.pk


def test_a_colleagues_customer_is_a_duplicate_but_stays_anonymous(crm):
    theirs = make_customer("苏州园区晨光贸易有限公司", owner=crm.rep2, phone="0512-6288 9909")
    error = refused(lambda: services.customer_create(actor=crm.rep, name="晨光贸易", phone="051262889909"))
    assert error.code == "customer_duplicate"
    assert theirs.code not in error.message and "晨光" not in error.message
    manager_sees = refused(
        lambda: services.customer_create(actor=crm.manager, name="晨光", phone="0512 62889909")
    )
    assert theirs.code in manager_sees.message
    assert Customer.objects.count() == 1


def test_similar_names_are_listed_but_not_refused(crm):
    make_customer("杭州鑫达商贸有限公司", owner=crm.rep)
    make_customer("杭州美华服饰", owner=crm.rep)
    [match] = find_duplicates(name="杭州新达商贸", phones=[])
    assert match.reasons == ["similar_name"] and not match.blocking and match.similarity >= 0.5
    created = services.customer_create(actor=crm.rep, name="杭州新达商贸")
    assert created.pk


def test_changing_the_phone_to_a_colleagues_number_is_refused(crm):
    make_customer("甲", owner=crm.rep2, phone="13700000001")
    mine = make_customer("乙", owner=crm.rep, phone="13700000002")
    error = refused(
        lambda: services.customer_update(actor=crm.rep, customer_id=mine.pk, phone="137 0000 0001")
    )
    assert (error.code, error.field) == ("customer_duplicate", "phone")
    renamed = services.customer_update(actor=crm.rep, customer_id=mine.pk, name="乙贸易", notes="老客户介绍")
    assert renamed.name_key == "乙贸易" and "yimaoyi" in renamed.search_text


def test_deactivate_and_reactivate_are_typed_when_already_done(crm):
    customer = make_customer("停用测试", owner=crm.rep)
    assert not services.customer_deactivate(actor=crm.rep, customer_id=customer.pk).is_active
    again = refused(lambda: services.customer_deactivate(actor=crm.rep, customer_id=customer.pk))
    assert again.code == "customer_inactive"
    assert services.customer_reactivate(actor=crm.rep, customer_id=customer.pk).is_active
    assert refused(lambda: services.customer_reactivate(actor=crm.rep, customer_id=customer.pk)).code == (
        "customer_active"
    )


def test_one_primary_contact_always(crm):
    customer = make_customer("联系人测试", owner=crm.rep, contacts=[("甲", ""), ("乙", "13500000000")])
    first, second = customer.contacts.order_by("id")
    third = services.contact_add(
        actor=crm.rep, customer_id=customer.pk, contact=ContactInput(name="丙经理", is_primary=True)
    )
    assert list(customer.contacts.filter(is_primary=True)) == [third]
    assert "丙经理" in Customer.objects.get(pk=customer.pk).search_text
    off = refused(lambda: services.contact_update(actor=crm.rep, contact_id=third.pk, is_primary=False))
    assert (off.code, off.field) == ("primary_required", "is_primary")
    services.contact_update(actor=crm.rep, contact_id=second.pk, is_primary=True, title="采购")
    assert list(customer.contacts.filter(is_primary=True).values_list("name", "title")) == [("乙", "采购")]
    services.contact_remove(actor=crm.rep, contact_id=second.pk)
    assert list(customer.contacts.filter(is_primary=True)) == [first]
    services.customer_contacts_set(actor=crm.rep, customer_id=customer.pk, contacts=[ContactInput(name="丁")])
    assert list(customer.contacts.values_list("name", "is_primary")) == [("丁", True)]


def test_one_default_address_always(crm):
    customer = make_customer("地址测试", owner=crm.rep)
    first = services.address_add(actor=crm.rep, customer_id=customer.pk, address=address())
    assert first.is_default
    second = services.address_add(actor=crm.rep, customer_id=customer.pk, address=address(is_default=True))
    third = services.address_add(actor=crm.rep, customer_id=customer.pk, address=address(city="宁波市"))
    assert list(customer.addresses.filter(is_default=True)) == [second] and not third.is_default
    services.address_set_default(actor=crm.rep, address_id=third.pk)
    assert list(customer.addresses.filter(is_default=True)) == [third]
    updated = services.address_update(
        actor=crm.rep, address_id=third.pk, district="海曙区", detail="中山西路 1 号"
    )
    assert str(updated) == "浙江省宁波市海曙区中山西路 1 号"
    services.address_remove(actor=crm.rep, address_id=third.pk)
    assert list(customer.addresses.filter(is_default=True)) == [first]
    bad = refused(lambda: services.address_update(actor=crm.rep, address_id=first.pk, phone="x"))
    assert (bad.code, bad.field) == ("phone_invalid", "phone")


def test_contacts_and_addresses_of_a_colleagues_customer_are_not_found(crm):
    theirs = make_customer("别人的客户", owner=crm.rep2, contacts=[("甲", "")], addresses=1)
    contact, place = theirs.contacts.get(), theirs.addresses.get()
    calls = [
        lambda: services.contact_update(actor=crm.rep, contact_id=contact.pk, name="改"),
        lambda: services.contact_remove(actor=crm.rep, contact_id=contact.pk),
        lambda: services.address_set_default(actor=crm.rep, address_id=place.pk),
        lambda: services.address_remove(actor=crm.rep, address_id=place.pk),
        lambda: services.address_add(actor=crm.rep, customer_id=theirs.pk, address=address()),
        lambda: services.customer_tags_set(actor=crm.rep, customer_id=theirs.pk, tag_ids=[]),
        lambda: services.customer_update(actor=crm.rep, customer_id=theirs.pk, name="改"),
        lambda: services.customer_deactivate(actor=crm.user("warehouse"), customer_id=theirs.pk),
    ]
    for call in calls:
        assert refused(call, NotFound).code == "not_found"
    assert theirs.contacts.get().name == "甲" and theirs.addresses.count() == 1


def test_tags_and_levels(crm):
    wholesale = services.customer_tag_create(actor=crm.rep, name="批发")
    assert refused(lambda: services.customer_tag_create(actor=crm.rep, name=" 批发 ")).code == "name_taken"
    assert refused(lambda: services.customer_tag_create(actor=crm.rep, name="零售", color="red")).code == (
        "color_invalid"
    )
    customer = make_customer("标签测试", owner=crm.rep)
    services.customer_tags_set(
        actor=crm.rep, customer_id=customer.pk, tag_ids=[wholesale.pk, str(wholesale.pk)]
    )
    assert list(customer.tags.all()) == [wholesale]
    vip = services.customer_level_create(actor=crm.manager, code="vip", name="VIP客户")
    assert vip.code == "VIP"
    assert refused(
        lambda: services.customer_level_create(actor=crm.manager, code="VIP", name="又一个")
    ).code == ("code_taken")
    assert refused(
        lambda: services.customer_level_create(actor=crm.rep, code="A", name="A"), Forbidden
    ).code == ("forbidden")
    renamed = services.customer_level_update(
        actor=crm.manager, level_id=vip.pk, name="钻石客户", sort_order=1
    )
    assert (renamed.name, renamed.sort_order) == ("钻石客户", 1)
    leveled = services.customer_update(actor=crm.rep, customer_id=customer.pk, level_id=vip.pk)
    assert leveled.level == vip
    cleared = services.customer_update(actor=crm.rep, customer_id=customer.pk, level_id=None)
    assert cleared.level is None and CustomerLevel.objects.count() == 1


def test_the_communication_log(crm):
    customer = make_customer("沟通测试", owner=crm.rep)
    now = timezone.now()
    entry = services.communication_log_add(
        actor=crm.rep,
        customer_id=customer.pk,
        kind="visit",
        content="上门拜访，确认补货。",
        happened_at=now - timedelta(hours=2),
        next_follow_up=(now + timedelta(days=7)).date(),
        idempotency_key="visit-0000001",
    )
    again = services.communication_log_add(
        actor=crm.rep, customer_id=customer.pk, kind="visit", content="x", idempotency_key="visit-0000001"
    )
    assert again.pk == entry.pk and customer.communications.count() == 1
    future = refused(
        lambda: services.communication_log_add(
            actor=crm.rep,
            customer_id=customer.pk,
            kind="call",
            content="x",
            happened_at=now + timedelta(hours=1),
        )
    )
    assert (future.code, future.field) == ("happened_at_invalid", "happened_at")
    past = refused(
        lambda: services.communication_log_add(
            actor=crm.rep,
            customer_id=customer.pk,
            kind="call",
            content="x",
            next_follow_up=(now - timedelta(days=3)).date(),
        )
    )
    assert past.code == "follow_up_invalid"
    assert refused(
        lambda: services.communication_log_add(
            actor=crm.rep, customer_id=customer.pk, kind="fax", content="x"
        )
    ).code == ("kind_invalid")
    assert refused(
        lambda: services.communication_log_add(
            actor=crm.rep2, customer_id=customer.pk, kind="call", content="x"
        ),
        NotFound,
    ).code == ("not_found")


def test_the_demo_seed_fills_a_workspace_once(crm):
    assert customers_demo_seed() == len(DEMO_CUSTOMERS) == 12
    assert customers_demo_seed() == 0
    customers = Customer.objects.prefetch_related("contacts", "addresses", "tags")
    assert customers.count() == 12 and CustomerLevel.objects.count() == 4
    assert set(customers.values_list("owner_id", flat=True)) == {crm.rep.pk, crm.rep2.pk}
    for customer in customers:
        assert [c.is_primary for c in customer.contacts.all()] == [True]
        assert [a.is_default for a in customer.addresses.all()] == [True]
        assert customer.tags.all() and customer.level_id and customer.code.startswith("CU-")
    assert CommunicationLog.objects.count() == 5
    assert names_of(selectors.customer_list(actor=crm.rep, search="hzxd")) == ["杭州鑫达商贸有限公司"]


def names_of(customers):
    return [customer.name for customer in customers]
