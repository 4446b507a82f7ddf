"""Queries of shipping: carriers, carrierSuggest, shipments, shipment, shipmentLookup,
shipmentVerifyState, shipmentBatch, ordersToShip, ordersToShipSummary, ordersPendingSignback,
shippingOrder, pickList, dailyShippingList, shippingSettings, printTemplates, printTemplate,
shipmentImportPreview."""

from __future__ import annotations

import base64
import binascii
from datetime import date
from enum import Enum
from typing import Annotated, Any
from urllib.parse import urlencode

import strawberry
from django.utils.translation import gettext as _
from strawberry.types import Info

from saas.api.choices import model_value, model_values
from saas.api.pagination import After, First, UpdatedSince, page_window
from saas.api.permissions import current_actor
from saas.api.shipping.inputs import ShipmentFilterInput, ShippingOrderFilterInput
from saas.api.shipping.order_types import (
    DailyShippingList,
    ImportRowType,
    OrderGroup,
    PickListType,
    ShippingOrderPage,
    ShippingOrderType,
    SummaryRowType,
    VerifyStateType,
    daily_view,
    delivery_list_url,
    import_row_view,
    order_view,
    pick_list_view,
    summary_view,
    verify_view,
)
from saas.api.shipping.projection import shipment_fetcher
from saas.api.shipping.results import batch_view
from saas.api.shipping.setup_types import (
    PrintDocumentKind,
    PrintTemplateType,
    ShippingSettingsType,
    settings_view,
    template_view,
)
from saas.api.shipping.types import (
    CarrierCandidate,
    CarrierConfidence,
    CarrierSuggestion,
    CarrierType,
    ShipmentBatchType,
    ShipmentPage,
    ShipmentType,
    carrier_view,
    shipment_view,
)
from saas.api.sorting import SortDirection, sort_key
from saas.core.errors import InvalidInput
from saas.core.paging import check_page
from saas.shipping import selectors
from saas.shipping.access import sees_money
from saas.shipping.carriers import HIGH, MEDIUM
from saas.shipping.imports import MAX_FILE_BYTES, import_preview

MAX_IDS = 500


@strawberry.enum(description="The columns the shipments list sorts by.")
class ShipmentSortField(Enum):
    NUMBER = strawberry.enum_value("number", description="Shipment number (SH-…).")
    SHIP_DATE = strawberry.enum_value("ship_date", description="The day it shipped (not yet: last).")
    CUSTOMER = strawberry.enum_value("customer", description="The order's customer's name.")
    ORDER = strawberry.enum_value("order", description="The order's number.")
    STATUS = strawberry.enum_value("status", description="Status.")
    WAREHOUSE = strawberry.enum_value("warehouse", description="The warehouse it leaves from.")
    CARRIER = strawberry.enum_value(
        "carrier", description="The carrier, by its code (the same in every language)."
    )
    TRACKING_NUMBER = strawberry.enum_value("tracking_number", description="Tracking number.")
    DELIVERY_METHOD = strawberry.enum_value("delivery_method", description="How it is delivered.")


@strawberry.input(description="Sort the shipments list by one column (then by id).")
class ShipmentOrderBy:
    field: ShipmentSortField = strawberry.field(description="The column.")
    direction: SortDirection = strawberry.field(default=SortDirection.ASC, description="Which way.")


def _order_filters(filter: ShippingOrderFilterInput | None) -> selectors.OrderFilters:
    f = filter or ShippingOrderFilterInput()
    return selectors.OrderFilters(
        statuses=model_values(f.statuses),
        delivery_method=model_value(f.delivery_method),
        rep_id=f.rep_id,
        customer_id=f.customer_id,
        warehouse_id=f.warehouse_id,
        date_from=f.date_from,
        date_to=f.date_to,
        search=f.search,
    )


def _order_page(
    info: Info, queryset: Any, limit: int, offset: int, print_params: dict[str, str]
) -> ShippingOrderPage:
    actor = current_actor(info)
    orders = list(queryset[offset : offset + limit])
    selectors.attach_signback_due(orders)
    planned = selectors.planned_by_line([o.pk for o in orders])
    money = sees_money(actor)
    return ShippingOrderPage(
        total_count=queryset.count(),
        items=[order_view(o, money=money, planned=planned) for o in orders],
        print_url=delivery_list_url(print_params),
    )


def _ids_checked(values: list[strawberry.ID] | None, field: str) -> list[Any]:
    values = list(values or [])
    if len(values) > MAX_IDS:
        raise InvalidInput(_("Too many ids."), code="too_many_lines", field=field)
    return values


@strawberry.type
class ShippingQueries:
    @strawberry.field(description="Active carriers, most used first; includeInactive for the setup screen.")
    def carriers(self, info: Info, include_inactive: bool = False) -> list[CarrierType]:
        found = selectors.carrier_list(actor=current_actor(info), include_inactive=include_inactive)
        return [carrier_view(c) for c in found]

    @strawberry.field(
        description="Ranked carriers for a tracking number as it is typed or scanned. Letter-prefixed "
        "numbers are certain (HIGH); numeric ones may fit several carriers (LOW), ranked by this "
        "workspace's own history; PARTIAL while the number is still incomplete."
    )
    def carrier_suggest(self, info: Info, tracking_number: str) -> CarrierSuggestion:
        result = selectors.carrier_suggest(actor=current_actor(info), tracking_number=tracking_number[:80])
        candidates = [
            CarrierCandidate(
                carrier=carrier_view(s.carrier),
                confidence=CarrierConfidence(s.candidate.confidence),
                complete=s.candidate.complete,
                used_count=s.candidate.used_count,
                taken_by=s.taken_by,
            )
            for s in result.candidates
        ]
        clear = [
            c for c in candidates if c.confidence in (CarrierConfidence(HIGH), CarrierConfidence(MEDIUM))
        ]
        return CarrierSuggestion(
            tracking_number=result.tracking_number,
            well_formed=result.well_formed,
            candidates=candidates,
            best=clear[0] if len(clear) == 1 else None,
        )

    @strawberry.field(description="Newest first, or by `orderBy`.")
    def shipments(
        self,
        info: Info,
        filter: ShipmentFilterInput | None = None,
        order_by: Annotated[
            ShipmentOrderBy | None,
            strawberry.argument(description="A column to sort by; cursor paging keeps (updatedAt, id)."),
        ] = None,
        limit: int = 50,
        offset: int = 0,
        updated_since: UpdatedSince = None,
        after: After = None,
        first: First = None,
    ) -> ShipmentPage:
        actor = current_actor(info)
        f = filter or ShipmentFilterInput()
        sort, descending = sort_key(order_by)
        queryset = selectors.shipment_list(
            actor=actor,
            filters=selectors.ShipmentFilters(
                status=model_value(f.status),
                order_id=f.order_id,
                carrier_id=f.carrier_id,
                warehouse_id=f.warehouse_id,
                date_from=f.date_from,
                date_to=f.date_to,
                search=f.search,
                customer_id=f.customer_id,
                sort=sort,
                descending=descending,
            ),
        )
        fast = shipment_fetcher(info)
        window = page_window(
            info,
            queryset,
            list_name="shipments",
            limit=limit,
            offset=offset,
            first=first,
            after=after,
            updated_since=updated_since,
            fetch=fast,
        )
        if fast is not None:  # plain rows already of the type (saas/api/shipping/projection.py)
            items = window.rows
        else:
            money = sees_money(actor)
            items = [shipment_view(s, money=money) for s in window.rows]
        return ShipmentPage(total_count=window.total_count, items=items, page_info=window.page_info)

    @strawberry.field(description="One shipment with its lines, proofs and status history.")
    def shipment(self, info: Info, id: strawberry.ID) -> ShipmentType:
        actor = current_actor(info)
        return shipment_view(selectors.shipment_get(actor=actor, shipment_id=id), money=sees_money(actor))

    @strawberry.field(description="Shipments a scanned code names: shipment, tracking or order number.")
    def shipment_lookup(self, info: Info, code: str) -> list[ShipmentType]:
        actor = current_actor(info)
        money = sees_money(actor)
        return [shipment_view(s, money=money) for s in selectors.shipment_lookup(actor=actor, code=code)]

    @strawberry.field(description="What is missing and extra in a package being verified.")
    def shipment_verify_state(self, info: Info, shipment_id: strawberry.ID) -> VerifyStateType:
        return verify_view(selectors.shipment_verify_get(actor=current_actor(info), shipment_id=shipment_id))

    @strawberry.field(description="A batch's per-row results, as shipmentBatchShip returned them.")
    def shipment_batch(self, info: Info, id: strawberry.ID) -> ShipmentBatchType:
        actor = current_actor(info)
        batch = selectors.shipment_batch_get(actor=actor, batch_id=id)
        return batch_view(batch, selectors.batch_shipments(batch), money=sees_money(actor))

    @strawberry.field(
        description="Orders to deliver, oldest due first: by delivery method, rep, customer, warehouse "
        "and due date. A manager sees all, a rep own orders, the warehouse orders in shipment."
    )
    def orders_to_ship(
        self, info: Info, filter: ShippingOrderFilterInput | None = None, limit: int = 50, offset: int = 0
    ) -> ShippingOrderPage:
        check_page(limit, offset)
        filters = _order_filters(filter)
        queryset = selectors.orders_to_ship(actor=current_actor(info), filters=filters)
        params = {
            "method": filters.delivery_method or "",
            "rep": str(filters.rep_id or ""),
            "customer": str(filters.customer_id or ""),
            "warehouse": str(filters.warehouse_id or ""),
            "from": str(filters.date_from or ""),
            "to": str(filters.date_to or ""),
            "search": filters.search,
        }
        return _order_page(info, queryset, limit, offset, params)

    @strawberry.field(description="Orders to deliver per rep, customer or delivery method.")
    def orders_to_ship_summary(
        self, info: Info, group_by: OrderGroup, filter: ShippingOrderFilterInput | None = None
    ) -> list[SummaryRowType]:
        actor = current_actor(info)
        rows = selectors.orders_to_ship_summary(
            actor=actor, filters=_order_filters(filter), group_by=group_by.value
        )
        money = sees_money(actor)
        return [summary_view(row, money=money) for row in rows]

    @strawberry.field(
        description="Orders waiting for their signed delivery note, longest first, with the overdue flag "
        "(ShippingSettings.signbackOverdueDays, counted in the workspace's days)."
    )
    def orders_pending_signback(
        self,
        info: Info,
        overdue_only: bool = False,
        rep_id: strawberry.ID | None = None,
        search: str = "",
        limit: int = 50,
        offset: int = 0,
    ) -> ShippingOrderPage:
        check_page(limit, offset)
        queryset = selectors.orders_pending_signback(
            actor=current_actor(info), overdue_only=overdue_only, rep_id=rep_id, search=search[:60]
        )
        return _order_page(
            info, queryset, limit, offset, {"status": "pending_signback", "rep": str(rep_id or "")}
        )

    @strawberry.field(description="One order as the shipping screens show it.")
    def shipping_order(self, info: Info, id: strawberry.ID) -> ShippingOrderType:
        actor = current_actor(info)
        order = selectors.shipping_order_get(actor=actor, order_id=id)
        return order_view(order, money=sees_money(actor), planned=selectors.planned_by_line([order.pk]))

    @strawberry.field(description="What to pick for orders or packing shipments, by warehouse and bin.")
    def pick_list(
        self,
        info: Info,
        order_ids: list[strawberry.ID] | None = None,
        shipment_ids: list[strawberry.ID] | None = None,
    ) -> PickListType:
        orders, shipments = _ids_checked(order_ids, "orderIds"), _ids_checked(shipment_ids, "shipmentIds")
        pick = selectors.pick_list(actor=current_actor(info), order_ids=orders, shipment_ids=shipments)
        params = {
            "orders": ",".join(str(i) for i in orders),
            "shipments": ",".join(str(i) for i in shipments),
        }
        query = urlencode({k: v for k, v in params.items() if v})
        return pick_list_view(pick, f"/shipping/print/pick-list/?{query}")

    @strawberry.field(description="What shipped on one day (the workspace's day), in the order it left.")
    def daily_shipping_list(
        self, info: Info, date: date, warehouse_id: strawberry.ID | None = None
    ) -> DailyShippingList:
        actor = current_actor(info)
        daily = selectors.daily_list(actor=actor, day=date, warehouse_id=warehouse_id)
        return daily_view(daily, money=sees_money(actor))

    @strawberry.field
    def shipping_settings(self, info: Info) -> ShippingSettingsType:
        return settings_view(selectors.settings_get(actor=current_actor(info)))

    @strawberry.field(description="Every printed document's fields, in print order, for the template editor.")
    def print_templates(self, info: Info) -> list[PrintTemplateType]:
        return [template_view(view) for view in selectors.print_template_list(actor=current_actor(info))]

    @strawberry.field
    def print_template(self, info: Info, kind: PrintDocumentKind) -> PrintTemplateType:
        return template_view(selectors.print_template_get(actor=current_actor(info), kind=kind.value))

    @strawberry.field(
        description="Check a CSV or XLSX of order number → tracking number (base64, at most 2 MB) without "
        "shipping: each row's order, carrier and problems. The same as POST /shipping/import/preview/."
    )
    def shipment_import_preview(self, info: Info, content_base64: str, file_name: str) -> list[ImportRowType]:
        if len(content_base64) > MAX_FILE_BYTES * 4 // 3 + 4:
            raise InvalidInput(_("Files can be at most 2 MB."), code="file_too_large", field="contentBase64")
        try:
            content = base64.b64decode(content_base64, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise InvalidInput(
                _("Send the file as base64."), code="file_invalid", field="contentBase64"
            ) from exc
        rows = import_preview(actor=current_actor(info), content=content, filename=file_name[:200])
        return [import_row_view(row) for row in rows]
