/**
 * Pieces the money, returns and report screens share: amounts in whole fen (so sums of decimal
 * strings never meet float rounding), the workspace's today and month, payment methods, status
 * chips, a from–to pair of date boxes, and "−12.5%" changes with an arrow and a colour.
 */

import { hasScope, session } from '../core/session.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { h } from './element.js';
import { field } from './form.js';
import { decimalInput, money } from './quantity.js';

export const METHODS = ['bank', 'cash', 'wechat', 'alipay', 'other'];
// Orders that count as sold (approved and beyond): the only ones money is booked against.
export const SOLD = ['approved', 'pending_purchase', 'pending_shipment', 'partly_shipped', 'pending_signback', 'completed'];
// Whoever sees every order's money: finance, managers, owners. Statements are theirs only.
export const ALL_MONEY = ['finance.view', 'orders.view_all'];

/** "1,234.5" → 123450; '' → 0; null when it is not an amount with at most 2 decimals. */
export function cents(value) {
  const text = decimalInput(value);
  if (text === '') return 0;
  if (text === null || !/^-?\d+(\.\d{1,2})?$/.test(text)) return null;
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const amount = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return text.startsWith('-') ? -amount : amount;
}

/** 123450 → "1234.50", the way the API takes a Decimal. */
export function fromCents(amount) {
  const whole = Math.abs(amount);
  return `${amount < 0 ? '-' : ''}${Math.floor(whole / 100)}.${String(whole % 100).padStart(2, '0')}`;
}

export function centsMoney(amount, currency) {
  return money(fromCents(amount), currency);
}

/** The workspace's today as YYYY-MM-DD (its time zone, not the phone's). */
export function today() {
  const options = { year: 'numeric', month: '2-digit', day: '2-digit' };
  try {
    return new Intl.DateTimeFormat('en-CA', { ...options, timeZone: session().tenant?.timeZone }).format(new Date());
  } catch {
    return new Intl.DateTimeFormat('en-CA', options).format(new Date());
  }
}

export function monthStart(day = today()) {
  return `${day.slice(0, 8)}01`;
}

/** The currency of the workspace, for amounts whose report does not name one. */
export function currency() {
  return session().tenant?.currency || 'CNY';
}

export function methodField(value = 'bank', name = 'method') {
  return field({ name, label: t('fin.method'), value, options: METHODS.map((method) => ({ value: method, label: t(`fin.method.${method}`) })) });
}

const BAD = ['void', 'rejected', 'cancelled'];
const WAITING = ['draft', 'pending_approval', 'approved', 'received'];

/** A status as a chip: `prefix` names the catalogue (invoice.status, sreturn.status). */
export function statusChip(prefix, status) {
  const tone = BAD.includes(status) ? ' chip-bad' : WAITING.includes(status) ? ' chip-pending' : '';
  return h('span', { class: `chip${tone}`, dataset: { status } }, t(`${prefix}.${status}`));
}

/** From and to date boxes; onChange({ from, to }) when either changes. */
export function dateRange({ from = '', to = '', onChange }) {
  const start = field({ name: 'from', label: t('fin.from'), type: 'date', value: from });
  const end = field({ name: 'to', label: t('fin.to'), type: 'date', value: to });
  const read = () => ({ from: start.querySelector('input').value, to: end.querySelector('input').value });
  for (const box of [start, end]) box.querySelector('input').addEventListener('change', () => onChange(read()));
  return [start, end];
}

/** "+12.5%" in green with ↑, "−3%" in red with ↓, "—" without a previous figure. */
export function changeText(percent) {
  if (percent === null || percent === undefined) return h('span', { class: 'muted' }, t('report.no_previous'));
  const value = Number(percent);
  const text = `${value > 0 ? '↑ +' : value < 0 ? '↓ ' : ''}${formatNumber(value, { maximumFractionDigits: 1 })}%`;
  return h('span', { class: value > 0 ? 'qty qty-in' : value < 0 ? 'qty qty-out' : 'qty', dataset: { change: String(percent) } }, text);
}

/** Money of the workspace when the user may record it (finance.manage). */
export function mayRecord() {
  return hasScope('finance.manage');
}
