/**
 * Receipts (收款, for finance.view): payments and refunds, latest day first, filtered by customer,
 * kind and days; a refund shows as money going out, a void one is marked, a payment with money
 * not yet allocated shows its prepayment. finance.manage records a receipt or a refund from here;
 * receivables, invoices and returns are one tap away.
 *
 * The receipts API filters by customer and kind; the days are filtered here, reading further
 * pages (they come newest first) until the list is past the first day asked for.
 */

import { RECEIPTS } from '../api/finance.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { customerById, customerPicker } from '../ui/customer_picker.js';
import { fill, h } from '../ui/element.js';
import { exportLink } from '../ui/export_link.js';
import { dateRange, mayRecord } from '../ui/finance_fields.js';
import { financeLinks, receiptAmount } from '../ui/finance_links.js';
import { field } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { money } from '../ui/quantity.js';
import { pagedList } from '../ui/paged_list.js';
import { mountReceiptsTable } from '../ui/receipts_table.js';
import { emptyView } from '../ui/states.js';
import { byWidth } from '../ui/workbench.js';

const PAGE = 50;
const MAX_PAGES = 10;

function receiptRow(receipt) {
  return h(
    'li',
    {},
    h(
      'a',
      { href: appUrl(`/receipts/${receipt.id}`), class: 'item-row receipt-row', dataset: { number: receipt.number } },
      h(
        'div',
        { class: 'item-main' },
        h('strong', {}, receipt.customer.name),
        h('span', { class: 'muted small' }, [receipt.number, formatDate(receipt.receivedOn), t(`fin.method.${receipt.method}`), receipt.kind === 'refund' && t('receipt.kind.refund')].filter(Boolean).join(' · ')),
      ),
      h(
        'div',
        { class: 'item-meta' },
        receiptAmount(receipt),
        receipt.isVoid && h('span', { class: 'chip chip-bad', dataset: { status: 'void' } }, t('receipt.void')),
        !receipt.isVoid && Number(receipt.unallocatedAmount) > 0 && h('span', { class: 'chip chip-pending' }, t('receipt.prepayment_n', { amount: money(receipt.unallocatedAmount) })),
      ),
    ),
  );
}

export function mount(root, context) {
  // Wide screens get the desktop table (ui/receipts_table.js); phones the list below.
  return byWidth(
    () => mountReceiptsTable(root, context),
    () => mountList(root, context),
  );
}

function mountList(root, { query }) {
  const state = { customerId: query.get('customerId') || null, kind: '', from: '', to: '' };
  const picker = customerPicker({
    name: 'customer',
    label: t('fin.customer_filter'),
    clearable: true,
    onPick: (customer) => {
      state.customerId = customer?.id || null;
      load();
    },
  });
  const kind = field({ name: 'kind', label: t('receipt.kind_label'), options: ['', 'payment', 'refund'].map((value) => ({ value, label: t(`receipt.kind.${value || 'all'}`) })) });
  kind.querySelector('select').addEventListener('change', (event) => {
    state.kind = event.target.value;
    load();
  });
  const days = dateRange({
    onChange: ({ from, to }) => {
      Object.assign(state, { from, to });
      load();
    },
  });

  const inRange = (receipt) => (!state.from || receipt.receivedOn >= state.from) && (!state.to || receipt.receivedOn <= state.to);
  const pastRange = (items) => state.from && items.length && items[items.length - 1].receivedOn < state.from;

  const list = pagedList({
    pageSize: PAGE,
    fetch: async ({ limit, offset }, { append }) => {
      const token = list.token;
      const items = [];
      let totalCount = 0;
      // With a first day asked for, read on until the (newest-first) list is past it.
      for (let page = 0; page < MAX_PAGES && list.isCurrent(token); page += 1) {
        const variables = { customerId: state.customerId, kind: state.kind || null, limit, offset: offset + items.length };
        const { receipts } = await gql(RECEIPTS, variables);
        items.push(...receipts.items);
        totalCount = receipts.totalCount;
        const enough = items.filter(inRange).length >= PAGE || !state.from || pastRange(items);
        if (enough || offset + items.length >= totalCount || append) break;
      }
      return { items, totalCount };
    },
    visible: (items) => items.filter(inRange),
    hasMore: (shown) => shown.items.length < shown.total && !pastRange(shown.items),
    row: receiptRow,
    label: () => t('receipt.list_title'),
    count: (shown) => (state.from || state.to ? t('receipt.count_shown', { count: formatNumber(shown.items.filter(inRange).length) }) : t('receipt.count', { count: formatNumber(shown.total) })),
    empty: () => emptyView({ iconName: 'wallet', title: t('receipt.empty') }),
  });
  const load = (options) => list.load(options);

  const actions = mayRecord()
    ? [h('a', { href: appUrl('/receipts/new'), class: 'button button-small' }, t('receipt.create_title')), h('a', { href: appUrl('/refunds/new'), class: 'button button-quiet button-small' }, t('refund.create_title'))]
    : [];
  const more = h('details', { class: 'customer-filters' }, h('summary', {}, t('receipt.more_filters')), h('div', { class: 'form-grid' }, kind, days));
  const filters = h('form', { class: 'filters filters-stack', role: 'search', onsubmit: (event) => event.preventDefault() }, picker.element, more);
  const exported = exportLink('receipts', () => ({ customer: state.customerId || '', kind: state.kind, from: state.from, to: state.to }));
  fill(root, screenHeader(t('receipt.list_title'), ...actions, exported), financeLinks('/receipts'), filters, list.summary, list.element);
  load();
  customerById(state.customerId).then((customer) => customer && picker.set(customer));
  return { refresh: () => load() };
}
