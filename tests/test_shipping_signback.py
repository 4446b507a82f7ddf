"""Sign-back: a photo upload or a drawn signature completes the order, or marks one shipment
signed while others are still out; the overdue flag counts the workspace's own days."""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from saas.accounts.todos import todo_counts
from saas.core.errors import DomainError, InvalidInput
from saas.sales.models import OrderStatus, SalesOrderLine
from saas.shipping import selectors, services
from saas.shipping.models import ProofKind, ShipmentStatus, SignBackProof
from saas.shipping.services import ProofUpload, ShipmentLineInput
from tests.fixtures.catalog import PNG_BYTES
from tests.fixtures.shipping import Shipping
from tests.fixtures.tenants import client_for


def photo() -> ProofUpload:
    return ProofUpload(ProofKind.PHOTO, ContentFile(PNG_BYTES, name="note.png"))


def test_photo_upload_completes_the_order(shipping: Shipping, shipping_urls: None, media_root: Any) -> None:
    order = shipping.order([(shipping.shirt, "2")])
    shipment = shipping.ship(order)
    client = client_for(shipping.room.workspace, shipping.keeper)
    response = client.post(
        f"/shipping/shipments/{shipment.pk}/sign-back/",
        {
            "file": ContentFile(PNG_BYTES, name="签回单.png"),
            "signedAt": "2026-05-18T10:30:00+08:00",
            "latitude": "30.274084",
            "longitude": "120.155070",
            "note": "前台代收",
        },
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["errors"] == []
    assert body["shipment"]["status"] == "signed"
    assert body["order"]["status"] == OrderStatus.COMPLETED
    shipment.refresh_from_db()
    assert str(shipment.sign_latitude) == "30.274084" and shipment.sign_note == "前台代收"
    proof = SignBackProof.objects.get(shipment=shipment)
    schema = shipping.room.workspace.tenant.schema_name
    assert proof.file.name.startswith(f"tenants/{schema}/shipping/signbacks/{shipment.pk}/")
    assert proof.file.name.endswith(".png")
    download = client.get(body["shipment"]["proofs"][0]["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PNG_BYTES


def test_upload_refusals_have_codes(shipping: Shipping, shipping_urls: None, media_root: Any) -> None:
    shipment = shipping.ship(shipping.order([(shipping.shirt, "1")]))
    client = client_for(shipping.room.workspace, shipping.keeper)
    url = f"/shipping/shipments/{shipment.pk}/sign-back/"
    nothing = client.post(url, {"note": "x"})
    assert nothing.status_code == 400 and nothing.json()["errors"][0]["code"] == "proof_required"
    text = client.post(url, {"file": ContentFile(b"not an image at all", name="x.png")})
    assert text.json()["errors"][0]["code"] == "image_invalid"
    half = client.post(url, {"file": ContentFile(PNG_BYTES, name="a.png"), "latitude": "30.1"})
    assert half.json()["errors"][0]["code"] == "location_invalid"
    anonymous = client_for(shipping.room.workspace).post(url, {"file": ContentFile(PNG_BYTES, name="a.png")})
    assert anonymous.status_code == 401
    assert not SignBackProof.objects.exists()


def test_a_signature_signs_one_shipment_while_another_is_still_out(
    shipping: Shipping, media_root: Any
) -> None:
    order = shipping.order([(shipping.shirt, "4")])
    line = SalesOrderLine.objects.get(order=order)
    first = shipping.ship(order, lines=[ShipmentLineInput(line.pk, "1")])
    second = shipping.ship(order)
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_SIGNBACK
    signature = "data:image/png;base64," + base64.b64encode(PNG_BYTES).decode()
    from saas.shipping.uploads import signature_file

    signed = services.shipment_sign_back(
        actor=shipping.keeper,
        shipment_id=first.pk,
        proofs=[ProofUpload(ProofKind.SIGNATURE, signature_file(signature))],
    )
    assert signed.status == ShipmentStatus.SIGNED
    order.refresh_from_db()
    assert order.status == OrderStatus.PENDING_SIGNBACK  # the second parcel is not signed for yet
    services.shipment_sign_back(actor=shipping.keeper, shipment_id=second.pk, proofs=[photo()])
    order.refresh_from_db()
    assert order.status == OrderStatus.COMPLETED


def test_a_partly_shipped_order_stays_open_when_its_parcel_is_signed(
    shipping: Shipping, media_root: Any
) -> None:
    order = shipping.order([(shipping.shirt, "4")])
    line = SalesOrderLine.objects.get(order=order)
    first = shipping.ship(order, lines=[ShipmentLineInput(line.pk, "1")])
    services.shipment_sign_back(actor=shipping.keeper, shipment_id=first.pk, proofs=[photo()])
    order.refresh_from_db()
    assert order.status == OrderStatus.PARTLY_SHIPPED
    last = shipping.ship(order)
    services.shipment_sign_back(actor=shipping.keeper, shipment_id=last.pk, proofs=[photo()])
    order.refresh_from_db()
    assert order.status == OrderStatus.COMPLETED


def test_sign_back_rules(shipping: Shipping, media_root: Any) -> None:
    order = shipping.order([(shipping.shirt, "2")])
    packed = shipping.pack(order)
    with pytest.raises(InvalidInput) as packing:
        services.shipment_sign_back(actor=shipping.keeper, shipment_id=packed.pk, proofs=[photo()])
    assert packing.value.code == "shipment_not_shipped"
    shipped = services.shipment_ship(
        actor=shipping.keeper, shipment_id=packed.pk, tracking_number="JT5261988016578"
    )
    with pytest.raises(InvalidInput) as future:
        services.shipment_sign_back(
            actor=shipping.keeper,
            shipment_id=shipped.pk,
            proofs=[photo()],
            signed_at="2999-01-01T00:00:00+08:00",
        )
    assert future.value.code == "datetime_invalid"
    services.shipment_sign_back(actor=shipping.keeper, shipment_id=shipped.pk, proofs=[photo()])
    with pytest.raises(InvalidInput) as again:
        services.shipment_sign_back(actor=shipping.keeper, shipment_id=shipped.pk, proofs=[photo()])
    assert again.value.code == "already_signed"


def test_the_rep_records_own_sign_backs_only(shipping: Shipping, media_root: Any) -> None:
    shipment = shipping.ship(shipping.order([(shipping.shirt, "1")]))
    other_rep = shipping.second_rep()
    with pytest.raises(DomainError) as caught:
        services.shipment_sign_back(actor=other_rep, shipment_id=shipment.pk, proofs=[photo()])
    assert caught.value.code == "not_found"
    services.shipment_sign_back(actor=shipping.rep, shipment_id=shipment.pk, proofs=[photo()])
    shipment.order.refresh_from_db()
    assert shipment.order.status == OrderStatus.COMPLETED


def _freeze(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_overdue_sign_back_counts_days_in_the_workspace_time_zone(
    shipping: Shipping, monkeypatch: pytest.MonkeyPatch
) -> None:
    # shipped at 23:30 Beijing time on 1 May (15:30 UTC): the shipping day is 1 May
    _freeze(monkeypatch, datetime(2026, 5, 1, 15, 30, tzinfo=UTC))
    order = shipping.order([(shipping.shirt, "1")])
    shipment = shipping.ship(order)
    assert str(shipment.ship_date) == "2026-05-01"
    keeper = shipping.keeper

    def flagged() -> tuple[list[int], bool, int]:
        overdue = [o.pk for o in selectors.orders_pending_signback(actor=keeper, overdue_only=True)]
        listed = list(selectors.orders_pending_signback(actor=keeper))
        selectors.attach_signback_due(listed)
        counter = dict(todo_counts(actor=keeper))["shipping.signback_overdue"]
        return overdue, listed[0].signback_overdue, counter  # type: ignore[attr-defined]

    # 8 May 23:59 in Beijing: 7 days have passed, not more
    _freeze(monkeypatch, datetime(2026, 5, 8, 15, 59, tzinfo=UTC))
    assert flagged() == ([], False, 0)
    # 9 May 00:01 in Beijing, still 8 May in UTC: overdue
    _freeze(monkeypatch, datetime(2026, 5, 8, 16, 1, tzinfo=UTC))
    assert flagged() == ([order.pk], True, 1)
    # a workspace that allows 10 days is not chasing it yet
    services.shipping_settings_update(actor=keeper, signback_overdue_days=10)
    assert flagged() == ([], False, 0)
    with pytest.raises(InvalidInput) as caught:
        services.shipping_settings_update(actor=keeper, signback_overdue_days=0)
    assert caught.value.code == "days_invalid"
