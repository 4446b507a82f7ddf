/**
 * 分润规则 (distribution.view; saving distribution.manage): the commission rules in force — the
 * version, how many levels up the workspace pays (at most the law's 2: the direct parent and the
 * grandparent) and each rule (depth, revenue or margin, rate, level, category). 编辑规则 opens the
 * editor (ui/commission_rules_editor.js) on a copy of them: save it as a new version, or 试算 it
 * on the last settled month first.
 */

import { CATEGORIES } from '../api/catalog.js';
import { DISTRIBUTOR_LEVELS } from '../api/distribution.js';
import { COMMISSION_RULES } from '../api/distribution_rewards.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { commissionRulesEditor } from '../ui/commission_rules_editor.js';
import { fill, h } from '../ui/element.js';
import { card, facts, screenHeader } from '../ui/layout.js';
import { qty } from '../ui/quantity.js';
import { rewardsLinks } from '../ui/rewards_nav.js';
import { emptyView, errorView, loadingView } from '../ui/states.js';

function ruleRow(rule) {
  return h(
    'li',
    { class: 'item-row', dataset: { depth: String(rule.depth), basis: rule.basis } },
    h(
      'div',
      { class: 'item-main' },
      h('strong', {}, t(`reward.depth.${rule.depth}`)),
      h('span', { class: 'muted small' }, [t(`crules.basis.${rule.basis}`), rule.levelName || t('crules.any_level'), rule.categoryName || t('crules.any_category')].join(' · ')),
    ),
    h('div', { class: 'item-meta' }, h('strong', {}, `${qty(rule.ratePercent)}%`)),
  );
}

export function mount(root) {
  const manage = hasScope('distribution.manage');
  const body = h('div', {});
  const editorSlot = h('div', {});
  const state = { ruleSet: undefined, levels: [], categories: [] };
  const edit = h('button', { type: 'button', class: 'button button-small', dataset: { testid: 'rules-edit' }, onclick: () => openEditor() }, t(manage ? 'crules.edit' : 'crules.whatif'));
  edit.disabled = true; // until the rules, levels and categories it starts from have arrived

  function openEditor() {
    fill(
      editorSlot,
      commissionRulesEditor({
        ruleSet: state.ruleSet,
        levels: state.levels,
        categories: state.categories,
        manage,
        onSaved: (saved) => {
          fill(editorSlot);
          state.ruleSet = saved;
          draw();
        },
        onClose: () => fill(editorSlot),
      }),
    );
    editorSlot.querySelector('input, select')?.focus();
  }

  function draw() {
    const found = state.ruleSet;
    if (!found) return fill(body, emptyView({ iconName: 'chart', title: t('crules.none'), hint: t('crules.none_hint') }));
    return fill(
      body,
      card(
        t('crules.in_force', { version: found.version }),
        facts([
          [t('crules.max_depth'), h('span', { dataset: { testid: 'max-depth' } }, t('crules.levels_up', { n: found.maxDepth }))],
          [t('crules.saved_at'), formatDateTime(found.createdAt)],
          found.note && [t('crules.note'), found.note],
        ]),
        h('p', { class: 'muted small' }, t('crules.lawful', { n: found.lawfulMaxDepth })),
        found.rules.length
          ? h('ul', { class: 'item-list reward-rule-list', 'aria-label': t('crules.rules') }, found.rules.map(ruleRow))
          : h('p', { class: 'muted' }, t('crules.no_rules_saved')),
      ),
    );
  }

  async function load() {
    if (state.ruleSet === undefined) fill(body, loadingView(3));
    try {
      const [rules, levels, categories] = await Promise.all([gql(COMMISSION_RULES), gql(DISTRIBUTOR_LEVELS), gql(CATEGORIES)]);
      state.ruleSet = rules.commissionRules;
      state.levels = levels.distributorLevels;
      state.categories = categories.categories;
      edit.disabled = false;
      draw();
    } catch (error) {
      fill(body, errorView(error, { retry: load }));
    }
  }

  fill(root, screenHeader(t('crules.title'), edit, ...rewardsLinks('/network/commission-rules')), editorSlot, body);
  load();
  return { refresh: load };
}
