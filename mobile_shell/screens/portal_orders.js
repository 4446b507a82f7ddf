/**
 * 我的订单: the orders of the caller's distributor, newest first (distributorOrders), each with
 * its status (待审核 → 待发货 → 待签回 → 已完成), total and how it was paid; a row opens the order.
 */

import { DISTRIBUTOR_ORDERS } from '../api/distribution.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { screenHeader } from '../ui/layout.js';
import { statusChip } from '../ui/order_status.js';
import { pagedList } from '../ui/paged_list.js';
import { money } from '../ui/quantity.js';
import { emptyView } from '../ui/states.js';

function orderRow(order) {
  return h(
    'li',
    { class: 'item-row portal-order-row', dataset: { number: order.number, status: order.status } },
    h(
      'div',
      { class: 'item-main' },
      h('a', { href: appUrl(`/portal/orders/${order.id}`), class: 'order-link' }, h('strong', {}, order.number)),
      h('span', { class: 'muted small' }, `${formatDate(order.orderDate)} · ${t(`portal.pay.${order.payWith}`)}`),
    ),
    h('div', { class: 'item-meta' }, statusChip(order.status), h('strong', {}, money(order.total))),
  );
}

export function mount(root) {
  const list = pagedList({
    pageSize: 20,
    fetch: async (paging) => (await gql(DISTRIBUTOR_ORDERS, paging)).distributorOrders,
    row: orderRow,
    label: () => t('portal.orders'),
    count: (shown) => t('portal.orders_count', { count: formatNumber(shown.total) }),
    empty: () => emptyView({ iconName: 'order', title: t('portal.orders_empty'), action: h('a', { href: appUrl('/portal/catalog'), class: 'button' }, t('portal.catalog')) }),
  });
  const order = h('a', { href: appUrl('/portal/catalog'), class: 'button button-small' }, t('portal.catalog'));
  fill(root, screenHeader(t('portal.orders'), order), list.summary, list.element);
  list.load();
  return { refresh: () => list.load() };
}
