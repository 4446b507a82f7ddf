/**
 * 分润结算 (distribution.view; settling distribution.manage): the monthly settlements of profit
 * sharing, newest month first, each with its number, status (待入账 / 已入账), how many
 * distributors and lines it holds and its total; a row opens it. A month is settled once it has
 * ended in the workspace's time zone: settling locks it (what completes or comes back later
 * lands in the next open month) and makes a statement per earner, to review before posting.
 */

import { COMMISSION_SETTLEMENT_CREATE, COMMISSION_SETTLEMENTS } from '../api/distribution_rewards.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { appUrl, navigate } from '../core/urls.js';
import { formatDateTime, formatNumber, t } from '../i18n/i18n.js';
import { amountClass, monthText, settlementStatus } from '../ui/commission_lines.js';
import { fill, h } from '../ui/element.js';
import { today } from '../ui/finance_fields.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { pagedList } from '../ui/paged_list.js';
import { money } from '../ui/quantity.js';
import { rewardsLinks } from '../ui/rewards_nav.js';
import { emptyView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

/** The month before the workspace's current one, as YYYY-MM (the one usually settled next). */
function lastMonth() {
  const [year, month] = today().split('-').map(Number);
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
}

function settlementRow(settlement) {
  return h(
    'li',
    {},
    h(
      'a',
      { href: appUrl(`/network/settlements/${settlement.id}`), class: 'item-row', dataset: { number: settlement.number, month: settlement.month } },
      h(
        'div',
        { class: 'item-main' },
        h('strong', {}, monthText(settlement.month)),
        h('span', { class: 'muted small' }, `${settlement.number} · ${t('settle.counts', { statements: formatNumber(settlement.statementCount), lines: formatNumber(settlement.lineCount) })}`),
        h('span', { class: 'muted small' }, settlement.postedAt ? t('settle.posted_at', { when: formatDateTime(settlement.postedAt) }) : t('settle.created_at', { when: formatDateTime(settlement.createdAt) })),
      ),
      h('div', { class: 'item-meta' }, h('strong', { class: amountClass(settlement.total) }, money(settlement.total)), settlementStatus(settlement.status)),
    ),
  );
}

function createForm() {
  const submit = h('button', { type: 'submit', class: 'button' }, t('settle.create'));
  const form = h(
    'form',
    { class: 'reward-form', novalidate: true, 'aria-label': t('settle.create') },
    formError(),
    field({ name: 'month', label: t('settle.month'), type: 'month', value: lastMonth(), max: lastMonth(), required: true, hint: t('settle.month_hint') }),
    h('div', { class: 'form-actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const month = form.elements.month.value;
    if (!/^\d{4}-\d{2}$/.test(month)) return showErrors(form, [{ field: 'month', code: 'required', message: t('settle.month_required') }]);
    return busy(submit, async () => {
      try {
        const result = (await gql(COMMISSION_SETTLEMENT_CREATE, { month: `${month}-01` })).commissionSettlementCreate;
        if (result.errors.length) return showErrors(form, result.errors);
        toast(t('settle.created', { month: monthText(result.settlement.month), number: result.settlement.number }), { kind: 'success' });
        return navigate(`/network/settlements/${result.settlement.id}`);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });
  return card(t('settle.create_title'), h('p', { class: 'muted small' }, t('settle.create_hint')), form);
}

export function mount(root) {
  const list = pagedList({
    pageSize: 24,
    fetch: async (paging) => (await gql(COMMISSION_SETTLEMENTS, paging)).commissionSettlements,
    row: settlementRow,
    label: () => t('settle.title'),
    count: (shown) => t('settle.count', { count: formatNumber(shown.total) }),
    empty: () => emptyView({ iconName: 'wallet', title: t('settle.empty'), hint: t('settle.empty_hint') }),
  });
  fill(root, screenHeader(t('settle.title'), ...rewardsLinks('/network/settlements')), hasScope('distribution.manage') && createForm(), list.summary, list.element);
  list.load();
  return { refresh: () => list.load() };
}
