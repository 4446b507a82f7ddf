/**
 * Picking one customer by typing a name, pinyin initials, code or phone (customers query, 8 at
 * most): matches appear as buttons; the chosen one shows as a line with "更换". onPick(customer)
 * gets { id, code, name, invoiceTitle, taxpayerId } (or null when cleared).
 */

import { CUSTOMER_PICK, CUSTOMER_PICKED } from '../api/customers.js';
import { gql } from '../core/graphql.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from './element.js';
import { field } from './form.js';
import { errorText } from './states.js';

/** The customer with this id, or null when it is not one the user may see. */
export async function customerById(id) {
  if (!id) return null;
  try {
    return (await gql(CUSTOMER_PICKED, { id })).customer;
  } catch {
    return null;
  }
}

export function customerPicker({ name = 'customerId', label = t('fin.customer'), value = null, clearable = false, onPick }) {
  const wrapper = field({ name, label, type: 'search', autocomplete: 'off', placeholder: t('customer.search_hint') });
  const input = wrapper.querySelector('input');
  const results = h('ul', { class: 'sku-results', 'aria-label': t('fin.customer_results'), 'aria-live': 'polite' });
  const chosen = h('div', { class: 'item-row customer-chosen', hidden: true });
  wrapper.querySelector('label').after(chosen);
  wrapper.append(results);
  let token = 0;
  let timer = 0;
  let current = null;

  function show(customer) {
    current = customer;
    input.hidden = !!customer;
    chosen.hidden = !customer;
    if (!customer) return fill(chosen);
    const change = h('button', { type: 'button', class: 'button button-quiet button-small', 'aria-label': t('fin.customer_change_for', { name: customer.name }) }, t('fin.customer_change'));
    change.addEventListener('click', () => {
      show(null);
      if (clearable) onPick(null);
      input.focus();
    });
    return fill(chosen, h('div', { class: 'item-main' }, h('strong', {}, customer.name), h('span', { class: 'muted small' }, customer.code)), change);
  }

  function pick(customer) {
    input.value = '';
    fill(results);
    show(customer);
    onPick(customer);
  }

  async function search(term) {
    const mine = ++token;
    if (!term) return fill(results);
    try {
      const { customers } = await gql(CUSTOMER_PICK, { search: term });
      if (mine !== token) return results;
      return fill(
        results,
        customers.items.length
          ? customers.items.map((customer) =>
              h('li', {}, h('button', { type: 'button', class: 'sku-result', dataset: { customerCode: customer.code }, onclick: () => pick(customer) }, h('strong', {}, customer.name), h('span', { class: 'muted small' }, customer.code))),
            )
          : h('li', { class: 'muted small' }, t('skusearch.none', { term })),
      );
    } catch (error) {
      return mine === token ? fill(results, h('li', { class: 'field-error' }, errorText(error))) : results;
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value.trim()), 250);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') event.preventDefault(); // a search box must not send the form
  });
  show(value);
  return { element: wrapper, set: show, get: () => current };
}

/**
 * A table's customer filter (ui/workbench.js): the picker, and a hidden `customer` field that
 * alone goes into the URL (the id, never the text typed to find one). The returned function draws
 * both for the current URL; the customer picked last is kept, so a redraw fetches a customer only
 * when the URL names another one.
 */
export function customerFilter() {
  let customer = null;
  return (current) => {
    const customerInput = h('input', { type: 'hidden', name: 'customer', value: current.get('customer') || '' });
    const picker = customerPicker({
      name: 'customerPick',
      label: t('col.customer'),
      clearable: true,
      onPick: (picked) => {
        customer = picked;
        customerInput.value = picked?.id || '';
      },
    });
    picker.element.querySelector('input').removeAttribute('name');
    if (current.get('customer')) {
      if (customer?.id === current.get('customer')) picker.set(customer);
      else customerById(current.get('customer')).then((found) => found && picker.set((customer = found)));
    }
    return [picker.element, customerInput];
  };
}
