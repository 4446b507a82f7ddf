/**
 * Stock by warehouse (for inventory.view; distributors see only bands, on the products screen):
 * on hand, available and the reorder point per SKU, filtered by warehouse, search and "low only".
 * inventory.manage holders open a SKU's ledger, start a stock-in or stock-out, and edit each
 * row's warning levels (min, max, reorder point).
 */

import { STOCK, STOCK_THRESHOLDS_SET, WAREHOUSES } from '../api/inventory.js';
import { gql } from '../core/graphql.js';
import { cachedQuery } from '../core/query_cache.js';
import { hasScope } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { exportLink } from '../ui/export_link.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { decimalInput, qty } from '../ui/quantity.js';
import { pagedList } from '../ui/paged_list.js';
import { emptyView, staleNotice } from '../ui/states.js';
import { toast } from '../ui/toast.js';

const PAGE = 50;

/** The warning levels of one row, folded away until opened; onSaved(level) redraws the row. */
function thresholdForm(level, onSaved) {
  const plain = (value) => {
    const text = value === null || value === undefined ? '' : String(value);
    return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  };
  const number = (name, label) => field({ name, label, value: plain(level[name]), inputmode: 'decimal', autocomplete: 'off' });
  const submit = h('button', { type: 'submit', class: 'button button-small' }, t('thresholds.save'));
  const form = h(
    'form',
    { class: 'threshold-form', novalidate: true, 'aria-label': t('thresholds.title_for', { code: level.sku.code }) },
    formError(),
    h('div', { class: 'threshold-grid' }, number('minQty', t('thresholds.min')), number('maxQty', t('thresholds.max')), number('reorderPoint', t('thresholds.reorder'))),
    h('div', { class: 'form-actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const input = { skuId: level.sku.id, warehouseId: level.warehouse.id };
    const problems = [];
    for (const name of ['minQty', 'maxQty', 'reorderPoint']) {
      const value = decimalInput(form.elements[name].value);
      if (value === null || Number(value) < 0) problems.push({ field: name, code: 'invalid_quantity' });
      input[name] = value || null;
    }
    if (problems.length) return showErrors(form, problems);
    return busy(submit, async () => {
      try {
        const { stockThresholdsSet: result } = await gql(STOCK_THRESHOLDS_SET, { input });
        if (result.errors.length) return showErrors(form, result.errors);
        toast(t('thresholds.saved', { code: level.sku.code }), { kind: 'success' });
        return onSaved({ ...level, ...result.stockLevel });
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });
  return h('details', { class: 'threshold-edit' }, h('summary', {}, t('thresholds.edit')), form);
}

function levelRow(level, manage) {
  const name = h('div', { class: 'item-main' }, h('strong', {}, level.sku.name), h('span', { class: 'muted small' }, [level.sku.code, level.sku.specLabel, level.warehouse.name].filter(Boolean).join(' · ')));
  const numbers = h(
    'div',
    { class: 'item-meta' },
    h('span', { class: 'qty', dataset: { onHand: level.onHand } }, t('stock.on_hand_n', { qty: qty(level.onHand) })),
    h('span', { class: 'muted small' }, t('stock.available_n', { qty: qty(level.available) })),
    level.reorderPoint !== null && h('span', { class: 'muted small' }, t('stock.reorder_n', { qty: qty(level.reorderPoint) })),
    level.isLow && h('span', { class: 'chip chip-bad' }, t('stock.low')),
  );
  const attrs = { class: 'item-row', dataset: { skuCode: level.sku.code, warehouse: level.warehouse.code } };
  if (!manage) return h('li', {}, h('div', attrs, name, numbers));
  const row = h(
    'li',
    { class: 'level-row', dataset: { skuCode: level.sku.code, warehouse: level.warehouse.code } },
    h('a', { ...attrs, href: appUrl(`/movements/${level.sku.id}?warehouse=${level.warehouse.id}`) }, name, numbers),
    thresholdForm(level, (saved) => row.replaceWith(levelRow(saved, manage))),
  );
  return row;
}

export function mount(root, { query }) {
  const manage = hasScope('inventory.manage');
  const state = { warehouseId: query.get('warehouse') || '', search: query.get('search') || '', lowOnly: query.get('low') === '1' };
  const warehouse = field({ name: 'warehouse', label: t('stock.warehouse'), options: [{ value: '', label: t('stock.all_warehouses') }] });
  const search = field({ name: 'search', label: t('stock.search'), type: 'search', value: state.search, placeholder: t('products.search_hint') });
  const low = h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'lowOnly', checked: state.lowOnly }), t('stock.low_only'));
  const filters = h('form', { class: 'filters filters-stack', role: 'search', onsubmit: (event) => event.preventDefault() }, warehouse, search, low);

  let debounce = 0;
  search.querySelector('input').addEventListener('input', (event) => {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      state.search = event.target.value.trim();
      load();
    }, 300);
  });
  warehouse.querySelector('select').addEventListener('change', (event) => {
    state.warehouseId = event.target.value;
    load();
  });
  low.querySelector('input').addEventListener('change', (event) => {
    state.lowOnly = event.target.checked;
    load();
  });

  async function loadWarehouses() {
    try {
      const { data } = await cachedQuery('warehouses', WAREHOUSES);
      const select = warehouse.querySelector('select');
      for (const one of data.warehouses) select.append(h('option', { value: one.id, selected: one.id === state.warehouseId }, one.name));
    } catch {
      // the list still works for all warehouses
    }
  }

  const list = pagedList({
    pageSize: PAGE,
    keepRows: true,
    fetch: async (paging, { append }) => {
      const variables = { warehouseId: state.warehouseId || null, search: state.search, lowOnly: state.lowOnly, ...paging };
      const plain = !state.search && !state.warehouseId && !state.lowOnly && !append;
      const { data, stale, savedAt } = plain ? await cachedQuery('stock', STOCK, variables) : { data: await gql(STOCK, variables), stale: false };
      return { ...data.stockLevels, notice: stale ? staleNotice(savedAt) : null };
    },
    row: (level) => levelRow(level, manage),
    label: () => t('stock.title'),
    count: (shown) => t('stock.count', { count: formatNumber(shown.total) }),
    empty: () => emptyView({ iconName: 'inbox', title: state.lowOnly ? t('stock.empty_low') : t('stock.empty') }),
  });
  const load = (options) => list.load(options);

  const entry = (direction) =>
    h('a', { href: appUrl(`/stock/entry?direction=${direction}`), class: 'button button-quiet button-small' }, t(`entry.title.${direction}`));
  const warehouses = h('a', { href: appUrl('/warehouses'), class: 'button button-quiet button-small' }, t('warehouses.manage_link'));
  const opening = h('a', { href: appUrl('/imports?kind=opening_stock'), class: 'button button-quiet button-small' }, t('import.link'));
  const exported = exportLink('stock', () => ({ q: state.search, warehouse: state.warehouseId, low: state.lowOnly ? 'true' : '' }));
  fill(root, manage ? screenHeader(t('stock.title'), entry('in'), entry('out'), opening, exported, warehouses) : screenHeader(t('stock.title'), exported), filters, list.summary, list.element);
  loadWarehouses();
  load();
  return { refresh: () => load() };
}
