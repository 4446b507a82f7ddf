/**
 * The form of a carrier (快递公司) on the carriers screen: a new carrier of the workspace's own
 * (code, names, tracking-number pattern with its test box, customer-service phone, priority),
 * the same without the code to edit one, and only the phone for a built-in carrier (Sparrow
 * maintains their names and patterns; carrierUpdate refuses the rest with carrier_builtin).
 * The API's errors land on their fields by code (pattern_unsafe, pattern_invalid, code_taken…).
 */

import { CARRIER_CREATE, CARRIER_UPDATE } from '../api/shipping.js';
import { gql } from '../core/graphql.js';
import { t } from '../i18n/i18n.js';
import { h } from './element.js';
import { busy, clearErrors, field, formError, showErrors } from './form.js';
import { forgetCarriers } from './shipping_carrier.js';
import { patternTester } from './shipping_carrier_pattern.js';
import { toast } from './toast.js';

const MAX_PRIORITY = 1000;

function patternField(value) {
  const wrapper = field({
    name: 'trackingPattern',
    label: t('shipcarrier.pattern'),
    value,
    hint: t('shipcarrier.pattern_hint'),
    autocomplete: 'off',
    autocapitalize: 'off',
    spellcheck: 'false',
    maxlength: 300,
    dir: 'ltr',
    style: { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' },
  });
  const tester = patternTester(wrapper.querySelector('input'));
  return h('div', { class: 'carrier-pattern' }, wrapper, tester.element);
}

/** The fields a form shows: everything for a new or own carrier, the phone for a built-in one. */
function fieldsFor(carrier) {
  const phone = field({ name: 'phone', label: t('shipcarrier.phone'), value: carrier?.phone || '', type: 'tel', autocomplete: 'off', maxlength: 30 });
  if (carrier?.isBuiltin) return [h('p', { class: 'hint' }, t('shipcarrier.builtin_hint')), phone];
  return [
    h(
      'div',
      { class: 'form-grid' },
      !carrier &&
        field({ name: 'code', label: t('shipcarrier.code'), hint: t('shipcarrier.code_hint'), required: true, autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', maxlength: 20 }),
      field({ name: 'nameZh', label: t('shipcarrier.name_zh'), value: carrier?.nameZh || '', required: true, autocomplete: 'off', maxlength: 40 }),
      field({ name: 'nameEn', label: t('shipcarrier.name_en'), value: carrier?.nameEn || '', hint: t('shipcarrier.name_en_hint'), autocomplete: 'off', maxlength: 40 }),
    ),
    patternField(carrier?.trackingPattern || ''),
    h(
      'div',
      { class: 'form-grid' },
      phone,
      field({ name: 'priority', label: t('shipcarrier.priority'), value: String(carrier?.priority ?? 0), type: 'number', min: 0, max: MAX_PRIORITY, inputmode: 'numeric', hint: t('shipcarrier.priority_hint') }),
    ),
  ];
}

/** What the form holds as the API's input, or the problems found before asking the server. */
function read(form, carrier) {
  const value = (name) => form.elements[name]?.value.trim() ?? '';
  if (carrier?.isBuiltin) return { input: { phone: value('phone') }, problems: [] };
  const problems = [];
  if (!carrier && !value('code')) problems.push({ field: 'code', code: 'required' });
  if (!value('nameZh')) problems.push({ field: 'nameZh', code: 'required' });
  const priority = Number(value('priority') || '0');
  if (!Number.isInteger(priority) || priority < 0 || priority > MAX_PRIORITY) {
    problems.push({ field: 'priority', code: 'priority_invalid', message: t('shipcarrier.priority_invalid') });
  }
  const input = {
    nameZh: value('nameZh'),
    nameEn: value('nameEn'),
    trackingPattern: value('trackingPattern'),
    phone: value('phone'),
    priority,
  };
  if (!carrier) input.code = value('code').toUpperCase();
  return { input, problems };
}

/**
 * carrierForm({ carrier, onSaved }): a new carrier when `carrier` is null, else its edit form.
 * onSaved(carrier) runs after the server accepted it.
 */
export function carrierForm({ carrier = null, onSaved }) {
  const submit = h('button', { type: 'submit', class: carrier ? 'button button-small' : 'button' }, t(carrier ? 'shipcarrier.save' : 'shipcarrier.create_submit'));
  const label = carrier ? t('shipcarrier.edit_for', { name: carrier.name }) : t('shipcarrier.create');
  const form = h(
    'form',
    { class: carrier ? 'carrier-edit' : 'carrier-create', novalidate: true, 'aria-label': label },
    formError(),
    fieldsFor(carrier),
    h('div', { class: 'form-actions', style: { marginTop: '8px', flexWrap: 'wrap' } }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const { input, problems } = read(form, carrier);
    if (problems.length) return showErrors(form, problems);
    return busy(submit, async () => {
      try {
        const { [carrier ? 'carrierUpdate' : 'carrierCreate']: result } = carrier
          ? await gql(CARRIER_UPDATE, { id: carrier.id, input })
          : await gql(CARRIER_CREATE, { input });
        if (result.errors.length) return showErrors(form, result.errors);
        forgetCarriers();
        toast(t(carrier ? 'shipcarrier.saved' : 'shipcarrier.created', { name: result.carrier.name }), { kind: 'success' });
        if (!carrier) form.reset();
        return onSaved(result.carrier);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });
  return form;
}
