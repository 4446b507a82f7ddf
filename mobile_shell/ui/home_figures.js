/**
 * The home screen's figures (how the day is going): tiles for sales, orders and collections
 * today and this month, each against yesterday or the same days of last month, receivables due,
 * a 7- or 30-day sales chart with its table, and low stock for those who keep the stock.
 *
 * Everything comes from the one home query (api/dashboard.js: HOME); a block the person's role
 * does not show is not asked for, and one the server withholds (null) is left out.
 */

import { formatDate, formatMoney, formatNumber, t } from '../i18n/i18n.js';
import { barChart, dataTable } from './charts.js';
import { h } from './element.js';
import { card } from './layout.js';

/** "+12%" / "−5%" against the earlier figure; "—" when there is nothing to compare with. */
export function change(now, before) {
  const current = Number(now);
  const earlier = Number(before);
  if (!earlier) return null;
  return (current - earlier) / Math.abs(earlier);
}

function changeText(now, before, basis) {
  const ratio = change(now, before);
  if (ratio === null) return h('span', { class: 'muted small' }, t(`home.no_${basis}`));
  const kind = ratio > 0 ? 'up' : ratio < 0 ? 'down' : 'flat';
  const text = formatNumber(ratio, { style: 'percent', maximumFractionDigits: 0, signDisplay: 'exceptZero' });
  return h('span', { class: `small home-change home-change-${kind}` }, t(`home.vs_${basis}`, { change: text }));
}

function tile(key, value, comparison) {
  return h(
    'li',
    { class: 'home-tile', dataset: { figure: key } },
    h('span', { class: 'home-tile-label' }, t(`home.figure.${key}`)),
    h('strong', { class: 'home-tile-value' }, value),
    comparison,
  );
}

function moneyTiles(prefix, figures, currency) {
  const money = (value) => formatMoney(value, currency);
  return [
    tile(`${prefix}_today`, money(figures.today), changeText(figures.today, figures.yesterday, 'yesterday')),
    tile(`${prefix}_month`, money(figures.month), changeText(figures.month, figures.lastMonth, 'last_month')),
  ];
}

function figureTiles(home) {
  const tiles = [];
  if (home.sales) {
    tiles.push(...moneyTiles('sales', home.sales.amount, home.currency));
    const orders = home.sales.orders;
    tiles.push(tile('orders_today', formatNumber(orders.today), changeText(orders.today, orders.yesterday, 'yesterday')));
    tiles.push(tile('orders_month', formatNumber(orders.month), changeText(orders.month, orders.lastMonth, 'last_month')));
  }
  if (home.collections) tiles.push(...moneyTiles('collections', home.collections, home.currency));
  if (home.receivablesDue) {
    const due = home.receivablesDue;
    tiles.push(
      tile(
        'receivables_due',
        formatMoney(due.amount, home.currency),
        h('span', { class: `small ${due.overdueOrders ? 'home-change-down' : 'muted'}` }, t('home.overdue', { count: formatNumber(due.overdueOrders), amount: formatMoney(due.overdueAmount, home.currency) })),
      ),
    );
  }
  return tiles;
}

/** The sales chart with a 7 / 30 day switch (pressed buttons) and the same figures as a table. */
function salesChart(home) {
  const body = h('div', { dataset: { testid: 'home-chart' } });
  const days = home.sales.days;
  const buttons = [7, 30].map((span) =>
    h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-pressed': 'false', dataset: { span: String(span) }, onclick: () => show(span) }, t(`home.chart_${span}`)),
  );
  function show(span) {
    const rows = days.slice(-span);
    const label = (row) => formatDate(`${row.day}T12:00:00`, { month: 'numeric', day: 'numeric' });
    const total = rows.reduce((sum, row) => sum + Number(row.amount), 0);
    buttons.forEach((button) => button.setAttribute('aria-pressed', String(button.dataset.span === String(span))));
    body.replaceChildren(
      barChart({
        labels: rows.map(label),
        current: rows.map((row) => Number(row.amount)),
        summary: t('home.chart_summary', { days: span, total: formatMoney(total, home.currency) }),
        step: span > 7 ? 5 : 1,
      }),
      h(
        'details',
        { class: 'home-chart-table' },
        h('summary', {}, t('home.chart_table')),
        dataTable({
          label: t('home.chart_title', { days: span }),
          headers: [[t('home.day'), false], [t('home.figure.sales_today'), true], [t('home.orders'), true]],
          rows: rows.map((row) => [row.day, formatMoney(row.amount, home.currency), formatNumber(row.orders)]),
        }),
      ),
    );
  }
  show(7);
  return card(t('home.chart_heading'), h('div', { class: 'home-chart-switch', role: 'group', 'aria-label': t('home.chart_heading') }, buttons), body);
}

function lowStockCard(low) {
  const rows = low.rows.map((row) =>
    h('li', { class: 'home-low-row' }, h('span', {}, `${row.name} · ${row.skuCode}`), h('span', { class: 'muted small' }, t('home.low_row', { warehouse: row.warehouse, available: formatNumber(Number(row.available)) }))),
  );
  const panel = card(
    t('home.low_stock', { count: formatNumber(low.count) }),
    rows.length ? h('ul', { class: 'home-low-list' }, rows) : h('p', { class: 'muted' }, t('home.low_none')),
  );
  panel.dataset.testid = 'home-low-stock';
  return panel;
}

/** The cards of the day's figures, in the order they show; empty when the role shows none. */
export function figureCards(home, { showLowStock }) {
  const cards = [];
  const tiles = figureTiles(home);
  if (tiles.length) {
    const panel = card(t('home.figures', { day: formatDate(`${home.today}T12:00:00`, { month: 'long', day: 'numeric' }) }), h('ul', { class: 'home-tiles' }, tiles));
    panel.dataset.testid = 'home-figures';
    cards.push(panel);
  }
  if (home.sales) cards.push(salesChart(home));
  if (showLowStock && home.lowStock) cards.push(lowStockCard(home.lowStock));
  return cards;
}
