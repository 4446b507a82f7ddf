/**
 * A customer's contacts (联系人) on the customer screen: listed primary first, each with a call
 * link; added, changed, made primary or removed one at a time. One form at a time, like the
 * supplier's items. After each change the screen reloads the customer.
 */

import { CUSTOMER_CONTACT_ADD, CUSTOMER_CONTACT_REMOVE, CUSTOMER_CONTACT_UPDATE } from '../api/customers.js';
import { gql } from '../core/graphql.js';
import { t } from '../i18n/i18n.js';
import { confirmDialog } from './confirm.js';
import { callLink, contactFields, readContact } from './customer_fields.js';
import { fill, h } from './element.js';
import { busy, clearErrors, formError, showErrors } from './form.js';
import { errorText } from './states.js';
import { toast } from './toast.js';

/** Runs a mutation from a row's button: the button is busy meanwhile, problems go to a toast. */
export async function rowAction(button, run, done) {
  await busy(button, async () => {
    try {
      const errors = await run();
      if (errors.length) return toast(errorText(errors[0]), { kind: 'error' });
      return done();
    } catch (error) {
      return toast(errorText(error), { kind: 'error' });
    }
  });
}

function contactForm({ customer, contact, onDone }) {
  // The add mutation names its fields contact.name…, the update one plain name….
  const prefix = contact ? '' : 'contact';
  const submit = h('button', { type: 'submit', class: 'button button-small' }, t('customer.contact_save'));
  const cancel = h('button', { type: 'button', class: 'button button-quiet button-small', onclick: () => onDone(false) }, t('action.cancel'));
  const primary = !contact && customer.contacts.length > 0 && h('label', { class: 'check-row' }, h('input', { type: 'checkbox', name: 'isPrimary' }), t('customer.contact_make_primary'));
  const form = h(
    'form',
    { class: 'supplier-item-form customer-contact-form', novalidate: true, 'aria-label': contact ? t('customer.contact_edit_for', { name: contact.name }) : t('customer.contact_add') },
    formError(),
    contactFields(prefix, contact || {}),
    primary,
    h('div', { class: 'form-actions' }, cancel, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const { contact: input, problems } = readContact(form, prefix);
    if (problems.length) return showErrors(form, problems);
    if (!contact) input.isPrimary = Boolean(form.elements.isPrimary?.checked);
    return busy(submit, async () => {
      try {
        const result = contact
          ? (await gql(CUSTOMER_CONTACT_UPDATE, { id: contact.id, input })).customerContactUpdate
          : (await gql(CUSTOMER_CONTACT_ADD, { customerId: customer.id, input })).customerContactAdd;
        if (result.errors.length) return showErrors(form, result.errors);
        toast(t('customer.contact_saved', { name: result.contact.name }), { kind: 'success' });
        return onDone(true);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });
  return form;
}

function contactRow(contact, { reload, edit }) {
  const named = { name: contact.name };
  const change = h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': t('customer.contact_edit_for', named), onclick: () => edit(contact) }, t('customer.edit'));
  const remove = h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': t('customer.contact_remove_for', named) }, t('customer.remove'));
  remove.addEventListener('click', async () => {
    const ok = await confirmDialog({ title: t('customer.contact_remove_title', named), message: contact.isPrimary ? t('customer.contact_remove_primary') : '', confirmLabel: t('customer.remove'), danger: true });
    if (!ok) return;
    await rowAction(remove, async () => (await gql(CUSTOMER_CONTACT_REMOVE, { id: contact.id })).customerContactRemove.errors, () => {
      toast(t('customer.contact_removed', named), { kind: 'success' });
      return reload();
    });
  });
  const primary = contact.isPrimary
    ? h('span', { class: 'chip', dataset: { primary: 'true' } }, t('customer.primary'))
    : h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': t('customer.contact_primary_for', named) }, t('customer.make_primary'));
  if (!contact.isPrimary) {
    primary.addEventListener('click', () =>
      rowAction(primary, async () => (await gql(CUSTOMER_CONTACT_UPDATE, { id: contact.id, input: { isPrimary: true } })).customerContactUpdate.errors, () => {
        toast(t('customer.contact_primary_done', named), { kind: 'success' });
        return reload();
      }),
    );
  }
  return h(
    'li',
    { class: 'item-row customer-contact', dataset: { contact: contact.name } },
    h(
      'div',
      { class: 'item-main' },
      h('strong', {}, contact.name),
      h('span', { class: 'muted small' }, [contact.title, contact.email].filter(Boolean).join(' · ')),
      contact.phone && h('span', {}, callLink(contact.phone, { label: contact.name })),
    ),
    h('div', { class: 'item-meta' }, primary, h('span', { class: 'supplier-item-actions' }, change, remove)),
  );
}

/** The contacts card's content for `customer`; reload() fetches the customer again. */
export function customerContacts({ customer, reload }) {
  const slot = h('div', { class: 'customer-contacts' });
  const add = h('button', { type: 'button', class: 'button button-small' }, t('customer.contact_add'));

  function showForm(contact) {
    fill(slot, contactForm({ customer, contact, onDone: (saved) => (saved ? reload() : draw()) }));
    slot.querySelector('input')?.focus();
  }

  function draw() {
    fill(
      slot,
      customer.contacts.length
        ? h('ul', { class: 'item-list', 'aria-label': t('customer.contacts') }, customer.contacts.map((contact) => contactRow(contact, { reload, edit: showForm })))
        : h('p', { class: 'muted' }, t('customer.no_contacts')),
      h('div', { class: 'form-actions' }, add),
    );
  }

  add.addEventListener('click', () => showForm(null));
  draw();
  return slot;
}
