/**
 * Editing a customer in place on its screen: its facts (customerUpdate: kind, name, phone,
 * level, source, invoice details, notes; credit terms for managers, with "仍然保存" when the new
 * name or phone is another customer's), and its tags (customerTagsSet).
 */

import { CUSTOMER_TAGS_SET, CUSTOMER_UPDATE } from '../api/customers.js';
import { gql } from '../core/graphql.js';
import { t } from '../i18n/i18n.js';
import { PHONE_PATTERN, duplicateError, creditFields, kindChoice, levelField, readCredit, sourceField, textArea } from './customer_fields.js';
import { tagPicker } from './customer_tags.js';
import { h } from './element.js';
import { busy, clearErrors, field, formError, showErrors } from './form.js';
import { toast } from './toast.js';

/** The facts form; onDone(saved) closes it (and reloads the customer when saved). */
export function customerEditForm({ customer, levels, onDone }) {
  const submit = h('button', { type: 'submit', class: 'button button-small' }, t('customer.save'));
  const anyway = h('button', { type: 'button', class: 'button button-quiet button-small', hidden: true }, t('customer.save_anyway'));
  const cancel = h('button', { type: 'button', class: 'button button-quiet button-small', onclick: () => onDone(false) }, t('action.cancel'));
  const form = h(
    'form',
    { class: 'supplier-item-form customer-edit-form', novalidate: true, 'aria-label': t('customer.edit_title') },
    formError(),
    kindChoice(customer.kind),
    h(
      'div',
      { class: 'form-grid' },
      field({ name: 'name', label: t('customer.name'), value: customer.name, required: true, autocomplete: 'off', maxlength: 120 }),
      field({ name: 'phone', label: t('customer.phone'), value: customer.phone, type: 'tel', inputmode: 'tel', autocomplete: 'off', maxlength: 30 }),
      levelField(levels, customer.level?.id || ''),
      sourceField(customer.source),
      creditFields(customer),
      field({ name: 'invoiceTitle', label: t('customer.invoice_title'), value: customer.invoiceTitle, autocomplete: 'off', maxlength: 120 }),
      field({ name: 'taxpayerId', label: t('customer.taxpayer_id'), value: customer.taxpayerId, autocomplete: 'off', autocapitalize: 'characters', spellcheck: 'false', maxlength: 30 }),
    ),
    textArea({ name: 'notes', label: t('customer.notes'), value: customer.notes }),
    h('div', { class: 'form-actions' }, cancel, anyway, submit),
  );

  function send(allowDuplicate) {
    clearErrors(form);
    const value = (name) => form.elements[name]?.value.trim() ?? '';
    const input = {
      kind: form.querySelector('[name="kind"]:checked')?.value || customer.kind,
      name: value('name'),
      phone: value('phone'),
      source: value('source'),
      invoiceTitle: value('invoiceTitle'),
      taxpayerId: value('taxpayerId'),
      notes: form.elements.notes.value.trim(),
      allowDuplicate,
    };
    if (form.elements.levelId) input.levelId = value('levelId') || null;
    const problems = [];
    if (!input.name) problems.push({ field: 'name', code: 'required' });
    if (input.phone && !PHONE_PATTERN.test(input.phone)) problems.push({ field: 'phone', code: 'phone_invalid', message: t('customer.phone_invalid') });
    readCredit(form, input, problems);
    if (problems.length) return showErrors(form, problems);
    return busy(allowDuplicate ? anyway : submit, async () => {
      try {
        const { customerUpdate: result } = await gql(CUSTOMER_UPDATE, { id: customer.id, input });
        if (result.errors.length) {
          anyway.hidden = !result.errors.some((error) => error.code === 'customer_duplicate');
          return showErrors(form, result.errors.map(duplicateError));
        }
        toast(t('customer.saved', { name: result.customer.name }), { kind: 'success' });
        return onDone(true);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    anyway.hidden = true;
    send(false);
  });
  anyway.addEventListener('click', () => send(true));
  return form;
}

/** The tag editor: chips for every tag (a new one made on the spot), saved as a whole. */
export function customerTagsForm({ customer, tags, onDone }) {
  const picker = tagPicker({ tags, chosen: customer.tags.map((tag) => tag.id) });
  const submit = h('button', { type: 'submit', class: 'button button-small' }, t('customer.tags_save'));
  const cancel = h('button', { type: 'button', class: 'button button-quiet button-small', onclick: () => onDone(false) }, t('action.cancel'));
  const form = h('form', { class: 'supplier-item-form customer-tags-form', novalidate: true, 'aria-label': t('customer.tags_edit') }, formError(), picker.element, h('div', { class: 'form-actions' }, cancel, submit));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    return busy(submit, async () => {
      try {
        const { customerTagsSet: result } = await gql(CUSTOMER_TAGS_SET, { customerId: customer.id, tagIds: picker.selected() });
        if (result.errors.length) return showErrors(form, result.errors);
        toast(t('customer.tags_saved'), { kind: 'success' });
        return onDone(true);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });
  return form;
}
