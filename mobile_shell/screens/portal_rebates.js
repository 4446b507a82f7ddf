/**
 * 返利 (a distributor's person): the caller's distributor's rebates (返利) and top-10 bonuses
 * (业绩奖) once posted, newest period first: the rule, the purchases it counted, the tier or rank
 * that pays, and the amount credited to its rebate balance (spent on orders at checkout).
 */

import { MY_REBATES } from '../api/distribution_rewards.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { screenHeader } from '../ui/layout.js';
import { pagedList } from '../ui/paged_list.js';
import { periodText, rebateLineRow } from '../ui/rebate_lines.js';
import { emptyView } from '../ui/states.js';

export function mount(root) {
  const list = pagedList({
    pageSize: 20,
    fetch: async (paging) => (await gql(MY_REBATES, paging)).myRebates,
    row: (line) => rebateLineRow(line, { title: periodText(line.periodKind, line.periodStart) }),
    label: () => t('myreward.rebates'),
    count: (shown) => t('myreward.rebates_count', { count: formatNumber(shown.total) }),
    empty: () => emptyView({ iconName: 'wallet', title: t('myreward.rebates_empty'), hint: t('myreward.rebates_empty_hint') }),
  });
  const links = [
    h('a', { href: appUrl('/portal/commissions'), class: 'button button-quiet button-small' }, t('myreward.statements')),
    h('a', { href: appUrl('/portal/wallet'), class: 'button button-quiet button-small' }, t('portal.wallet')),
  ];
  fill(root, screenHeader(t('myreward.rebates'), ...links), list.summary, list.element);
  list.load();
  return { refresh: () => list.load() };
}
