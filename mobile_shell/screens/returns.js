/**
 * Customer returns (退货, for reps, reviewers, finance and the warehouse): newest first, by
 * status — 待审核 for reviewers, 待收货 (approved) for the warehouse, 已收货 waiting for finance to
 * settle. Those who see order money get this month's returns by reason below the list (the
 * warehouse sees no amounts). Reps start a return from one of their shipped orders.
 */

import { RETURN_STATISTICS, SALES_RETURNS } from '../api/sales.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { dataTable, hbarChart } from '../ui/charts.js';
import { fill, h } from '../ui/element.js';
import { monthStart, statusChip, today } from '../ui/finance_fields.js';
import { financeLinks } from '../ui/finance_links.js';
import { field } from '../ui/form.js';
import { card, facts, screenHeader } from '../ui/layout.js';
import { money } from '../ui/quantity.js';
import { pagedList } from '../ui/paged_list.js';
import { mountReturnsTable } from '../ui/returns_table.js';
import { emptyView, errorText, loadingView } from '../ui/states.js';
import { byWidth } from '../ui/workbench.js';

const PAGE = 50;
export const RETURN_STATUSES = ['pending_approval', 'approved', 'received', 'settled', 'rejected', 'cancelled'];
const MONEY_SCOPES = ['finance.view', 'orders.view_all', 'orders.view_own'];

function returnRow(item) {
  return h(
    'li',
    {},
    h(
      'a',
      { href: appUrl(`/returns/${item.id}`), class: 'item-row return-row', dataset: { number: item.number } },
      h('div', { class: 'item-main' }, h('strong', {}, item.customer.name), h('span', { class: 'muted small' }, [item.number, item.orderNumber, item.reasonLabel, formatDate(item.returnDate)].join(' · '))),
      h('div', { class: 'item-meta' }, item.amount !== null && h('strong', {}, money(item.amount)), statusChip('sreturn.status', item.status)),
    ),
  );
}

/** This month's returns by reason: the count and amount, and a bar per reason. */
function statistics() {
  const slot = h('div', {}, loadingView(1));
  gql(RETURN_STATISTICS, { from: monthStart(), to: today() })
    .then(({ returnStatistics: stats }) => {
      const rows = stats.byReason.map((row) => ({ label: row.name, value: Number(row.amount), text: money(row.amount), count: row.count }));
      const summary = t('sreturn.stats_summary', { count: formatNumber(stats.total.count), amount: money(stats.total.amount) });
      fill(
        slot,
        facts([
          [t('sreturn.stats_count'), formatNumber(stats.total.count)],
          [t('sreturn.stats_amount'), money(stats.total.amount)],
        ]),
        rows.length > 0 && [
          hbarChart({ rows, summary }),
          dataTable({ label: t('sreturn.by_reason'), headers: [[t('sreturn.reason'), false], [t('sreturn.stats_count'), true], [t('fin.amount'), true]], rows: rows.map((row) => [row.label, formatNumber(row.count), row.text]) }),
        ],
      );
    })
    .catch((error) => fill(slot, h('p', { class: 'field-error' }, errorText(error))));
  return card(t('sreturn.stats_title'), slot);
}

export function mount(root, context) {
  // Wide screens get the desktop table (ui/returns_table.js) under the same links and figures.
  return byWidth(
    () => {
      const create = hasScope('orders.edit') && h('a', { href: appUrl('/returns/new'), class: 'button button-small' }, t('sreturn.create_title'));
      const extra = h('div', {}, financeLinks('/returns'), hasScope(MONEY_SCOPES) && statistics());
      return mountReturnsTable(root, context, { statuses: RETURN_STATUSES, create, extra });
    },
    () => mountList(root, context),
  );
}

function mountList(root, { query }) {
  const state = { status: query.get('status') || '' };
  const status = field({ name: 'status', label: t('sreturn.status_label'), value: state.status, options: ['', ...RETURN_STATUSES].map((value) => ({ value, label: t(value ? `sreturn.status.${value}` : 'fin.all_statuses') })) });
  status.querySelector('select').addEventListener('change', (event) => {
    state.status = event.target.value;
    load();
  });

  const list = pagedList({
    pageSize: PAGE,
    fetch: async (paging) => (await gql(SALES_RETURNS, { status: state.status || null, ...paging })).salesReturns,
    row: returnRow,
    label: () => t('sreturn.list_title'),
    count: (shown) => t('sreturn.count', { count: formatNumber(shown.total) }),
    empty: () => emptyView({ iconName: 'undo', title: t('sreturn.empty') }),
  });
  const load = (options) => list.load(options);

  const create = hasScope('orders.edit') && h('a', { href: appUrl('/returns/new'), class: 'button button-small' }, t('sreturn.create_title'));
  const filters = h('form', { class: 'filters filters-stack', onsubmit: (event) => event.preventDefault() }, status);
  fill(root, screenHeader(t('sreturn.list_title'), create), financeLinks('/returns'), filters, list.summary, list.element, hasScope(MONEY_SCOPES) && statistics());
  load();
  return { refresh: () => load() };
}
