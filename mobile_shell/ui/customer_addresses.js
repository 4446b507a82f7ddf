/**
 * A customer's delivery addresses (收货地址) on the customer screen: the default first, each
 * with its receiver and a call link; added, changed, made the default or removed. Orders keep
 * their own copy of an address, so changing one here changes no past order.
 */

import { CUSTOMER_ADDRESS_ADD, CUSTOMER_ADDRESS_REMOVE, CUSTOMER_ADDRESS_SET_DEFAULT, CUSTOMER_ADDRESS_UPDATE } from '../api/customers.js';
import { gql } from '../core/graphql.js';
import { t } from '../i18n/i18n.js';
import { confirmDialog } from './confirm.js';
import { rowAction } from './customer_contacts.js';
import { addressFields, callLink, readAddress } from './customer_fields.js';
import { fill, h } from './element.js';
import { busy, clearErrors, formError, showErrors } from './form.js';
import { toast } from './toast.js';

function addressForm({ customer, address, onDone }) {
  // The add mutation names its fields address.city…, the update one plain city….
  const prefix = address ? '' : 'address';
  const submit = h('button', { type: 'submit', class: 'button button-small' }, t('customer.address_save'));
  const cancel = h('button', { type: 'button', class: 'button button-quiet button-small', onclick: () => onDone(false) }, t('action.cancel'));
  const makeDefault = !address && customer.addresses.length > 0 && h('label', { class: 'check-row' }, h('input', { type: 'checkbox', name: 'isDefault' }), t('customer.address_make_default'));
  const form = h(
    'form',
    { class: 'supplier-item-form customer-address-form', novalidate: true, 'aria-label': address ? t('customer.address_edit') : t('customer.address_add') },
    formError(),
    addressFields(prefix, address || {}),
    makeDefault,
    h('div', { class: 'form-actions' }, cancel, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const { address: input, problems } = readAddress(form, prefix);
    if (problems.length) return showErrors(form, problems);
    if (!address) input.isDefault = Boolean(form.elements.isDefault?.checked);
    return busy(submit, async () => {
      try {
        const result = address
          ? (await gql(CUSTOMER_ADDRESS_UPDATE, { id: address.id, input })).customerAddressUpdate
          : (await gql(CUSTOMER_ADDRESS_ADD, { customerId: customer.id, input })).customerAddressAdd;
        if (result.errors.length) return showErrors(form, result.errors);
        toast(t('customer.address_saved'), { kind: 'success' });
        return onDone(true);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });
  return form;
}

function addressRow(address, { reload, edit }) {
  const named = { address: address.fullAddress };
  const change = h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': t('customer.address_edit_for', named), onclick: () => edit(address) }, t('customer.edit'));
  const remove = h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': t('customer.address_remove_for', named) }, t('customer.remove'));
  remove.addEventListener('click', async () => {
    const ok = await confirmDialog({ title: t('customer.address_remove_title'), message: address.fullAddress, confirmLabel: t('customer.remove'), danger: true });
    if (!ok) return;
    await rowAction(remove, async () => (await gql(CUSTOMER_ADDRESS_REMOVE, { id: address.id })).customerAddressRemove.errors, () => {
      toast(t('customer.address_removed'), { kind: 'success' });
      return reload();
    });
  });
  const standard = address.isDefault
    ? h('span', { class: 'chip', dataset: { default: 'true' } }, t('customer.address_default'))
    : h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': t('customer.address_default_for', named) }, t('customer.make_default'));
  if (!address.isDefault) {
    standard.addEventListener('click', () =>
      rowAction(standard, async () => (await gql(CUSTOMER_ADDRESS_SET_DEFAULT, { id: address.id })).customerAddressSetDefault.errors, () => {
        toast(t('customer.address_default_done'), { kind: 'success' });
        return reload();
      }),
    );
  }
  return h(
    'li',
    { class: 'item-row customer-address', dataset: { addressId: address.id, default: String(address.isDefault) } },
    h(
      'div',
      { class: 'item-main' },
      h('strong', {}, address.fullAddress),
      h('span', { class: 'muted small' }, t('customer.address_receiver_line', { receiver: address.receiver, phone: address.phone })),
      address.phone && h('span', {}, callLink(address.phone, { label: address.receiver })),
    ),
    h('div', { class: 'item-meta' }, standard, h('span', { class: 'supplier-item-actions' }, change, remove)),
  );
}

/** The addresses card's content for `customer`; reload() fetches the customer again. */
export function customerAddresses({ customer, reload }) {
  const slot = h('div', { class: 'customer-addresses' });
  const add = h('button', { type: 'button', class: 'button button-small' }, t('customer.address_add'));

  function showForm(address) {
    fill(slot, addressForm({ customer, address, onDone: (saved) => (saved ? reload() : draw()) }));
    slot.querySelector('select, input')?.focus();
  }

  function draw() {
    fill(
      slot,
      customer.addresses.length
        ? h('ul', { class: 'item-list', 'aria-label': t('customer.addresses') }, customer.addresses.map((address) => addressRow(address, { reload, edit: showForm })))
        : h('p', { class: 'muted' }, t('customer.no_addresses')),
      h('div', { class: 'form-actions' }, add),
    );
  }

  add.addEventListener('click', () => showForm(null));
  draw();
  return slot;
}
