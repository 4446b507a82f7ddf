/**
 * A commission statement as the workspace and the distributor both read it: its row (who, how
 * many lines, the total) that opens its lines in place, and each line — the order and its line,
 * the SKU, the buyer and how far up the earner is, the quantity, the base the rate applied to,
 * the rule (version and rate) and the commission. A clawback (goods that came back) is its own
 * line with a negative commission and the return that took it back. The base of a margin rule is
 * withheld from whoever may not see costs ("—").
 */

import { appUrl } from '../core/urls.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from './element.js';
import { pagedList } from './paged_list.js';
import { money, qty } from './quantity.js';
import { emptyView } from './states.js';

/** "2026-11" as the month it names: 2026年11月 / Nov 2026. */
export function monthText(month) {
  return formatDate(`${month}T12:00:00`, { year: 'numeric', month: 'long' });
}

/** money() with a sign for the gains, so + and − read at a glance. */
export function signedMoney(amount) {
  return `${Number(amount) > 0 ? '+' : ''}${money(amount)}`;
}

export function amountClass(amount) {
  const value = Number(amount);
  if (value < 0) return 'reward-amount reward-amount-out';
  return value > 0 ? 'reward-amount reward-amount-in' : 'reward-amount';
}

/** A settlement's status: 待入账 (a draft under review) or 已入账 (posted to the wallets). */
export function settlementStatus(status) {
  return h('span', { class: status === 'posted' ? 'chip' : 'chip chip-pending', dataset: { testid: 'settlement-status' } }, t(`settle.status.${status}`));
}

function lineRow(line, { orderLinks }) {
  const clawback = line.kind === 'clawback';
  const order = orderLinks ? h('a', { href: appUrl(`/orders/${line.orderId}`) }, line.orderNumber) : h('span', {}, line.orderNumber);
  return h(
    'li',
    { class: `item-row reward-line${clawback ? ' reward-line-clawback' : ''}`, dataset: { kind: line.kind, order: line.orderNumber, sku: line.skuCode } },
    h(
      'div',
      { class: 'item-main' },
      h('strong', {}, order, ` · ${t('reward.line_no', { n: line.lineNo })} · ${line.skuCode}`),
      h('span', { class: 'muted small' }, `${line.buyerName} · ${t(`reward.depth.${line.depth}`)} · ${formatDate(line.bookedOn)}`),
      h(
        'span',
        { class: 'small reward-line-math' },
        h('span', { dataset: { testid: 'line-quantity' } }, t('reward.quantity', { n: qty(line.quantity) })),
        h('span', { dataset: { testid: 'line-base' } }, t(`reward.base.${line.basis}`, { amount: money(line.baseAmount) })),
        h('span', { dataset: { testid: 'line-rule' } }, t('reward.rule_rate', { version: line.ruleVersion, rate: qty(line.ratePercent) })),
      ),
      clawback && h('span', { class: 'chip chip-bad' }, line.returnNumber ? t('reward.clawback_of', { number: line.returnNumber }) : t('reward.clawback')),
      line.movedFrom && h('span', { class: 'muted small' }, t('reward.moved_from', { month: monthText(line.movedFrom) })),
    ),
    h('div', { class: 'item-meta' }, h('strong', { class: amountClass(line.commission), dataset: { testid: 'line-commission' } }, signedMoney(line.commission))),
  );
}

/**
 * A statement's row: `statement` (distributorName, lineCount, total), `fetchLines(paging)`
 * resolving to a page of its lines; the lines load when the row is opened.
 */
export function statementRow(statement, { fetchLines, orderLinks = false, title = statement.distributorName, subtitle = '' }) {
  const slot = h('div', { class: 'reward-lines', hidden: true });
  let lines = null;
  const toggle = h(
    'button',
    {
      type: 'button',
      class: 'button button-quiet button-small',
      'aria-expanded': 'false',
      'aria-label': t('reward.lines_of', { name: title }),
      onclick: () => {
        const open = toggle.getAttribute('aria-expanded') !== 'true';
        toggle.setAttribute('aria-expanded', String(open));
        slot.hidden = !open;
        if (open && !lines) {
          lines = pagedList({
            pageSize: 50,
            listClass: 'item-list reward-line-list',
            fetch: fetchLines,
            row: (line) => lineRow(line, { orderLinks }),
            label: () => t('reward.lines_of', { name: title }),
            count: (list) => t('reward.line_count', { count: formatNumber(list.total) }),
            empty: () => emptyView({ iconName: 'order', title: t('reward.lines_empty') }),
          });
          fill(slot, lines.summary, lines.element);
          lines.load();
        }
      },
    },
    t('reward.lines_button', { count: formatNumber(statement.lineCount) }),
  );
  return h(
    'li',
    { class: 'reward-statement', dataset: { distributorId: statement.distributorId, statementId: statement.id } },
    h(
      'div',
      { class: 'item-row' },
      h('div', { class: 'item-main' }, h('strong', {}, title), subtitle && h('span', { class: 'muted small' }, subtitle)),
      h('div', { class: 'item-meta' }, h('strong', { class: amountClass(statement.total), dataset: { testid: 'statement-total' } }, money(statement.total)), toggle),
    ),
    slot,
  );
}
