/**
 * Customer returns as a desktop table (≥ 1024 px; phones keep screens/returns.js's list):
 * sortable columns (the amount only for those who see order money, as the server insists),
 * the person's columns, filters in the URL (status, customer, from, to, warehouse, and the amount
 * range for those who see the amount: others send none, which the server would refuse) and saved
 * views; 导出 Excel downloads what the table shows (/reports/sales-returns.xlsx, the same filters).
 * The screen hands its statuses and what shows above the table (links, this month's figures).
 */

import { RETURN_TABLE } from '../api/workbench.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { appUrl, navigate } from '../core/urls.js';
import { formatDate, t } from '../i18n/i18n.js';
import { customerFilter } from './customer_picker.js';
import { h } from './element.js';
import { exportLink } from './export_link.js';
import { statusChip } from './finance_fields.js';
import { field } from './form.js';
import { money } from './quantity.js';
import { amountRange, amountVariables, warehouseFilter } from './table_filters.js';
import { workbench } from './workbench.js';

const MONEY_SCOPES = ['finance.view', 'orders.view_all', 'orders.view_own'];

function columns() {
  const sees = hasScope(MONEY_SCOPES);
  return [
    { key: 'number', label: t('col.number'), always: true, sortable: true, cell: (r) => h('a', { href: appUrl(`/returns/${r.id}`), tabindex: '-1' }, r.number) },
    { key: 'return_date', label: t('sreturn.return_date'), sortable: true, cell: (r) => formatDate(r.returnDate) },
    { key: 'customer', label: t('col.customer'), sortable: true, cell: (r) => r.customer.name },
    { key: 'order', label: t('sreturn.order'), cell: (r) => r.orderNumber },
    { key: 'reason', label: t('sreturn.reason'), sortable: true, cell: (r) => r.reasonLabel },
    { key: 'warehouse', label: t('col.warehouse'), sortable: true, cell: (r) => r.warehouse.name },
    { key: 'status', label: t('col.status'), sortable: true, cell: (r) => statusChip('sreturn.status', r.status) },
    sees && { key: 'amount', label: t('col.total_amount'), sortable: true, numeric: true, cell: (r) => (r.amount === null ? '' : money(r.amount)) },
  ].filter(Boolean);
}

export function mountReturnsTable(root, { query }, { statuses, create, extra }) {
  const customerFields = customerFilter();
  const warehouses = warehouseFilter();
  const sees = hasScope(MONEY_SCOPES);

  function filters(current) {
    return [
      field({ name: 'status', label: t('sreturn.status_label'), value: current.get('status') || '', options: ['', ...statuses].map((value) => ({ value, label: t(value ? `sreturn.status.${value}` : 'fin.all_statuses') })) }),
      ...customerFields(current),
      field({ name: 'from', label: t('filter.from'), type: 'date', value: current.get('from') || '' }),
      field({ name: 'to', label: t('filter.to'), type: 'date', value: current.get('to') || '' }),
      warehouses.fields(current),
      sees && amountRange(current),
    ];
  }

  const exported = exportLink('sales-returns', () => {
    const now = new URLSearchParams(location.search);
    const keys = ['status', 'customer', 'warehouse', 'from', 'to', ...(sees ? ['min', 'max'] : [])];
    return Object.fromEntries(keys.map((key) => [key, now.get(key) || '']));
  });
  const defaults = ['number', 'return_date', 'customer', 'reason', 'status', 'amount'];
  const screen = workbench(root, {
    list: 'returns',
    title: t('sreturn.list_title'),
    actions: [create, exported].filter(Boolean),
    extra,
    query,
    columns: columns(),
    defaults,
    filters,
    rowName: (item) => item.number,
    onOpen: (item) => navigate(`/returns/${item.id}`),
    fetch: async (current, { limit, offset, sort }) => {
      const orderBy = sort ? { field: sort.key.toUpperCase(), direction: sort.descending ? 'DESC' : 'ASC' } : null;
      const text = (key) => current.get(key) || null;
      const amounts = sees ? amountVariables(current) : {};
      const variables = { status: text('status'), customerId: text('customer'), dateFrom: text('from'), dateTo: text('to'), warehouseId: text('warehouse'), ...amounts, orderBy, limit, offset };
      return (await gql(RETURN_TABLE, variables)).salesReturns;
    },
  });
  warehouses.load(screen);
  return screen;
}
