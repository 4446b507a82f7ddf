/**
 * Receivables (应收账款, for finance.view or orders.view_own): what customers owe, per customer or
 * per rep, largest first, aged from the due date (未到期, 0–30, 31–60, 61–90, 90+ days past
 * due), beside the prepayment and what was overpaid; net = owed − overpaid − prepayment. A rep
 * sees their own orders only. Finance and managers open a customer's statement from a row.
 */

import { RECEIVABLES } from '../api/finance.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { hbarChart } from '../ui/charts.js';
import { fill, h } from '../ui/element.js';
import { ALL_MONEY, mayRecord } from '../ui/finance_fields.js';
import { financeLinks } from '../ui/finance_links.js';
import { field } from '../ui/form.js';
import { card, facts, screenHeader } from '../ui/layout.js';
import { money } from '../ui/quantity.js';
import { pagedList } from '../ui/paged_list.js';
import { emptyView } from '../ui/states.js';

const PAGE = 50;
export const BUCKETS = ['notDue', 'due0To30', 'due31To60', 'due61To90', 'dueOver90'];

/** The ageing of a receivable: one bar per bucket, each with its amount written beside it
 * (and all of them in the chart's summary, so no table is needed under it). */
function ageing(total) {
  const rows = BUCKETS.map((bucket) => ({ label: t(`receivable.${bucket}`), value: Number(total[bucket]), text: money(total[bucket]) }));
  return hbarChart({ rows, summary: t('receivable.ageing_summary', { owed: money(total.owed), parts: rows.map((row) => `${row.label} ${row.text}`).join('，') }) });
}

function bucketsLine(row) {
  const parts = BUCKETS.filter((bucket) => Number(row[bucket]) > 0).map((bucket) => `${t(`receivable.${bucket}`)} ${money(row[bucket])}`);
  return parts.join(' · ');
}

function receivableRow(row) {
  const statement = row.customer && hasScope(ALL_MONEY);
  const name = row.customer ? row.customer.name : row.rep ? row.rep.fullName : t('receivable.no_rep');
  const main = h(
    'div',
    { class: 'item-main' },
    h('strong', {}, name),
    h('span', { class: 'muted small' }, [t('receivable.orders_n', { count: formatNumber(row.orderCount) }), Number(row.prepayment) > 0 && t('receivable.prepayment_n', { amount: money(row.prepayment) }), Number(row.overpaid) > 0 && t('receivable.overpaid_n', { amount: money(row.overpaid) })].filter(Boolean).join(' · ')),
    h('span', { class: 'small receivable-buckets' }, bucketsLine(row)),
  );
  const meta = h('div', { class: 'item-meta' }, h('strong', { class: 'qty', dataset: { net: row.net } }, money(row.net)), h('span', { class: 'muted small', dataset: { owed: row.owed } }, t('receivable.owed_n', { amount: money(row.owed) })));
  const attrs = { class: 'item-row receivable-row', dataset: { code: row.customer?.code || '', rep: row.rep?.fullName || '' } };
  const target = statement ? `/customers/${row.customer.id}/statement` : row.customer ? `/customers/${row.customer.id}` : null;
  return h('li', {}, target ? h('a', { ...attrs, href: appUrl(target) }, main, meta) : h('div', attrs, main, meta));
}

export function mount(root, { query }) {
  const state = { groupBy: query.get('group') === 'rep' ? 'REP' : 'CUSTOMER' };
  const totals = h('div', {});
  const group = field({ name: 'groupBy', label: t('receivable.group'), value: state.groupBy, options: ['CUSTOMER', 'REP'].map((value) => ({ value, label: t(`receivable.group.${value.toLowerCase()}`) })) });
  group.querySelector('select').addEventListener('change', (event) => {
    state.groupBy = event.target.value;
    load();
  });

  function drawTotals(report) {
    const sum = report.total;
    fill(
      totals,
      card(
        t('receivable.total_title', { day: formatDate(report.today) }),
        facts([
          [t('receivable.net'), h('strong', { class: 'receivable-net', dataset: { net: sum.net } }, money(sum.net))],
          [t('receivable.owed'), money(sum.owed)],
          [t('receivable.prepayment'), money(sum.prepayment)],
          Number(sum.overpaid) > 0 && [t('receivable.overpaid'), money(sum.overpaid)],
        ]),
        Number(sum.owed) > 0 && ageing(sum),
      ),
    );
  }

  const list = pagedList({
    pageSize: PAGE,
    fetch: async (paging) => (await gql(RECEIVABLES, { groupBy: state.groupBy, ...paging })).receivables,
    onLoaded: drawTotals,
    row: receivableRow,
    label: () => t('receivable.title'),
    empty: () => emptyView({ iconName: 'wallet', title: t('receivable.empty') }),
  });
  const load = (options) => list.load(options);

  const record = mayRecord() && h('a', { href: appUrl('/receipts/new'), class: 'button button-small' }, t('receipt.create_title'));
  const filters = h('form', { class: 'filters filters-stack', onsubmit: (event) => event.preventDefault() }, group);
  fill(root, screenHeader(t('receivable.title'), record), financeLinks('/receivables'), filters, totals, list.element);
  load();
  return { refresh: () => load() };
}
