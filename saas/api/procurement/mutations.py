"""Mutations of procurement. Each calls one service and returns a payload with typed `errors`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

import strawberry
from strawberry.types import Info

from saas.api.errors import FieldError, run_service
from saas.api.permissions import current_actor
from saas.api.procurement.inputs import (
    ContactInput,
    GoodsReceiptCreateInput,
    PurchaseOrderCreateInput,
    PurchaseOrderLineInput,
    PurchaseOrderUpdateInput,
    ReplenishmentLineInput,
    SupplierCreateInput,
    SupplierItemInput,
    SupplierPaymentInput,
    SupplierReturnCreateInput,
    SupplierUpdateInput,
)
from saas.api.procurement.types import (
    GoodsReceiptType,
    PurchaseOrderType,
    SupplierItemType,
    SupplierPaymentType,
    SupplierReturnType,
    SupplierType,
)
from saas.procurement import services
from saas.procurement.models import GoodsReceipt, PurchaseOrder


@strawberry.type
class SupplierPayload:
    supplier: SupplierType | None
    errors: list[FieldError]


@strawberry.type
class SupplierItemPayload:
    supplier_item: SupplierItemType | None
    errors: list[FieldError]


@strawberry.type
class SupplierItemRemovePayload:
    ok: bool
    errors: list[FieldError]


@strawberry.type
class PurchaseOrderPayload:
    purchase_order: PurchaseOrderType | None
    errors: list[FieldError]


@strawberry.type
class GoodsReceiptPayload:
    goods_receipt: GoodsReceiptType | None
    purchase_order: PurchaseOrderType | None = strawberry.field(description="With its new status.")
    errors: list[FieldError]


@strawberry.type
class SupplierReturnPayload:
    supplier_return: SupplierReturnType | None
    errors: list[FieldError]


@strawberry.type
class SupplierPaymentPayload:
    payment: SupplierPaymentType | None
    errors: list[FieldError]


@strawberry.type
class ReplenishmentConfirmPayload:
    purchase_orders: list[PurchaseOrderType] = strawberry.field(description="Drafts, one per supplier.")
    errors: list[FieldError]


def _contacts(contacts: list[ContactInput] | None) -> list[services.ContactInput] | None:
    if contacts is None:
        return None
    return [services.ContactInput(name=c.name, phone=c.phone, email=c.email) for c in contacts]


def _order_lines(lines: list[PurchaseOrderLineInput]) -> list[services.OrderLineInput]:
    return [
        services.OrderLineInput(line.sku_id, line.warehouse_id, line.quantity, line.unit_price)
        for line in lines
    ]


def _order_payload(call: Callable[[], PurchaseOrder]) -> PurchaseOrderPayload:
    order, errors = run_service(call)
    return PurchaseOrderPayload(purchase_order=cast(PurchaseOrderType | None, order), errors=errors)


def _move(
    info: Info, id: strawberry.ID, note: str, service: Callable[..., PurchaseOrder]
) -> PurchaseOrderPayload:
    return _order_payload(lambda: service(actor=current_actor(info), order_id=id, note=note))


@strawberry.type
class ProcurementMutations:
    @strawberry.mutation
    def supplier_create(self, info: Info, input: SupplierCreateInput) -> SupplierPayload:
        supplier, errors = run_service(
            lambda: services.supplier_create(
                actor=current_actor(info),
                code=input.code,
                name=input.name,
                contacts=_contacts(input.contacts),
                payment_terms_days=input.payment_terms_days,
                address=input.address,
                notes=input.notes,
                idempotency_key=input.idempotency_key,
            )
        )
        return SupplierPayload(supplier=cast(SupplierType | None, supplier), errors=errors)

    @strawberry.mutation
    def supplier_update(self, info: Info, id: strawberry.ID, input: SupplierUpdateInput) -> SupplierPayload:
        supplier, errors = run_service(
            lambda: services.supplier_update(
                actor=current_actor(info),
                supplier_id=id,
                name=input.name,
                contacts=_contacts(input.contacts),
                payment_terms_days=input.payment_terms_days,
                address=input.address,
                notes=input.notes,
                is_active=input.is_active,
            )
        )
        return SupplierPayload(supplier=cast(SupplierType | None, supplier), errors=errors)

    @strawberry.mutation(description="Add or change a supplier's price, MOQ and lead time for a SKU.")
    def supplier_item_set(self, info: Info, input: SupplierItemInput) -> SupplierItemPayload:
        item, errors = run_service(
            lambda: services.supplier_item_set(
                actor=current_actor(info),
                supplier_id=input.supplier_id,
                sku_id=input.sku_id,
                price=input.price,
                pack_unit_id=input.pack_unit_id,
                min_order_qty=input.min_order_qty,
                lead_time_days=input.lead_time_days,
                supplier_sku_code=input.supplier_sku_code,
                is_active=input.is_active,
            )
        )
        return SupplierItemPayload(supplier_item=cast(SupplierItemType | None, item), errors=errors)

    @strawberry.mutation
    def supplier_item_remove(self, info: Info, id: strawberry.ID) -> SupplierItemRemovePayload:
        _result, errors = run_service(
            lambda: services.supplier_item_remove(actor=current_actor(info), item_id=id)
        )
        return SupplierItemRemovePayload(ok=not errors, errors=errors)

    @strawberry.mutation(
        description="A draft order; retrying with the same idempotencyKey returns the first."
    )
    def purchase_order_create(self, info: Info, input: PurchaseOrderCreateInput) -> PurchaseOrderPayload:
        return _order_payload(
            lambda: services.purchase_order_create(
                actor=current_actor(info),
                supplier_id=input.supplier_id,
                lines=_order_lines(input.lines),
                expected_date=input.expected_date,
                note=input.note,
                idempotency_key=input.idempotency_key,
            )
        )

    @strawberry.mutation(description="Change a draft.")
    def purchase_order_update(
        self, info: Info, id: strawberry.ID, input: PurchaseOrderUpdateInput
    ) -> PurchaseOrderPayload:
        expected: Any = services.KEEP if input.expected_date is strawberry.UNSET else input.expected_date
        return _order_payload(
            lambda: services.purchase_order_update(
                actor=current_actor(info),
                order_id=id,
                lines=None if input.lines is None else _order_lines(input.lines),
                expected_date=expected,
                note=input.note,
            )
        )

    @strawberry.mutation(description="draft → submitted")
    def purchase_order_submit(self, info: Info, id: strawberry.ID, note: str = "") -> PurchaseOrderPayload:
        return _move(info, id, note, services.purchase_order_submit)

    @strawberry.mutation(description="submitted → approved")
    def purchase_order_approve(self, info: Info, id: strawberry.ID, note: str = "") -> PurchaseOrderPayload:
        return _move(info, id, note, services.purchase_order_approve)

    @strawberry.mutation(description="submitted → draft, to be changed")
    def purchase_order_reopen(self, info: Info, id: strawberry.ID, note: str = "") -> PurchaseOrderPayload:
        return _move(info, id, note, services.purchase_order_reopen)

    @strawberry.mutation(description="draft, submitted or approved → cancelled, while nothing is received")
    def purchase_order_cancel(self, info: Info, id: strawberry.ID, note: str = "") -> PurchaseOrderPayload:
        return _move(info, id, note, services.purchase_order_cancel)

    @strawberry.mutation(description="partly_received or received → closed: nothing more is expected")
    def purchase_order_close(self, info: Info, id: strawberry.ID, note: str = "") -> PurchaseOrderPayload:
        return _move(info, id, note, services.purchase_order_close)

    @strawberry.mutation(
        description="Check goods in: accepted into stock at the order price, rejected kept apart."
    )
    def goods_receipt_create(self, info: Info, input: GoodsReceiptCreateInput) -> GoodsReceiptPayload:
        receipt, errors = run_service(
            lambda: services.goods_receipt_create(
                actor=current_actor(info),
                order_id=input.purchase_order_id,
                lines=[
                    services.ReceiptLineInput(
                        line_id=line.line_id,
                        accepted_qty=line.accepted_qty,
                        rejected_qty=line.rejected_qty,
                        reject_reason=line.reject_reason,
                        bin_id=line.bin_id,
                    )
                    for line in input.lines
                ],
                note=input.note,
                idempotency_key=input.idempotency_key,
            )
        )
        order = (
            None if receipt is None else PurchaseOrder.objects.get(pk=cast(GoodsReceipt, receipt).order_id)
        )
        return GoodsReceiptPayload(
            goods_receipt=cast(GoodsReceiptType | None, receipt),
            purchase_order=cast(PurchaseOrderType | None, order),
            errors=errors,
        )

    @strawberry.mutation(description="Send rejected goods, or goods from stock, back to a supplier.")
    def supplier_return_create(self, info: Info, input: SupplierReturnCreateInput) -> SupplierReturnPayload:
        supplier_return, errors = run_service(
            lambda: services.supplier_return_create(
                actor=current_actor(info),
                supplier_id=input.supplier_id,
                lines=[
                    services.ReturnLineInput(
                        quantity=line.quantity,
                        receipt_line_id=line.receipt_line_id,
                        sku_id=line.sku_id,
                        warehouse_id=line.warehouse_id,
                    )
                    for line in input.lines
                ],
                note=input.note,
                idempotency_key=input.idempotency_key,
            )
        )
        return SupplierReturnPayload(
            supplier_return=cast(SupplierReturnType | None, supplier_return), errors=errors
        )

    @strawberry.mutation(description="Finance or buyers record a payment to a supplier.")
    def supplier_payment_record(self, info: Info, input: SupplierPaymentInput) -> SupplierPaymentPayload:
        payment, errors = run_service(
            lambda: services.supplier_payment_record(
                actor=current_actor(info),
                supplier_id=input.supplier_id,
                amount=input.amount,
                paid_on=input.paid_on,
                method=input.method,
                reference=input.reference,
                note=input.note,
                idempotency_key=input.idempotency_key,
            )
        )
        return SupplierPaymentPayload(payment=cast(SupplierPaymentType | None, payment), errors=errors)

    @strawberry.mutation(description="Turn the kept suggestion lines into draft orders, one per supplier.")
    def replenishment_confirm(
        self,
        info: Info,
        lines: list[ReplenishmentLineInput],
        note: str = "",
        idempotency_key: str | None = None,
    ) -> ReplenishmentConfirmPayload:
        orders, errors = run_service(
            lambda: services.replenishment_confirm(
                actor=current_actor(info),
                lines=[
                    services.ConfirmLineInput(
                        line.supplier_id, line.sku_id, line.warehouse_id, line.quantity, line.unit_price
                    )
                    for line in lines
                ],
                note=note,
                idempotency_key=idempotency_key,
            )
        )
        return ReplenishmentConfirmPayload(
            purchase_orders=cast(list[PurchaseOrderType], orders or []), errors=errors
        )
