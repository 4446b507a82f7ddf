/**
 * The sales orders as a desktop table (≥ 1024 px; phones keep the queues of screens/orders.js):
 * sortable columns on the server, the person's columns, filters in the URL (date range,
 * customer, rep, warehouse, status, amount, search) with the same keys as the order export
 * (/reports/orders.xlsx), saved views, and batch actions on the ticked rows (ui/order_batch.js).
 */

import { ORDER_TABLE, USER_CHOICES } from '../api/workbench.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { appUrl, navigate } from '../core/urls.js';
import { formatDate, t } from '../i18n/i18n.js';
import { customerFilter } from './customer_picker.js';
import { h } from './element.js';
import { field } from './form.js';
import { orderBatchBar } from './order_batch.js';
import { QUEUES, STATUSES, creditChip, may, statusChip } from './order_status.js';
import { money } from './quantity.js';
import { amountRange, amountVariables, choiceFilter, warehouseFilter } from './table_filters.js';
import { workbench } from './workbench.js';

const DEFAULT_COLUMNS = ['number', 'order_date', 'customer', 'rep', 'warehouse', 'status', 'total_amount'];

function columns() {
  const sees = hasScope(['orders.view_all', 'orders.view_own']);
  return [
    { key: 'number', label: t('col.number'), always: true, sortable: true, cell: (o) => h('a', { href: appUrl(`/orders/${o.id}`), class: 'order-link', tabindex: '-1' }, o.number) },
    { key: 'order_date', label: t('col.order_date'), sortable: true, cell: (o) => formatDate(o.orderDate) },
    { key: 'customer', label: t('col.customer'), sortable: true, cell: (o) => o.customer.name },
    { key: 'rep', label: t('col.rep'), sortable: true, cell: (o) => o.rep.fullName },
    { key: 'warehouse', label: t('col.warehouse'), sortable: true, cell: (o) => o.warehouse?.name || '' },
    { key: 'status', label: t('col.status'), sortable: true, cell: (o) => [statusChip(o.status), o.creditHold ? creditChip() : null] },
    sees && { key: 'total_amount', label: t('col.total_amount'), sortable: true, numeric: true, cell: (o) => (o.totalAmount === null ? '' : money(o.totalAmount, o.currency)) },
    { key: 'requested_date', label: t('col.requested_date'), cell: (o) => (o.requestedDate ? formatDate(o.requestedDate) : '') },
    { key: 'remarks', label: t('col.remarks'), cell: (o) => o.remarks || '' },
  ].filter(Boolean);
}

/** The filter variables of the order list from the URL's keys (the export's names). */
function filterOf(params) {
  const text = (key) => params.get(key) || null;
  return {
    search: params.get('q') || '',
    statuses: params.get('status') ? params.get('status').split(',') : null,
    dateFrom: text('from'),
    dateTo: text('to'),
    customerId: text('customer'),
    repId: text('rep'),
    warehouseId: text('warehouse'),
    ...amountVariables(params),
  };
}

export function mountOrdersTable(root, { query: asked }) {
  const choices = { users: [] };
  const warehouses = warehouseFilter();
  // The phone's queues (?queue=pending_shipment, home's to-do links) are status filters here.
  const query = new URLSearchParams(asked);
  const queue = QUEUES.find((one) => one.id === query.get('queue'));
  if (query.has('queue')) {
    query.delete('queue');
    if (queue?.statuses && !query.has('status')) query.set('status', queue.statuses.join(','));
    history.replaceState({}, '', `${location.pathname}${query.toString() ? `?${query}` : ''}`);
  }
  const customerFields = customerFilter();

  function filters(params) {
    const select = (name, label, options) => choiceFilter(params, name, label, options);
    return [
      field({ name: 'q', label: t('orders.search'), type: 'search', value: params.get('q') || '', autocomplete: 'off' }),
      select('status', t('col.status'), STATUSES.map((status) => ({ value: status, label: t(`order.status.${status}`) }))),
      field({ name: 'from', label: t('filter.from'), type: 'date', value: params.get('from') || '' }),
      field({ name: 'to', label: t('filter.to'), type: 'date', value: params.get('to') || '' }),
      ...customerFields(params),
      choices.users.length > 1 && select('rep', t('col.rep'), choices.users.map((user) => ({ value: user.id, label: user.fullName }))),
      warehouses.fields(params),
      hasScope(['orders.view_all', 'orders.view_own']) && amountRange(params),
    ];
  }

  const create = may.edit() && h('a', { href: appUrl('/orders/new'), class: 'button button-small' }, t('order.create_title'));
  const quotes = hasScope(['orders.view_all', 'orders.view_own']) && h('a', { href: appUrl('/quotations'), class: 'button button-quiet button-small' }, t('quotations.title'));
  const screen = workbench(root, {
    list: 'orders',
    title: t('orders.title'),
    actions: [create, quotes],
    query,
    columns: columns(),
    defaults: DEFAULT_COLUMNS,
    filters,
    selectable: true,
    rowName: (order) => order.number,
    onOpen: (order) => navigate(`/orders/${order.id}`),
    batchBar: orderBatchBar({ reps: () => choices.users }),
    fetch: async (params, { limit, offset, sort }) => {
      const orderBy = sort ? { field: sort.key.toUpperCase(), direction: sort.descending ? 'DESC' : 'ASC' } : null;
      return (await gql(ORDER_TABLE, { filter: filterOf(params), orderBy, limit, offset })).salesOrders;
    },
  });
  // Reps and warehouses for the filters; without them (a rep sees only themself, the warehouses
  // need inventory.view) those filters hide.
  gql(USER_CHOICES)
    .then((data) => {
      choices.users = data.users.items;
      screen.redrawFilters();
    })
    .catch(() => {});
  warehouses.load(screen);
  return screen;
}
