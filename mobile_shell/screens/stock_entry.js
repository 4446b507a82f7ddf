/**
 * Stock in / stock out (入库 / 出库, for inventory.manage): a warehouse, the direction, a reason
 * that fits it, products added by scanning or typing a barcode or SKU code, a quantity per line
 * (and a unit cost when stock comes in), the bin (库位) per line when the warehouse has bins,
 * a note. Posted at once; one idempotency key per visit, so a double tap or a retry posts one
 * document. ?direction=out opens it as a stock-out.
 */

import { STOCK_ENTRY_CREATE, WAREHOUSES_WITH_BINS } from '../api/inventory.js';
import { gql } from '../core/graphql.js';
import { cachedQuery } from '../core/query_cache.js';
import { hasScope } from '../core/session.js';
import { appUrl, navigate } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { binField } from '../ui/bin_picker.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { decimalInput, newKey } from '../ui/quantity.js';
import { scannerField } from '../ui/scanner.js';
import { errorText } from '../ui/states.js';
import { stepper } from '../ui/stepper.js';
import { findSku } from '../ui/stock_documents.js';
import { toast } from '../ui/toast.js';

const REASONS = {
  in: ['opening', 'found', 'gift', 'other'],
  out: ['damaged', 'lost', 'sample', 'gift', 'internal_use', 'other'],
};

/** lines.2.quantity → lines.2: each line shows its errors in one slot. */
function lineField(error) {
  const match = /^(lines\.\d+)\./.exec(error.field || '');
  return match ? { ...error, field: match[1] } : error;
}

export function mount(root, { query }) {
  let key = newKey('stock-entry');
  const costs = hasScope('cost.view');
  const lines = []; // { sku, quantity, unitCost, binId }
  const bins = new Map(); // warehouse id → its bins
  let direction = query.get('direction') === 'out' ? 'out' : 'in';
  const linesSlot = h('div', { 'aria-live': 'polite' });
  const warehouse = field({ name: 'warehouseId', label: t('entry.warehouse'), options: [{ value: '', label: '—' }] });
  const directionField = field({
    name: 'direction',
    label: t('entry.direction'),
    options: ['in', 'out'].map((value) => ({ value, label: t(`entry.direction.${value}`) })),
    value: direction,
  });
  const reason = field({ name: 'reason', label: t('entry.reason'), options: [] });
  const note = field({ name: 'note', label: t('entry.note'), maxlength: 200, autocomplete: 'off' });
  const submit = h('button', { type: 'submit', class: 'button' });

  function drawReasons() {
    const select = reason.querySelector('select');
    fill(select, REASONS[direction].map((value) => h('option', { value }, t(`entry.reason.${value}`))));
    submit.textContent = t(`entry.submit.${direction}`);
  }

  /** The line's bin, when the chosen warehouse has bins. Not a .field: errors go to the line. */
  function binPicker(line) {
    const picker = binField('binId', bins.get(form.elements.warehouseId.value), { value: line.binId });
    if (!picker) return null;
    const select = picker.querySelector('select');
    select.setAttribute('aria-label', t('entry.bin_for', { code: line.sku.code }));
    select.addEventListener('change', () => { line.binId = select.value; });
    picker.className = 'entry-bin';
    picker.querySelector('.field-error').remove();
    select.removeAttribute('aria-describedby');
    return picker;
  }

  function drawLines() {
    fill(
      linesSlot,
      lines.length
        ? lines.map((line, index) =>
            h(
              'div',
              { class: 'transfer-line entry-line field', dataset: { skuCode: line.sku.code, field: `lines.${index}` } },
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
              stepper({ label: t('entry.quantity_for', { code: line.sku.code }), value: line.quantity, onChange: (value) => { line.quantity = value; } }),
              direction === 'in' &&
                costs &&
                h(
                  'label',
                  { class: 'entry-cost' },
                  h('span', { class: 'muted small' }, t('entry.unit_cost')),
                  h('input', {
                    name: `unitCost-${index}`,
                    class: 'qty-input',
                    inputmode: 'decimal',
                    autocomplete: 'off',
                    value: line.unitCost,
                    'aria-label': t('entry.unit_cost_for', { code: line.sku.code }),
                    oninput: (event) => { line.unitCost = event.target.value; },
                  }),
                ),
              binPicker(line),
              h('p', { class: 'field-error', hidden: true }),
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
      else lines.push({ sku, quantity: '1', unitCost: '', binId: '' });
      drawLines();
      return linesSlot.querySelector(`[data-sku-code="${CSS.escape(sku.code)}"] .stepper input`)?.focus();
    } catch (error) {
      return toast(errorText(error), { kind: 'error' });
    }
  }

  warehouse.querySelector('select').addEventListener('change', () => {
    for (const line of lines) line.binId = ''; // another warehouse's bins do not apply
    drawLines();
  });

  directionField.querySelector('select').addEventListener('change', (event) => {
    direction = event.target.value;
    drawReasons();
    drawLines();
  });

  const form = h(
    'form',
    { class: 'transfer-form', novalidate: true, 'aria-label': t('entry.title') },
    formError(),
    card(null, h('div', { class: 'form-grid' }, warehouse, directionField, reason)),
    card(t('entry.lines'), scannerField({ name: 'code', label: t('transfer.add_label'), onCode }), linesSlot),
    card(null, note),
    h('div', { class: 'form-actions sticky-actions' }, submit),
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const warehouseId = form.elements.warehouseId.value;
    if (!warehouseId) return showErrors(form, [{ field: 'warehouseId', code: 'required' }]);
    if (!lines.length) return showErrors(form, [{ code: 'no_lines', message: t('transfer.no_lines') }]);
    const input = [];
    const problems = [];
    lines.forEach((line, index) => {
      const quantity = decimalInput(line.quantity);
      const unitCost = direction === 'in' && costs ? decimalInput(line.unitCost) : '';
      if (!quantity || Number(quantity) <= 0) problems.push({ field: `lines.${index}`, code: 'invalid_quantity' });
      else if (unitCost === null || Number(unitCost) < 0) problems.push({ field: `lines.${index}`, code: 'cost_invalid', message: t('entry.cost_invalid') });
      input.push({ skuId: line.sku.id, quantity, unitCost: unitCost || null, binId: (bins.get(warehouseId) && line.binId) || null });
    });
    if (problems.length) return showErrors(form, problems);
    return busy(submit, async () => {
      try {
        const variables = { input: { warehouseId, direction, reason: form.elements.reason.value, lines: input, note: form.elements.note.value.trim(), idempotencyKey: key } };
        const { stockEntryCreate: result } = await gql(STOCK_ENTRY_CREATE, variables);
        if (result.errors.length) {
          key = newKey('stock-entry'); // nothing was posted: the corrected entry is a new request
          return showErrors(form, result.errors.map(lineField));
        }
        toast(t(`entry.created.${direction}`, { number: result.document.number }), { kind: 'success' });
        return navigate('/stock');
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });

  async function loadWarehouses() {
    try {
      const { data } = await cachedQuery('warehouses-bins', WAREHOUSES_WITH_BINS);
      const select = form.elements.warehouseId;
      for (const one of data.warehouses) {
        bins.set(one.id, one.bins);
        select.append(h('option', { value: one.id, selected: one.id === query.get('warehouse') }, one.name));
      }
      drawLines();
    } catch (error) {
      showErrors(form, [error]);
    }
  }

  const back = h('a', { href: appUrl('/stock'), class: 'button button-quiet' }, t('stock.title'));
  fill(root, screenHeader(t('entry.title'), back), form);
  drawReasons();
  drawLines();
  loadWarehouses();
  return {};
}
