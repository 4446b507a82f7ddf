/**
 * The size grid (尺码表) of the order entry: a product with specifications entered as one table,
 * rows the first specification's values (颜色), columns the second's (尺码), a quantity per cell;
 * a product with one specification is one row. A combination the product has no SKU for (or an
 * inactive one) is a dash. A column of quantities pasted from Excel fills down from the cell it is
 * pasted into (and across, for several columns). Resolves with the SKUs and quantities entered.
 */

import { ORDER_GRID_PRODUCT } from '../api/sales.js';
import { gql } from '../core/graphql.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { h } from './element.js';
import { decimalInput, qty } from './quantity.js';
import { errorText } from './states.js';
import { toast } from './toast.js';

const valueOf = (sku, spec) => sku.specValues.find((one) => one.name === spec)?.value;

/**
 * openSizeGrid(productId, quantities) → Promise of [{ sku, quantity }] (cells with a quantity,
 * in grid order) or null when cancelled; `quantities` (SKU id → quantity) fills the grid first.
 */
export async function openSizeGrid(productId, quantities = new Map()) {
  let product;
  try {
    product = (await gql(ORDER_GRID_PRODUCT, { id: productId })).product;
  } catch (error) {
    toast(errorText(error), { kind: 'error' });
    return null;
  }
  const [rowSpec, colSpec] = product.specs;
  const rows = rowSpec ? rowSpec.values : [''];
  const cols = colSpec ? colSpec.values : [''];
  const active = product.skus.filter((sku) => sku.status === 'ACTIVE');
  const skuAt = (row, col) => active.find((sku) => (!rowSpec || valueOf(sku, rowSpec.name) === row) && (!colSpec || valueOf(sku, colSpec.name) === col));
  const cells = []; // [row][col] → { sku, input } | null

  return new Promise((resolve) => {
    const titleId = `size-grid-${Date.now()}`;
    const total = h('p', { class: 'size-grid-total', role: 'status' });
    const showTotal = () => {
      const sum = cells.flat().reduce((acc, cell) => acc + (cell ? Number(decimalInput(cell.input.value) || 0) : 0), 0);
      total.textContent = t('grid.total', { n: qty(String(sum)), unit: product.baseUnit });
    };

    function pasted(event, r, c) {
      const text = event.clipboardData?.getData('text') || '';
      const lines = text.replace(/\r/g, '').replace(/\n$/, '').split('\n');
      if (lines.length < 2 && !text.includes('\t')) return; // one value: the browser pastes it
      event.preventDefault();
      lines.forEach((line, i) => {
        line.split('\t').forEach((value, j) => {
          const cell = cells[r + i]?.[c + j];
          if (cell) cell.input.value = value.trim();
        });
      });
      showTotal();
    }

    const head = h('tr', {}, h('th', { scope: 'col' }, rowSpec && colSpec ? `${rowSpec.name} \\ ${colSpec.name}` : ''), cols.map((col) => h('th', { scope: 'col' }, col || product.baseUnit)));
    const body = rows.map((row, r) => {
      cells[r] = [];
      return h(
        'tr',
        {},
        h('th', { scope: 'row' }, row || product.name),
        cols.map((col, c) => {
          const sku = skuAt(row, col);
          if (!sku) {
            cells[r][c] = null;
            return h('td', { class: 'size-grid-none', 'aria-label': t('grid.none', { name: [row, col].filter(Boolean).join(' / ') }) }, '—');
          }
          const input = h('input', { type: 'text', inputmode: 'decimal', autocomplete: 'off', class: 'size-grid-input', value: quantities.get(sku.id) || '', 'aria-label': t('grid.cell', { name: sku.specLabel || sku.code }), dataset: { skuCode: sku.code } });
          input.addEventListener('input', showTotal);
          input.addEventListener('paste', (event) => pasted(event, r, c));
          cells[r][c] = { sku, input };
          return h('td', {}, input);
        }),
      );
    });
    const problem = h('p', { class: 'field-error', role: 'alert', hidden: true });
    const form = h(
      'form',
      { method: 'dialog', class: 'size-grid-form', novalidate: true },
      h('h2', { id: titleId }, t('grid.title', { name: product.name })),
      h('p', { class: 'hint' }, t('grid.hint')),
      h('div', { class: 'size-grid-scroll' }, h('table', { class: 'size-grid', 'aria-labelledby': titleId }, h('thead', {}, head), h('tbody', {}, body))),
      total,
      problem,
      h('div', { class: 'dialog-actions' }, h('button', { class: 'button button-quiet', value: 'cancel', type: 'submit' }, t('action.cancel')), h('button', { class: 'button', value: 'ok', type: 'submit' }, t('grid.add'))),
    );
    const dialog = h('dialog', { class: 'dialog size-grid-dialog', 'aria-labelledby': titleId }, form);

    function entered() {
      const chosen = [];
      for (const cell of cells.flat()) {
        if (!cell || cell.input.value.trim() === '') continue;
        const value = decimalInput(cell.input.value);
        if (value === null || Number(value) < 0) return { bad: cell };
        if (Number(value) > 0) chosen.push({ sku: cell.sku, quantity: value });
      }
      return { chosen };
    }

    form.addEventListener('submit', (event) => {
      if (event.submitter?.value !== 'ok') return;
      const { bad, chosen } = entered();
      if (bad) {
        event.preventDefault();
        problem.textContent = t('grid.invalid', { name: bad.sku.specLabel || bad.sku.code });
        problem.hidden = false;
        bad.input.setAttribute('aria-invalid', 'true');
        bad.input.focus();
        return;
      }
      dialog.returnValue = 'ok';
      dialog.result = chosen;
    });
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok' ? dialog.result : null);
      dialog.remove();
    });
    document.body.append(dialog);
    showTotal();
    dialog.showModal();
    cells.flat().find(Boolean)?.input.focus();
    if (!active.length) total.textContent = t('grid.empty', { n: formatNumber(0) });
  });
}
