/**
 * Form fields with a visible label, a hint and an error slot wired with aria-describedby, and
 * the mapping of the API's typed errors ({field, code, message}) onto those fields.
 */

import { t } from '../i18n/i18n.js';
import { h } from './element.js';
import { errorText } from './states.js';

let counter = 0;

/** A labelled input or select. `options` ([{value, label}]) makes a select. */
export function field({ name, label, type = 'text', value = '', hint = '', options = null, ...attrs }) {
  counter += 1;
  const id = `f-${name}-${counter}`;
  const described = [hint && `${id}-hint`, `${id}-error`].filter(Boolean).join(' ');
  const control = options
    ? h(
        'select',
        { id, name, 'aria-describedby': described, ...attrs },
        options.map((option) => h('option', { value: option.value, selected: option.value === value }, option.label)),
      )
    : h('input', { id, name, type, value, 'aria-describedby': described, ...attrs });
  return h(
    'div',
    { class: 'field', dataset: { field: name } },
    h('label', { for: id }, label),
    control,
    hint && h('p', { class: 'hint', id: `${id}-hint` }, hint),
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }),
  );
}

export function clearErrors(form) {
  for (const slot of form.querySelectorAll('.field-error')) {
    slot.hidden = true;
    slot.textContent = '';
  }
  for (const control of form.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
  const summary = form.querySelector('.form-error');
  if (summary) {
    summary.hidden = true;
    summary.textContent = '';
  }
}

/**
 * Shows errors next to their fields; errors for no field (or a field this form lacks) go to the
 * form's summary. Focuses the first field in error, so keyboard users land on the problem.
 */
export function showErrors(form, errors) {
  clearErrors(form);
  let first = null;
  const general = [];
  for (const error of errors) {
    const wrapper = error.field && form.querySelector(`.field[data-field="${CSS.escape(error.field)}"]`);
    if (!wrapper) {
      general.push(errorText(error));
      continue;
    }
    const slot = wrapper.querySelector('.field-error');
    slot.textContent = errorText(error);
    slot.hidden = false;
    const control = wrapper.querySelector('input, select, textarea');
    control.setAttribute('aria-invalid', 'true');
    first = first || control;
  }
  const summary = form.querySelector('.form-error');
  if (summary && general.length) {
    summary.textContent = general.join(' ');
    summary.hidden = false;
  }
  if (first) first.focus();
}

/** The summary slot for errors that belong to no single field. */
export function formError() {
  return h('p', { class: 'form-error', role: 'alert', hidden: true });
}

/** Disables a submit button while its request runs, with a busy label. */
export async function busy(button, work) {
  const label = button.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.textContent = t('state.working');
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    button.textContent = label;
  }
}
