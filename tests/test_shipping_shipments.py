"""Shipments: single shipping, partial shipments, packing and shipping later, the rules and their
codes, stock movements at cost and the ledger check."""

from __future__ import annotations

from decimal import Decimal

import pytest

from saas.core.errors import DomainError, InvalidInput
from saas.core.models import DocumentEvent
from saas.inventory.models import StockLevel, StockMovement
from saas.inventory.services.checks import ledger_mismatches
from saas.sales.models import DeliveryMethod, OrderStatus, SalesOrderLine
from saas.shipping import services
from saas.shipping.models import Shipment, ShipmentStatus
from saas.shipping.services import ShipmentLineInput
from tests.fixtures.shipping import Shipping, sf_number


def codes(exc: DomainError) -> list[str]:
    return [p.code for p in exc.problems]


def test_single_shipping_ships_everything_and_detects_the_carrier(shipping: Shipping) -> None:
    # given an approved order of 3 shirts and 1 phone
    order = shipping.order([(shipping.shirt, "3"), (shipping.phone, "1")])
    assert order.status == OrderStatus.PENDING_SHIPMENT
    # when the warehouse scans an SF number and ships
    shipment = shipping.ship(order, "sf 1385 6287 16739")
    # then the shipment is shipped with SF, numbered SH-, and the order waits for its sign-back
    assert shipment.status == ShipmentStatus.SHIPPED
    assert shipment.number.startswith("SH-")
    assert shipment.carrier is not None and shipment.carrier.code == "SF"
    assert shipment.tracking_number == "SF1385628716739"
    assert shipment.ship_date is not None
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_SIGNBACK
    assert DocumentEvent.objects.filter(doc_type="shipment", doc_id=shipment.pk, to_status="shipped").exists()


def test_stock_leaves_at_moving_average_cost_and_the_ledger_stays_clean(shipping: Shipping) -> None:
    # given 100 shirts at cost 20 and an order of 4
    order = shipping.order([(shipping.shirt, "4")])
    # when it ships
    shipment = shipping.ship(order)
    # then one SHIPMENT movement names the shipment, at cost, off hand and out of the reservation
    movement = StockMovement.objects.get(source_type="shipment", source_id=shipment.pk)
    assert movement.kind == "shipment"
    assert movement.source_ref == shipment.number
    assert movement.on_hand_delta == Decimal("-4")
    assert movement.reserved_delta == Decimal("-4")
    assert movement.unit_cost == Decimal("20")
    assert movement.value == Decimal("-80")
    level = StockLevel.objects.get(sku=shipping.shirt, warehouse=shipping.room.main)
    assert level.on_hand == Decimal("96") and level.reserved == Decimal("0")
    line = SalesOrderLine.objects.get(order=order)
    assert line.shipped_quantity == Decimal("4") and line.cost_amount == Decimal("80")
    assert ledger_mismatches() == []


def test_partial_shipments_move_the_order_on_step_by_step(shipping: Shipping) -> None:
    order = shipping.order([(shipping.shirt, "10"), (shipping.phone, "2")])
    shirt_line, phone_line = SalesOrderLine.objects.filter(order=order).order_by("line_no")
    # when 4 shirts ship first
    first = shipping.ship(order, lines=[ShipmentLineInput(shirt_line.pk, "4")])
    order.refresh_from_db()
    assert order.status == OrderStatus.PARTLY_SHIPPED
    # and the rest (6 shirts, 2 phones) second, without naming lines
    second = shipping.ship(order)
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_SIGNBACK
    assert [(line.sku_id, line.quantity) for line in second.lines.order_by("id")] == [
        (shipping.shirt.pk, Decimal("6")),
        (shipping.phone.pk, Decimal("2")),
    ]
    assert first.lines.get().quantity == Decimal("4")
    assert ledger_mismatches() == []


def test_nothing_left_to_ship_and_over_shipment_are_refused(shipping: Shipping) -> None:
    order = shipping.order([(shipping.shirt, "2")])
    line = SalesOrderLine.objects.get(order=order)
    with pytest.raises(InvalidInput) as over:
        shipping.ship(order, lines=[ShipmentLineInput(line.pk, "3")])
    assert codes(over.value) == ["over_shipment"]
    assert over.value.problems[0].field == "lines.0.quantity"
    shipping.ship(order)
    with pytest.raises(InvalidInput) as closed:
        shipping.ship(order)
    assert codes(closed.value) == ["order_not_shippable"]


def test_duplicate_line_and_foreign_line_have_their_codes(shipping: Shipping) -> None:
    order = shipping.order([(shipping.shirt, "2")])
    other = shipping.order([(shipping.phone, "1")])
    line = SalesOrderLine.objects.get(order=order)
    foreign = SalesOrderLine.objects.get(order=other)
    with pytest.raises(InvalidInput) as caught:
        shipping.ship(
            order,
            lines=[
                ShipmentLineInput(line.pk, "1"),
                ShipmentLineInput(line.pk, "1"),
                ShipmentLineInput(foreign.pk, "1"),
            ],
        )
    assert codes(caught.value) == ["duplicate_line", "not_found"]
    assert not Shipment.objects.filter(order=order).exists()


def test_a_shipment_draws_from_one_warehouse(shipping: Shipping) -> None:
    room = shipping.room
    room.receive(shipping.phone, "5", "1000", warehouse=room.branch)
    order = shipping.order([(shipping.shirt, "1")])
    # a second line in the branch warehouse, added like an edit would (the line's own warehouse)
    SalesOrderLine.objects.create(
        order=order,
        line_no=2,
        sku=shipping.phone,
        warehouse=room.branch,
        unit_name="件",
        quantity=1,
        base_quantity=1,
        unit_price=1999,
        amount=1999,
    )
    with pytest.raises(InvalidInput) as caught:
        shipping.ship(order)
    assert codes(caught.value) == ["warehouse_required"]
    lines = list(SalesOrderLine.objects.filter(order=order).order_by("line_no"))
    with pytest.raises(InvalidInput) as mixed:
        shipping.ship(order, lines=[ShipmentLineInput(lines[0].pk, "1"), ShipmentLineInput(lines[1].pk, "1")])
    assert codes(mixed.value) == ["warehouse_mismatch"]
    shipment = shipping.ship(order, warehouse_id=room.main.pk)
    assert shipment.warehouse_id == room.main.pk


def test_express_needs_a_tracking_number_but_our_own_delivery_does_not(shipping: Shipping) -> None:
    order = shipping.order([(shipping.shirt, "1")])
    with pytest.raises(InvalidInput) as caught:
        shipping.ship(order, "")
    assert codes(caught.value) == ["tracking_required"]
    van = shipping.order([(shipping.shirt, "1")], delivery_method=DeliveryMethod.DELIVERY)
    shipment = shipping.ship(van, "")
    assert shipment.status == ShipmentStatus.SHIPPED and shipment.carrier is None


def test_an_ambiguous_or_unknown_number_needs_a_chosen_carrier(shipping: Shipping) -> None:
    order = shipping.order([(shipping.shirt, "2")])
    line = SalesOrderLine.objects.get(order=order)
    # 568123456789 fits both ZTO's and STO's older 12-digit ranges
    with pytest.raises(InvalidInput) as ambiguous:
        shipping.ship(order, "568123456789", lines=[ShipmentLineInput(line.pk, "1")])
    assert codes(ambiguous.value) == ["carrier_required"]
    with pytest.raises(InvalidInput) as unknown:
        shipping.ship(order, "ABC-123", lines=[ShipmentLineInput(line.pk, "1")])
    assert codes(unknown.value) == ["carrier_required"]
    # a manual carrier is accepted for a number that fits none of its patterns
    shipment = shipping.ship(
        order, "ABC-123", carrier_id=shipping.carrier("DEPPON").pk, lines=[ShipmentLineInput(line.pk, "1")]
    )
    assert shipment.tracking_number == "ABC123" and shipment.carrier.code == "DEPPON"


def test_a_tracking_number_is_unique_per_carrier(shipping: Shipping) -> None:
    first = shipping.order([(shipping.shirt, "1")])
    second = shipping.order([(shipping.shirt, "1")])
    number = sf_number()
    shipped = shipping.ship(first, number)
    with pytest.raises(InvalidInput) as caught:
        shipping.ship(second, number)
    assert codes(caught.value) == ["tracking_number_taken"]
    assert shipped.number in caught.value.message
    # the same digits with another carrier are another parcel
    shipping.ship(second, "JT5261988016578")
    assert Shipment.objects.filter(order=second).count() == 1


def test_pack_then_ship_and_cancel_a_plan(shipping: Shipping) -> None:
    order = shipping.order([(shipping.shirt, "5")])
    packed = shipping.pack(order)
    assert packed.status == ShipmentStatus.PACKING
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_SHIPMENT  # nothing has left stock
    assert not StockMovement.objects.filter(source_type="shipment").exists()
    # everything open is planned now: a second plan finds nothing
    with pytest.raises(InvalidInput) as caught:
        shipping.pack(order)
    assert codes(caught.value) == ["nothing_to_ship"]
    cancelled = services.shipment_cancel(actor=shipping.keeper, shipment_id=packed.pk, reason="换箱")
    assert cancelled.status == ShipmentStatus.CANCELLED
    again = shipping.pack(order)
    shipped = services.shipment_ship(actor=shipping.keeper, shipment_id=again.pk, tracking_number=sf_number())
    assert shipped.status == ShipmentStatus.SHIPPED
    with pytest.raises(InvalidInput) as twice:
        services.shipment_ship(actor=shipping.keeper, shipment_id=again.pk, tracking_number=sf_number())
    assert codes(twice.value) == ["shipment_not_packing"]
    with pytest.raises(InvalidInput) as late:
        services.shipment_cancel(actor=shipping.keeper, shipment_id=again.pk)
    assert codes(late.value) == ["shipment_not_packing"]
    assert ledger_mismatches() == []


def test_verification_required_refuses_unverified_shipping(shipping: Shipping) -> None:
    services.shipping_settings_update(actor=shipping.keeper, require_verification=True)
    order = shipping.order([(shipping.shirt, "1")])
    with pytest.raises(InvalidInput) as one_step:
        shipping.ship(order)
    assert codes(one_step.value) == ["verification_required"]
    packed = shipping.pack(order)
    with pytest.raises(InvalidInput) as unverified:
        services.shipment_ship(actor=shipping.keeper, shipment_id=packed.pk, tracking_number=sf_number())
    assert codes(unverified.value) == ["not_verified"]
    services.shipment_verify_scan(actor=shipping.keeper, shipment_id=packed.pk, code=shipping.shirt.code)
    shipped = services.shipment_ship(
        actor=shipping.keeper, shipment_id=packed.pk, tracking_number=sf_number()
    )
    assert shipped.status == ShipmentStatus.SHIPPED


def test_tracking_number_can_be_corrected_until_signed(shipping: Shipping) -> None:
    order = shipping.order([(shipping.shirt, "1")])
    shipment = shipping.ship(order)
    fixed = services.shipment_tracking_update(
        actor=shipping.keeper, shipment_id=shipment.pk, tracking_number="YT8962646785389"
    )
    assert fixed.carrier.code == "YTO" and fixed.tracking_number == "YT8962646785389"
    with pytest.raises(InvalidInput) as caught:
        services.shipment_tracking_update(actor=shipping.keeper, shipment_id=shipment.pk, tracking_number="")
    assert codes(caught.value) == ["tracking_required"]


def test_only_shipping_staff_ship(shipping: Shipping) -> None:
    order = shipping.order([(shipping.shirt, "1")])
    for role in ("sales", "manager", "finance"):
        with pytest.raises(DomainError) as caught:
            shipping.ship(order, actor=shipping.user(role))
        assert caught.value.code == "forbidden"


def test_idempotent_single_shipping_returns_the_first_shipment(shipping: Shipping) -> None:
    order = shipping.order([(shipping.shirt, "2")])
    line = SalesOrderLine.objects.get(order=order)
    first = shipping.ship(order, lines=[ShipmentLineInput(line.pk, "1")], idempotency_key="phone-retry-0001")
    again = shipping.ship(order, lines=[ShipmentLineInput(line.pk, "1")], idempotency_key="phone-retry-0001")
    assert first.pk == again.pk
    assert Shipment.objects.filter(order=order).count() == 1
