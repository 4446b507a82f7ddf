/**
 * The reports the reports screen shows, one entry per tab: its GraphQL query and variables, the
 * server report it downloads and prints as (/reports/<name>.csv|.xlsx, /reports/<name>/print/,
 * with the same parameters), and how its answer is drawn — a chart and the table under it.
 *
 * Definitions are the server's (README, Reports): sales are approved orders and beyond by order
 * date in the workspace's days; profit recognises revenue on shipment; amounts include tax.
 */

import { CUSTOMER_ARREARS, ORDER_STATISTICS, PROFIT_REPORT, RETURNS_REPORT, SALES_REPORT } from '../api/reports.js';
import { hasScope } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { barChart, dataTable, hbarChart } from './charts.js';
import { h } from './element.js';
import { changeText } from './finance_fields.js';
import { card, facts } from './layout.js';
import { money, qty } from './quantity.js';

const TOP = 10; // bars in a ranking; the table lists every row
const RECEIVABLE_SCOPES = ['finance.view', 'orders.view_all', 'orders.view_own'];

const percent = (value) => (value === null || value === undefined ? '—' : `${formatNumber(Number(value), { maximumFractionDigits: 1 })}%`);
const period = (report) => t('report.range', { from: formatDate(report.from), to: formatDate(report.to) });

/** The top rows of a report as a ranking chart. */
function ranking(rows, value, text, title) {
  const top = [...rows].sort((a, b) => Math.abs(value(b)) - Math.abs(value(a))).slice(0, TOP);
  if (!top.length) return null;
  const bars = top.map((row) => ({ label: row.label || '—', value: value(row), text: text(row) }));
  return hbarChart({ rows: bars, summary: t('report.ranking_summary', { title, parts: bars.map((bar) => `${bar.label} ${bar.text}`).join('，') }) });
}

function truncatedNote(report) {
  return report.truncated && h('p', { class: 'notice' }, t('report.truncated'));
}

// --- sales: a month by day, a year by month, five years by year ----------------------------

const SALES_AXIS = { DAY: (start) => String(Number(start.slice(8, 10))), MONTH: (start) => String(Number(start.slice(5, 7))), YEAR: (start) => start.slice(0, 4) };
const SALES_ROW = { DAY: { month: 'numeric', day: 'numeric' }, MONTH: { year: 'numeric', month: 'short' } };

function salesView(period) {
  return {
    name: 'sales',
    query: SALES_REPORT,
    variables: (state) => ({ period, anchor: state.anchor || null }),
    params: (state) => ({ period: period.toLowerCase(), anchor: state.anchor }),
    draw(data, state) {
      const report = data.salesReport;
      const cur = (value) => money(value, report.currency);
      const title = t(`report.tab.${state.tab}`);
      const summary = t('report.sales_summary', {
        title,
        range: period === 'YEAR' ? `${report.from.slice(0, 4)}–${report.to.slice(0, 4)}` : formatDate(report.from, period === 'DAY' ? { year: 'numeric', month: 'long' } : { year: 'numeric' }),
        amount: cur(report.totals.amount),
        orders: formatNumber(report.totals.orderCount),
        previous: cur(report.previousTotals.amount),
      });
      const headers = [[t('report.period'), false], [t('report.orders'), true], [t('fin.amount'), true], [t('report.previous_amount'), true], [t('report.change'), true]];
      // A month has 31 days: its table lists the days that sold something, then or a month before.
      const listed = period === 'DAY' ? report.rows.filter((row) => row.orderCount || row.previousOrderCount) : report.rows;
      const label = (row) => (SALES_ROW[period] ? formatDate(row.start, SALES_ROW[period]) : row.label);
      const rows = listed.map((row) => [label(row), formatNumber(row.orderCount), cur(row.amount), row.previousAmount === null ? '—' : cur(row.previousAmount), changeText(row.amountChangePercent)]);
      const totals = [t('report.total'), formatNumber(report.totals.orderCount), cur(report.totals.amount), cur(report.previousTotals.amount), changeText(report.amountChangePercent)];
      return [
        card(
          null,
          h('p', { class: 'muted small' }, t('report.compared', { from: formatDate(report.previousFrom), to: formatDate(report.previousTo) })),
          facts([
            [t('report.sales_amount'), h('strong', { class: 'report-amount', dataset: { amount: report.totals.amount } }, cur(report.totals.amount))],
            [t('report.amount_change'), changeText(report.amountChangePercent)],
            [t('report.orders'), h('span', { class: 'report-orders' }, formatNumber(report.totals.orderCount))],
            [t('report.orders_change'), changeText(report.orderCountChangePercent)],
            [t('report.previous_amount'), cur(report.previousTotals.amount)],
          ]),
        ),
        card(
          title,
          barChart({
            labels: report.rows.map((row) => SALES_AXIS[period](row.start)),
            current: report.rows.map((row) => Number(row.amount)),
            previous: report.rows.map((row) => (row.previousAmount === null ? null : Number(row.previousAmount))),
            names: [t('report.this_period'), t('report.previous_period')],
            summary,
            step: period === 'DAY' ? 5 : 1,
          }),
          period === 'DAY' && h('p', { class: 'muted small' }, t('report.days_with_sales')),
          dataTable({ label: title, headers, rows, totals }),
        ),
      ];
    },
  };
}

// --- order statistics, profit, arrears, returns ----------------------------------------------

const TIME_GROUPS = ['DAY', 'MONTH'];
const BY_LINE = ['PRODUCT', 'SKU'];

const STATS = {
  name: 'order-statistics',
  query: ORDER_STATISTICS,
  groups: ['CUSTOMER', 'REP', 'STATUS', 'PRODUCT', 'SKU', 'DAY', 'MONTH'],
  variables: (state) => ({ groupBy: state.group, from: state.from || null, to: state.to || null }),
  params: (state) => ({ group: state.group.toLowerCase(), from: state.from, to: state.to }),
  draw(data, state) {
    const report = data.orderStatistics;
    const cur = (value) => money(value, report.currency);
    const byLine = BY_LINE.includes(state.group);
    const headers = [[t(`report.group.${state.group.toLowerCase()}`), false], [t('report.orders'), true], byLine ? [t('report.quantity'), true] : null, [t('fin.amount'), true], byLine ? null : [t('report.received'), true], byLine ? null : [t('report.balance'), true]].filter(Boolean);
    const cells = (row, label) => [label, formatNumber(row.orderCount), byLine ? qty(row.quantity) : null, cur(row.amount), byLine ? null : cur(row.receivedAmount), byLine ? null : cur(row.balance)].filter((cell) => cell !== null);
    const title = t('report.tab.stats');
    const chart = TIME_GROUPS.includes(state.group)
      ? barChart({ labels: report.rows.map((row) => row.label.slice(state.group === 'DAY' ? 8 : 5)), current: report.rows.map((row) => Number(row.amount)), summary: t('report.stats_summary', { range: period(report), amount: cur(report.totals.amount), orders: formatNumber(report.totals.orderCount) }), step: state.group === 'DAY' ? 5 : 1 })
      : ranking(report.rows, (row) => Number(row.amount), (row) => cur(row.amount), title);
    return card(
      period(report),
      facts([
        [t('report.orders'), formatNumber(report.totals.orderCount)],
        [t('fin.amount'), h('strong', { class: 'report-amount', dataset: { amount: report.totals.amount } }, cur(report.totals.amount))],
      ]),
      truncatedNote(report),
      chart,
      dataTable({ label: title, headers, rows: report.rows.map((row) => cells(row, row.label)), totals: cells(report.totals, t('report.total')), stack: true }),
    );
  },
};

const PROFIT = {
  name: 'profit',
  query: PROFIT_REPORT,
  groups: ['CUSTOMER', 'REP', 'PRODUCT', 'ORDER'],
  variables: (state) => ({ groupBy: state.group, from: state.from || null, to: state.to || null }),
  params: (state) => ({ group: state.group.toLowerCase(), from: state.from, to: state.to }),
  draw(data, state) {
    const report = data.profitReport;
    const cur = (value) => (value === null ? '—' : money(value, report.currency));
    const headers = [[t(`report.group.${state.group.toLowerCase()}`), false], [t('report.orders'), true], [t('report.revenue'), true], [t('report.cost'), true], [t('report.expenses'), true], [t('report.profit'), true], [t('report.margin'), true]];
    const cells = (row, label) => [label, formatNumber(row.orderCount), cur(row.revenue), cur(row.cost), cur(row.expenses), h('strong', { class: Number(row.profit) < 0 ? 'qty-out' : null }, cur(row.profit)), percent(row.marginPercent)];
    return card(
      period(report),
      facts([
        [t('report.revenue'), cur(report.totals.revenue)],
        [t('report.profit'), h('strong', { class: 'report-amount', dataset: { amount: report.totals.profit } }, cur(report.totals.profit))],
        [t('report.margin'), percent(report.totals.marginPercent)],
      ]),
      truncatedNote(report),
      ranking(report.rows, (row) => Number(row.profit), (row) => cur(row.profit), t('report.tab.profit')),
      dataTable({ label: t('report.tab.profit'), headers, rows: report.rows.map((row) => cells(row, row.label)), totals: cells(report.totals, t('report.total')), stack: true }),
    );
  },
};

const ARREARS = {
  name: 'arrears',
  query: CUSTOMER_ARREARS,
  variables: () => ({}),
  params: () => ({}),
  draw(data) {
    const report = data.customerArrears;
    const cur = (value) => money(value, report.currency);
    const link = (row) => (hasScope('customers.view_all') || hasScope('customers.view_own') ? h('a', { href: appUrl(`/customers/${row.customerId}`) }, row.name) : row.name);
    const headers = [[t('fin.customer'), false], [t('report.owner'), false], [t('report.unpaid_orders'), true], [t('fin.amount'), true], [t('report.returned'), true], [t('report.received'), true], [t('report.balance'), true], [t('report.oldest'), false], [t('report.days'), true]];
    const rows = report.rows.map((row) => [link(row), row.owner || '—', formatNumber(row.unpaidOrderCount), cur(row.amount), cur(row.returned), cur(row.received), h('strong', {}, cur(row.balance)), row.oldestUnpaidDate ? formatDate(row.oldestUnpaidDate) : '—', row.daysOutstanding ?? '—']);
    const sum = report.totals;
    const labelled = report.rows.map((row) => ({ ...row, label: row.name }));
    return card(
      t('report.as_of', { day: formatDate(report.asOf) }),
      facts([
        [t('report.customers'), formatNumber(sum.customerCount)],
        [t('report.balance'), h('strong', { class: 'report-amount', dataset: { amount: sum.balance } }, cur(sum.balance))],
      ]),
      truncatedNote(report),
      ranking(labelled, (row) => Number(row.balance), (row) => cur(row.balance), t('report.tab.arrears')),
      dataTable({ label: t('report.tab.arrears'), headers, rows, totals: [t('report.total'), '', formatNumber(sum.unpaidOrderCount), cur(sum.amount), cur(sum.returned), cur(sum.received), cur(sum.balance), '', ''], stack: true }),
      hasScope(RECEIVABLE_SCOPES) && h('p', {}, h('a', { href: appUrl('/receivables') }, t('report.ageing_link'))),
    );
  },
};

const RETURNS = {
  name: 'returns',
  query: RETURNS_REPORT,
  groups: ['REASON', 'PRODUCT', 'SKU'],
  variables: (state) => ({ groupBy: state.group, from: state.from || null, to: state.to || null }),
  params: (state) => ({ group: state.group.toLowerCase(), from: state.from, to: state.to }),
  draw(data, state) {
    const report = data.returnsReport;
    const cur = (value) => (value === null ? '—' : money(value, report.currency));
    const costs = report.totals.cost !== null;
    const headers = [[t(`report.group.${state.group.toLowerCase()}`), false], [t('report.returns'), true], [t('report.quantity'), true], [t('fin.amount'), true], costs && [t('report.cost'), true]].filter(Boolean);
    const cells = (row, label) => [label, formatNumber(row.returnCount), qty(row.quantity), cur(row.amount), costs && cur(row.cost)].filter((cell) => cell !== false);
    return card(
      period(report),
      facts([
        [t('report.returns'), formatNumber(report.totals.returnCount)],
        [t('fin.amount'), h('strong', { class: 'report-amount', dataset: { amount: report.totals.amount } }, cur(report.totals.amount))],
      ]),
      truncatedNote(report),
      ranking(report.rows, (row) => Number(row.amount), (row) => cur(row.amount), t('report.tab.returns')),
      dataTable({ label: t('report.tab.returns'), headers, rows: report.rows.map((row) => cells(row, row.label)), totals: cells(report.totals, t('report.total')), stack: true }),
    );
  },
};

/** Tab → report; profit only for those who see costs. */
export function reportTabs() {
  return {
    day: salesView('DAY'),
    month: salesView('MONTH'),
    year: salesView('YEAR'),
    stats: STATS,
    ...(hasScope('cost.view') ? { profit: PROFIT } : {}),
    arrears: ARREARS,
    returns: RETURNS,
  };
}
