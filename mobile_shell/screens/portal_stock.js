/**
 * 库存上报: the distributor reports its stock and sell-through by form or by uploading a sheet
 * (ui/stock_report.js), and sees its history (myChannelStockReports): each report's date, how it
 * was made, its SKUs with stock and units sold, and 已替换 on one a later report of the same date
 * replaced. Only its own reports: the workspace sees the network's.
 */

import { MY_CHANNEL_STOCK_REPORTS } from '../api/distribution.js';
import { gql } from '../core/graphql.js';
import { formatDate, formatDateTime, formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { screenHeader } from '../ui/layout.js';
import { pagedList } from '../ui/paged_list.js';
import { skuName } from '../ui/portal.js';
import { qty } from '../ui/quantity.js';
import { emptyView } from '../ui/states.js';
import { stockReportForm, stockReportUpload } from '../ui/stock_report.js';

function reportRow(report) {
  const source = report.source === 'upload' ? t('sreport.source_upload', { name: report.fileName }) : t('sreport.source_form');
  return h(
    'li',
    { class: 'portal-report', dataset: { reportId: report.id, current: String(report.current) } },
    h(
      'details',
      {},
      h(
        'summary',
        { class: 'item-row' },
        h('div', { class: 'item-main' }, h('strong', {}, formatDate(report.reportDate)), h('span', { class: 'muted small' }, `${source} · ${report.reportedBy} · ${formatDateTime(report.createdAt)}`), report.note && h('span', { class: 'muted small' }, report.note)),
        h('div', { class: 'item-meta' }, !report.current && h('span', { class: 'chip chip-pending' }, t('sreport.replaced')), h('span', {}, t('sreport.sku_count', { count: formatNumber(report.lines.length) }))),
      ),
      h(
        'table',
        { class: 'portal-report-lines' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('sreport.sku')), h('th', { scope: 'col' }, t('sreport.on_hand')), h('th', { scope: 'col' }, t('sreport.sold')))),
        h(
          'tbody',
          {},
          report.lines.map((line) => h('tr', { dataset: { skuCode: line.sku.code } }, h('td', {}, skuName(line.sku), h('span', { class: 'muted small' }, ` ${line.sku.code}`)), h('td', {}, qty(line.onHand)), h('td', {}, qty(line.sold)))),
        ),
      ),
    ),
  );
}

export function mount(root) {
  const history = pagedList({
    pageSize: 10,
    fetch: async (paging) => (await gql(MY_CHANNEL_STOCK_REPORTS, paging)).myChannelStockReports,
    row: reportRow,
    label: () => t('sreport.history'),
    count: (shown) => t('sreport.history_count', { count: formatNumber(shown.total) }),
    empty: () => emptyView({ iconName: 'inbox', title: t('sreport.history_empty') }),
  });
  const saved = () => history.load();
  fill(
    root,
    screenHeader(t('sreport.title')),
    h('div', { class: 'card-grid' }, stockReportForm({ onSaved: saved }), stockReportUpload({ onSaved: saved })),
    h('h2', { class: 'portal-section-title' }, t('sreport.history')),
    history.summary,
    history.element,
  );
  history.load();
  return { refresh: saved };
}
