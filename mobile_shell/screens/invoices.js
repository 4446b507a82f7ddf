/**
 * Invoices (发票, for finance.view): newest first, by status (draft, issued, void), each with its
 * customer, our number and the tax invoice number once issued. finance.manage starts a new one.
 */

import { INVOICES } from '../api/finance.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { mayRecord, statusChip } from '../ui/finance_fields.js';
import { financeLinks } from '../ui/finance_links.js';
import { field } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { money } from '../ui/quantity.js';
import { pagedList } from '../ui/paged_list.js';
import { emptyView } from '../ui/states.js';

const PAGE = 50;
export const INVOICE_STATUSES = ['draft', 'issued', 'void'];

function invoiceRow(invoice) {
  const day = invoice.issueDate || invoice.createdAt;
  return h(
    'li',
    {},
    h(
      'a',
      { href: appUrl(`/invoices/${invoice.id}`), class: 'item-row invoice-row', dataset: { number: invoice.number } },
      h(
        'div',
        { class: 'item-main' },
        h('strong', {}, invoice.customer.name),
        h('span', { class: 'muted small' }, [invoice.number, invoice.taxInvoiceNumber && t('invoice.tax_number_n', { number: invoice.taxInvoiceNumber }), t(`invoice.kind.${invoice.kind}`), formatDate(day)].filter(Boolean).join(' · ')),
      ),
      h('div', { class: 'item-meta' }, h('strong', {}, money(invoice.amount)), statusChip('invoice.status', invoice.status)),
    ),
  );
}

export function mount(root, { query }) {
  const state = { status: query.get('status') || '' };
  const status = field({ name: 'status', label: t('invoice.status_label'), value: state.status, options: ['', ...INVOICE_STATUSES].map((value) => ({ value, label: t(value ? `invoice.status.${value}` : 'fin.all_statuses') })) });
  status.querySelector('select').addEventListener('change', (event) => {
    state.status = event.target.value;
    load();
  });

  const list = pagedList({
    pageSize: PAGE,
    fetch: async (paging) => (await gql(INVOICES, { status: state.status || null, ...paging })).invoices,
    row: invoiceRow,
    label: () => t('invoice.list_title'),
    count: (shown) => t('invoice.count', { count: formatNumber(shown.total) }),
    empty: () => emptyView({ iconName: 'wallet', title: t('invoice.empty') }),
  });
  const load = (options) => list.load(options);

  const create = mayRecord() && h('a', { href: appUrl('/invoices/new'), class: 'button button-small' }, t('invoice.create_title'));
  const filters = h('form', { class: 'filters filters-stack', onsubmit: (event) => event.preventDefault() }, status);
  fill(root, screenHeader(t('invoice.list_title'), create), financeLinks('/invoices'), filters, list.summary, list.element);
  load();
  return { refresh: () => load() };
}
