"""Building each printed document for a user: read through the selectors (visibility applies),
lay out with the tenant's template, decide whether money shows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.translation import gettext as _

from saas.accounts.actors import Actor
from saas.core.errors import InvalidInput, NotFound
from saas.inventory.models import Warehouse
from saas.sales.models import PrintDocument
from saas.sales.selectors.print_settings import print_options
from saas.shipping import selectors
from saas.shipping.access import require_settings_manager, sees_money, sees_prices_on_slips
from saas.shipping.models import PrintKind, PrintTemplate
from saas.shipping.printing.data import (
    daily_list_data,
    delivery_label,
    delivery_list_data,
    delivery_note_data,
    letterhead,
    pick_list_data,
)
from saas.shipping.printing.document import (
    DocData,
    Document,
    apply_print_options,
    apply_print_texts,
    layout,
)
from saas.shipping.printing.fields import TITLES, clean_kind, clean_template_fields, resolve
from saas.shipping.printing.sample import sample_pages
from saas.shipping.services.inputs import parse_id
from saas.shipping.services.settings import shipping_settings

MAX_NOTES = 100


def _document(
    kind: str,
    pages: Sequence[DocData],
    *,
    show_money: bool,
    fields: list[dict[str, Any]] | None = None,
    title: str | None = None,
) -> Document:
    template = PrintTemplate.objects.filter(kind=kind).first()
    entries = fields if fields is not None else (template.fields if template else None)
    heading = title if title is not None else (template.title if template else "")
    resolved = resolve(kind, entries)
    head = letterhead()
    options = print_options(PrintDocument.DELIVERY_NOTE) if kind == PrintKind.DELIVERY_NOTE else None
    if options:
        resolved = apply_print_options(resolved, options)
    laid_out = [
        layout(kind, page, resolved, letterhead=head, show_money=show_money, title=heading) for page in pages
    ]
    if options:
        laid_out = [apply_print_texts(page, options) for page in laid_out]
    return Document(kind=kind, title=heading or str(TITLES[kind]), pages=laid_out)


def pick_list_document(*, actor: Actor, order_ids: Sequence[Any], shipment_ids: Sequence[Any]) -> Document:
    pick = selectors.pick_list(actor=actor, order_ids=order_ids, shipment_ids=shipment_ids)
    return _document(PrintKind.PICK_LIST, pick_list_data(pick), show_money=False)


def delivery_notes_document(*, actor: Actor, shipment_ids: Sequence[Any]) -> Document:
    """One page per shipment, in the order asked for."""
    if not shipment_ids:
        raise InvalidInput(_("Choose at least one shipment."), code="lines_required", field="shipments")
    if len(shipment_ids) > MAX_NOTES:
        raise InvalidInput(
            _("At most %(n)d shipments at once.") % {"n": MAX_NOTES}, code="too_many_lines", field="shipments"
        )
    ids = [parse_id(value) for value in shipment_ids]
    found = {
        s.pk: s
        for s in selectors.shipment_list(actor=actor, filters=selectors.ShipmentFilters()).filter(
            pk__in=[pk for pk in ids if pk is not None]
        )
    }
    if any(pk not in found for pk in ids):
        raise NotFound(_("Shipment not found."), field="shipments")
    show = sees_prices_on_slips(actor, slips_show_prices=shipping_settings().delivery_note_shows_prices)
    pages = [delivery_note_data(found[pk]) for pk in ids if pk is not None]
    return _document(PrintKind.DELIVERY_NOTE, pages, show_money=show)


def daily_list_document(*, actor: Actor, day: Any, warehouse_id: Any = None) -> Document:
    daily = selectors.daily_list(actor=actor, day=day, warehouse_id=warehouse_id)
    warehouse = Warehouse.objects.filter(pk=daily.warehouse_id).first() if daily.warehouse_id else None
    name = f"{warehouse.code} {warehouse.name}" if warehouse else ""
    return _document(PrintKind.DAILY_LIST, [daily_list_data(daily, name)], show_money=sees_money(actor))


def delivery_list_document(*, actor: Actor, filters: selectors.OrderFilters) -> Document:
    orders = list(selectors.orders_to_ship(actor=actor, filters=filters)[:500])
    parts = [
        delivery_label(filters.delivery_method) if filters.delivery_method else "",
        " ~ ".join(str(d) for d in (filters.date_from, filters.date_to) if d),
    ]
    if filters.rep_id and orders:
        rep = next((o.rep for o in orders if str(o.rep_id) == str(filters.rep_id)), None)
        parts.insert(1, rep.full_name if rep else "")
    selection = " · ".join(part for part in parts if part) or _("All orders to ship")
    return _document(
        PrintKind.DELIVERY_LIST, [delivery_list_data(orders, selection)], show_money=sees_money(actor)
    )


def preview_document(
    *, actor: Actor, kind: str, fields: list[dict[str, Any]] | None = None, title: str | None = None
) -> Document:
    """Sample data through the saved template, or through `fields` the tenant is still editing."""
    require_settings_manager(actor)
    kind = clean_kind(kind)
    if fields is not None:
        fields = clean_template_fields(kind, fields)
    return _document(kind, sample_pages(kind), show_money=True, fields=fields, title=title)
