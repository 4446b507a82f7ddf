/**
 * The customer of a new order and where it goes: a search box over the customers the user may
 * see, with the customers of their latest orders offered first (a rep mostly sells to the same
 * few), and, once one is chosen, its primary contact and default delivery address filled in,
 * folded into one line that opens to edit (另一个地址 from the customer's saved ones, or typed).
 * Offline the search lists the customers saved on this device (offline/order_cache.js).
 */

import { ORDER_CUSTOMERS, ORDER_RECENT_CUSTOMERS } from '../api/sales.js';
import { isOnline } from '../core/connectivity.js';
import { gql } from '../core/graphql.js';
import { keepCustomers, searchSavedCustomers } from '../offline/order_cache.js';
import { t } from '../i18n/i18n.js';
import { addressFields } from './customer_fields.js';
import { fill, h } from './element.js';
import { field } from './form.js';
import { errorText } from './states.js';

const RECENT_SHOWN = 6;
export const SHIP_PARTS = ['receiver', 'phone', 'province', 'city', 'district', 'detail'];

function customerButton(customer, onPick, { recent = false } = {}) {
  return h(
    'li',
    {},
    h(
      'button',
      { type: 'button', class: 'sku-result customer-result', dataset: { customerId: customer.id, code: customer.code }, onclick: () => onPick(customer) },
      h('strong', {}, customer.name),
      h('span', { class: 'muted small' }, [customer.code, customer.phone, recent && t('order.customer_recent')].filter(Boolean).join(' · ')),
    ),
  );
}

/**
 * { element, focus() }: the search box and its results; onPick(customer) gets { id, code, name,
 * phone }. Without a search term the customers of the user's recent orders are listed.
 */
export function customerSearch({ onPick }) {
  const wrapper = field({ name: 'customerId', label: t('order.customer_search'), type: 'search', autocomplete: 'off', enterkeyhint: 'search', placeholder: t('order.customer_hint') });
  const input = wrapper.querySelector('input');
  const results = h('ul', { class: 'sku-results', 'aria-label': t('order.customer_results'), 'aria-live': 'polite' });
  wrapper.append(results);
  let token = 0;
  let timer = 0;
  let recent = null;

  // Offline: the customers saved on this device (the ones the user saw), marked as such.
  function showSaved(term) {
    const saved = searchSavedCustomers(term);
    fill(
      results,
      h('li', { class: 'muted small sku-results-saved' }, t('offorder.customers_saved')),
      saved.length ? saved.map((one) => customerButton(one, onPick)) : h('li', { class: 'muted small' }, t('order.customer_none', { term })),
    );
  }

  async function showRecent() {
    if (!isOnline()) return showSaved('');
    const mine = ++token;
    try {
      if (!recent) {
        const { salesOrders } = await gql(ORDER_RECENT_CUSTOMERS);
        const seen = new Map();
        for (const order of salesOrders.items) if (!seen.has(order.customer.id)) seen.set(order.customer.id, order.customer);
        recent = [...seen.values()].slice(0, RECENT_SHOWN);
        keepCustomers(recent);
      }
      if (mine !== token) return;
      const { customers } = await gql(ORDER_CUSTOMERS, { search: '' });
      if (mine !== token) return;
      keepCustomers(customers.items);
      const others = customers.items.filter((one) => !recent.some((r) => r.id === one.id));
      fill(results, recent.map((one) => customerButton(one, onPick, { recent: true })), others.slice(0, Math.max(0, 8 - recent.length)).map((one) => customerButton(one, onPick)));
    } catch (error) {
      if (mine === token) fill(results, h('li', { class: 'field-error' }, errorText(error)));
    }
  }

  async function search(term) {
    if (!term) return showRecent();
    if (!isOnline()) return showSaved(term);
    const mine = ++token;
    try {
      const { customers } = await gql(ORDER_CUSTOMERS, { search: term });
      if (mine !== token) return undefined;
      keepCustomers(customers.items);
      if (customers.items.length === 1 && customers.items[0].code.toLowerCase() === term.toLowerCase()) return onPick(customers.items[0]);
      return fill(results, customers.items.length ? customers.items.map((one) => customerButton(one, onPick)) : h('li', { class: 'muted small' }, t('order.customer_none', { term })));
    } catch (error) {
      if (mine === token) fill(results, h('li', { class: 'field-error' }, errorText(error)));
      return undefined;
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value.trim()), 250);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    clearTimeout(timer);
    search(input.value.trim());
  });
  showRecent();
  return { element: wrapper, focus: () => input.focus() };
}

/** The shipTo of an order, or a customer's saved address, as one line. */
export function addressLine(address) {
  if (!address) return '';
  const where = `${address.province || ''}${address.city || ''}${address.district || ''}${address.detail || ''}`;
  return [address.receiver, address.phone, where].filter(Boolean).join(' · ');
}

/**
 * The contact and delivery boxes, folded under a one-line summary. `values` holds contactName,
 * contactPhone and shipTo ({receiver, …}); `addresses` are the customer's saved ones, offered
 * in a select that copies one into the boxes. read() gives back what the boxes hold now.
 */
export function deliveryBlock({ values, addresses = [] }) {
  const whoLine = h('span', { class: 'block' });
  const whereLine = h('span', { class: 'block muted small' });
  const summary = h('span', { class: 'order-delivery-summary' }, whoLine, whereLine);
  const contact = h(
    'div',
    { class: 'contact-grid' },
    field({ name: 'contactName', label: t('order.contact_name'), value: values.contactName || '', autocomplete: 'off', maxlength: 60 }),
    field({ name: 'contactPhone', label: t('order.contact_phone'), value: values.contactPhone || '', type: 'tel', inputmode: 'tel', autocomplete: 'off', maxlength: 30 }),
  );
  const boxes = h('div', {}, addressFields('shipTo', values.shipTo || {}));
  const details = h('details', { class: 'order-delivery' }, h('summary', {}, summary));

  const read = () => {
    const value = (name) => details.querySelector(`[name="${name}"]`)?.value.trim() || '';
    return {
      contactName: value('contactName'),
      contactPhone: value('contactPhone'),
      shipTo: Object.fromEntries(SHIP_PARTS.map((part) => [part, value(`shipTo.${part}`)])),
    };
  };
  const drawSummary = () => {
    const now = read();
    const who = [now.contactName, now.contactPhone].filter(Boolean).join(' ');
    whoLine.textContent = who ? `${t('order.contact')}：${who}` : t('order.contact_none');
    whereLine.textContent = addressLine(now.shipTo) || t('order.address_none');
  };

  let choose = null;
  if (addresses.length > 1) {
    choose = field({
      name: 'addressChoice',
      label: t('order.address_saved'),
      options: [{ value: '', label: '—' }, ...addresses.map((one) => ({ value: one.id, label: addressLine(one) }))],
    });
    choose.querySelector('select').addEventListener('change', (event) => {
      const picked = addresses.find((one) => one.id === event.target.value);
      if (!picked) return;
      for (const part of SHIP_PARTS) {
        const box = boxes.querySelector(`[name="shipTo.${part}"]`);
        if (box.tagName === 'SELECT' && ![...box.options].some((option) => option.value === picked[part])) box.append(h('option', { value: picked[part] }, picked[part]));
        box.value = picked[part] || '';
      }
      drawSummary();
    });
  }
  details.append(contact, h('p', { class: 'subheading' }, t('order.address')), choose, boxes);
  details.addEventListener('input', drawSummary);
  details.addEventListener('change', drawSummary);
  drawSummary();
  return { element: details, read, open: () => (details.open = true) };
}

/** What an order starts with for a customer: the primary contact and the default address. */
export function customerDefaults(customer) {
  const contact = customer.contacts.find((one) => one.isPrimary) || customer.contacts[0];
  const address = customer.addresses.find((one) => one.isDefault) || customer.addresses[0];
  return {
    contactName: contact ? contact.name : customer.name.slice(0, 60),
    contactPhone: contact ? contact.phone : customer.phone,
    shipTo: address ? Object.fromEntries(SHIP_PARTS.map((part) => [part, address[part] || ''])) : {},
  };
}
