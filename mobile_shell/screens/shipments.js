/**
 * Shipments (发货记录): every shipment one may see, newest first: the warehouse all of them, a
 * rep those of own orders, a manager all. Phones get a list filtered by status and a search
 * (number, tracking number, order, customer, receiver); wide screens the desktop table
 * (ui/shipments_table.js). A row opens its order.
 */

import { SHIPMENT_LIST } from '../api/shipping.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { field } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { pagedList } from '../ui/paged_list.js';
import { SHIPMENT_STATUSES, mountShipmentsTable } from '../ui/shipments_table.js';
import { shipmentStatusChip, shippingSections } from '../ui/shipping_common.js';
import { emptyView } from '../ui/states.js';
import { byWidth } from '../ui/workbench.js';

const PAGE = 50;

function shipmentRow(shipment) {
  const carrier = [shipment.carrier?.name, shipment.trackingNumber].filter(Boolean).join(' ');
  const day = shipment.shipDate ? formatDate(shipment.shipDate) : t('shipping.shipment_status.packing');
  return h(
    'li',
    {},
    h(
      'a',
      { href: appUrl(`/orders/${shipment.order.id}`), class: 'item-row shipment-row', dataset: { number: shipment.number } },
      h(
        'div',
        { class: 'item-main' },
        h('strong', {}, `${shipment.number} · ${shipment.order.customerName}`),
        h('span', { class: 'muted small' }, [shipment.order.number, day, carrier].filter(Boolean).join(' · ')),
      ),
      h('div', { class: 'item-meta' }, shipmentStatusChip(shipment.status)),
    ),
  );
}

export function mount(root, context) {
  return byWidth(
    () => mountShipmentsTable(root, context, { extra: shippingSections('shipping-shipments') }),
    () => mountList(root, context),
  );
}

function mountList(root, { query }) {
  const state = { status: query.get('status') || '', search: query.get('q') || '' };
  const status = field({ name: 'status', label: t('col.status'), value: state.status, options: ['', ...SHIPMENT_STATUSES].map((value) => ({ value, label: value ? t(`shipping.shipment_status.${value}`) : t('filter.any') })) });
  const search = field({ name: 'q', label: t('shipments.search'), type: 'search', value: state.search, autocomplete: 'off' });
  status.querySelector('select').addEventListener('change', (event) => {
    state.status = event.target.value;
    load();
  });
  search.querySelector('input').addEventListener('change', (event) => {
    state.search = event.target.value;
    load();
  });

  const list = pagedList({
    pageSize: PAGE,
    fetch: async (paging) => (await gql(SHIPMENT_LIST, { filter: { status: state.status || null, search: state.search }, ...paging })).shipments,
    row: shipmentRow,
    label: () => t('shipments.title'),
    count: (shown) => t('shipments.count', { count: formatNumber(shown.total) }),
    empty: () => emptyView({ iconName: 'truck', title: t('shipments.empty') }),
  });
  const load = (options) => list.load(options);

  const filters = h('form', { class: 'filters filters-stack', onsubmit: (event) => event.preventDefault() }, status, search);
  fill(root, screenHeader(t('shipments.title')), shippingSections('shipping-shipments'), filters, list.summary, list.element);
  load();
  return { refresh: () => load() };
}
