/**
 * 我的下级 (a distributor's person): the distributors below the caller's in the network, in tree
 * order and indented by depth, each with its level, this month's purchases and order count, and
 * when it last reported its stock. Read-only; the server answers only the caller's own subtree.
 */

import { MY_DOWNLINE } from '../api/distribution.js';
import { gql } from '../core/graphql.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { screenHeader } from '../ui/layout.js';
import { pagedList } from '../ui/paged_list.js';
import { money } from '../ui/quantity.js';
import { emptyView } from '../ui/states.js';

function memberRow(member) {
  const reported = member.lastStockReportOn ? formatDate(member.lastStockReportOn) : t('downline.never_reported');
  return h(
    'li',
    { class: 'item-row downline-row', dataset: { distributorId: member.id, depth: String(Math.min(member.depth, 4)) } },
    h(
      'div',
      { class: 'item-main' },
      h('strong', {}, member.name),
      h('span', { class: 'muted small' }, [member.levelName, member.salesArea, member.active ? null : t('downline.suspended')].filter(Boolean).join(' · ')),
      h('span', { class: 'muted small', dataset: { testid: 'downline-stock' } }, t('downline.stock_reported', { date: reported })),
    ),
    h(
      'div',
      { class: 'item-meta' },
      h('strong', { dataset: { testid: 'downline-amount' } }, money(member.purchaseAmount)),
      h('span', { class: 'muted small', dataset: { testid: 'downline-orders' } }, t('downline.orders_n', { count: formatNumber(member.orderCount) })),
    ),
  );
}

export function mount(root) {
  const list = pagedList({
    pageSize: 50,
    fetch: async (paging) => (await gql(MY_DOWNLINE, paging)).myDownline,
    row: memberRow,
    label: () => t('downline.title'),
    count: (shown) => t('downline.count', { count: formatNumber(shown.total) }),
    empty: () => emptyView({ iconName: 'users', title: t('downline.empty'), hint: t('downline.empty_hint') }),
  });
  fill(root, screenHeader(t('downline.title')), h('p', { class: 'muted small' }, t('downline.hint')), list.summary, list.element);
  list.load();
  return { refresh: () => list.load() };
}
