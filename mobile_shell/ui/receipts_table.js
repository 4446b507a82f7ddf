/**
 * The receipts as a desktop table (≥ 1024 px; phones keep screens/receipts.js's list):
 * sortable columns (amounts too: whoever lists receipts sees their money), the person's
 * columns, filters in the URL (customer, kind, from, to, amount min and max: the keys of the
 * receipts export) and saved views. Receipts have no warehouse.
 */

import { RECEIPT_TABLE } from '../api/workbench.js';
import { gql } from '../core/graphql.js';
import { appUrl, navigate } from '../core/urls.js';
import { formatDate, t } from '../i18n/i18n.js';
import { customerFilter } from './customer_picker.js';
import { h } from './element.js';
import { exportLink } from './export_link.js';
import { mayRecord } from './finance_fields.js';
import { financeLinks, receiptAmount } from './finance_links.js';
import { field } from './form.js';
import { money } from './quantity.js';
import { amountRange, amountVariables } from './table_filters.js';
import { workbench } from './workbench.js';

const DEFAULT_COLUMNS = ['number', 'received_on', 'customer', 'method', 'amount', 'state'];

function columns() {
  return [
    { key: 'number', label: t('col.number'), always: true, sortable: true, cell: (r) => h('a', { href: appUrl(`/receipts/${r.id}`), tabindex: '-1' }, r.number) },
    { key: 'received_on', label: t('receipt.received_on'), sortable: true, cell: (r) => formatDate(r.receivedOn) },
    { key: 'customer', label: t('col.customer'), sortable: true, cell: (r) => r.customer.name },
    { key: 'kind', label: t('receipt.kind_label'), sortable: true, cell: (r) => t(`receipt.kind.${r.kind}`) },
    { key: 'method', label: t('fin.method'), sortable: true, cell: (r) => t(`fin.method.${r.method}`) },
    { key: 'amount', label: t('col.total_amount'), sortable: true, numeric: true, cell: (r) => receiptAmount(r) },
    {
      key: 'state',
      label: t('col.status'),
      cell: (r) =>
        r.isVoid
          ? h('span', { class: 'chip chip-bad', dataset: { status: 'void' } }, t('receipt.void'))
          : Number(r.unallocatedAmount) > 0 && h('span', { class: 'chip chip-pending' }, t('receipt.prepayment_n', { amount: money(r.unallocatedAmount) })),
    },
  ];
}

export function mountReceiptsTable(root, { query: asked }) {
  // The phone's ?customerId= (links from a customer) is the table's customer filter.
  const query = new URLSearchParams(asked);
  if (query.has('customerId')) {
    if (!query.has('customer')) query.set('customer', query.get('customerId'));
    query.delete('customerId');
    history.replaceState({}, '', `${location.pathname}?${query}`);
  }
  const customerFields = customerFilter();
  const params = () => new URLSearchParams(location.search);

  function filters(current) {
    return [
      ...customerFields(current),
      field({ name: 'kind', label: t('receipt.kind_label'), value: current.get('kind') || '', options: ['', 'payment', 'refund'].map((value) => ({ value, label: t(`receipt.kind.${value || 'all'}`) })) }),
      field({ name: 'from', label: t('filter.from'), type: 'date', value: current.get('from') || '' }),
      field({ name: 'to', label: t('filter.to'), type: 'date', value: current.get('to') || '' }),
      ...amountRange(current),
    ];
  }

  const actions = mayRecord()
    ? [h('a', { href: appUrl('/receipts/new'), class: 'button button-small' }, t('receipt.create_title')), h('a', { href: appUrl('/refunds/new'), class: 'button button-quiet button-small' }, t('refund.create_title'))]
    : [];
  const exported = exportLink('receipts', () => {
    const now = params();
    const keys = ['customer', 'kind', 'from', 'to', 'min', 'max'];
    return Object.fromEntries(keys.map((key) => [key, now.get(key) || '']));
  });
  return workbench(root, {
    list: 'receipts',
    title: t('receipt.list_title'),
    actions: [...actions, exported],
    extra: financeLinks('/receipts'),
    query,
    columns: columns(),
    defaults: DEFAULT_COLUMNS,
    filters,
    rowName: (receipt) => receipt.number,
    onOpen: (receipt) => navigate(`/receipts/${receipt.id}`),
    fetch: async (current, { limit, offset, sort }) => {
      const orderBy = sort ? { field: sort.key.toUpperCase(), direction: sort.descending ? 'DESC' : 'ASC' } : null;
      const text = (key) => current.get(key) || null;
      const variables = { customerId: text('customer'), kind: text('kind'), dateFrom: text('from'), dateTo: text('to'), ...amountVariables(current), orderBy, limit, offset };
      return (await gql(RECEIPT_TABLE, variables)).receipts;
    },
  });
}
