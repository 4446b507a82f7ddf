/**
 * 返利与奖励 (distribution.view; editing and computing distribution.manage): the volume rebate
 * rules (返利: tiers of a month's or quarter's purchases) and the top-10 bonus rules (业绩奖), each
 * editable in place (ui/rebate_rule_editors.js); and the rebate runs, the latest period first,
 * each with its status (待审核 → 已审核 → 已入账) and total. The periodic job computes a run after
 * each period closes; 计算 does it on request for a closed period, and opens the run.
 */

import { DISTRIBUTOR_LEVELS } from '../api/distribution.js';
import { REBATE_RULES, REBATE_RUN_COMPUTE, REBATE_RUNS } from '../api/distribution_rewards.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { appUrl, navigate } from '../core/urls.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { today } from '../ui/finance_fields.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { pagedList } from '../ui/paged_list.js';
import { money, qty } from '../ui/quantity.js';
import { periodText, runStatus } from '../ui/rebate_lines.js';
import { PERIOD_KINDS, bonusRuleEditor, volumeRuleEditor } from '../ui/rebate_rule_editors.js';
import { rewardsLinks } from '../ui/rewards_nav.js';
import { emptyView, errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

/** The closed periods of a kind, the latest first, as first days (YYYY-MM-DD). */
function closedPeriods(kind, count) {
  const [year, month] = today().split('-').map(Number);
  const step = kind === 'quarter' ? 3 : 1;
  let index = year * 12 + month - 1;
  if (kind === 'quarter') index -= index % 3;
  const found = [];
  for (let at = 1; at <= count; at += 1) {
    const start = index - at * step;
    found.push(`${Math.floor(start / 12)}-${String((start % 12) + 1).padStart(2, '0')}-01`);
  }
  return found;
}

function levelName(levels, id) {
  return id ? levels.find((level) => level.id === id)?.name || '' : t('rebate.any_level');
}

function ruleRow({ rule, text, onEdit }) {
  return h(
    'li',
    { class: 'item-row', dataset: { ruleId: rule.id } },
    h('div', { class: 'item-main' }, h('strong', {}, rule.name), h('span', { class: 'muted small' }, text)),
    h('div', { class: 'item-meta' }, !rule.isActive && h('span', { class: 'chip' }, t('rebate.inactive')), onEdit && h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': t('rebate.edit_named', { name: rule.name }), onclick: onEdit }, t('rebate.edit'))),
  );
}

function volumeText(rule, levels) {
  const unit = (value) => (rule.measure === 'amount' ? money(value) : qty(value));
  const tiers = rule.tiers.map((tier) => t('rebate.tier_text', { from: unit(tier.threshold), rate: qty(tier.ratePercent) })).join('；');
  return [t(`rebate.period.${rule.periodKind}`), levelName(levels, rule.levelId), tiers].join(' · ');
}

function bonusText(rule, levels) {
  const pays = rule.mode === 'pool' ? t('rebate.pool_text', { amount: money(rule.poolAmount) }) : rule.rankAmounts.map((amount, index) => t('rebate.rank_text', { n: index + 1, amount: money(amount) })).join('；');
  return [t(`rebate.period.${rule.periodKind}`), levelName(levels, rule.levelId), pays].join(' · ');
}

function runRow(run) {
  return h(
    'li',
    {},
    h(
      'a',
      { href: appUrl(`/network/rebate-runs/${run.id}`), class: 'item-row', dataset: { number: run.number, periodStart: run.periodStart } },
      h('div', { class: 'item-main' }, h('strong', {}, periodText(run.periodKind, run.periodStart)), h('span', { class: 'muted small' }, `${run.number} · ${t('rebate.line_count', { count: formatNumber(run.lineCount) })} · ${run.computedBy}`)),
      h('div', { class: 'item-meta' }, h('strong', {}, money(run.total)), runStatus(run.status)),
    ),
  );
}

function computeForm() {
  const submit = h('button', { type: 'submit', class: 'button' }, t('rebate.compute'));
  const period = h('div', {});
  const kind = field({ name: 'periodKind', label: t('rebate.period_kind'), value: 'month', options: PERIOD_KINDS.map((one) => ({ value: one, label: t(`rebate.period.${one}`) })) });
  const drawPeriods = (chosen) => fill(period, field({ name: 'periodStart', label: t('rebate.period_label'), options: closedPeriods(chosen, chosen === 'quarter' ? 8 : 12).map((start) => ({ value: start, label: periodText(chosen, start) })) }));
  kind.querySelector('select').addEventListener('change', (event) => drawPeriods(event.target.value));
  drawPeriods('month');
  const form = h('form', { class: 'reward-form', novalidate: true, 'aria-label': t('rebate.compute') }, formError(), h('div', { class: 'form-grid' }, kind, period), h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    return busy(submit, async () => {
      try {
        const result = (await gql(REBATE_RUN_COMPUTE, { periodKind: form.elements.periodKind.value, periodStart: form.elements.periodStart.value })).rebateRunCompute;
        if (result.errors.length) return showErrors(form, result.errors);
        toast(t('rebate.computed', { number: result.run.number }), { kind: 'success' });
        return navigate(`/network/rebate-runs/${result.run.id}`);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });
  return card(t('rebate.compute_title'), h('p', { class: 'muted small' }, t('rebate.compute_hint')), form);
}

export function mount(root) {
  const manage = hasScope('distribution.manage');
  const rulesSlot = h('div', {});
  const editorSlot = h('div', {});
  const state = { levels: [], volume: [], bonus: [] };

  function openEditor(make, rule = null) {
    fill(
      editorSlot,
      make({
        rule,
        levels: state.levels,
        onSaved: () => {
          fill(editorSlot);
          loadRules();
        },
        onClose: () => fill(editorSlot),
      }),
    );
    editorSlot.querySelector('input, select')?.focus();
  }

  function section(title, rules, text, make, create) {
    return card(
      title,
      rules.length
        ? h('ul', { class: 'item-list', 'aria-label': title }, rules.map((rule) => ruleRow({ rule, text: text(rule, state.levels), onEdit: manage && (() => openEditor(make, rule)) })))
        : h('p', { class: 'muted' }, t('rebate.no_rules')),
      manage && h('button', { type: 'button', class: 'button button-quiet button-small', onclick: () => openEditor(make) }, create),
    );
  }

  async function loadRules() {
    if (!state.loaded) fill(rulesSlot, loadingView(2));
    try {
      const [rules, levels] = await Promise.all([gql(REBATE_RULES), gql(DISTRIBUTOR_LEVELS)]);
      Object.assign(state, { loaded: true, levels: levels.distributorLevels, volume: rules.volumeRebateRules, bonus: rules.bonusRules });
      fill(
        rulesSlot,
        h(
          'div',
          { class: 'card-grid' },
          section(t('rebate.volume_rules'), state.volume, volumeText, volumeRuleEditor, t('rebate.new_volume')),
          section(t('rebate.bonus_rules'), state.bonus, bonusText, bonusRuleEditor, t('rebate.new_bonus')),
        ),
      );
    } catch (error) {
      fill(rulesSlot, errorView(error, { retry: loadRules }));
    }
  }

  const runs = pagedList({
    pageSize: 20,
    fetch: async (paging) => (await gql(REBATE_RUNS, paging)).rebateRuns,
    row: runRow,
    label: () => t('rebate.runs'),
    count: (shown) => t('rebate.runs_count', { count: formatNumber(shown.total) }),
    empty: () => emptyView({ iconName: 'wallet', title: t('rebate.runs_empty') }),
  });

  fill(root, screenHeader(t('rebate.title'), ...rewardsLinks('/network/rewards')), editorSlot, rulesSlot, h('h2', { class: 'reward-section-title' }, t('rebate.runs')), manage && computeForm(), runs.summary, runs.element);
  loadRules();
  runs.load();
  return {
    refresh: () => {
      loadRules();
      runs.load();
    },
  };
}
