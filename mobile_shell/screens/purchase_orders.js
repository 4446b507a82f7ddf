/** Purchase orders (for purchasing.manage), newest first, filtered by status; a new one by hand. */

import { PURCHASE_ORDERS } from '../api/procurement.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { exportLink } from '../ui/export_link.js';
import { field } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { PO_STATUSES, statusChip } from '../ui/purchase_order_status.js';
import { money } from '../ui/quantity.js';
import { pagedList } from '../ui/paged_list.js';
import { mountPurchaseOrdersTable } from '../ui/purchase_orders_table.js';
import { emptyView } from '../ui/states.js';
import { byWidth } from '../ui/workbench.js';

function orderRow(order) {
  return h(
    'li',
    {},
    h(
      'a',
      { href: appUrl(`/purchase-orders/${order.id}`), class: 'item-row', dataset: { number: order.number } },
      h(
        'div',
        { class: 'item-main' },
        h('strong', {}, order.number),
        h('span', { class: 'muted small' }, `${order.supplier.name} · ${formatDate(order.createdAt)}`),
      ),
      h('div', { class: 'item-meta' }, statusChip(order.status), h('span', {}, money(order.amount, order.currency))),
    ),
  );
}

export function mount(root, context) {
  // Wide screens get the desktop table (ui/purchase_orders_table.js); phones the list below.
  return byWidth(
    () => mountPurchaseOrdersTable(root, context),
    () => mountList(root, context),
  );
}

function mountList(root, { query }) {
  const state = { status: query.get('status') || '' };
  const status = field({
    name: 'status',
    label: t('po.status_label'),
    value: state.status,
    options: [{ value: '', label: t('po.status_all') }, ...PO_STATUSES.map((value) => ({ value, label: t(`po.status.${value}`) }))],
  });
  status.querySelector('select').addEventListener('change', (event) => {
    state.status = event.target.value;
    load();
  });

  const list = pagedList({
    fetch: async (paging) => (await gql(PURCHASE_ORDERS, { status: state.status || null, ...paging })).purchaseOrders,
    row: orderRow,
    label: () => t('po.title'),
    count: (shown) => t('po.count', { count: formatNumber(shown.total) }),
    empty: () => emptyView({ iconName: 'inbox', title: t('po.empty') }),
  });
  const load = (options) => list.load(options);

  const create = h('a', { href: appUrl('/purchase-orders/new'), class: 'button' }, t('po.create'));
  const suggest = h('a', { href: appUrl('/replenishment'), class: 'button button-quiet' }, t('nav.replenishment'));
  const exported = exportLink('purchase-orders', () => ({ status: state.status }));
  fill(root, screenHeader(t('po.title'), create, suggest, exported), h('form', { class: 'filters', onsubmit: (event) => event.preventDefault() }, status), list.summary, list.element);
  load();
  return { refresh: () => load() };
}
