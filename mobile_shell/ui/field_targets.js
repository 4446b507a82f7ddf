/**
 * 我的目标 (a rep's targets this month): a card on the rep's own day with each metric that has a
 * target — what the daily rollup has counted, the target, a completion bar, and whether the rep
 * is on pace (completion at least the share of the month gone: fieldTargets.elapsedShare). The
 * card is extra: without targets, offline or on an error it is simply not shown.
 */

import { FIELD_TARGETS } from '../api/fieldsales.js';
import { cachedQuery } from '../core/query_cache.js';
import { appUrl } from '../core/urls.js';
import { formatMoney, formatNumber, t } from '../i18n/i18n.js';
import { h } from './element.js';
import { currency } from './finance_fields.js';
import { card } from './layout.js';

const MONEY = new Set(['sales_amount', 'collections']);

function amount(value, metric) {
  return MONEY.has(metric) ? formatMoney(value, currency()) : formatNumber(Number(value));
}

function percent(rate) {
  return formatNumber(rate, { style: 'percent', maximumFractionDigits: 0 });
}

function targetRow(row, elapsed) {
  const rate = Number(row.completionRate);
  const onPace = rate >= elapsed;
  const fill = h('span', { class: 'ranking-bar-fill' });
  fill.style.width = `${Math.max(0, Math.min(rate, 1)) * 100}%`;
  return h(
    'li',
    { class: `field-target${rate >= 1 ? ' ranking-done' : ''}`, dataset: { metric: row.metric, onPace: String(onPace) } },
    h('span', { class: 'field-target-line' }, h('strong', {}, t(`field.metric.${row.metric}`)), h('span', {}, `${amount(row.value, row.metric)} / ${amount(row.target, row.metric)}`)),
    h('span', { class: 'ranking-bar', 'aria-hidden': 'true' }, fill),
    h('span', { class: `muted small field-target-pace${onPace ? '' : ' field-target-behind'}` }, t(onPace ? 'field.target_on_pace' : 'field.target_behind', { rate: percent(rate), elapsed: percent(elapsed) })),
  );
}

/** The card for a fieldTargets answer (the home screen asks for it in its own query), or null
 * when the rep has no target this period. */
export function targetsPanel(targets) {
  const rows = (targets?.metrics || []).filter((row) => row.target !== null);
  if (!rows.length) return null;
  const elapsed = Number(targets.elapsedShare);
  const panel = card(
    t('field.my_targets'),
    h('ul', { class: 'field-targets' }, rows.map((row) => targetRow(row, elapsed))),
    h('a', { href: appUrl('/field/rankings'), class: 'button button-quiet button-small' }, t('field.rankings')),
  );
  panel.dataset.testid = 'field-targets';
  return panel;
}

/** The card, or null when the rep has no target this month (or it could not be read). */
export async function targetsCard() {
  try {
    const { data } = await cachedQuery('field.targets', FIELD_TARGETS, {});
    return targetsPanel(data.fieldTargets);
  } catch {
    return null;
  }
}
