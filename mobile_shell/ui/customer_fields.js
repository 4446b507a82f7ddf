/**
 * Pieces the customer screens share: the kind toggle (公司 / 个人), source and level choices,
 * credit terms for managers, contact and address fields under a prefix (so the API's
 * `addresses.0.city` lands next to the right box), a notes box, tag chips and a tap-to-call link.
 */

import { hasScope } from '../core/session.js';
import { t } from '../i18n/i18n.js';
import { provinceOptions } from './china_regions.js';
import { h } from './element.js';
import { field } from './form.js';
import { icon } from './icons.js';
import { decimalInput, money } from './quantity.js';

export const KINDS = ['company', 'person'];
export const SOURCES = ['referral', 'walk_in', 'online', 'exhibition', 'cold_call', 'other'];
export const PHONE_PATTERN = /^[0-9+\-() ]{7,30}$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;

/** Managers (customers.view_all) set credit terms and owners; reps cannot. */
export function isCustomerManager() {
  return hasScope('customers.view_all');
}

/** A labelled textarea with the same error slot as field(). */
export function textArea({ name, label, value = '', maxlength = 2000, rows = 3 }) {
  const id = `f-${name}-area-${Math.random().toString(36).slice(2, 7)}`;
  return h(
    'div',
    { class: 'field', dataset: { field: name } },
    h('label', { for: id }, label),
    h('textarea', { id, name, rows, maxlength, 'aria-describedby': `${id}-error` }, value),
    h('p', { class: 'field-error', id: `${id}-error`, hidden: true }),
  );
}

/** 公司 / 个人 as two radio chips. */
export function kindChoice(value = 'company') {
  return h(
    'fieldset',
    { class: 'field choice-group', dataset: { field: 'kind' } },
    h('legend', {}, t('customer.kind')),
    h(
      'div',
      { class: 'roles' },
      KINDS.map((kind) => h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'kind', value: kind, checked: kind === value }), t(`customer.kind.${kind}`))),
    ),
    h('p', { class: 'field-error', hidden: true }),
  );
}

export function sourceField(value = 'other') {
  return field({ name: 'source', label: t('customer.source'), value, options: SOURCES.map((source) => ({ value: source, label: t(`customer.source.${source}`) })) });
}

/** The level select, or null when the workspace keeps no levels. */
export function levelField(levels, value = '') {
  if (!levels.length) return null;
  return field({ name: 'levelId', label: t('customer.level'), value, options: [{ value: '', label: t('customer.level_none') }, ...levels.map((level) => ({ value: level.id, label: level.name }))] });
}

/** Credit limit (empty: no limit) and payment terms: only a manager sees these boxes. */
export function creditFields(customer = null) {
  if (!isCustomerManager()) return [];
  const limit = customer?.creditLimit;
  return [
    field({ name: 'creditLimit', label: t('customer.credit_limit'), value: limit === null || limit === undefined ? '' : String(limit), inputmode: 'decimal', autocomplete: 'off', hint: t('customer.credit_limit_hint') }),
    field({ name: 'paymentTermsDays', label: t('customer.terms'), value: String(customer?.paymentTermsDays ?? 0), inputmode: 'numeric', autocomplete: 'off', hint: t('customer.terms_hint') }),
  ];
}

/** Reads the credit boxes of `form` into `input`; adds problems for what cannot be sent. */
export function readCredit(form, input, problems) {
  if (!form.elements.creditLimit) return;
  const limit = decimalInput(form.elements.creditLimit.value);
  if (limit === null || (limit && (Number(limit) < 0 || !/^\d+(\.\d{1,2})?$/.test(limit)))) {
    problems.push({ field: 'creditLimit', code: 'credit_limit_invalid', message: t('customer.credit_limit_invalid') });
  }
  input.creditLimit = limit || null;
  const days = form.elements.paymentTermsDays.value.trim() || '0';
  if (!/^\d{1,3}$/.test(days) || Number(days) > 365) problems.push({ field: 'paymentTermsDays', code: 'days_invalid', message: t('customer.days_invalid') });
  input.paymentTermsDays = Number(days);
}

export const CONTACT_PARTS = ['name', 'title', 'phone', 'email'];

/** A contact's boxes, named `${prefix}.name` and so on (no prefix: plain `name`). */
export function contactFields(prefix, contact = {}, { required = true } = {}) {
  const name = (part) => (prefix ? `${prefix}.${part}` : part);
  return h(
    'div',
    { class: 'contact-grid' },
    field({ name: name('name'), label: t('customer.contact_name'), value: contact.name || '', required, autocomplete: 'off', maxlength: 60 }),
    field({ name: name('title'), label: t('customer.contact_title'), value: contact.title || '', autocomplete: 'off', maxlength: 40 }),
    field({ name: name('phone'), label: t('customer.contact_phone'), value: contact.phone || '', type: 'tel', inputmode: 'tel', autocomplete: 'off', maxlength: 30 }),
    field({ name: name('email'), label: t('customer.contact_email'), value: contact.email || '', type: 'email', inputmode: 'email', autocapitalize: 'none', autocomplete: 'off', maxlength: 254 }),
  );
}

/** The contact typed into `form` under `prefix`, and what is wrong with it. */
export function readContact(form, prefix) {
  const name = (part) => (prefix ? `${prefix}.${part}` : part);
  const contact = Object.fromEntries(CONTACT_PARTS.map((part) => [part, form.querySelector(`[name="${name(part)}"]`).value.trim()]));
  const problems = [];
  if (!contact.name) problems.push({ field: name('name'), code: 'required' });
  if (contact.phone && !PHONE_PATTERN.test(contact.phone)) problems.push({ field: name('phone'), code: 'phone_invalid', message: t('customer.phone_invalid') });
  return { contact, problems };
}

export const ADDRESS_PARTS = ['province', 'city', 'district', 'detail', 'receiver', 'phone'];
const ADDRESS_REQUIRED = ['province', 'city', 'detail', 'receiver', 'phone'];

/** An address's boxes: province from the list of 34, the rest typed. */
export function addressFields(prefix, address = {}) {
  const name = (part) => (prefix ? `${prefix}.${part}` : part);
  const text = (part, attrs = {}) => field({ name: name(part), label: t(`customer.address_${part}`), value: address[part] || '', autocomplete: 'off', ...attrs });
  return h(
    'div',
    { class: 'contact-grid' },
    field({ name: name('province'), label: t('customer.address_province'), value: address.province || '', options: provinceOptions(address.province, t('customer.province_choose')) }),
    text('city', { maxlength: 30, placeholder: t('customer.address_city_hint') }),
    text('district', { maxlength: 30, placeholder: t('customer.address_district_hint') }),
    text('detail', { maxlength: 200 }),
    text('receiver', { maxlength: 60 }),
    text('phone', { maxlength: 30, type: 'tel', inputmode: 'tel' }),
  );
}

/** The address typed into `form` under `prefix` ({} parts trimmed), and what is missing. */
export function readAddress(form, prefix) {
  const name = (part) => (prefix ? `${prefix}.${part}` : part);
  const address = Object.fromEntries(ADDRESS_PARTS.map((part) => [part, form.querySelector(`[name="${name(part)}"]`).value.trim()]));
  const problems = ADDRESS_REQUIRED.filter((part) => !address[part]).map((part) => ({ field: name(part), code: 'required' }));
  if (address.phone && !PHONE_PATTERN.test(address.phone)) problems.push({ field: name('phone'), code: 'phone_invalid', message: t('customer.phone_invalid') });
  return { address, problems, empty: ADDRESS_PARTS.every((part) => !address[part]) };
}

/** A tag as a chip, with its colour as a stripe (the text stays dark for contrast). */
export function tagChip(tag) {
  const style = COLOR.test(tag.color || '') ? { boxShadow: `inset 4px 0 0 ${tag.color}` } : null;
  return h('span', { class: 'chip customer-tag', dataset: { tag: tag.name }, style }, tag.name);
}

/** The phone as a tel: link (one tap calls on a phone), or null without a phone. */
export function callLink(phone, { label = null, small = true } = {}) {
  if (!phone) return null;
  const digits = phone.replace(/[^\d+]/g, '');
  return h(
    'a',
    { href: `tel:${digits}`, class: `button button-quiet${small ? ' button-small' : ''} call-link`, 'aria-label': t('customer.call', { name: label || phone, phone }) },
    icon('phone', { size: 18 }),
    phone,
  );
}

/**
 * A customer_duplicate error in the user's language: the server names the existing customer's
 * code when the user may see it (CU-2026-000012), and only that it exists otherwise.
 */
export function duplicateError(error) {
  if (error.code !== 'customer_duplicate') return error;
  const code = /CU-\d{4}-\d+/.exec(error.message || '')?.[0];
  if (!code) return { ...error, message: t('customer.dup_error_hidden') };
  return { ...error, message: t(error.field === 'name' ? 'customer.dup_error_name' : 'customer.dup_error_phone', { code }) };
}

/** "¥50,000.00" or "不限" for a credit limit; "现结" or "30 天" for terms. */
export function creditText(limit) {
  return limit === null || limit === undefined ? t('customer.credit_unlimited') : money(limit);
}

export function termsText(days) {
  return days ? t('customer.terms_n', { days }) : t('customer.terms_cod');
}
