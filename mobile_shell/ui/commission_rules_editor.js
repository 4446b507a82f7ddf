/**
 * The commission rules editor (分润规则): the whole rule set as a draft — how many levels up the
 * workspace pays, and each rule's depth (1: the buyer's parent, 2: its grandparent), basis
 * (revenue or margin: goods sold, never recruiting), rate, and optionally the earner's level and
 * a category. 保存为新版本 (distribution.manage) saves it as the next version, in force for orders
 * completing from then on; every problem comes back at its box, the law's depth limit
 * (commission_depth_unlawful, 团队计酬 under 禁止传销条例) with the server's own words.
 * 试算 replays the draft on the last settled month and shows per distributor what was settled,
 * what the draft would have paid and the difference; it writes nothing.
 */

import { COMMISSION_RULES_SAVE, COMMISSION_WHAT_IF } from '../api/distribution_rewards.js';
import { gql } from '../core/graphql.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { amountClass, monthText, signedMoney } from './commission_lines.js';
import { fill, h } from './element.js';
import { busy, clearErrors, field, formError, showErrors } from './form.js';
import { card } from './layout.js';
import { pagedList } from './paged_list.js';
import { money, newKey } from './quantity.js';
import { emptyView, errorText } from './states.js';
import { toast } from './toast.js';

const BASES = ['revenue', 'margin'];

function fromSet(ruleSet) {
  return (ruleSet?.rules || []).map((rule) => ({
    depth: String(rule.depth),
    basis: rule.basis,
    ratePercent: String(Number(rule.ratePercent)),
    levelId: rule.levelId || '',
    categoryId: rule.categoryId || '',
  }));
}

/** A problem of the whole rule (a duplicate) names the rule in the summary. */
function placed(error) {
  const whole = /^rules\.(\d+)$/.exec(error.field || '');
  if (whole) return { code: error.code, field: null, message: `${t('crules.rule_n', { n: Number(whole[1]) + 1 })}：${errorText(error)}` };
  return error;
}

function whatIfRow(row) {
  return h(
    'li',
    { class: 'item-row reward-whatif-row', dataset: { distributorId: row.distributorId } },
    h(
      'div',
      { class: 'item-main' },
      h('strong', {}, row.distributorName),
      h('span', { class: 'muted small' }, h('span', { dataset: { testid: 'whatif-old' } }, t('crules.whatif_old', { amount: money(row.oldTotal) })), ' → ', h('span', { dataset: { testid: 'whatif-new' } }, t('crules.whatif_new', { amount: money(row.newTotal) }))),
    ),
    h('div', { class: 'item-meta' }, h('strong', { class: amountClass(row.change), dataset: { testid: 'whatif-change' } }, signedMoney(row.change))),
  );
}

/**
 * `ruleSet` the version to start from (null: none saved yet), `levels` and `categories`
 * ([{ id, path }]) for the pickers; `manage` offers saving.
 */
export function commissionRulesEditor({ ruleSet, levels, categories, manage, onSaved, onClose }) {
  const key = newKey('commission-rules');
  const state = { rules: ruleSet ? fromSet(ruleSet) : [{ depth: '1', basis: 'revenue', ratePercent: '', levelId: '', categoryId: '' }] };
  const form = h('form', { class: 'reward-form', novalidate: true, 'aria-label': t('crules.editor') });
  const rulesSlot = h('ol', { class: 'reward-rules', 'aria-label': t('crules.rules') });
  const whatIfSlot = h('div', { 'aria-live': 'polite' });
  const save = manage && h('button', { type: 'submit', class: 'button' }, t('crules.save'));
  const tryButton = h('button', { type: 'button', class: 'button button-quiet', dataset: { testid: 'whatif' } }, t('crules.whatif'));
  const levelOptions = [{ value: '', label: t('crules.any_level') }, ...levels.map((level) => ({ value: level.id, label: level.name }))];
  const categoryOptions = [{ value: '', label: t('crules.any_category') }, ...categories.map((one) => ({ value: one.id, label: one.path.join(' / ') }))];

  function ruleRow(rule, index) {
    const base = `rules.${index}`;
    const bind = (name) => (event) => (rule[name] = event.target.value);
    return h(
      'li',
      { class: 'reward-rule card', dataset: { rule: String(index) } },
      h(
        'div',
        { class: 'po-form-line-head' },
        h('strong', {}, t('crules.rule_n', { n: index + 1 })),
        state.rules.length > 1 && h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': t('crules.remove_named', { n: index + 1 }), onclick: () => (state.rules.splice(index, 1), drawRules()) }, t('crules.remove')),
      ),
      h(
        'div',
        { class: 'form-grid' },
        field({ name: `${base}.depth`, label: t('crules.depth'), inputmode: 'numeric', autocomplete: 'off', value: rule.depth, hint: t('crules.depth_hint'), oninput: bind('depth') }),
        field({ name: `${base}.basis`, label: t('crules.basis'), value: rule.basis, options: BASES.map((basis) => ({ value: basis, label: t(`crules.basis.${basis}`) })), onchange: bind('basis') }),
        field({ name: `${base}.ratePercent`, label: t('crules.rate'), inputmode: 'decimal', autocomplete: 'off', value: rule.ratePercent, oninput: bind('ratePercent') }),
        field({ name: `${base}.levelId`, label: t('crules.level'), value: rule.levelId, options: levelOptions, onchange: bind('levelId') }),
        field({ name: `${base}.categoryId`, label: t('crules.category'), value: rule.categoryId, options: categoryOptions, onchange: bind('categoryId') }),
      ),
    );
  }

  function drawRules() {
    fill(rulesSlot, state.rules.map(ruleRow));
  }

  function input() {
    const depth = form.elements.maxDepth.value.trim();
    return {
      maxDepth: /^\d+$/.test(depth) ? Number(depth) : null,
      note: form.elements.note.value.trim() || null,
      // A depth that is no whole number goes as 0: the server names it at its box.
      rules: state.rules.map((rule) => ({
        depth: /^\d+$/.test(rule.depth.trim()) ? Number(rule.depth.trim()) : 0,
        basis: rule.basis,
        ratePercent: rule.ratePercent.trim().replace(/,/g, '') || '0',
        levelId: rule.levelId || null,
        categoryId: rule.categoryId || null,
      })),
    };
  }

  function localProblems(found) {
    const problems = [];
    state.rules.forEach((rule, index) => {
      if (!/^\d+(\.\d+)?$/.test(rule.ratePercent.trim())) problems.push({ field: `rules.${index}.ratePercent`, code: 'required', message: t('crules.enter_rate') });
    });
    if (!found.rules.length) problems.push({ field: null, code: 'rules_required', message: t('crules.no_rules') });
    return problems;
  }

  // The first page is asked for by the 试算 button itself (so a refused draft shows in the form);
  // further pages by the list.
  function showWhatIf(draft, first) {
    const PAGE = 50;
    let waiting = first;
    const list = pagedList({
      pageSize: PAGE,
      listClass: 'item-list reward-whatif',
      fetch: async (paging) => {
        const found = paging.offset === 0 && waiting ? waiting : (await gql(COMMISSION_WHAT_IF, { input: draft, ...paging })).commissionWhatIf;
        waiting = null;
        return { items: found.rows, totalCount: found.totalCount };
      },
      row: whatIfRow,
      label: () => t('crules.whatif_title'),
      count: (shown) => t('crules.whatif_count', { count: formatNumber(shown.total) }),
      empty: () => emptyView({ iconName: 'chart', title: t('crules.whatif_empty') }),
    });
    const change = (Number(first.newTotal) - Number(first.oldTotal)).toFixed(2);
    fill(
      whatIfSlot,
      card(
        t('crules.whatif_title'),
        h('p', { class: 'notice', role: 'note' }, t('crules.whatif_note', { month: monthText(first.month) })),
        h(
          'p',
          { class: 'reward-whatif-totals' },
          h('span', {}, t('crules.whatif_old', { amount: money(first.oldTotal) })),
          h('span', {}, t('crules.whatif_new', { amount: money(first.newTotal) })),
          h('strong', { class: amountClass(change), dataset: { testid: 'whatif-total-change' } }, signedMoney(change)),
        ),
        list.summary,
        list.element,
      ),
    );
    list.load();
    whatIfSlot.scrollIntoView?.({ block: 'nearest' });
  }

  tryButton.addEventListener('click', () => {
    clearErrors(form);
    const draft = input();
    const problems = localProblems(draft);
    if (problems.length) return showErrors(form, problems);
    return busy(tryButton, async () => {
      try {
        const found = (await gql(COMMISSION_WHAT_IF, { input: draft, limit: 50, offset: 0 })).commissionWhatIf;
        return showWhatIf(draft, found);
      } catch (error) {
        fill(whatIfSlot);
        return showErrors(form, [error]);
      }
    });
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!save) return tryButton.click(); // without distribution.manage the draft is only tried
    clearErrors(form);
    const draft = input();
    const problems = localProblems(draft);
    if (problems.length) return showErrors(form, problems);
    return busy(save, async () => {
      try {
        const result = (await gql(COMMISSION_RULES_SAVE, { input: { ...draft, idempotencyKey: key } })).commissionRulesSave;
        if (result.errors.length) return showErrors(form, result.errors.map(placed));
        toast(t('crules.saved', { version: result.ruleSet.version }), { kind: 'success' });
        return onSaved(result.ruleSet);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });

  fill(
    form,
    formError(),
    h(
      'div',
      { class: 'form-grid' },
      field({ name: 'maxDepth', label: t('crules.max_depth'), inputmode: 'numeric', autocomplete: 'off', value: String(ruleSet?.maxDepth ?? 2), hint: t('crules.max_depth_hint', { n: ruleSet?.lawfulMaxDepth ?? 2 }) }),
      field({ name: 'note', label: t('crules.note'), maxlength: 200, autocomplete: 'off' }),
    ),
    rulesSlot,
    h('button', { type: 'button', class: 'button button-quiet button-small', onclick: () => (state.rules.push({ depth: '1', basis: 'revenue', ratePercent: '', levelId: '', categoryId: '' }), drawRules()) }, t('crules.add_rule')),
    h('div', { class: 'form-actions' }, h('button', { type: 'button', class: 'button button-quiet', onclick: onClose }, t('action.cancel')), tryButton, save),
  );
  drawRules();
  return h('div', {}, card(t(ruleSet ? 'crules.new_from' : 'crules.new', { version: ruleSet?.version ?? '' }), h('p', { class: 'muted small' }, t('crules.editor_hint')), form), whatIfSlot);
}
