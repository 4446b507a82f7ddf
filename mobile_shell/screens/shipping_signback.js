/**
 * Sign-backs to collect (待签回, for shipping staff and the reps who bring signed notes back):
 * orders shipped and waiting for their signed delivery note, longest first, with the overdue
 * ones flagged (past the workspace's limit) and a filter for just those (the home screen's
 * "overdue sign-backs" to-do opens it so). Each opens the capture screen.
 */

import { PENDING_SIGNBACK } from '../api/shipping.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { field } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { methodLabel, shippingSections } from '../ui/shipping_common.js';
import { pagedList } from '../ui/paged_list.js';
import { emptyView } from '../ui/states.js';


function orderRow(order) {
  const out = order.shipments.filter((one) => one.status === 'shipped').length;
  return h(
    'li',
    {},
    h(
      'a',
      { href: appUrl(`/shipping/signback/${order.id}`), class: 'item-row signback-order', dataset: { number: order.number, overdue: String(order.signbackOverdue) } },
      h(
        'div',
        { class: 'item-main' },
        h('strong', {}, `${order.number} · ${order.customerName}`),
        h('span', { class: 'muted small' }, [methodLabel(order.deliveryMethod), order.receiver, order.repName].filter(Boolean).join(' · ')),
        h('span', { class: 'muted small' }, t('signback.shipped_on', { date: order.lastShipDate ? formatDate(order.lastShipDate) : '—', count: formatNumber(out) })),
      ),
      h(
        'div',
        { class: 'item-meta' },
        order.signbackOverdue
          ? h('span', { class: 'chip chip-bad', dataset: { flag: 'overdue' } }, t('signback.overdue'))
          : h('span', { class: 'chip chip-pending' }, t('signback.pending')),
        order.signbackDueDate && h('span', { class: 'small' }, t('signback.due', { date: formatDate(order.signbackDueDate) })),
      ),
    ),
  );
}

export function mount(root, { query }) {
  const state = { overdue: query.get('overdue') === '1', search: '' };
  const search = field({ name: 'search', label: t('signback.search'), type: 'search', autocomplete: 'off', placeholder: t('signback.search_hint') });
  const overdue = h('input', { type: 'checkbox', name: 'overdueOnly', checked: state.overdue });
  let debounce = 0;
  search.querySelector('input').addEventListener('input', (event) => {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      state.search = event.target.value.trim();
      load();
    }, 300);
  });
  overdue.addEventListener('change', () => {
    state.overdue = overdue.checked;
    load();
  });

  const list = pagedList({
    host: { class: 'item-list-host' },
    keepRows: true,
    fetch: async (paging) => (await gql(PENDING_SIGNBACK, { overdueOnly: state.overdue, search: state.search, ...paging })).ordersPendingSignback,
    row: orderRow,
    label: () => t('signback.list_label'),
    count: (shown) => t('signback.count', { count: formatNumber(shown.total) }),
    empty: () => emptyView({ iconName: 'check', title: state.overdue ? t('signback.empty_overdue') : t('signback.empty') }),
  });
  const load = (options) => list.load(options);

  fill(
    root,
    screenHeader(t('signback.title')),
    shippingSections('shipping-signback'),
    h('form', { class: 'filters', role: 'search', onsubmit: (event) => event.preventDefault() }, search, h('label', { class: 'check-row' }, overdue, t('signback.overdue_only'))),
    list.summary,
    list.element,
  );
  load();
  return { refresh: () => load() };
}
