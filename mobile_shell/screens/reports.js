/**
 * Reports (报表, for reports.view): 销售日报 / 月报 / 年报 beside the previous period, 订单统计
 * grouped by customer, rep, status, product or day, 利润 (with cost.view only), 客户欠款 and
 * 退货统计. Each tab has its own controls (the month or year, or a date range and a grouping), a
 * chart with its table, and 导出 CSV / 导出 Excel / 打印 links to the server's files for the same
 * parameters. A rep's figures cover their own orders only, here and in the files.
 *
 * The tab and its parameters live in the address (?tab=month&anchor=2025-01-01), so a report can
 * be bookmarked, and a change of tab keeps the dates.
 */

import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { dateRange, monthStart, today } from '../ui/finance_fields.js';
import { field } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { reportTabs } from '../ui/report_views.js';
import { errorView, loadingView } from '../ui/states.js';

const SALES_TABS = ['day', 'month', 'year'];

/** The anchor moved by one period (a month for 日报, a year otherwise). */
function shifted(anchor, tab, step) {
  const year = Number(anchor.slice(0, 4));
  if (tab !== 'day') return `${year + step}-01-01`;
  const month = Number(anchor.slice(5, 7)) - 1 + step;
  const moved = new Date(Date.UTC(year, month, 1));
  return moved.toISOString().slice(0, 10);
}

export function mount(root, { query }) {
  const tabs = reportTabs();
  const tab = query.get('tab') in tabs ? query.get('tab') : 'day';
  const view = tabs[tab];
  const state = {
    tab,
    anchor: query.get('anchor') || today(),
    from: query.get('from') ?? monthStart(),
    to: query.get('to') ?? today(),
    group: view.groups?.includes(query.get('group')) ? query.get('group') : view.groups?.[0],
    token: 0,
  };
  const body = h('div', {}, loadingView(4));
  const exports = h('div', { class: 'form-actions report-exports' });
  const steps = h('div', { class: 'form-actions report-steps' });

  function address(next = tab) {
    const params = new URLSearchParams({ tab: next, anchor: state.anchor, from: state.from, to: state.to });
    if (next === tab && state.group) params.set('group', state.group);
    return `/reports?${params}`;
  }

  function drawExports() {
    const params = new URLSearchParams(Object.entries(view.params(state)).filter(([, value]) => value));
    const suffix = params.toString() ? `?${params}` : '';
    fill(
      exports,
      h('a', { href: `/reports/${view.name}.csv${suffix}`, class: 'button button-quiet button-small', download: '', dataset: { format: 'csv' } }, t('report.export_csv')),
      h('a', { href: `/reports/${view.name}.xlsx${suffix}`, class: 'button button-quiet button-small', download: '', dataset: { format: 'xlsx' } }, t('report.export_xlsx')),
      h('a', { href: `/reports/${view.name}/print/${suffix}`, class: 'button button-quiet button-small', target: '_blank', rel: 'noopener', dataset: { format: 'print' } }, t('report.print')),
    );
  }

  async function load() {
    const token = ++state.token;
    history.replaceState(history.state, '', appUrl(address()));
    drawExports();
    body.setAttribute('aria-busy', 'true');
    try {
      const data = await gql(view.query, view.variables(state));
      if (token === state.token) fill(body, view.draw(data, state));
    } catch (error) {
      if (token === state.token) fill(body, errorView(error, { retry: load }));
    } finally {
      if (token === state.token) body.removeAttribute('aria-busy');
    }
  }

  /** The month (日报) or year picker with previous / next, for the sales tabs. */
  function anchorControls() {
    const monthly = tab === 'day';
    const picker = monthly
      ? field({ name: 'anchor', label: t('report.month_pick'), type: 'month', value: state.anchor.slice(0, 7) })
      : field({ name: 'anchor', label: t(tab === 'year' ? 'report.last_year_pick' : 'report.year_pick'), type: 'number', inputmode: 'numeric', min: 2000, max: 2100, value: state.anchor.slice(0, 4) });
    const input = picker.querySelector('input');
    const set = (anchor) => {
      state.anchor = anchor;
      input.value = monthly ? anchor.slice(0, 7) : anchor.slice(0, 4);
      load();
    };
    input.addEventListener('change', () => {
      if (monthly && /^\d{4}-\d{2}$/.test(input.value)) set(`${input.value}-01`);
      if (!monthly && /^\d{4}$/.test(input.value)) set(`${input.value}-01-01`);
    });
    const step = (by, label) => h('button', { type: 'button', class: 'button button-quiet button-small', onclick: () => set(shifted(state.anchor, tab, by)) }, t(label));
    fill(steps, step(-1, 'report.earlier'), step(1, 'report.later'));
    return [picker];
  }

  function controls() {
    if (SALES_TABS.includes(tab)) return anchorControls();
    if (!view.groups) return [];
    const group = field({ name: 'group', label: t('report.group_by'), value: state.group, options: view.groups.map((value) => ({ value, label: t(`report.group.${value.toLowerCase()}`) })) });
    group.querySelector('select').addEventListener('change', (event) => {
      state.group = event.target.value;
      load();
    });
    const days = dateRange({
      from: state.from,
      to: state.to,
      onChange: ({ from, to }) => {
        Object.assign(state, { from, to });
        load();
      },
    });
    return [group, ...days];
  }

  const tabList = h(
    'nav',
    { class: 'roles report-tabs', 'aria-label': t('report.tabs'), style: { marginBottom: '12px' } },
    Object.keys(tabs).map((id) => h('a', { href: appUrl(address(id)), class: id === tab ? 'button button-small' : 'button button-quiet button-small', 'aria-current': id === tab ? 'page' : null, dataset: { tab: id } }, t(`report.tab.${id}`))),
  );
  const own = !hasScope('orders.view_all') && h('p', { class: 'muted small' }, t('report.own_only'));
  const parts = controls();
  const form = parts.length > 0 && h('form', { class: 'filters filters-stack', 'aria-label': t('report.controls'), onsubmit: (event) => event.preventDefault() }, parts);
  // Earlier / later on the left, the downloads on the right, one row when it fits.
  const bar = h('div', { style: { display: 'flex', flexWrap: 'wrap', justifyContent: 'space-between', gap: '8px', marginBottom: '12px' } }, steps, exports);
  fill(root, screenHeader(t('nav.reports')), tabList, own, form, bar, body);
  load();
  return { refresh: load };
}
