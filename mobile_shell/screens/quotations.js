/** Quotations (报价单) the user may see, newest first, filtered by status, with search. */

import { QUOTATIONS } from '../api/sales.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/router.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { field } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { may } from '../ui/order_status.js';
import { money } from '../ui/quantity.js';
import { emptyView, errorView, loadingView } from '../ui/states.js';

const PAGE = 30;
export const QUOTATION_STATUSES = ['draft', 'sent', 'accepted', 'rejected', 'converted', 'cancelled'];

export function quotationChip(status) {
  const tone = { draft: 'chip-pending', sent: 'chip-pending', rejected: 'chip-bad', cancelled: 'chip-bad' }[status] || '';
  return h('span', { class: `chip ${tone}`, dataset: { status } }, t(`quotation.status.${status}`));
}

function quotationRow(quotation) {
  return h(
    'li',
    {},
    h(
      'a',
      { href: appUrl(`/quotations/${quotation.id}`), class: 'item-row quotation-row', dataset: { number: quotation.number } },
      h(
        'div',
        { class: 'item-main' },
        h('strong', {}, quotation.number),
        h('span', {}, quotation.customer.name),
        h('span', { class: 'muted small' }, t('quotation.row_dates', { date: formatDate(quotation.quoteDate), until: formatDate(quotation.validUntil) })),
      ),
      h('div', { class: 'item-meta' }, quotationChip(quotation.status), h('strong', {}, money(quotation.totalAmount, quotation.currency))),
    ),
  );
}

export function mount(root, { query }) {
  const state = { status: query.get('status') || '', search: '', items: [], total: 0, token: 0 };
  const list = h('div', {});
  const summary = h('p', { class: 'muted', role: 'status' });
  const search = field({ name: 'search', label: t('quotations.search'), type: 'search', placeholder: t('quotations.search_hint'), autocomplete: 'off' });
  const status = field({
    name: 'status',
    label: t('quotation.status_label'),
    value: state.status,
    options: [{ value: '', label: t('quotations.status_all') }, ...QUOTATION_STATUSES.map((value) => ({ value, label: t(`quotation.status.${value}`) }))],
  });
  let debounce = 0;
  search.querySelector('input').addEventListener('input', (event) => {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      state.search = event.target.value.trim();
      load();
    }, 300);
  });
  status.querySelector('select').addEventListener('change', (event) => {
    state.status = event.target.value;
    load();
  });

  async function load({ append = false } = {}) {
    const token = ++state.token;
    if (!append) fill(list, loadingView(4));
    try {
      const data = await gql(QUOTATIONS, { status: state.status || null, search: state.search, limit: PAGE, offset: append ? state.items.length : 0 });
      if (token !== state.token) return;
      state.items = append ? [...state.items, ...data.quotations.items] : data.quotations.items;
      state.total = data.quotations.totalCount;
      summary.textContent = t('quotations.count', { count: formatNumber(state.total) });
      if (!state.items.length) {
        fill(list, emptyView({ iconName: 'order', title: t('quotations.empty') }));
        return;
      }
      const more =
        state.items.length < state.total &&
        h('button', { type: 'button', class: 'button button-quiet button-block', onclick: () => load({ append: true }) }, t('action.load_more'));
      fill(list, h('ul', { class: 'item-list card', 'aria-label': t('quotations.title') }, state.items.map(quotationRow)), more);
    } catch (error) {
      if (token === state.token) fill(list, errorView(error, { retry: () => load() }));
    }
  }

  const back = h('a', { href: appUrl('/orders'), class: 'button button-quiet button-small' }, t('orders.title'));
  const create = may.edit() && h('a', { href: appUrl('/quotations/new'), class: 'button button-small' }, t('quotation.create_title'));
  fill(root, screenHeader(t('quotations.title'), create, back), h('form', { class: 'filters', role: 'search', onsubmit: (event) => event.preventDefault() }, search, status), summary, list);
  load();
  return { refresh: () => load() };
}
