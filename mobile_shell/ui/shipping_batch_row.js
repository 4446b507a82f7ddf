/**
 * One order on the batch shipping screen: a checkbox to include it, the tracking number with
 * its carrier (detected as it is typed or scanned, or chosen), and the row's own result after
 * shipping: the shipment made, or this row's errors, shown on the row and left for correction.
 * Also reads a tracking-number sheet (CSV / XLSX) as base64 for shipmentImportPreview.
 */

import { t } from '../i18n/i18n.js';
import { fill, h } from './element.js';
import { qty } from './quantity.js';
import { trackingField } from './shipping_carrier.js';
import { methodLabel, orderStatusChip } from './shipping_common.js';
import { deliveryNoteUrl, printLinks } from './shipping_print.js';
import { errorText } from './states.js';

/**
 * batchRow(order, { onEnter, onSelect }) → row: { order, element, checkbox, tracking, selected,
 * shipped, input(), showResult(result), showProblems(errors) }.
 */
export function batchRow(order, { onEnter, onSelect }) {
  const checkbox = h('input', { type: 'checkbox', name: 'selected', value: order.id });
  const result = h('div', { class: 'batch-result' });
  const tracking = trackingField({
    name: 'trackingNumber',
    label: t('shipbatch.tracking_for', { number: order.number }),
    carrierLabel: t('shipbatch.carrier_for', { number: order.number }),
    compact: true,
    onEnter: () => onEnter(row),
  });
  const row = {
    order,
    checkbox,
    tracking,
    shipped: null,
    get selected() {
      return checkbox.checked && !row.shipped;
    },
    select(on) {
      if (row.shipped) return;
      checkbox.checked = on;
      onSelect();
    },
    input() {
      const { trackingNumber, carrierId } = tracking.read();
      return order.id ? { orderId: order.id, trackingNumber, carrierId } : { orderNumber: order.number, trackingNumber, carrierId };
    },
    showProblems(errors) {
      const invalid = errors.some((error) => ['trackingNumber', 'carrierId', 'carrierName', 'carrier'].includes(error.field));
      if (invalid) tracking.input.setAttribute('aria-invalid', 'true');
      else tracking.input.removeAttribute('aria-invalid');
      element.dataset.result = errors.length ? 'failed' : '';
      fill(result, errors.length > 0 && h('p', { class: 'field-error batch-errors', role: 'alert' }, errors.map(errorText).join(' ')));
    },
    showShipped(shipment) {
      row.shipped = shipment;
      checkbox.checked = false;
      checkbox.disabled = true;
      tracking.input.disabled = true;
      tracking.input.removeAttribute('aria-invalid');
      element.querySelector('select').disabled = true;
      element.dataset.result = 'shipped';
      fill(
        result,
        h(
          'p',
          { class: 'small batch-shipped' },
          h('span', { class: 'chip' }, t('shipbatch.row_shipped', { number: shipment.number })),
          ' ',
          [shipment.carrier?.name, shipment.trackingNumber].filter(Boolean).join(' '),
          ' ',
          orderStatusChip(shipment.order.status),
        ),
        printLinks(deliveryNoteUrl([shipment.id]), t('shipprint.delivery_note')),
      );
    },
  };
  checkbox.addEventListener('change', onSelect);
  tracking.input.addEventListener('input', () => {
    if (tracking.input.value.trim() && !checkbox.checked) row.select(true);
  });
  const facts = [order.customerName, order.deliveryMethod && methodLabel(order.deliveryMethod), order.openQuantity && t('shipping.open_qty', { qty: qty(order.openQuantity) })];
  const element = h(
    'li',
    { class: 'item-row batch-row', style: { gridTemplateColumns: 'minmax(0, 1fr)' }, dataset: { number: order.number, orderId: order.id || '' } },
    h(
      'div',
      { class: 'item-main' },
      h('label', { class: 'check-row' }, checkbox, h('strong', {}, order.number)),
      h('span', { class: 'muted small' }, facts.filter(Boolean).join(' · ')),
    ),
    tracking.element,
    result,
  );
  row.element = element;
  return row;
}

/** The file's bytes as base64 (without the data: prefix). */
export function fileAsBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
