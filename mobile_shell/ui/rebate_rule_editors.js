/**
 * The rebate rule editors (distribution.manage): a volume rebate (返利) — its period (month or
 * quarter), what its thresholds count (quantity or amount), the level it is for, and its tiers
 * (from a threshold on, a percent of the whole period's purchases) — and a top-10 bonus (业绩奖) —
 * its period, level, and either an amount per rank or one pool shared by the top ten. A rule is
 * saved whole (new, or changed by its id); one active rule per period kind and level, so another
 * is switched off first (rule_conflict). Every problem the server finds comes back at its box.
 */

import { BONUS_RULE_SAVE, VOLUME_REBATE_RULE_SAVE } from '../api/distribution_rewards.js';
import { gql } from '../core/graphql.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from './element.js';
import { busy, clearErrors, field, formError, showErrors } from './form.js';
import { card } from './layout.js';
import { decimalInput } from './quantity.js';
import { toast } from './toast.js';

export const PERIOD_KINDS = ['month', 'quarter'];
const MEASURES = ['quantity', 'amount'];
const MODES = ['ranks', 'pool'];
const MAX_TIERS = 10;
const MAX_RANKS = 10;

/** "1000.00" → "1000", "5.50" → "5.5": the decimals as a person would type them. */
function trimmed(value) {
  const text = String(value ?? '');
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

function levelField(levels, value) {
  return field({ name: 'levelId', label: t('rebate.level'), value: value || '', options: [{ value: '', label: t('rebate.any_level') }, ...levels.map((level) => ({ value: level.id, label: level.name }))] });
}

function choices(name, label, values, value, prefix) {
  return field({ name, label, value, options: values.map((one) => ({ value: one, label: t(`${prefix}.${one}`) })) });
}

function activeBox(checked) {
  return h('label', { class: 'choice reward-active' }, h('input', { type: 'checkbox', name: 'isActive', checked }), t('rebate.active'));
}

/** Shared by both editors: the form, its submit with the save and the mapping of its errors. */
function ruleForm({ label, title, body, save, onSaved, onClose }) {
  const submit = h('button', { type: 'submit', class: 'button' }, t('rebate.save'));
  const form = h('form', { class: 'reward-form', novalidate: true, 'aria-label': label });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const { input, problems } = save.read(form);
    if (problems.length) return showErrors(form, problems);
    return busy(submit, async () => {
      try {
        const result = await save.send(input);
        if (result.errors.length) return showErrors(form, result.errors);
        toast(t('rebate.rule_saved', { name: result.rule.name }), { kind: 'success' });
        return onSaved(result.rule);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });
  fill(form, formError(), body, h('div', { class: 'form-actions' }, h('button', { type: 'button', class: 'button button-quiet', onclick: onClose }, t('action.cancel')), submit));
  return card(title, form);
}

export function volumeRuleEditor({ rule = null, levels, onSaved, onClose }) {
  const tiers = (rule?.tiers || [{ threshold: '', ratePercent: '' }]).map((tier) => ({ threshold: trimmed(tier.threshold), ratePercent: trimmed(tier.ratePercent) }));
  const tiersSlot = h('ol', { class: 'reward-tiers', 'aria-label': t('rebate.tiers') });

  function drawTiers() {
    fill(
      tiersSlot,
      tiers.map((tier, index) =>
        h(
          'li',
          { class: 'reward-tier' },
          field({ name: `tiers.${index}.threshold`, label: t('rebate.threshold'), inputmode: 'decimal', autocomplete: 'off', value: tier.threshold, oninput: (event) => (tier.threshold = event.target.value) }),
          field({ name: `tiers.${index}.ratePercent`, label: t('rebate.rate'), inputmode: 'decimal', autocomplete: 'off', value: tier.ratePercent, oninput: (event) => (tier.ratePercent = event.target.value) }),
          tiers.length > 1 && h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': t('rebate.remove_tier', { n: index + 1 }), onclick: () => (tiers.splice(index, 1), drawTiers()) }, '×'),
        ),
      ),
    );
  }
  drawTiers();
  const addTier = h('button', { type: 'button', class: 'button button-quiet button-small', onclick: () => tiers.length < MAX_TIERS && (tiers.push({ threshold: '', ratePercent: '' }), drawTiers()) }, t('rebate.add_tier'));

  const save = {
    read(form) {
      const problems = [];
      const cleaned = tiers.map((tier, index) => {
        const threshold = decimalInput(tier.threshold);
        const rate = decimalInput(tier.ratePercent);
        if (!threshold) problems.push({ field: `tiers.${index}.threshold`, code: 'required', message: t('rebate.enter_number') });
        if (!rate) problems.push({ field: `tiers.${index}.ratePercent`, code: 'required', message: t('rebate.enter_number') });
        return { threshold: threshold || '0', ratePercent: rate || '0' };
      });
      const input = {
        ruleId: rule?.id || null,
        name: form.elements.name.value.trim(),
        periodKind: form.elements.periodKind.value,
        measure: form.elements.measure.value,
        levelId: form.elements.levelId.value || null,
        isActive: form.elements.isActive.checked,
        tiers: cleaned,
      };
      return { input, problems };
    },
    send: async (input) => (await gql(VOLUME_REBATE_RULE_SAVE, { input })).volumeRebateRuleSave,
  };
  const body = [
    h(
      'div',
      { class: 'form-grid' },
      field({ name: 'name', label: t('rebate.name'), value: rule?.name || '', maxlength: 60, required: true, autocomplete: 'off' }),
      choices('periodKind', t('rebate.period_kind'), PERIOD_KINDS, rule?.periodKind || 'month', 'rebate.period'),
      choices('measure', t('rebate.measure'), MEASURES, rule?.measure || 'amount', 'rebate.measure'),
      levelField(levels, rule?.levelId),
    ),
    h('p', { class: 'muted small' }, t('rebate.tiers_hint')),
    tiersSlot,
    addTier,
    activeBox(rule ? rule.isActive : true),
  ];
  return ruleForm({ label: t('rebate.volume_editor'), title: rule ? t('rebate.edit_named', { name: rule.name }) : t('rebate.new_volume'), body, save, onSaved, onClose });
}

export function bonusRuleEditor({ rule = null, levels, onSaved, onClose }) {
  const ranks = (rule?.rankAmounts?.length ? rule.rankAmounts : ['', '', '']).map((amount) => ({ amount: trimmed(amount) }));
  const ranksSlot = h('ol', { class: 'reward-ranks', 'aria-label': t('rebate.rank_amounts') });
  const modeSlot = h('div', {});

  function drawRanks() {
    fill(
      ranksSlot,
      ranks.map((rank, index) =>
        h('li', {}, field({ name: `rankAmounts.${index}`, label: t('rebate.rank_n', { n: index + 1 }), inputmode: 'decimal', autocomplete: 'off', value: rank.amount, oninput: (event) => (rank.amount = event.target.value) })),
      ),
    );
  }

  function drawMode(mode) {
    if (mode === 'pool') {
      return fill(modeSlot, field({ name: 'poolAmount', label: t('rebate.pool_amount'), inputmode: 'decimal', autocomplete: 'off', value: rule?.mode === 'pool' ? trimmed(rule.poolAmount) : '', hint: t('rebate.pool_hint') }));
    }
    drawRanks();
    const more = h('button', { type: 'button', class: 'button button-quiet button-small', onclick: () => ranks.length < MAX_RANKS && (ranks.push({ amount: '' }), drawRanks()) }, t('rebate.add_rank'));
    return fill(modeSlot, h('p', { class: 'muted small' }, t('rebate.ranks_hint')), ranksSlot, more);
  }

  const mode = choices('mode', t('rebate.mode'), MODES, rule?.mode || 'ranks', 'rebate.mode');
  mode.querySelector('select').addEventListener('change', (event) => drawMode(event.target.value));
  drawMode(rule?.mode || 'ranks');

  const save = {
    read(form) {
      const problems = [];
      const chosen = form.elements.mode.value;
      let rankAmounts = null;
      let poolAmount = null;
      if (chosen === 'ranks') {
        // Trailing empty ranks are left out; an empty rank between two amounts pays nothing.
        let last = ranks.length;
        while (last > 0 && !ranks[last - 1].amount.trim()) last -= 1;
        rankAmounts = ranks.slice(0, last).map((rank, index) => {
          const amount = rank.amount.trim() ? decimalInput(rank.amount) : '0';
          if (!amount) problems.push({ field: `rankAmounts.${index}`, code: 'amount_invalid', message: t('rebate.enter_number') });
          return amount || '0';
        });
      } else {
        poolAmount = decimalInput(form.elements.poolAmount.value);
        if (!poolAmount) problems.push({ field: 'poolAmount', code: 'required', message: t('rebate.enter_number') });
      }
      const input = {
        ruleId: rule?.id || null,
        name: form.elements.name.value.trim(),
        periodKind: form.elements.periodKind.value,
        mode: chosen,
        rankAmounts,
        poolAmount: poolAmount || null,
        levelId: form.elements.levelId.value || null,
        isActive: form.elements.isActive.checked,
      };
      return { input, problems };
    },
    send: async (input) => (await gql(BONUS_RULE_SAVE, { input })).bonusRuleSave,
  };
  const body = [
    h(
      'div',
      { class: 'form-grid' },
      field({ name: 'name', label: t('rebate.name'), value: rule?.name || '', maxlength: 60, required: true, autocomplete: 'off' }),
      choices('periodKind', t('rebate.period_kind'), PERIOD_KINDS, rule?.periodKind || 'month', 'rebate.period'),
      levelField(levels, rule?.levelId),
      mode,
    ),
    modeSlot,
    activeBox(rule ? rule.isActive : true),
  ];
  return ruleForm({ label: t('rebate.bonus_editor'), title: rule ? t('rebate.edit_named', { name: rule.name }) : t('rebate.new_bonus'), body, save, onSaved, onClose });
}
