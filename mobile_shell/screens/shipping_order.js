/**
 * Shipping one order (单个发货, for shipping.manage): the lines still open with the quantity to
 * send now (all by default; less for a partial shipment), the tracking number with a live
 * carrier suggestion, and 发货. 打包待验货 makes a packing shipment instead, to scan-verify and
 * ship later (the only way when the workspace requires verification). The result stays on
 * top: the shipment, the order's new status and its delivery note to print. One idempotency
 * key per form, so a double tap or a retry ships once. A shipped shipment's tracking number
 * can be corrected (修改运单号) from the result or from the order's list of shipments.
 */

import { SHIPMENT_CREATE, SHIP_ORDER } from '../api/shipping.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { formatDate, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, facts, screenHeader } from '../ui/layout.js';
import { decimalInput, newKey, qty } from '../ui/quantity.js';
import { trackingField } from '../ui/shipping_carrier.js';
import { trackingFixButton } from '../ui/shipping_carrier_fix.js';
import { methodLabel, orderStatusChip, shipmentStatusChip } from '../ui/shipping_common.js';
import { deliveryNoteUrl, printLinks } from '../ui/shipping_print.js';
import { shipmentResult } from '../ui/shipping_result.js';
import { emptyView, errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

function plain(value) {
  return qty(value).replace(/,/g, '');
}

/** onFixed(shipment) runs after a tracking number was corrected from the list. */
function shipmentsCard(shipments, onFixed) {
  if (!shipments.length) return null;
  return card(
    t('shipform.shipments'),
    h(
      'ul',
      { class: 'item-list' },
      shipments.map((one) =>
        h(
          'li',
          { class: 'item-row', dataset: { shipment: one.number } },
          h(
            'div',
            { class: 'item-main' },
            h('strong', {}, one.number),
            h('span', { class: 'muted small' }, [one.carrierName, one.trackingNumber, one.shipDate && formatDate(one.shipDate)].filter(Boolean).join(' · ') || '—'),
          ),
          h(
            'div',
            { class: 'item-meta' },
            shipmentStatusChip(one.status),
            ['shipped', 'signed'].includes(one.status) && printLinks(deliveryNoteUrl([one.id]), t('shipprint.delivery_note')),
            one.status === 'packing' && h('a', { href: appUrl(`/shipping/verify?code=${encodeURIComponent(one.number)}`), class: 'button button-quiet button-small' }, t('shipform.verify_now')),
            trackingFixButton(one, { onSaved: onFixed }),
          ),
        ),
      ),
    ),
  );
}

/** The quantity to ship now; its full name (with the SKU code) is for screen readers. */
function quantityField(name, line) {
  const wrapper = field({ name, label: t('shipform.quantity_for', { code: line.sku.code }), value: plain(line.openQuantity), inputmode: 'decimal', autocomplete: 'off', class: 'qty-input' });
  const label = wrapper.querySelector('label');
  label.classList.add('visually-hidden');
  label.after(h('span', { class: 'muted small', 'aria-hidden': 'true' }, t('shipform.ship_now')));
  return wrapper;
}

export function mount(root, { params }) {
  const body = h('div', {});
  const resultSlot = h('div', { 'aria-live': 'polite' });
  const back = h('a', { href: appUrl('/shipping'), class: 'button button-quiet' }, t('shipform.back'));
  const showResult = (shipment) => fill(resultSlot, shipmentResult(shipment, { onChanged: () => load() }));
  /** A number corrected in the list: the result on top shows it too if it is that shipment. */
  async function fixed(shipment) {
    if (resultSlot.firstChild?.dataset.shipment === shipment.number) showResult(shipment);
    await load();
    root.querySelector(`.item-row[data-shipment="${CSS.escape(shipment.number)}"] [data-fix]`)?.focus();
  }

  function lineRow(line, index) {
    const name = `${line.sku.name}${line.sku.specLabel ? ` · ${line.sku.specLabel}` : ''}`;
    return h(
      'div',
      { class: 'item-row ship-line', dataset: { lineId: line.id, skuCode: line.sku.code, warehouseId: line.warehouse.id } },
      h('div', { class: 'item-main' }, h('strong', {}, name), h('span', { class: 'muted small' }, t('shipform.line_open', { code: line.sku.code, qty: qty(line.openQuantity), unit: line.sku.baseUnit, warehouse: line.warehouse.name }))),
      quantityField(`lines.${index}.quantity`, line),
    );
  }

  function draw(order, settings) {
    const open = order.lines.filter((line) => Number(line.openQuantity) > 0);
    const header = screenHeader(order.number, back);
    const info = card(
      null,
      h('p', {}, orderStatusChip(order.status)),
      facts([
        [t('shipform.customer'), order.customerName],
        [t('shipform.receiver'), [order.receiver, order.receiverPhone].filter(Boolean).join(' ')],
        [t('shipform.address'), order.address],
        [t('shipform.method'), methodLabel(order.deliveryMethod)],
        [t('shipform.due'), formatDate(order.dueDate)],
        order.remarks && [t('shipform.remarks'), order.remarks],
      ]),
    );
    if (!open.length || !['pending_shipment', 'partly_shipped'].includes(order.status)) {
      fill(root, header, resultSlot, info, emptyView({ iconName: 'check', title: t('shipform.nothing') }), shipmentsCard(order.shipments, fixed));
      return;
    }
    const warehouses = [...new Map(open.map((line) => [line.warehouse.id, line.warehouse])).values()];
    const warehouse = warehouses.length > 1
      ? field({ name: 'warehouseId', label: t('shipform.warehouse'), options: warehouses.map((one) => ({ value: one.id, label: one.name })) })
      : null;
    const linesSlot = h('div', { class: 'item-list card' });
    const tracking = trackingField({ label: t('shipform.tracking_label') });
    const key = newKey('shipment');
    const packKey = newKey('shipment-pack');
    const submit = h('button', { type: 'submit', class: 'button', hidden: settings.requireVerification }, t('shipform.ship'));
    const pack = h('button', { type: 'button', class: settings.requireVerification ? 'button' : 'button button-quiet' }, t('shipform.pack'));
    const form = h(
      'form',
      { class: 'ship-form', novalidate: true, 'aria-label': t('shipform.form_label', { number: order.number }) },
      formError(),
      warehouse,
      h('fieldset', { class: 'field' }, h('legend', {}, t('shipform.lines')), h('p', { class: 'hint' }, t('shipform.lines_hint')), linesSlot),
      tracking.element,
      field({ name: 'note', label: t('shipform.note'), autocomplete: 'off', maxlength: 200 }),
      settings.requireVerification && h('p', { class: 'notice' }, t('shipform.verification_required')),
      h('div', { class: 'form-actions sticky-actions' }, pack, submit),
    );

    const chosenWarehouse = () => (warehouse ? form.elements.warehouseId.value : warehouses[0].id);
    const shown = () => open.filter((line) => line.warehouse.id === chosenWarehouse());
    const drawLines = () => fill(linesSlot, shown().map(lineRow));
    if (warehouse) form.elements.warehouseId.addEventListener('change', drawLines);
    drawLines();

    /** The lines to send, and for each the form row it came from (for errors). */
    function readLines() {
      const problems = [];
      const lines = [];
      const rows = [];
      shown().forEach((line, index) => {
        const raw = form.elements[`lines.${index}.quantity`].value;
        const value = decimalInput(raw);
        if (value === null || Number(value) < 0) problems.push({ field: `lines.${index}.quantity`, code: 'invalid_quantity' });
        else if (value && Number(value) > Number(line.openQuantity)) problems.push({ field: `lines.${index}.quantity`, code: 'over_shipment', message: t('shipform.over', { qty: qty(line.openQuantity) }) });
        else if (value && Number(value) > 0) {
          lines.push({ lineId: line.id, quantity: value });
          rows.push(index);
        }
      });
      if (!problems.length && !lines.length) problems.push({ code: 'nothing_to_ship' });
      return { problems, lines, rows };
    }

    function onForm(error, rows) {
      const match = /^lines\.(\d+)(\..+)?$/.exec(error.field || '');
      if (!match || rows[Number(match[1])] === undefined) return error;
      return { ...error, field: `lines.${rows[Number(match[1])]}.quantity` };
    }

    async function send(button, ship) {
      clearErrors(form);
      const { problems, lines, rows } = readLines();
      if (problems.length) return showErrors(form, problems);
      const { trackingNumber, carrierId } = tracking.read();
      return busy(button, async () => {
        try {
          const input = {
            orderId: order.id,
            lines,
            warehouseId: chosenWarehouse(),
            trackingNumber,
            carrierId,
            note: form.elements.note.value.trim(),
            ship,
            idempotencyKey: ship ? key : packKey,
          };
          const { shipmentCreate: result } = await gql(SHIPMENT_CREATE, { input });
          if (result.errors.length) return showErrors(form, result.errors.map((error) => onForm(error, rows)));
          const shipment = result.shipment;
          toast(ship ? t('shipform.shipped', { number: shipment.number }) : t('shipform.packed', { number: shipment.number }), { kind: 'success' });
          await load(); // the order's lines and status after this shipment
          return showResult(shipment);
        } catch (error) {
          return showErrors(form, [error]);
        }
      });
    }

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (!settings.requireVerification) send(submit, true);
    });
    pack.addEventListener('click', () => send(pack, false));
    fill(root, header, resultSlot, info, form, shipmentsCard(order.shipments, fixed));
  }

  async function load() {
    const result = resultSlot.firstChild;
    fill(root, screenHeader(t('shipform.title'), back), body);
    fill(body, loadingView(4));
    try {
      const data = await gql(SHIP_ORDER, { id: params.id });
      draw(data.shippingOrder, data.shippingSettings);
      if (result) fill(resultSlot, result);
    } catch (error) {
      fill(body, errorView(error, { retry: load }));
    }
  }
  load();
  return {};
}
