/**
 * What a rebate line says, for the workspace's run and the distributor's own list alike: the
 * period, the rule that pays it, the purchases it counted (completed orders less goods received
 * back), and why — the highest tier reached and its rate (返利), or the rank and how many share it
 * (业绩奖) — and the amount credited to the rebate balance.
 */

import { t } from '../i18n/i18n.js';
import { monthText } from './commission_lines.js';
import { h } from './element.js';
import { money, qty } from './quantity.js';

/** 2026年11月, or 2026年第4季度 / Q4 2026. */
export function periodText(kind, start) {
  if (kind !== 'quarter') return monthText(start);
  const [year, month] = start.split('-').map(Number);
  return t('rebate.quarter_text', { year, q: Math.floor((month - 1) / 3) + 1 });
}

const STATUS_CHIP = { draft: 'chip chip-pending', approved: 'chip chip-pending', posted: 'chip' };

export function runStatus(status) {
  return h('span', { class: STATUS_CHIP[status] || 'chip', dataset: { testid: 'run-status' } }, t(`rebate.status.${status}`));
}

function why(line) {
  if (line.kind === 'bonus') return line.tied > 1 ? t('rebate.why_rank_tied', { rank: line.rank, tied: line.tied }) : t('rebate.why_rank', { rank: line.rank });
  return t('rebate.why_tier', { threshold: qty(line.tierThreshold), rate: qty(line.ratePercent) });
}

/** One line; `title` what leads it (the distributor for the workspace, the period for the distributor). */
export function rebateLineRow(line, { title }) {
  return h(
    'li',
    { class: 'item-row reward-rebate-line', dataset: { kind: line.kind, distributorId: line.distributorId, lineId: line.id } },
    h(
      'div',
      { class: 'item-main' },
      h('strong', {}, title),
      h('span', { class: 'muted small' }, `${t(`rebate.kind.${line.kind}`)} · ${line.ruleName}`),
      h('span', { class: 'small' }, t('rebate.purchases', { quantity: qty(line.purchaseQuantity), amount: money(line.purchaseAmount) })),
      h('span', { class: 'small' }, why(line)),
    ),
    h('div', { class: 'item-meta' }, h('strong', { class: 'reward-amount reward-amount-in', dataset: { testid: 'rebate-amount' } }, money(line.amount))),
  );
}
