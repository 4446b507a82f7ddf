"""Carriers: the built-in patterns, ranked suggestions (ambiguity, typing, the workspace's history),
tenant carriers with safe patterns only."""

from __future__ import annotations

import pytest

from saas.core.errors import DomainError, InvalidInput
from saas.shipping import selectors, services
from saas.shipping.carriers import HIGH, LOW, MEDIUM, PARTIAL, clean_pattern, clean_tracking
from saas.shipping.models import Carrier
from saas.shipping.services.carrier_choice import CarrierBook
from tests.fixtures.shipping import Shipping
from tests.fixtures.tenants import Workspace


def suggest(actor, number: str) -> list[tuple[str, str]]:
    result = selectors.carrier_suggest(actor=actor, tracking_number=number)
    return [(s.carrier.code, s.candidate.confidence) for s in result.candidates]


def test_every_built_in_carrier_is_seeded(in_alpha: Workspace) -> None:
    codes = set(Carrier.objects.filter(is_builtin=True).values_list("code", flat=True))
    assert codes == {"SF", "ZTO", "YTO", "YUNDA", "STO", "JT", "JD", "EMS", "DEPPON"}
    assert Carrier.objects.get(code="SF").name_zh == "顺丰速运"


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("SF1385628716739", "SF"),
        ("sf138562871673", "SF"),
        ("JDVA00012345678", "JD"),
        ("JDX024407261700", "JD"),
        ("YT8962646785389", "YTO"),
        ("JT5261988016578", "JT"),
        ("DPK202252612836", "DEPPON"),
        ("EA123456789CN", "EMS"),
    ],
)
def test_letter_prefixed_numbers_are_certain(in_alpha: Workspace, number: str, code: str) -> None:
    keeper = in_alpha.users["warehouse"]
    assert suggest(keeper, number) == [(code, HIGH)]


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("73610555582883", "ZTO"),  # 14 digits from 73
        ("773277027280336", "STO"),  # 15 digits from 77
        ("463431409940372", "YUNDA"),  # 15 digits from 4
        ("1207119765021", "EMS"),  # 13 digits from 1
    ],
)
def test_numeric_numbers_that_fit_one_carrier_are_medium(in_alpha: Workspace, number: str, code: str) -> None:
    assert suggest(in_alpha.users["warehouse"], number) == [(code, MEDIUM)]


def test_a_numeric_number_that_fits_several_carriers_is_ranked_low(shipping: Shipping) -> None:
    keeper = shipping.keeper
    # 568123456789: ZTO's and STO's older 12-digit ranges overlap
    ranked = suggest(keeper, "568123456789")
    assert sorted(ranked) == [("STO", LOW), ("ZTO", LOW)]
    assert ranked[0] == ("ZTO", LOW)  # more parcels nationwide
    # once this workspace has shipped such numbers with STO, STO comes first
    order = shipping.order([(shipping.shirt, "1")])
    shipping.ship(order, "568000000001", carrier_id=shipping.carrier("STO").pk)
    ranked = suggest(keeper, "568123456789")
    assert ranked[0] == ("STO", LOW)
    result = selectors.carrier_suggest(actor=keeper, tracking_number="568123456789")
    assert result.candidates[0].candidate.used_count == 1


def test_while_typing_the_possible_carriers_are_partial(in_alpha: Workspace) -> None:
    keeper = in_alpha.users["warehouse"]
    assert suggest(keeper, "SF13") == [("SF", PARTIAL)]
    assert ("JD", PARTIAL) in suggest(keeper, "JDV")
    assert suggest(keeper, "S") == []  # too short to say anything


def test_unknown_and_malformed_numbers(in_alpha: Workspace) -> None:
    keeper = in_alpha.users["warehouse"]
    assert suggest(keeper, "HELLO-WORLD-XYZ") == []
    result = selectors.carrier_suggest(actor=keeper, tracking_number="号码!")
    assert not result.well_formed and result.candidates == []
    with pytest.raises(InvalidInput) as caught:
        clean_tracking("SF12345678901234567890123456789012345678901")
    assert caught.value.code == "tracking_invalid"
    assert clean_tracking(" sf-1385 628716739 ") == "SF1385628716739"


def test_a_used_number_says_which_shipment_has_it(shipping: Shipping) -> None:
    order = shipping.order([(shipping.shirt, "1")])
    shipment = shipping.ship(order, "SF1385628716739")
    result = selectors.carrier_suggest(actor=shipping.keeper, tracking_number="SF1385628716739")
    assert result.candidates[0].taken_by == shipment.number


def test_tenant_carriers_with_their_own_pattern(in_alpha: Workspace) -> None:
    keeper = in_alpha.users["warehouse"]
    carrier = services.carrier_create(
        actor=keeper, code="HT", name_zh="杭州同城快运", tracking_pattern=r"^HT\d{10}$", phone="0571-1234"
    )
    assert suggest(keeper, "HT0123456789") == [("HT", HIGH)]
    with pytest.raises(InvalidInput) as taken:
        services.carrier_create(actor=keeper, code="ht", name_zh="重复")
    assert taken.value.code == "code_taken"
    services.carrier_update(actor=keeper, carrier_id=carrier.pk, is_active=False)
    assert suggest(keeper, "HT0123456789") == []


def test_built_in_carriers_can_only_be_switched_off(in_alpha: Workspace) -> None:
    keeper = in_alpha.users["warehouse"]
    sf = Carrier.objects.get(code="SF")
    with pytest.raises(InvalidInput) as caught:
        services.carrier_update(actor=keeper, carrier_id=sf.pk, tracking_pattern=".*")
    assert caught.value.code == "carrier_builtin"
    services.carrier_update(actor=keeper, carrier_id=sf.pk, is_active=False)
    assert suggest(keeper, "SF1385628716739") == []


@pytest.mark.parametrize("pattern", [r"^(a+)+$", r"^(\d{2})*$", r"^(\w|\d)+$", r"(a)\1", r"(?=x)x"])
def test_patterns_that_could_backtrack_catastrophically_are_refused(pattern: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        clean_pattern(pattern)
    assert caught.value.code == "pattern_unsafe"


def test_valid_patterns_pass_and_broken_ones_are_invalid() -> None:
    assert clean_pattern(r"^(KY|KYE)\d{10,12}$") == r"^(KY|KYE)\d{10,12}$"
    with pytest.raises(InvalidInput) as caught:
        clean_pattern(r"^[A-Z")
    assert caught.value.code == "pattern_invalid"


def test_only_shipping_staff_ask_for_suggestions(in_alpha: Workspace) -> None:
    with pytest.raises(DomainError) as caught:
        selectors.carrier_suggest(actor=in_alpha.users["sales"], tracking_number="SF1385628716739")
    assert caught.value.code == "forbidden"


def test_carriers_named_as_people_write_them_in_sheets(in_alpha: Workspace) -> None:
    book = CarrierBook.load()
    for text, code in (
        ("SF", "SF"),
        ("顺丰", "SF"),
        ("中通快递有限公司", "ZTO"),
        ("极兔", "JT"),
        ("jd logistics", "JD"),
    ):
        assert book.named(text).code == code, text
    for text in ("快递", "速运公司X", "?"):
        with pytest.raises(DomainError):
            book.named(text)
