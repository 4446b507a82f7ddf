/**
 * What the sales order screens share: the statuses and their chips, the queues of the boards
 * (待审核 / 待采购 / 待发货 / 待签回), delivery methods, the scopes behind the list and form screens'
 * buttons (an order's own next steps are its availableActions), and line arithmetic
 * that matches the server's (quantity × price less the discount, rounded to the cent once).
 */

import { hasScope } from '../core/session.js';
import { t } from '../i18n/i18n.js';
import { h } from './element.js';
import { decimalInput } from './quantity.js';

export const STATUSES = ['draft', 'pending_review', 'approved', 'pending_purchase', 'pending_shipment', 'partly_shipped', 'pending_signback', 'completed', 'cancelled'];
export const DELIVERY_METHODS = ['express', 'logistics', 'delivery', 'pickup'];
// Changed freely before approval; afterwards a change of unshipped lines is a revision.
export const EDITABLE_FREELY = ['draft', 'pending_review'];
export const REVISABLE = ['pending_purchase', 'pending_shipment', 'partly_shipped'];
// Sold orders: money can be received against them.
export const SOLD = ['approved', 'pending_purchase', 'pending_shipment', 'partly_shipped', 'pending_signback', 'completed'];

/**
 * The boards' tabs: which statuses each shows, and which scopes see the tab. 待发货 includes
 * partly shipped orders: both still have goods to send.
 */
export const QUEUES = [
  { id: 'pending_review', statuses: ['pending_review'], scope: ['orders.view_all', 'orders.view_own'] },
  { id: 'pending_purchase', statuses: ['pending_purchase'], scope: ['orders.view_all', 'orders.view_own'] },
  { id: 'pending_shipment', statuses: ['pending_shipment', 'partly_shipped'] },
  { id: 'pending_signback', statuses: ['pending_signback'] },
  { id: 'draft', statuses: ['draft'], scope: 'orders.edit' },
  { id: 'all', statuses: null },
];

export const ORDER_VIEW_SCOPES = ['orders.view_own', 'orders.view_all', 'orders.view_shipping'];

const TONES = {
  draft: 'chip-pending',
  pending_review: 'chip-pending',
  pending_purchase: 'chip-pending',
  cancelled: 'chip-bad',
};

export function statusChip(status) {
  return h('span', { class: `chip ${TONES[status] || ''}`, dataset: { status } }, t(`order.status.${status}`));
}

export function creditChip() {
  return h('span', { class: 'chip chip-bad', dataset: { flag: 'credit-hold' } }, t('order.credit_hold'));
}

export function skuText(sku) {
  return `${sku.name}${sku.specLabel ? ` · ${sku.specLabel}` : ''}`;
}

/**
 * Who may create orders, review from the boards, override a credit hold or keep expenses (the
 * services check again; this only hides buttons). One order's next steps come from the server:
 * its availableActions (ui/order_actions.js).
 */
export const may = {
  edit: () => hasScope('orders.edit'),
  review: () => hasScope('orders.review'),
  override: () => hasScope('orders.credit_override'),
  expenses: () => hasScope(['orders.edit', 'finance.manage']),
};

/** Cents of a decimal string (or number), for sums without float drift. */
function cents(value) {
  return Math.round(Number(value || 0) * 100);
}

/** A line's amount in cents, as the server computes it; null when a number is missing. */
export function lineCents({ quantity, unitPrice, discountRate }) {
  const q = decimalInput(quantity);
  const p = decimalInput(unitPrice);
  const d = decimalInput(discountRate);
  if (!q || p === null || p === '' || d === null) return null;
  const rate = d === '' ? 0 : Number(d);
  return Math.round(Number(q) * Number(p) * (1 - rate / 100) * 100);
}

/** "12.3" from 1230 cents. */
export function fromCents(value) {
  const sign = value < 0 ? '-' : '';
  const whole = Math.abs(value);
  return `${sign}${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')}`;
}

export function sumCents(values) {
  return values.reduce((sum, value) => sum + cents(value), 0);
}
