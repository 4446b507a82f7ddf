/**
 * Receiving goods against a purchase order (for inventory.manage): per outstanding line, the
 * quantity accepted into stock and the quantity rejected at inspection (with a reason), in base
 * units, and — when the line's warehouse has bins (库位) — the bin the accepted goods are put
 * away in (optional). One idempotency key per visit, so a double tap or a retry books the
 * receipt once.
 */

import { GOODS_RECEIPT, RECEIVE_ORDER } from '../api/procurement.js';
import { gql } from '../core/graphql.js';
import { appUrl, navigate } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { binField, binsByWarehouse } from '../ui/bin_picker.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { decimalInput, newKey, qty } from '../ui/quantity.js';
import { emptyView, errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

function orZero(value) {
  return value === '' ? '0' : value; // null (not a number) stays null for the check
}

function plain(value) {
  return qty(value).replace(/,/g, '');
}

function lineFieldset(line, index, bins) {
  return h(
    'fieldset',
    { class: 'receive-line card', dataset: { lineId: line.id, skuCode: line.sku.code } },
    h('legend', {}, `${line.sku.name}${line.sku.specLabel ? ` · ${line.sku.specLabel}` : ''}`),
    h('p', { class: 'muted small' }, t('receiving.outstanding', { code: line.sku.code, warehouse: line.warehouse.name, qty: qty(line.outstandingQty), unit: line.sku.baseUnit })),
    h(
      'div',
      { class: 'form-grid' },
      field({ name: `lines.${index}.acceptedQty`, label: t('receiving.accepted'), inputmode: 'decimal', value: plain(line.outstandingQty), autocomplete: 'off' }),
      field({ name: `lines.${index}.rejectedQty`, label: t('receiving.rejected'), inputmode: 'decimal', value: '0', autocomplete: 'off' }),
      field({ name: `lines.${index}.rejectReason`, label: t('receiving.reason'), autocomplete: 'off', maxlength: 200 }),
      binField(`lines.${index}.binId`, bins.get(line.warehouse.id), { label: t('receiving.bin') }),
    ),
  );
}

export function mount(root, { params }) {
  const key = newKey('receipt');
  const body = h('div', {});

  function readLines(form, lines) {
    const problems = [];
    const input = [];
    const rows = []; // rows[i]: the form's line index of input line i
    lines.forEach((line, index) => {
      const accepted = orZero(decimalInput(form.elements[`lines.${index}.acceptedQty`].value));
      const rejected = orZero(decimalInput(form.elements[`lines.${index}.rejectedQty`].value));
      if (accepted === null || Number(accepted) < 0) problems.push({ field: `lines.${index}.acceptedQty`, code: 'invalid_quantity' });
      if (rejected === null || Number(rejected) < 0) problems.push({ field: `lines.${index}.rejectedQty`, code: 'invalid_quantity' });
      const reason = form.elements[`lines.${index}.rejectReason`].value.trim();
      const binId = form.elements[`lines.${index}.binId`]?.value || null;
      if (Number(accepted) > 0 || Number(rejected) > 0) {
        input.push({ lineId: line.id, acceptedQty: accepted, rejectedQty: rejected, rejectReason: reason, binId });
        rows.push(index);
      }
    });
    return { problems, input, rows };
  }

  /** The API numbers lines as sent (lines without quantities are not): back to the form's. */
  function onForm(error, rows) {
    const match = /^lines\.(\d+)(\..+)?$/.exec(error.field || '');
    if (!match || rows[Number(match[1])] === undefined) return error;
    return { ...error, field: `lines.${rows[Number(match[1])]}${match[2] || '.acceptedQty'}` };
  }

  function draw(order, bins) {
    const open = order.lines.filter((line) => Number(line.outstandingQty) > 0);
    const back = h('a', { href: appUrl(`/purchase-orders/${order.id}`), class: 'button button-quiet' }, order.number);
    if (!open.length || !['approved', 'partly_received'].includes(order.status)) {
      fill(root, screenHeader(t('receiving.title'), back), emptyView({ iconName: 'check', title: t('receiving.nothing') }));
      return;
    }
    const submit = h('button', { type: 'submit', class: 'button' }, t('receiving.submit'));
    const form = h(
      'form',
      { class: 'receive-form', novalidate: true, 'aria-label': t('receiving.title') },
      formError(),
      open.map((line, index) => lineFieldset(line, index, bins)),
      field({ name: 'note', label: t('receiving.note'), autocomplete: 'off', maxlength: 500 }),
      h('div', { class: 'form-actions sticky-actions' }, submit),
    );
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form);
      const { problems, input, rows } = readLines(form, open);
      if (problems.length) return showErrors(form, problems);
      if (!input.length) return showErrors(form, [{ code: 'nothing_to_receive' }]);
      return busy(submit, async () => {
        try {
          const data = await gql(GOODS_RECEIPT, { input: { purchaseOrderId: order.id, lines: input, note: form.elements.note.value.trim(), idempotencyKey: key } });
          const result = data.goodsReceiptCreate;
          if (result.errors.length) return showErrors(form, result.errors.map((error) => onForm(error, rows)));
          toast(t('receiving.done', { number: result.goodsReceipt.number }), { kind: 'success' });
          return navigate(`/purchase-orders/${order.id}`);
        } catch (error) {
          return showErrors(form, [error]);
        }
      });
    });
    fill(root, screenHeader(t('receiving.title'), back), h('p', { class: 'muted' }, t('receiving.intro', { supplier: order.supplier.name })), form);
  }

  async function load() {
    fill(root, screenHeader(t('receiving.title')), body);
    fill(body, loadingView(3));
    try {
      const [{ purchaseOrder }, bins] = await Promise.all([gql(RECEIVE_ORDER, { id: params.id }), binsByWarehouse()]);
      draw(purchaseOrder, bins);
    } catch (error) {
      fill(body, errorView(error, { retry: load }));
    }
  }
  load();
  return {};
}
