"""Scan-to-verify: open a package by order, shipment or tracking number, scan items, see what is
missing and extra; verified only on an exact match."""

from __future__ import annotations

from decimal import Decimal

import pytest

from saas.catalog.models import SKU
from saas.core.errors import InvalidInput, NotFound
from saas.shipping import selectors, services
from saas.shipping.models import ShipmentStatus
from saas.shipping.services.verify import EXTRA, MATCHED, REMOVED, UNKNOWN
from tests.fixtures.shipping import Shipping, sf_number


def counts(state: services.VerifyState) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    missing = {state.skus[line.sku_id].code: line.missing for line in state.missing}
    extra = {state.skus[line.sku_id].code: line.extra for line in state.extra}
    return missing, extra


def test_a_wrong_item_is_extra_and_blocks_verification_until_taken_out(shipping: Shipping) -> None:
    SKU.objects.filter(pk=shipping.shirt.pk).update(barcode="6901234567892")
    order = shipping.order([(shipping.shirt, "2")])
    keeper = shipping.keeper
    # when the packer scans the order number: a packing shipment of everything open is made
    state = services.shipment_verify_start(actor=keeper, code=order.number)
    shipment = state.shipment
    assert shipment.status == ShipmentStatus.PACKING
    assert counts(state) == ({"SHIRT-RED-M": Decimal(2)}, {})
    # scans one shirt by barcode, then a phone that does not belong in this package
    state = services.shipment_verify_scan(actor=keeper, shipment_id=shipment.pk, code="6901234567892")
    assert state.outcome == MATCHED
    state = services.shipment_verify_scan(actor=keeper, shipment_id=shipment.pk, code=shipping.phone.code)
    assert state.outcome == EXTRA
    state = services.shipment_verify_scan(actor=keeper, shipment_id=shipment.pk, code="6901234567892")
    # then the shirts are complete, the phone is extra, and the package is not verified
    assert counts(state) == ({}, {"PHONE-128": Decimal(1)})
    assert not state.verified
    # when the phone is taken out again
    state = services.shipment_verify_scan(
        actor=keeper, shipment_id=shipment.pk, code=shipping.phone.code, quantity=-1
    )
    # then it matches exactly and is verified
    assert state.outcome == REMOVED
    assert counts(state) == ({}, {})
    assert state.verified
    shipment.refresh_from_db()
    assert shipment.verified_at is not None and shipment.verified_by_id == keeper.pk


def test_one_too_many_is_extra_and_unverifies(shipping: Shipping) -> None:
    order = shipping.order([(shipping.shirt, "1")])
    shipment = shipping.pack(order)
    keeper = shipping.keeper
    state = services.shipment_verify_scan(actor=keeper, shipment_id=shipment.pk, code=shipping.shirt.code)
    assert state.verified
    state = services.shipment_verify_scan(actor=keeper, shipment_id=shipment.pk, code=shipping.shirt.code)
    assert state.outcome == EXTRA and not state.verified
    assert counts(state) == ({}, {"SHIRT-RED-M": Decimal(1)})


def test_an_unknown_barcode_counts_nothing(shipping: Shipping) -> None:
    shipment = shipping.pack(shipping.order([(shipping.shirt, "1")]))
    state = services.shipment_verify_scan(
        actor=shipping.keeper, shipment_id=shipment.pk, code="0000000000000"
    )
    assert state.outcome == UNKNOWN
    assert [p.code for p in state.problems] == ["barcode_unknown"]
    assert counts(state) == ({"SHIRT-RED-M": Decimal(1)}, {})


def test_packages_open_by_shipment_or_tracking_number(shipping: Shipping) -> None:
    order = shipping.order([(shipping.shirt, "1")])
    number = sf_number()
    packed = shipping.pack(order, tracking_number=number)
    for code in (packed.number, number.lower(), order.number):
        assert services.shipment_verify_start(actor=shipping.keeper, code=code).shipment.pk == packed.pk
    with pytest.raises(NotFound):
        services.shipment_verify_start(actor=shipping.keeper, code="SO-2026-424242")


def test_a_shipped_package_cannot_be_verified_again(shipping: Shipping) -> None:
    shipment = shipping.ship(shipping.order([(shipping.shirt, "1")]))
    with pytest.raises(InvalidInput) as caught:
        services.shipment_verify_start(actor=shipping.keeper, code=shipment.number)
    assert caught.value.code == "shipment_not_packing"
    with pytest.raises(InvalidInput) as scanning:
        services.shipment_verify_scan(
            actor=shipping.keeper, shipment_id=shipment.pk, code=shipping.shirt.code
        )
    assert scanning.value.code == "shipment_not_packing"


def test_taking_out_more_than_scanned_and_reset(shipping: Shipping) -> None:
    shipment = shipping.pack(shipping.order([(shipping.shirt, "3")]))
    keeper = shipping.keeper
    with pytest.raises(InvalidInput) as caught:
        services.shipment_verify_scan(
            actor=keeper, shipment_id=shipment.pk, code=shipping.shirt.code, quantity=-1
        )
    assert caught.value.code == "quantity_invalid"
    services.shipment_verify_scan(actor=keeper, shipment_id=shipment.pk, code=shipping.shirt.code, quantity=3)
    assert selectors.shipment_verify_get(actor=keeper, shipment_id=shipment.pk).verified
    state = services.shipment_verify_reset(actor=keeper, shipment_id=shipment.pk)
    assert not state.verified and counts(state) == ({"SHIRT-RED-M": Decimal(3)}, {})
