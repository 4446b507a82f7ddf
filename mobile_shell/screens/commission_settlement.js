/**
 * One settlement of profit sharing (distribution.view; posting distribution.manage): the month,
 * number, status and totals, and a statement per distributor who earned (or owes) something —
 * its total and, opened in place, its lines: the order and line, SKU, quantity, base, rule and
 * rate, commission, clawbacks as negative lines. 入账 credits every statement to its
 * distributor's wallet as one 分润 entry, after a confirmation; it happens once.
 */

import { COMMISSION_SETTLEMENT, COMMISSION_SETTLEMENT_POST, COMMISSION_STATEMENT_LINES } from '../api/distribution_rewards.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatDateTime, formatNumber, t } from '../i18n/i18n.js';
import { amountClass, monthText, settlementStatus, statementRow } from '../ui/commission_lines.js';
import { confirmDialog } from '../ui/confirm.js';
import { fill, h } from '../ui/element.js';
import { busy } from '../ui/form.js';
import { card, facts, screenHeader } from '../ui/layout.js';
import { pagedList } from '../ui/paged_list.js';
import { money } from '../ui/quantity.js';
import { emptyView, errorText } from '../ui/states.js';
import { toast } from '../ui/toast.js';

const PAGE = 20;

export function mount(root, { params }) {
  const head = h('div', {});
  const orderLinks = hasScope(['orders.view_all', 'orders.view_own']);
  const back = h('a', { href: appUrl('/network/settlements'), class: 'button button-quiet button-small' }, t('settle.title'));
  let settlement = null;

  async function post(button) {
    const ok = await confirmDialog({
      title: t('settle.post_title', { month: monthText(settlement.month) }),
      message: t('settle.post_message', { count: formatNumber(settlement.statementCount), total: money(settlement.total) }),
      confirmLabel: t('settle.post'),
    });
    if (!ok) return;
    await busy(button, async () => {
      try {
        const result = (await gql(COMMISSION_SETTLEMENT_POST, { id: settlement.id })).commissionSettlementPost;
        if (result.errors.length) return toast(errorText(result.errors[0]), { kind: 'error' });
        toast(t('settle.posted', { number: result.settlement.number }), { kind: 'success' });
        return statements.load();
      } catch (error) {
        return toast(errorText(error), { kind: 'error' });
      }
    });
  }

  function drawHead(found) {
    settlement = found;
    // Posting credits the wallets: finance's act (the service refuses others: finance_required).
    const mayPost = found.status === 'draft' && hasScope('finance.manage');
    const postButton = mayPost && h('button', { type: 'button', class: 'button button-small', dataset: { testid: 'settlement-post' }, onclick: (event) => post(event.currentTarget) }, t('settle.post'));
    fill(
      head,
      screenHeader(t('settle.one_title', { month: monthText(found.month) }), back, postButton),
      card(
        null,
        facts([
          [t('settle.number'), found.number],
          [t('settle.status_label'), settlementStatus(found.status)],
          [t('settle.statement_count'), formatNumber(found.statementCount)],
          [t('settle.line_count'), formatNumber(found.lineCount)],
          [t('settle.total'), h('strong', { class: amountClass(found.total), dataset: { testid: 'settlement-total' } }, money(found.total))],
          [t('settle.created_label'), formatDateTime(found.createdAt)],
          found.postedAt && [t('settle.posted_label'), formatDateTime(found.postedAt)],
        ]),
        found.status === 'draft' && h('p', { class: 'muted small' }, t('settle.draft_hint')),
      ),
      h('h2', { class: 'reward-section-title' }, t('settle.statements')),
    );
  }

  const statements = pagedList({
    pageSize: PAGE,
    listClass: 'item-list card reward-statements',
    fetch: async (paging) => {
      const found = (await gql(COMMISSION_SETTLEMENT, { id: params.id, ...paging })).commissionSettlement;
      if (paging.offset === 0) drawHead(found);
      return found.statements;
    },
    row: (statement) =>
      statementRow(statement, {
        orderLinks,
        subtitle: statement.walletEntryId ? t('settle.in_wallet') : t('settle.line_count_n', { count: formatNumber(statement.lineCount) }),
        fetchLines: async (paging) => (await gql(COMMISSION_STATEMENT_LINES, { settlementId: params.id, distributorId: statement.distributorId, ...paging })).commissionStatement.lines,
      }),
    label: () => t('settle.statements'),
    count: (list) => t('settle.statement_count_n', { count: formatNumber(list.total) }),
    empty: () => emptyView({ iconName: 'wallet', title: t('settle.no_statements') }),
  });

  // Until the first page answers (or fails, the list showing why), the header names the screen.
  fill(head, screenHeader(t('settle.title'), back));
  fill(root, head, statements.summary, statements.element);
  statements.load();
  return { refresh: () => statements.load() };
}
