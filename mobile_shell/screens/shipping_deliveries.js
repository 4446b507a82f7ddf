/**
 * Deliveries (发货查询): the orders to deliver, by delivery method, rep, due date and status
 * (to ship, waiting for sign-back, or both), with a summary per rep, customer or delivery
 * method (orders, quantities still open, amounts for those who may see money), and the list
 * printed as HTML or PDF (/shipping/print/delivery-list/) with the same filters. A manager sees
 * every order, a rep their own, the warehouse those in shipment.
 */

import { DELIVERIES, DELIVERY_SUMMARY, SHIPPING_REPS } from '../api/shipping.js';
import { gql } from '../core/graphql.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { field } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { pagedList } from '../ui/paged_list.js';
import { money, qty } from '../ui/quantity.js';
import { methodLabel, orderFilters, orderStatusChip, shippingSections } from '../ui/shipping_common.js';
import { printLinks } from '../ui/shipping_print.js';
import { emptyView, errorView, loadingView } from '../ui/states.js';

const PAGE = 50;
const STATUSES = {
  to_ship: ['pending_shipment', 'partly_shipped'],
  signback: ['pending_signback'],
  all: ['pending_shipment', 'partly_shipped', 'pending_signback'],
};
const GROUPS = ['REP', 'CUSTOMER', 'DELIVERY_METHOD'];

function printUrl(filter, status) {
  const params = new URLSearchParams();
  const add = (name, value) => value && params.set(name, value);
  add('method', filter.deliveryMethod);
  add('rep', filter.repId);
  add('from', filter.dateFrom);
  add('to', filter.dateTo);
  add('search', filter.search);
  if (status === 'signback') params.set('status', 'pending_signback');
  const query = params.toString();
  return `/shipping/print/delivery-list/${query ? `?${query}` : ''}`;
}

function summaryTable(rows, groupBy) {
  const amounts = rows.some((row) => row.amount !== null);
  const name = (row) => (groupBy === 'DELIVERY_METHOD' ? methodLabel(row.key) : row.name);
  return h(
    'div',
    { class: 'table-scroll' },
    h(
      'table',
      { class: 'data-table delivery-summary' },
      h('caption', { class: 'visually-hidden' }, t('shipquery.summary')),
      h(
        'thead',
        {},
        h('tr', {}, h('th', { scope: 'col' }, t(`shipquery.group.${groupBy}`)), h('th', { scope: 'col', class: 'num' }, t('shipquery.orders')), h('th', { scope: 'col', class: 'num' }, t('shipquery.open_qty')), amounts && h('th', { scope: 'col', class: 'num' }, t('shipquery.amount'))),
      ),
      h(
        'tbody',
        {},
        rows.map((row) =>
          h(
            'tr',
            { dataset: { key: row.key } },
            h('th', { scope: 'row' }, name(row)),
            h('td', { class: 'num' }, formatNumber(row.orderCount)),
            h('td', { class: 'num' }, qty(row.openQuantity)),
            amounts && h('td', { class: 'num' }, money(row.amount)),
          ),
        ),
      ),
    ),
  );
}

function orderRow(order) {
  return h(
    'li',
    { class: 'item-row delivery-order', dataset: { number: order.number } },
    h(
      'div',
      { class: 'item-main' },
      h('strong', {}, `${order.number} · ${order.customerName}`),
      h('span', { class: 'muted small' }, `${methodLabel(order.deliveryMethod)} · ${order.repName} · ${t('shipping.due', { date: formatDate(order.dueDate) })}`),
    ),
    h('div', { class: 'item-meta' }, orderStatusChip(order.status), h('span', { class: 'small' }, t('shipping.open_qty', { qty: qty(order.openQuantity) })), order.totalAmount !== null && h('span', { class: 'small' }, money(order.totalAmount))),
  );
}

export function mount(root) {
  const state = { status: 'to_ship', groupBy: 'REP', filter: null, summaryToken: 0 };
  const summarySlot = h('div', {});
  const filters = orderFilters({
    onChange: (filter) => {
      state.filter = filter;
      load();
    },
  });
  state.filter = filters.filter();
  const status = field({ name: 'status', label: t('shipquery.status'), value: state.status, options: Object.keys(STATUSES).map((value) => ({ value, label: t(`shipquery.status.${value}`) })) });
  const group = field({ name: 'groupBy', label: t('shipquery.group_by'), value: state.groupBy, options: GROUPS.map((value) => ({ value, label: t(`shipquery.group.${value}`) })) });
  status.querySelector('select').addEventListener('change', (event) => {
    state.status = event.target.value;
    load();
  });
  group.querySelector('select').addEventListener('change', (event) => {
    state.groupBy = event.target.value;
    loadSummary();
  });
  filters.element.prepend(status);
  const print = printLinks(printUrl(state.filter, state.status), t('shipprint.delivery_list'));

  const gqlFilter = () => ({ ...state.filter, statuses: STATUSES[state.status] });

  async function loadSummary() {
    const token = ++state.summaryToken;
    fill(summarySlot, loadingView(2));
    try {
      const { ordersToShipSummary: rows } = await gql(DELIVERY_SUMMARY, { groupBy: state.groupBy, filter: gqlFilter() });
      if (token !== state.summaryToken) return;
      fill(summarySlot, rows.length ? summaryTable(rows, state.groupBy) : h('p', { class: 'muted' }, t('shipquery.no_summary')));
    } catch (error) {
      if (token === state.summaryToken) fill(summarySlot, errorView(error, { retry: loadSummary }));
    }
  }

  const list = pagedList({
    pageSize: PAGE,
    fetch: async (paging) => (await gql(DELIVERIES, { filter: gqlFilter(), ...paging })).ordersToShip,
    row: orderRow,
    label: () => t('shipquery.list_label'),
    count: (shown) => t('shipping.count', { count: formatNumber(shown.total) }),
    empty: () => emptyView({ iconName: 'check', title: t('shipquery.empty') }),
  });

  function load() {
    print.update(printUrl(state.filter, state.status));
    print.hidden = state.status === 'all'; // the printed list takes one status: to ship, or sign-back
    loadSummary();
    return list.load();
  }

  fill(
    root,
    screenHeader(t('shipquery.title')),
    shippingSections('shipping-deliveries'),
    filters.element,
    card(t('shipquery.summary'), h('form', { class: 'filters filters-stack', onsubmit: (event) => event.preventDefault() }, group), summarySlot),
    h('div', { class: 'form-actions' }, list.summary, print),
    list.element,
  );
  load();
  gql(SHIPPING_REPS)
    .then((data) => filters.setReps(data.ordersToShipSummary))
    .catch(() => {
      // Without the reps the other filters still work.
    });
  return { refresh: () => load() };
}
