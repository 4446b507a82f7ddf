/**
 * The shipments as a desktop table (≥ 1024 px; phones keep screens/shipments.js's list):
 * sortable columns on the server, the person's columns, filters in the URL (ship days, customer,
 * warehouse, carrier, status, search) and saved views. A row opens its order. Shipments carry
 * no money, so every column is the same for whoever may list them.
 */

import { SHIPMENT_TABLE } from '../api/workbench.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { appUrl, navigate } from '../core/urls.js';
import { formatDate, t } from '../i18n/i18n.js';
import { customerFilter } from './customer_picker.js';
import { h } from './element.js';
import { exportLink } from './export_link.js';
import { field } from './form.js';
import { qty } from './quantity.js';
import { loadCarriers } from './shipping_carrier.js';
import { methodLabel, shipmentStatusChip } from './shipping_common.js';
import { choiceFilter, warehouseFilter } from './table_filters.js';
import { workbench } from './workbench.js';

const CUSTOMER_SCOPES = ['customers.view_all', 'customers.view_own'];
export const SHIPMENT_STATUSES = ['packing', 'shipped', 'signed', 'cancelled'];
const DEFAULT_COLUMNS = ['number', 'ship_date', 'customer', 'order', 'warehouse', 'carrier', 'tracking_number', 'status'];

function columns() {
  return [
    { key: 'number', label: t('col.number'), always: true, sortable: true, cell: (s) => h('a', { href: appUrl(`/orders/${s.order.id}`), tabindex: '-1' }, s.number) },
    { key: 'ship_date', label: t('shipments.ship_date'), sortable: true, cell: (s) => (s.shipDate ? formatDate(s.shipDate) : '') },
    { key: 'customer', label: t('col.customer'), sortable: true, cell: (s) => s.order.customerName },
    { key: 'order', label: t('shipments.order'), sortable: true, cell: (s) => s.order.number },
    { key: 'receiver', label: t('shipments.receiver'), cell: (s) => s.order.receiver },
    { key: 'warehouse', label: t('col.warehouse'), sortable: true, cell: (s) => s.warehouse.name },
    { key: 'delivery_method', label: t('shipments.delivery_method'), sortable: true, cell: (s) => methodLabel(s.deliveryMethod) },
    { key: 'carrier', label: t('shipments.carrier'), sortable: true, cell: (s) => s.carrier?.name || '' },
    { key: 'tracking_number', label: t('shipments.tracking_number'), sortable: true, cell: (s) => s.trackingNumber },
    { key: 'quantity', label: t('shipments.quantity'), numeric: true, cell: (s) => qty(s.totalQuantity) },
    { key: 'shipped_by', label: t('shipments.shipped_by'), cell: (s) => s.shippedByName || '' },
    { key: 'status', label: t('col.status'), sortable: true, cell: (s) => shipmentStatusChip(s.status) },
  ];
}

function filterOf(params) {
  const text = (key) => params.get(key) || null;
  return {
    status: text('status'),
    dateFrom: text('from'),
    dateTo: text('to'),
    customerId: text('customer'),
    warehouseId: text('warehouse'),
    carrierId: text('carrier'),
    search: params.get('q') || '',
  };
}

export function mountShipmentsTable(root, { query }, { actions = [], extra = null } = {}) {
  const choices = { carriers: [] };
  const warehouses = warehouseFilter();
  const customerFields = customerFilter();

  function filters(params) {
    const select = (name, label, options) => choiceFilter(params, name, label, options);
    return [
      field({ name: 'q', label: t('shipments.search'), type: 'search', value: params.get('q') || '', autocomplete: 'off' }),
      select('status', t('col.status'), SHIPMENT_STATUSES.map((status) => ({ value: status, label: t(`shipping.shipment_status.${status}`) }))),
      field({ name: 'from', label: t('filter.from'), type: 'date', value: params.get('from') || '' }),
      field({ name: 'to', label: t('filter.to'), type: 'date', value: params.get('to') || '' }),
      // The customer picker searches customers, which the warehouse may not list.
      ...(hasScope(CUSTOMER_SCOPES) ? customerFields(params) : []),
      warehouses.fields(params),
      choices.carriers.length > 0 && select('carrier', t('shipments.carrier'), choices.carriers.map((one) => ({ value: one.id, label: one.name }))),
    ];
  }

  // The download holds the rows the table shows now (the same filters, through the same selector).
  const exported = exportLink('shipments', () => {
    const now = new URLSearchParams(location.search);
    const keys = ['status', 'warehouse', 'customer', 'carrier', 'from', 'to', 'q'];
    return Object.fromEntries(keys.map((key) => [key, now.get(key) || '']));
  });
  const screen = workbench(root, {
    list: 'shipments',
    title: t('shipments.title'),
    actions: [...actions, exported],
    extra,
    query,
    columns: columns(),
    defaults: DEFAULT_COLUMNS,
    filters,
    rowName: (shipment) => shipment.number,
    onOpen: (shipment) => navigate(`/orders/${shipment.order.id}`),
    fetch: async (params, { limit, offset, sort }) => {
      const orderBy = sort ? { field: sort.key.toUpperCase(), direction: sort.descending ? 'DESC' : 'ASC' } : null;
      return (await gql(SHIPMENT_TABLE, { filter: filterOf(params), orderBy, limit, offset })).shipments;
    },
  });
  // Warehouses (inventory.view) and carriers for the filters; without them those filters hide.
  warehouses.load(screen);
  loadCarriers()
    .then((carriers) => {
      choices.carriers = carriers;
      screen.redrawFilters();
    })
    .catch(() => {});
  return screen;
}
