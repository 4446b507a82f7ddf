/**
 * A visit type's form (拜访类型的表单) on a phone: each field of the type's definition as an
 * input — TEXT a text box, NUMBER and MONEY boxes with the decimal keypad, CHOICE radio chips
 * (a select past four options), MULTI_CHOICE checkboxes, BOOLEAN a 是/否 pair, DATE a date box —
 * each wrapped as `answers.<key>`, the path the API names its errors by, so showErrors() puts a
 * refusal under the right input. Reading them back gives the API's answers; a recorded answer
 * reads as text; the kinds of field and their names are here for the type editor too.
 */

import { session } from '../core/session.js';
import { formatDate, formatMoney, formatNumber, t } from '../i18n/i18n.js';
import { h } from './element.js';
import { field } from './form.js';
import { decimalInput } from './quantity.js';

export const FIELD_KINDS = ['text', 'number', 'money', 'choice', 'multi_choice', 'boolean', 'date'];
export const CHOICE_KINDS = ['choice', 'multi_choice'];
// Up to this many options a CHOICE is a row of radio chips (one tap); more is a select.
const RADIO_MAX = 4;
let counter = 0;

/** A date as YYYY-MM-DD in the workspace's time zone (the day the server counts a visit on). */
export function dayOf(value) {
  const options = { year: 'numeric', month: '2-digit', day: '2-digit' };
  try {
    return new Intl.DateTimeFormat('en-CA', { ...options, timeZone: session().tenant?.timeZone }).format(new Date(value));
  } catch {
    return new Intl.DateTimeFormat('en-CA', options).format(new Date(value));
  }
}

/** A field's label, with * after a required one (the input says required to screen readers). */
function labelOf(spec) {
  return [spec.label, spec.required && h('span', { class: 'required-mark', 'aria-hidden': 'true' }, ' *')];
}

/** A fieldset of radio or checkbox chips, with the same error slot as field(). */
function chipGroup(spec, name, type, choices) {
  counter += 1;
  const group = `${name}-${counter}`;
  return h(
    'fieldset',
    { class: 'field choice-group visit-answer', dataset: { field: name, kind: spec.kind } },
    h('legend', {}, labelOf(spec)),
    h(
      'div',
      { class: 'roles' },
      choices.map(({ value, label, checked }) => h('label', { class: 'choice' }, h('input', { type, name: group, value, checked, 'aria-required': spec.required && type === 'radio' ? 'true' : null }), label)),
    ),
    h('p', { class: 'field-error', hidden: true }),
  );
}

function answerField(spec, answer) {
  const name = `answers.${spec.key}`;
  const value = answer?.value ?? '';
  const common = { name, label: labelOf(spec), required: spec.required, autocomplete: 'off' };
  let wrapper;
  if (spec.kind === 'text') wrapper = field({ ...common, value, maxlength: 500 });
  else if (spec.kind === 'number' || spec.kind === 'money') wrapper = field({ ...common, value, inputmode: 'decimal', hint: spec.kind === 'money' ? t('fvisit.money_hint') : '' });
  else if (spec.kind === 'date') wrapper = field({ ...common, type: 'date', value });
  else if (spec.kind === 'multi_choice') {
    const picked = new Set(answer?.values || []);
    wrapper = chipGroup(spec, name, 'checkbox', spec.options.map((option) => ({ value: option, label: option, checked: picked.has(option) })));
  } else if (spec.kind === 'boolean') {
    const choices = [
      { value: 'true', label: t('fvisit.yes'), checked: value === 'true' },
      { value: 'false', label: t('fvisit.no'), checked: value === 'false' },
    ];
    if (!spec.required) choices.push({ value: '', label: t('fvisit.unanswered'), checked: value === '' });
    wrapper = chipGroup(spec, name, 'radio', choices);
  } else if (spec.options.length > RADIO_MAX) {
    const options = [{ value: '', label: t('fvisit.pick') }, ...spec.options.map((option) => ({ value: option, label: option }))];
    wrapper = field({ ...common, value, options });
  } else {
    const choices = spec.options.map((option) => ({ value: option, label: option, checked: option === value }));
    if (!spec.required) choices.push({ value: '', label: t('fvisit.unanswered'), checked: value === '' });
    wrapper = chipGroup(spec, name, 'radio', choices);
  }
  wrapper.classList.add('visit-answer');
  wrapper.dataset.kind = spec.kind;
  return wrapper;
}

/** What a wrapper holds now: { value } or, for MULTI_CHOICE, { values }. */
function current(spec, wrapper) {
  if (spec.kind === 'multi_choice') return { values: [...wrapper.querySelectorAll('input:checked')].map((input) => input.value) };
  if (wrapper.tagName === 'FIELDSET') return { value: wrapper.querySelector('input:checked')?.value ?? '' };
  return { value: wrapper.querySelector('input, select').value.trim() };
}

/**
 * The type's form: { element, values(), read() }. `answers` maps a key to what was answered
 * ({ value } or { values }). values() is what the inputs hold (to carry over to another type);
 * read() is { answers, problems }: the API's answers, and what is wrong before sending (a
 * required field left empty, a number that is not one), each at its field.
 */
export function answerFields(kind, answers = new Map()) {
  const rows = kind.fields.map((spec) => ({ spec, wrapper: answerField(spec, answers.get(spec.key)) }));
  const element = h('div', { class: 'visit-answers-form', dataset: { kindId: kind.id } }, rows.map((row) => row.wrapper));
  return {
    element,
    values: () => new Map(rows.map(({ spec, wrapper }) => [spec.key, current(spec, wrapper)])),
    read() {
      const problems = [];
      const result = [];
      for (const { spec, wrapper } of rows) {
        const fieldName = `answers.${spec.key}`;
        const held = current(spec, wrapper);
        const empty = spec.kind === 'multi_choice' ? !held.values.length : held.value === '';
        if (empty) {
          if (spec.required) problems.push({ field: fieldName, code: 'required', message: t('error.required') });
          continue;
        }
        if (spec.kind === 'number' || spec.kind === 'money') {
          const number = decimalInput(held.value);
          if (number === null) problems.push({ field: fieldName, code: 'answer_invalid', message: t('fvisit.number_invalid') });
          else if (spec.kind === 'money' && /\.\d{3,}$/.test(number)) problems.push({ field: fieldName, code: 'answer_invalid', message: t('fvisit.money_places') });
          else result.push({ key: spec.key, value: number });
          continue;
        }
        result.push(spec.kind === 'multi_choice' ? { key: spec.key, values: held.values } : { key: spec.key, value: held.value });
      }
      return { answers: result, problems };
    },
  };
}

/** A recorded answer as text: 是/否, money, a date, the options picked. */
export function answerText(answer) {
  if (answer.kind === 'multi_choice') return answer.values.join('、');
  if (answer.value === null || answer.value === undefined || answer.value === '') return '—';
  if (answer.kind === 'boolean') return t(answer.value === 'true' ? 'fvisit.yes' : 'fvisit.no');
  if (answer.kind === 'money') return formatMoney(answer.value, session().tenant?.currency || 'CNY');
  if (answer.kind === 'number') return formatNumber(answer.value, { maximumFractionDigits: 6 });
  if (answer.kind === 'date') return formatDate(`${answer.value}T12:00:00`);
  return answer.value;
}
