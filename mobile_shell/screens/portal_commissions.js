/**
 * 分润对账单 (a distributor's person): the caller's distributor's commission statements once
 * posted, newest month first, each with its total — what was credited to its wallet as a 分润
 * entry — and, opened in place, its lines: the downline order and line, SKU, buyer, quantity,
 * base, rule and rate, and clawbacks (goods that came back) as negative lines. The base of a
 * margin rule reveals the workspace's cost, so it shows as "—".
 */

import { MY_COMMISSION_STATEMENT_LINES, MY_COMMISSION_STATEMENTS } from '../api/distribution_rewards.js';
import { ApiError, gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { monthText, statementRow } from '../ui/commission_lines.js';
import { fill, h } from '../ui/element.js';
import { screenHeader } from '../ui/layout.js';
import { pagedList } from '../ui/paged_list.js';
import { emptyView } from '../ui/states.js';

export function mount(root) {
  const list = pagedList({
    pageSize: 12,
    listClass: 'item-list card reward-statements',
    fetch: async (paging) => (await gql(MY_COMMISSION_STATEMENTS, paging)).myCommissionStatements,
    row: (statement) =>
      statementRow(statement, {
        title: monthText(statement.month),
        subtitle: `${statement.settlementNumber} · ${t('settle.line_count_n', { count: formatNumber(statement.lineCount) })}`,
        // Distributors read their statements as a list only: the lines of the one at its place
        // in it, which must still be this statement (one posted since shifts the list).
        fetchLines: async (paging) => {
          const index = list.items.findIndex((one) => one.id === statement.id);
          const { items } = (await gql(MY_COMMISSION_STATEMENT_LINES, { index, ...paging })).myCommissionStatements;
          if (items[0]?.id !== statement.id) {
            list.load();
            throw new ApiError('stale', t('myreward.list_changed'));
          }
          return items[0].lines;
        },
      }),
    label: () => t('myreward.statements'),
    count: (shown) => t('myreward.statements_count', { count: formatNumber(shown.total) }),
    empty: () => emptyView({ iconName: 'chart', title: t('myreward.statements_empty'), hint: t('myreward.statements_empty_hint') }),
  });
  const links = [
    h('a', { href: appUrl('/portal/rebates'), class: 'button button-quiet button-small' }, t('myreward.rebates')),
    h('a', { href: appUrl('/portal/wallet'), class: 'button button-quiet button-small' }, t('portal.wallet')),
  ];
  fill(root, screenHeader(t('myreward.statements'), ...links), list.summary, list.element);
  list.load();
  return { refresh: () => list.load() };
}
