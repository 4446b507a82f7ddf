/**
 * 钱包 (statement): the caller's distributor's balances — cash (prepayments and commissions less
 * what it paid) and rebates (返利) — and its ledger, newest first, each entry with what it was
 * (a prepayment, an order paid, a rebate, a payout…), the order it paid, its amount signed from
 * the distributor's side and the balance after it. Sparrow records money; it never moves it.
 */

import { MY_WALLET } from '../api/distribution.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { card, facts, screenHeader } from '../ui/layout.js';
import { pagedList } from '../ui/paged_list.js';
import { money } from '../ui/quantity.js';
import { emptyView } from '../ui/states.js';

const PAGE = 20;

function entryRow(entry) {
  const positive = Number(entry.amount) > 0;
  const order = entry.orderId && h('a', { href: appUrl(`/portal/orders/${entry.orderId}`) }, entry.orderNumber);
  return h(
    'li',
    { class: 'item-row portal-entry', dataset: { kind: entry.kind, number: entry.number } },
    h(
      'div',
      { class: 'item-main' },
      h('strong', {}, t(`portal.kind.${entry.kind}`)),
      h('span', { class: 'muted small' }, `${formatDateTime(entry.createdAt)} · ${t(`portal.pocket.${entry.pocket}`)}`),
      order || (entry.reference && h('span', { class: 'muted small' }, entry.reference)),
      entry.note && !order && h('span', { class: 'muted small' }, entry.note),
    ),
    h(
      'div',
      { class: 'item-meta' },
      h('strong', { class: positive ? 'portal-amount-in' : 'portal-amount-out' }, `${positive ? '+' : ''}${money(entry.amount)}`),
      h('span', { class: 'muted small' }, t('portal.balance_after', { amount: money(entry.balanceAfter) })),
    ),
  );
}

export function mount(root) {
  const balances = h('div', { 'aria-live': 'polite' });
  let more = false;
  const list = pagedList({
    pageSize: PAGE,
    // The ledger has no count: another page is asked for while the last one came back full.
    fetch: async (paging) => {
      const { myDistributor } = await gql(MY_WALLET, paging);
      const { wallet } = myDistributor;
      if (paging.offset === 0) {
        fill(
          balances,
          card(
            t('portal.balances'),
            facts([
              [t('portal.balance'), h('strong', { dataset: { testid: 'wallet-balance' } }, money(wallet.balance))],
              [t('portal.rebate_balance'), h('span', { dataset: { testid: 'rebate-balance' } }, money(wallet.rebateBalance))],
            ]),
          ),
        );
      }
      more = wallet.entries.length === paging.limit;
      return { items: wallet.entries, totalCount: paging.offset + wallet.entries.length };
    },
    hasMore: () => more,
    row: entryRow,
    label: () => t('portal.entries'),
    empty: () => emptyView({ iconName: 'wallet', title: t('portal.entries_empty') }),
  });
  fill(root, screenHeader(t('portal.wallet')), balances, h('h2', { class: 'portal-section-title' }, t('portal.entries')), list.element);
  list.load();
  return { refresh: () => list.load() };
}
