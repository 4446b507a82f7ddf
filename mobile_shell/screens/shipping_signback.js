/**
 * Sign-backs to collect (待签回, for shipping staff and the reps who bring signed notes back):
 * orders shipped and waiting for their signed delivery note, longest first, with the overdue
 * ones flagged (past the workspace's limit) and a filter for just those (the home screen's
 * "overdue sign-backs" to-do opens it so). Each opens the capture screen.
 */

import { PENDING_SIGNBACK } from '../api/shipping.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/router.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { field } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { methodLabel, shippingSections } from '../ui/shipping_common.js';
import { emptyView, errorView, loadingView } from '../ui/states.js';

const PAGE = 30;

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
  const state = { overdue: query.get('overdue') === '1', search: '', items: [], total: 0, token: 0, loaded: false };
  const list = h('div', { class: 'item-list-host' });
  const summary = h('p', { class: 'muted', role: 'status' });
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

  async function load({ append = false } = {}) {
    const token = ++state.token;
    if (!append && !state.loaded) fill(list, loadingView(4));
    list.setAttribute('aria-busy', 'true');
    try {
      const variables = { overdueOnly: state.overdue, search: state.search, limit: PAGE, offset: append ? state.items.length : 0 };
      const { ordersPendingSignback: page } = await gql(PENDING_SIGNBACK, variables);
      if (token !== state.token) return;
      state.items = append ? [...state.items, ...page.items] : page.items;
      state.total = page.totalCount;
      state.loaded = true;
      summary.textContent = t('signback.count', { count: formatNumber(state.total) });
      if (!state.items.length) {
        fill(list, emptyView({ iconName: 'check', title: state.overdue ? t('signback.empty_overdue') : t('signback.empty') }));
        return;
      }
      const more =
        state.items.length < state.total &&
        h('button', { type: 'button', class: 'button button-quiet button-block', onclick: () => load({ append: true }) }, t('action.load_more'));
      fill(list, h('ul', { class: 'item-list card', 'aria-label': t('signback.list_label') }, state.items.map(orderRow)), more);
    } catch (error) {
      if (token === state.token) fill(list, errorView(error, { retry: () => load() }));
    } finally {
      if (token === state.token) list.removeAttribute('aria-busy');
    }
  }

  fill(
    root,
    screenHeader(t('signback.title')),
    shippingSections('shipping-signback'),
    h('form', { class: 'filters', role: 'search', onsubmit: (event) => event.preventDefault() }, search, h('label', { class: 'check-row' }, overdue, t('signback.overdue_only'))),
    summary,
    list,
  );
  load();
  return { refresh: () => load() };
}
