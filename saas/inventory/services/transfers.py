"""Transfers between warehouses (移库): out of the source at once, in transit, then received."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from saas.accounts.actors import Actor, actor_stamp, user_of
from saas.core.errors import InvalidInput, NotFound
from saas.core.idempotency import run_once
from saas.core.numbering import next_document_number
from saas.core.transitions import TransitionTable
from saas.inventory.models import MovementKind, Transfer, TransferLine, TransferStatus
from saas.inventory.services.common import (
    active_skus,
    active_warehouse,
    check_line_count,
    clean_quantity,
    require_inventory_manager,
)
from saas.inventory.services.ledger import Change, Source, movements_post

TRANSFER_FLOW = TransitionTable(
    "transfer",
    {TransferStatus.IN_TRANSIT: {TransferStatus.RECEIVED, TransferStatus.CANCELLED}},
)


@dataclass(frozen=True)
class TransferLineInput:
    sku_id: int
    quantity: Any


def transfer_create(
    *,
    actor: Actor,
    from_warehouse_id: int,
    to_warehouse_id: int,
    lines: list[TransferLineInput],
    note: str = "",
    idempotency_key: str | None = None,
) -> Transfer:
    require_inventory_manager(actor)
    source = active_warehouse(from_warehouse_id, "from_warehouse_id")
    target = active_warehouse(to_warehouse_id, "to_warehouse_id")
    if source.pk == target.pk:
        raise InvalidInput(
            _("Choose two different warehouses."), code="same_warehouse", field="to_warehouse_id"
        )
    check_line_count(lines)
    skus = active_skus([line.sku_id for line in lines])
    quantities = [clean_quantity(line.quantity, f"lines.{i}.quantity") for i, line in enumerate(lines)]

    def write() -> dict[str, int]:
        transfer = Transfer.objects.create(
            number=next_document_number("TR"),
            from_warehouse=source,
            to_warehouse=target,
            note=note.strip()[:200],
            created_by=user_of(actor),
        )
        doc = Source("transfer", transfer.pk, transfer.number)
        changes = []
        for line, quantity in zip(lines, quantities, strict=True):
            sku_id = skus[int(line.sku_id)].pk
            changes.append(
                Change(
                    sku_id=sku_id, warehouse_id=source.pk, kind=MovementKind.TRANSFER_OUT, on_hand=-quantity
                )
            )
            changes.append(
                Change(
                    sku_id=sku_id, warehouse_id=target.pk, kind=MovementKind.TRANSFER_IN, in_transit=quantity
                )
            )
        movements = movements_post(actor=actor, source=doc, changes=changes)
        TransferLine.objects.bulk_create(
            TransferLine(transfer=transfer, sku_id=m.sku_id, quantity=-m.on_hand_delta, unit_cost=m.unit_cost)
            for m in movements
            if m.kind == MovementKind.TRANSFER_OUT
        )
        TRANSFER_FLOW.record(
            by=actor_stamp(actor), document=transfer, from_status="", to_status=TransferStatus.IN_TRANSIT
        )
        return {"pk": transfer.pk}

    with transaction.atomic():
        result, _replayed = run_once(
            by=actor_stamp(actor), key=idempotency_key, operation="transfer_create", write=write
        )
    return Transfer.objects.get(pk=result["pk"])


def _locked_transfer(transfer_id: int) -> Transfer:
    transfer = Transfer.objects.select_for_update().filter(pk=transfer_id).first()
    if transfer is None:
        raise NotFound(_("Transfer not found."), field="id")
    return transfer


@transaction.atomic
def transfer_receive(*, actor: Actor, transfer_id: int, note: str = "") -> Transfer:
    """The destination takes the goods in at the cost they left the source with."""
    require_inventory_manager(actor)
    transfer = _locked_transfer(transfer_id)
    TRANSFER_FLOW.move(by=actor_stamp(actor), document=transfer, to=TransferStatus.RECEIVED, note=note)
    movements_post(
        actor=actor,
        source=Source("transfer", transfer.pk, transfer.number),
        changes=[
            Change(
                sku_id=line.sku_id,
                warehouse_id=transfer.to_warehouse_id,
                kind=MovementKind.TRANSFER_IN,
                on_hand=line.quantity,
                in_transit=-line.quantity,
                unit_cost=line.unit_cost,
            )
            for line in transfer.lines.all()
        ],
    )
    return transfer


@transaction.atomic
def transfer_cancel(*, actor: Actor, transfer_id: int, note: str = "") -> Transfer:
    """Goods still in transit go back to the source, at the cost they left with."""
    require_inventory_manager(actor)
    transfer = _locked_transfer(transfer_id)
    TRANSFER_FLOW.move(by=actor_stamp(actor), document=transfer, to=TransferStatus.CANCELLED, note=note)
    doc = Source("transfer", transfer.pk, transfer.number)
    changes = []
    for line in transfer.lines.all():
        changes.append(
            Change(
                sku_id=line.sku_id,
                warehouse_id=transfer.to_warehouse_id,
                kind=MovementKind.TRANSFER_OUT,
                in_transit=-line.quantity,
            )
        )
        changes.append(
            Change(
                sku_id=line.sku_id,
                warehouse_id=transfer.from_warehouse_id,
                kind=MovementKind.TRANSFER_IN,
                on_hand=line.quantity,
                unit_cost=line.unit_cost,
                reason="transfer cancelled",
            )
        )
    movements_post(actor=actor, source=doc, changes=changes)
    return transfer
