/**
 * Stocktakes (盘点, for inventory.manage): the count sheets, newest first, and starting one for
 * a whole warehouse (every SKU with stock on the books goes on the sheet). Opens the sheet to
 * count on the phone.
 */

import { STOCKTAKES, STOCKTAKE_START, WAREHOUSES } from '../api/inventory.js';
import { gql } from '../core/graphql.js';
import { cachedQuery } from '../core/query_cache.js';
import { appUrl, navigate } from '../core/urls.js';
import { formatDateTime, formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { emptyView, errorView, loadingView } from '../ui/states.js';
import { documentChip } from '../ui/stock_documents.js';
import { toast } from '../ui/toast.js';

function row(doc) {
  const counted = doc.lines.filter((line) => line.countedQuantity !== null).length;
  return h(
    'li',
    {},
    h(
      'a',
      { href: appUrl(`/stocktakes/${doc.id}`), class: 'item-row', dataset: { number: doc.number } },
      h('div', { class: 'item-main' }, h('strong', {}, doc.number), h('span', { class: 'muted small' }, `${doc.warehouse} · ${formatDateTime(doc.createdAt)} · ${doc.createdBy}`)),
      h(
        'div',
        { class: 'item-meta' },
        documentChip('stocktake', doc.status),
        h('span', { class: 'muted small' }, t('stocktake.progress', { counted: formatNumber(counted), total: formatNumber(doc.lines.length) })),
      ),
    ),
  );
}

export function mount(root) {
  const list = h('div', {});
  const summary = h('p', { class: 'muted', role: 'status' });
  const warehouse = field({ name: 'warehouseId', label: t('stocktake.warehouse'), options: [], hint: t('stocktake.whole_hint') });
  const submit = h('button', { type: 'submit', class: 'button' }, t('stocktake.start'));
  const form = h('form', { class: 'stack-form', novalidate: true, 'aria-label': t('stocktake.start') }, formError(), warehouse, h('div', { class: 'form-actions' }, submit));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const warehouseId = form.elements.warehouseId.value;
    if (!warehouseId) return undefined;
    return busy(submit, async () => {
      try {
        const { stocktakeStart: result } = await gql(STOCKTAKE_START, { warehouseId });
        if (result.errors.length) return showErrors(form, result.errors);
        toast(t('stocktake.started', { number: result.document.number }), { kind: 'success' });
        return navigate(`/stocktakes/${result.document.id}`);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });

  async function loadWarehouses() {
    try {
      const { data } = await cachedQuery('warehouses', WAREHOUSES);
      const select = form.elements.warehouseId;
      for (const one of data.warehouses) select.append(h('option', { value: one.id }, one.name));
    } catch (error) {
      showErrors(form, [error]);
    }
  }

  async function load() {
    if (!list.firstChild) fill(list, loadingView(3));
    list.setAttribute('aria-busy', 'true');
    try {
      const { stocktakes } = await gql(STOCKTAKES, { limit: 50 });
      summary.textContent = t('po.count', { count: formatNumber(stocktakes.totalCount) });
      fill(
        list,
        stocktakes.items.length
          ? h('ul', { class: 'item-list card', 'aria-label': t('stocktake.list_title') }, stocktakes.items.map(row))
          : emptyView({ iconName: 'check', title: t('stocktake.empty') }),
      );
    } catch (error) {
      fill(list, errorView(error, { retry: load }));
    } finally {
      list.removeAttribute('aria-busy');
    }
  }

  fill(root, screenHeader(t('stocktake.list_title')), card(t('stocktake.start'), form), summary, list);
  loadWarehouses();
  load();
  return { refresh: load };
}
