/**
 * A new transfer (移库, for inventory.manage): from and to warehouse, products added by scanning
 * or typing a barcode or SKU code, a quantity per line. One idempotency key per visit, so a
 * double tap or a retry creates one transfer.
 */

import { TRANSFER_CREATE, WAREHOUSES } from '../api/inventory.js';
import { gql } from '../core/graphql.js';
import { cachedQuery } from '../core/query_cache.js';
import { appUrl, navigate } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { decimalInput, newKey } from '../ui/quantity.js';
import { scannerField } from '../ui/scanner.js';
import { errorText } from '../ui/states.js';
import { stepper } from '../ui/stepper.js';
import { findSku } from '../ui/stock_documents.js';
import { toast } from '../ui/toast.js';

export function mount(root) {
  const key = newKey('transfer');
  const lines = []; // { sku, quantity }
  const linesSlot = h('div', { 'aria-live': 'polite' });
  const from = field({ name: 'fromWarehouseId', label: t('transfer.from'), options: [{ value: '', label: '—' }] });
  const to = field({ name: 'toWarehouseId', label: t('transfer.to'), options: [{ value: '', label: '—' }] });
  const submit = h('button', { type: 'submit', class: 'button' }, t('transfer.submit'));

  function drawLines() {
    fill(
      linesSlot,
      lines.length
        ? lines.map((line) =>
            h(
              'div',
              { class: 'transfer-line', dataset: { skuCode: line.sku.code } },
              h('div', { class: 'item-main' }, h('strong', {}, `${line.sku.product.name}${line.sku.specLabel ? ` · ${line.sku.specLabel}` : ''}`), h('span', { class: 'muted small' }, line.sku.code)),
              h(
                'button',
                {
                  type: 'button',
                  class: 'button button-quiet button-small',
                  'aria-label': t('transfer.remove', { code: line.sku.code }),
                  onclick: () => {
                    lines.splice(lines.indexOf(line), 1);
                    drawLines();
                  },
                },
                '×',
              ),
              stepper({ label: t('transfer.quantity_for', { code: line.sku.code }), value: line.quantity, onChange: (value) => { line.quantity = value; } }),
            ),
          )
        : h('p', { class: 'muted' }, t('transfer.no_lines')),
    );
  }

  async function onCode(code) {
    try {
      const sku = await findSku(code);
      if (!sku) return toast(t('stocktake.unknown', { code }), { kind: 'error' });
      const existing = lines.find((line) => line.sku.id === sku.id);
      if (existing) existing.quantity = String(Number(decimalInput(existing.quantity) || 0) + 1);
      else lines.push({ sku, quantity: '1' });
      drawLines();
      return linesSlot.querySelector(`[data-sku-code="${CSS.escape(sku.code)}"] input`)?.focus();
    } catch (error) {
      return toast(errorText(error), { kind: 'error' });
    }
  }

  const form = h(
    'form',
    { class: 'transfer-form', novalidate: true, 'aria-label': t('transfer.create_title') },
    formError(),
    card(null, h('div', { class: 'form-grid' }, from, to)),
    card(t('transfer.lines'), scannerField({ name: 'code', label: t('transfer.add_label'), onCode }), linesSlot),
    h('div', { class: 'form-actions sticky-actions' }, submit),
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const fromWarehouseId = form.elements.fromWarehouseId.value;
    const toWarehouseId = form.elements.toWarehouseId.value;
    if (!fromWarehouseId || !toWarehouseId || fromWarehouseId === toWarehouseId) {
      return showErrors(form, [{ field: 'toWarehouseId', code: 'same_warehouse', message: t('transfer.same_warehouse') }]);
    }
    if (!lines.length) return showErrors(form, [{ code: 'no_lines', message: t('transfer.no_lines') }]);
    const input = [];
    for (const line of lines) {
      const quantity = decimalInput(line.quantity);
      if (!quantity || Number(quantity) <= 0) {
        linesSlot.querySelector(`[data-sku-code="${CSS.escape(line.sku.code)}"] input`)?.focus();
        return showErrors(form, [{ code: 'invalid_quantity' }]);
      }
      input.push({ skuId: line.sku.id, quantity });
    }
    return busy(submit, async () => {
      try {
        const { transferCreate: result } = await gql(TRANSFER_CREATE, { input: { fromWarehouseId, toWarehouseId, lines: input, idempotencyKey: key } });
        if (result.errors.length) return showErrors(form, result.errors);
        toast(t('transfer.created', { number: result.document.number }), { kind: 'success' });
        return navigate('/transfers');
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });

  async function loadWarehouses() {
    try {
      const { data } = await cachedQuery('warehouses', WAREHOUSES);
      for (const select of [form.elements.fromWarehouseId, form.elements.toWarehouseId]) {
        for (const one of data.warehouses) select.append(h('option', { value: one.id }, one.name));
      }
    } catch (error) {
      showErrors(form, [error]);
    }
  }

  const back = h('a', { href: appUrl('/transfers'), class: 'button button-quiet' }, t('transfer.list_title'));
  fill(root, screenHeader(t('transfer.create_title'), back), form);
  drawLines();
  loadWarehouses();
  return {};
}
