/**
 * Shipping (发货, for shipping.manage): the orders waiting to ship (待发货 and partly shipped),
 * oldest due first, filtered by delivery method, rep, due date and a search; each opens its ship
 * form. The other shipping screens (batch, pick and verify, sign-back, deliveries, print
 * templates, carriers) are a tap away, and the day's shipping list prints from here.
 */

import { ORDERS_TO_SHIP, SHIPPING_REPS } from '../api/shipping.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { screenHeader } from '../ui/layout.js';
import { qty } from '../ui/quantity.js';
import { methodLabel, orderFilters, orderStatusChip, shippingSections } from '../ui/shipping_common.js';
import { dailyListDialog } from '../ui/shipping_print.js';
import { pagedList } from '../ui/paged_list.js';
import { emptyView } from '../ui/states.js';


function orderRow(order) {
  const packed = order.shipments.filter((one) => one.status === 'packing').length;
  const place = [order.receiver, `${order.city}${order.district}`].filter(Boolean).join(' · ');
  return h(
    'li',
    {},
    h(
      'a',
      { href: appUrl(`/shipping/orders/${order.id}`), class: 'item-row shipping-order', dataset: { number: order.number, orderId: order.id } },
      h(
        'div',
        { class: 'item-main' },
        h('strong', {}, `${order.number} · ${order.customerName}`),
        h('span', { class: 'muted small' }, `${methodLabel(order.deliveryMethod)} · ${t('shipping.due', { date: formatDate(order.dueDate) })} · ${order.repName}`),
        place && h('span', { class: 'muted small' }, place),
      ),
      h(
        'div',
        { class: 'item-meta' },
        orderStatusChip(order.status),
        packed > 0 && h('span', { class: 'chip', dataset: { packed: String(packed) } }, t('shipping.packed', { count: formatNumber(packed) })),
        h('span', { class: 'small' }, t('shipping.open_qty', { qty: qty(order.openQuantity) })),
      ),
    ),
  );
}

export function mount(root) {
  const state = { filter: null };
  const filters = orderFilters({
    onChange: (filter) => {
      state.filter = filter;
      load();
    },
  });
  state.filter = filters.filter();

  const list = pagedList({
    host: { class: 'item-list-host' },
    keepRows: true,
    fetch: async (paging) => (await gql(ORDERS_TO_SHIP, { filter: state.filter, ...paging })).ordersToShip,
    row: orderRow,
    label: () => t('shipping.list_label'),
    count: (shown) => t('shipping.count', { count: formatNumber(shown.total) }),
    empty: () => emptyView({ iconName: 'check', title: t('shipping.empty'), hint: t('shipping.empty_hint') }),
  });
  const load = (options) => list.load(options);

  const daily = h('button', { type: 'button', class: 'button button-quiet button-small', onclick: () => dailyListDialog() }, t('shipprint.daily_list'));
  const sections = shippingSections('shipping');
  sections.append(h('a', { href: appUrl('/shipping/carriers'), class: 'button button-quiet button-small', style: { flex: '0 0 auto', whiteSpace: 'nowrap' } }, t('shipping.section.carriers')));
  fill(root, screenHeader(t('shipping.title'), daily), sections, filters.element, list.summary, list.element);
  load();
  gql(SHIPPING_REPS)
    .then((data) => filters.setReps(data.ordersToShipSummary))
    .catch(() => {
      // Without the reps the other filters still work.
    });
  return { refresh: () => load() };
}
