/**
 * Decimals as the API sends them (strings): quantities without trailing zeros, money in the
 * workspace currency, and "—" for a cost the user may not see (null without cost.view).
 */

import { formatMoney, formatNumber } from '../i18n/i18n.js';

/** "12.000" → "12", "0.500" → "0.5"; Intl groups the digits but keeps the string's precision. */
export function qty(value) {
  if (value === null || value === undefined || value === '') return '—';
  const text = String(value);
  const trimmed = text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
  return formatNumber(trimmed, { maximumFractionDigits: 3 });
}

/** Money, or "—" when the server withheld it. */
export function money(value, currency = 'CNY') {
  if (value === null || value === undefined || value === '') return '—';
  return formatMoney(value, currency);
}

/** A decimal string from a form field: trimmed, "" when empty, null when not a number. */
export function decimalInput(raw) {
  const text = String(raw ?? '').trim().replace(/,/g, '');
  if (!text) return '';
  return /^-?\d+(\.\d+)?$/.test(text) ? text : null;
}

/** A fresh idempotency key for a write the user may repeat (double tap, retry). */
export function newKey(prefix) {
  const random = crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  return `${prefix}-${random}`;
}
