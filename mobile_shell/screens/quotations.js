/** Quotations (报价单) the user may see, newest first, filtered by status, with search. */

import { QUOTATIONS } from '../api/sales.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { field } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { may } from '../ui/order_status.js';
import { money } from '../ui/quantity.js';
import { pagedList } from '../ui/paged_list.js';
import { QUOTATION_STATUSES, quotationChip } from '../ui/quotation_status.js';
import { emptyView } from '../ui/states.js';

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
  const state = { status: query.get('status') || '', search: '' };
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

  const list = pagedList({
    fetch: async (paging) => (await gql(QUOTATIONS, { status: state.status || null, search: state.search, ...paging })).quotations,
    row: quotationRow,
    label: () => t('quotations.title'),
    count: (shown) => t('quotations.count', { count: formatNumber(shown.total) }),
    empty: () => emptyView({ iconName: 'order', title: t('quotations.empty') }),
  });
  const load = (options) => list.load(options);

  const back = h('a', { href: appUrl('/orders'), class: 'button button-quiet button-small' }, t('orders.title'));
  const create = may.edit() && h('a', { href: appUrl('/quotations/new'), class: 'button button-small' }, t('quotation.create_title'));
  fill(root, screenHeader(t('quotations.title'), create, back), h('form', { class: 'filters', role: 'search', onsubmit: (event) => event.preventDefault() }, search, status), list.summary, list.element);
  load();
  return { refresh: () => load() };
}
