/**
 * Allocating money to a customer's open orders (核销): each order with its balance due and a box
 * for the amount against it, and a line saying what is allocated and what stays as prepayment
 * (预收款). The split is oldest first by default: while the user has not typed in a box, the
 * boxes follow the money available (auto()), the oldest orders filled first; typing in a box
 * makes the split the user's, and "按顺序分配" gives it back to oldest first.
 *
 * The orders come from salesOrders (sold statuses, the customer's), oldest first: the receipts
 * API allocates to any sold order of the customer with a balance due.
 */

import { CUSTOMER_SOLD_ORDERS } from '../api/finance.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { formatDate, t } from '../i18n/i18n.js';
import { fill, h } from './element.js';
import { field } from './form.js';
import { SOLD, cents, centsMoney, fromCents } from './finance_fields.js';

const PAGE = 100;
const PAGES = 5; // 500 sold orders of one customer: more than any small business keeps open

/** The customer's sold orders, oldest first (or only `statuses`). */
export async function soldOrders(customerId, statuses = SOLD) {
  const found = [];
  for (let page = 0; page < PAGES; page += 1) {
    const { salesOrders } = await gql(CUSTOMER_SOLD_ORDERS, { filter: { customerId, statuses }, limit: PAGE, offset: page * PAGE });
    found.push(...salesOrders.items);
    if (found.length >= salesOrders.totalCount || !salesOrders.items.length) break;
  }
  return found.sort((a, b) => a.orderDate.localeCompare(b.orderDate) || a.number.localeCompare(b.number));
}

/** The orders that still owe money. */
export function owing(orders) {
  return orders.filter((order) => cents(order.balanceDue) > 0);
}

/**
 * The allocation boxes for `orders` (already those owing). available() is the money to share
 * out, in fen (null while it is not a valid amount).
 */
export function allocationEditor({ orders, available, currency }) {
  const summary = h('p', { class: 'small', role: 'status' });
  const boxes = orders.map((order, index) => {
    const box = field({ name: `alloc.${index}`, label: t('allocation.amount'), inputmode: 'decimal', autocomplete: 'off', class: 'qty-input', 'aria-label': t('allocation.amount_for', { number: order.number }) });
    box.querySelector('input').addEventListener('input', () => {
      byHand = true; // the user changes the split: the boxes no longer follow the amount
      draw();
    });
    return box;
  });
  const input = (index) => boxes[index].querySelector('input');
  let byHand = false;

  function allocated() {
    return orders.reduce((sum, _order, index) => sum + Math.max(cents(input(index).value) || 0, 0), 0);
  }

  function draw() {
    const total = available();
    const used = allocated();
    if (total === null) return fill(summary, t('allocation.used', { amount: centsMoney(used, currency) }));
    const left = total - used;
    summary.classList.toggle('field-error', left < 0);
    return fill(summary, left < 0 ? t('allocation.too_much', { amount: centsMoney(-left, currency) }) : t('allocation.summary', { used: centsMoney(used, currency), left: centsMoney(left, currency) }));
  }

  /** Oldest first, each order up to its balance, until the money runs out. */
  function inOrder() {
    byHand = false;
    let left = Math.max(available() || 0, 0);
    orders.forEach((order, index) => {
      const take = Math.min(left, cents(order.balanceDue));
      input(index).value = take > 0 ? fromCents(take) : '';
      left -= Math.max(take, 0);
    });
    draw();
  }

  function clear() {
    byHand = true;
    for (const box of boxes) box.querySelector('input').value = '';
    draw();
  }

  /** The default split (oldest first) for the money available now, unless the user made their own. */
  function auto() {
    return byHand ? draw() : inOrder();
  }

  /** Sets one order's box (an order the screen was opened for): the user's split from then on. */
  function set(orderId, amount) {
    byHand = true;
    const index = orders.findIndex((order) => order.id === orderId);
    if (index >= 0) input(index).value = fromCents(amount);
    draw();
  }

  // What is sent, and which box each sent allocation came from (for the server's field errors).
  let sentFrom = [];

  /** The allocations typed, and what is wrong with them. */
  function read() {
    const problems = [];
    const allocations = [];
    sentFrom = [];
    orders.forEach((order, index) => {
      const amount = cents(input(index).value);
      if (amount === null || amount < 0) problems.push({ field: `alloc.${index}`, code: 'amount_invalid', message: t('fin.amount_invalid') });
      else if (amount > cents(order.balanceDue)) problems.push({ field: `alloc.${index}`, code: 'exceeds_balance', message: t('allocation.exceeds_due', { amount: centsMoney(cents(order.balanceDue), currency) }) });
      else if (amount > 0) {
        sentFrom.push(index);
        allocations.push({ orderId: order.id, amount: fromCents(amount) });
      }
    });
    const total = available();
    if (total !== null && allocated() > total) problems.push({ code: 'exceeds_unallocated', message: t('allocation.too_much', { amount: centsMoney(allocated() - total, currency) }) });
    return { allocations, problems };
  }

  /** allocations.2.amount (of what was sent) → the box it came from. */
  function place(error) {
    const match = /^allocations\.(\d+)\./.exec(error.field || '');
    return match && sentFrom[Number(match[1])] !== undefined ? { ...error, field: `alloc.${sentFrom[Number(match[1])]}` } : error;
  }

  const row = (order, index) =>
    h(
      'li',
      { class: 'item-row allocation-row', dataset: { number: order.number } },
      h(
        'div',
        { class: 'item-main' },
        h('a', { href: appUrl(`/orders/${order.id}`) }, h('strong', {}, order.number)),
        h('span', { class: 'muted small' }, `${formatDate(order.orderDate)} · ${t('allocation.due', { amount: centsMoney(cents(order.balanceDue), currency) })}`),
      ),
      h('div', { class: 'item-meta' }, boxes[index]),
    );
  const element = orders.length
    ? h(
        'div',
        { class: 'allocations' },
        h('ul', { class: 'item-list', 'aria-label': t('allocation.orders') }, orders.map(row)),
        h(
          'div',
          { class: 'form-actions' },
          h('button', { type: 'button', class: 'button button-quiet button-small', onclick: inOrder }, t('allocation.in_order')),
          h('button', { type: 'button', class: 'button button-quiet button-small', onclick: clear }, t('allocation.clear')),
        ),
        summary,
      )
    : h('p', { class: 'muted' }, t('allocation.none'));
  draw();
  return { element, read, place, draw, set, inOrder, auto };
}
