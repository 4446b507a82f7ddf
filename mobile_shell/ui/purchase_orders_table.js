/**
 * The purchase orders as a desktop table (≥ 1024 px; phones keep screens/purchase_orders.js's
 * list): sortable columns (not the amount, a sum over lines), the person's columns, filters in
 * the URL (status, supplier, warehouse, amount) with the keys of the purchase order export, and
 * saved views. Whoever lists purchase orders sees their amounts, so the amount range is for all.
 */

import { PURCHASE_ORDER_TABLE, SUPPLIER_CHOICES } from '../api/workbench.js';
import { gql } from '../core/graphql.js';
import { appUrl, navigate } from '../core/urls.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { h } from './element.js';
import { exportLink } from './export_link.js';
import { PO_STATUSES, statusChip } from './purchase_order_status.js';
import { money } from './quantity.js';
import { amountRange, amountVariables, choiceFilter, warehouseFilter } from './table_filters.js';
import { workbench } from './workbench.js';

const DEFAULT_COLUMNS = ['number', 'created_at', 'supplier', 'status', 'expected_date', 'amount'];

function columns() {
  return [
    { key: 'number', label: t('col.number'), always: true, sortable: true, cell: (o) => h('a', { href: appUrl(`/purchase-orders/${o.id}`), tabindex: '-1' }, o.number) },
    { key: 'created_at', label: t('col.order_date'), sortable: true, cell: (o) => formatDate(o.createdAt) },
    { key: 'supplier', label: t('po.supplier'), sortable: true, cell: (o) => o.supplier.name },
    { key: 'status', label: t('col.status'), sortable: true, cell: (o) => statusChip(o.status) },
    { key: 'expected_date', label: t('po.expected'), sortable: true, cell: (o) => (o.expectedDate ? formatDate(o.expectedDate) : '') },
    { key: 'lines', label: t('po.lines'), numeric: true, cell: (o) => formatNumber(o.lines.length) },
    { key: 'amount', label: t('col.total_amount'), numeric: true, cell: (o) => money(o.amount, o.currency) },
  ];
}

export function mountPurchaseOrdersTable(root, { query }) {
  const choices = { suppliers: [] };
  const warehouses = warehouseFilter();
  const params = () => new URLSearchParams(location.search);

  function filters(current) {
    return [
      choiceFilter(current, 'status', t('po.status_label'), PO_STATUSES.map((value) => ({ value, label: t(`po.status.${value}`) }))),
      choices.suppliers.length > 0 && choiceFilter(current, 'supplier', t('po.supplier'), choices.suppliers.map((one) => ({ value: one.id, label: one.name }))),
      warehouses.fields(current),
      amountRange(current),
    ];
  }

  const create = h('a', { href: appUrl('/purchase-orders/new'), class: 'button button-small' }, t('po.create'));
  const suggest = h('a', { href: appUrl('/replenishment'), class: 'button button-quiet button-small' }, t('nav.replenishment'));
  const exported = exportLink('purchase-orders', () => {
    const now = params();
    const keys = ['status', 'supplier', 'warehouse', 'min', 'max'];
    return Object.fromEntries(keys.map((key) => [key, now.get(key) || '']));
  });
  const screen = workbench(root, {
    list: 'purchase-orders',
    title: t('po.title'),
    actions: [exported, suggest, create],
    query,
    columns: columns(),
    defaults: DEFAULT_COLUMNS,
    filters,
    rowName: (order) => order.number,
    onOpen: (order) => navigate(`/purchase-orders/${order.id}`),
    fetch: async (current, { limit, offset, sort }) => {
      const orderBy = sort ? { field: sort.key.toUpperCase(), direction: sort.descending ? 'DESC' : 'ASC' } : null;
      const text = (key) => current.get(key) || null;
      const variables = { status: text('status'), supplierId: text('supplier'), warehouseId: text('warehouse'), ...amountVariables(current), orderBy, limit, offset };
      return (await gql(PURCHASE_ORDER_TABLE, variables)).purchaseOrders;
    },
  });
  gql(SUPPLIER_CHOICES)
    .then((data) => {
      choices.suppliers = data.suppliers.items;
      screen.redrawFilters();
    })
    .catch(() => {});
  warehouses.load(screen);
  return screen;
}
