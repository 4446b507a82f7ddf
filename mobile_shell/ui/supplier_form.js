/**
 * The supplier form (new and edit alike): name, code, payment terms, notes and up to ten
 * contacts; the new-supplier screen and a supplier's card both use it.
 */

import { t } from '../i18n/i18n.js';
import { h } from './element.js';
import { busy, clearErrors, field, formError, showErrors } from './form.js';

const MAX_CONTACTS = 10;
const CONTACT_PARTS = [
  { part: 'name', label: 'supplier.contact_name', maxlength: 60, autocomplete: 'off' },
  { part: 'phone', label: 'supplier.contact_phone', maxlength: 30, inputmode: 'tel', autocomplete: 'off' },
  { part: 'email', label: 'supplier.contact_email', maxlength: 254, type: 'email', autocomplete: 'off' },
];

/** A labelled textarea with the same error slot as field(). */
function textArea({ name, label, value = '', maxlength }) {
  const id = `f-${name}-area`;
  return h(
    'div',
    { class: 'field', dataset: { field: name } },
    h('label', { for: id }, label),
    h('textarea', { id, name, rows: 3, maxlength, 'aria-describedby': `${id}-error` }, value),
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }),
  );
}

function contactRow(contact, renumber) {
  const row = h(
    'fieldset',
    { class: 'contact-row' },
    h('legend', { class: 'visually-hidden' }, t('supplier.contact')),
    h(
      'div',
      { class: 'contact-grid' },
      CONTACT_PARTS.map(({ part, label, ...attrs }) => {
        const one = field({ name: `contacts.x.${part}`, label: t(label), value: contact[part] || '', ...attrs });
        one.dataset.part = part;
        return one;
      }),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'button button-quiet button-small contact-remove',
        onclick: () => {
          row.remove();
          renumber();
        },
      },
      t('supplier.contact_remove'),
    ),
  );
  return row;
}

/** Days of payment terms as typed: a whole number 0–365, or null. */
function days(raw) {
  const text = String(raw ?? '').trim();
  if (!text) return 0;
  return /^\d{1,3}$/.test(text) && Number(text) <= 365 ? Number(text) : null;
}

/**
 * The supplier form: onSubmit(input) saves and returns the API's errors (or nothing). With a
 * supplier it edits (no code field); without, it creates.
 */
export function supplierForm({ supplier = null, submitLabel, onSubmit }) {
  const contacts = h('div', { class: 'contact-rows' });
  const submit = h('button', { type: 'submit', class: 'button' }, submitLabel);

  function renumber() {
    [...contacts.children].forEach((row, index) => {
      for (const one of row.querySelectorAll('.field[data-part]')) {
        one.dataset.field = `contacts.${index}.${one.dataset.part}`;
        one.querySelector('input').name = one.dataset.field;
      }
    });
    addContact.disabled = contacts.children.length >= MAX_CONTACTS;
  }

  const addContact = h(
    'button',
    {
      type: 'button',
      class: 'button button-quiet button-small',
      onclick: () => {
        contacts.append(contactRow({}, renumber));
        renumber();
        contacts.lastChild.querySelector('input').focus();
      },
    },
    t('supplier.contact_add'),
  );

  const form = h(
    'form',
    { class: 'supplier-form', novalidate: true, 'aria-label': supplier ? t('supplier.edit_title') : t('supplier.create_title') },
    formError(),
    h(
      'div',
      { class: 'form-grid' },
      !supplier && field({ name: 'code', label: t('supplier.code'), required: true, autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', maxlength: 20 }),
      field({ name: 'name', label: t('supplier.name'), value: supplier?.name || '', required: true, autocomplete: 'off', maxlength: 120 }),
      field({ name: 'paymentTermsDays', label: t('supplier.terms'), value: String(supplier?.paymentTermsDays ?? 0), inputmode: 'numeric', autocomplete: 'off', hint: t('supplier.terms_hint') }),
      field({ name: 'address', label: t('supplier.address'), value: supplier?.address || '', autocomplete: 'off', maxlength: 200 }),
    ),
    textArea({ name: 'notes', label: t('supplier.notes'), value: supplier?.notes || '', maxlength: 2000 }),
    h('h3', { class: 'bin-title' }, t('supplier.contacts')),
    h('div', { class: 'field', dataset: { field: 'contacts' } }, h('p', { class: 'field-error', hidden: true }), contacts),
    addContact,
    h('div', { class: 'form-actions' }, submit),
  );
  for (const contact of supplier?.contacts || []) contacts.append(contactRow(contact, renumber));
  renumber();

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    // Rows left empty are dropped first, so the API's contacts.N matches what is on screen.
    for (const row of [...contacts.children]) {
      if ([...row.querySelectorAll('input')].every((input) => !input.value.trim())) row.remove();
    }
    renumber();
    const value = (name) => form.elements[name]?.value.trim() ?? '';
    const input = {
      name: value('name'),
      paymentTermsDays: days(value('paymentTermsDays')),
      address: value('address'),
      notes: form.elements.notes.value.trim(),
      contacts: [...contacts.children].map((row) => Object.fromEntries(CONTACT_PARTS.map(({ part }) => [part, row.querySelector(`[data-part="${part}"] input`).value.trim()]))),
    };
    if (!supplier) input.code = value('code');
    const problems = [];
    if (!supplier && !input.code) problems.push({ field: 'code', code: 'required' });
    if (!input.name) problems.push({ field: 'name', code: 'required' });
    if (input.paymentTermsDays === null) problems.push({ field: 'paymentTermsDays', code: 'days_invalid', message: t('supplier.days_invalid') });
    input.contacts.forEach((contact, index) => {
      if (!contact.name) problems.push({ field: `contacts.${index}.name`, code: 'required' });
    });
    if (problems.length) return showErrors(form, problems);
    return busy(submit, async () => {
      try {
        const errors = await onSubmit(input);
        if (errors && errors.length) showErrors(form, errors);
      } catch (error) {
        showErrors(form, [error]);
      }
    });
  });
  return form;
}
