/**
 * A customer's communication log (沟通记录) as a timeline, newest first, and "记一笔": a call,
 * visit, message or other note with the next follow-up date. Each entry form has its own
 * idempotency key, so a double tap or a resend on a bad connection logs the entry once.
 */

import { COMMUNICATION_LOG_ADD, CUSTOMER_COMMUNICATIONS } from '../api/customers.js';
import { gql } from '../core/graphql.js';
import { session } from '../core/session.js';
import { formatDate, formatDateTime, formatNumber, t } from '../i18n/i18n.js';
import { textArea } from './customer_fields.js';
import { fill, h } from './element.js';
import { busy, clearErrors, field, formError, showErrors } from './form.js';
import { pagedList } from './paged_list.js';
import { newKey } from './quantity.js';
import { emptyView } from './states.js';
import { toast } from './toast.js';

const PAGE = 20;
const KINDS = ['call', 'visit', 'message', 'other'];

/** Today in the workspace's time zone as YYYY-MM-DD (the earliest follow-up date). */
function today() {
  const options = { year: 'numeric', month: '2-digit', day: '2-digit' };
  let format;
  try {
    format = new Intl.DateTimeFormat('en-CA', { ...options, timeZone: session().tenant?.timeZone });
  } catch {
    format = new Intl.DateTimeFormat('en-CA', options); // an unknown zone: the device's day
  }
  const parts = format.formatToParts(new Date());
  const get = (type) => parts.find((part) => part.type === type).value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

function entryForm({ customerId, onDone }) {
  const key = newKey('communication');
  const submit = h('button', { type: 'submit', class: 'button button-small' }, t('customer.log_save'));
  const cancel = h('button', { type: 'button', class: 'button button-quiet button-small', onclick: () => onDone(false) }, t('action.cancel'));
  const kinds = h(
    'fieldset',
    { class: 'field choice-group', dataset: { field: 'kind' } },
    h('legend', {}, t('customer.log_kind')),
    h('div', { class: 'roles' }, KINDS.map((kind) => h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'kind', value: kind, checked: kind === 'call' }), t(`customer.log_kind.${kind}`)))),
    h('p', { class: 'field-error', hidden: true }),
  );
  const form = h(
    'form',
    { class: 'supplier-item-form customer-log-form', novalidate: true, 'aria-label': t('customer.log_add') },
    formError(),
    kinds,
    textArea({ name: 'content', label: t('customer.log_content'), maxlength: 2000 }),
    field({ name: 'nextFollowUp', label: t('customer.log_follow_up'), type: 'date', min: today(), hint: t('customer.log_follow_up_hint') }),
    h('div', { class: 'form-actions' }, cancel, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const input = {
      customerId,
      kind: form.querySelector('[name="kind"]:checked')?.value || 'other',
      content: form.elements.content.value.trim(),
      nextFollowUp: form.elements.nextFollowUp.value || null,
      idempotencyKey: key,
    };
    if (!input.content) return showErrors(form, [{ field: 'content', code: 'required' }]);
    return busy(submit, async () => {
      try {
        const { communicationLogAdd: result } = await gql(COMMUNICATION_LOG_ADD, { input });
        if (result.errors.length) return showErrors(form, result.errors);
        toast(t('customer.log_added'), { kind: 'success' });
        return onDone(true);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });
  return form;
}

function entryRow(entry) {
  return h(
    'li',
    { class: 'customer-log-entry', dataset: { kind: entry.kind } },
    h(
      'p',
      { class: 'small' },
      h('span', { class: 'chip' }, t(`customer.log_kind.${entry.kind}`)),
      ' ',
      h('time', { datetime: entry.happenedAt }, formatDateTime(entry.happenedAt)),
      h('span', { class: 'muted' }, ` · ${entry.actor.name}`),
    ),
    h('p', { class: 'customer-log-content' }, entry.content),
    entry.nextFollowUp && h('p', { class: 'small muted customer-log-follow-up' }, t('customer.log_next', { date: formatDate(entry.nextFollowUp) })),
  );
}

/** The log card's content for one customer: the form behind "记一笔", then the timeline. */
export function customerLog({ customerId }) {
  const formSlot = h('div', {});
  const add = h('button', { type: 'button', class: 'button button-small', 'aria-expanded': 'false' }, t('customer.log_add'));

  function closeForm() {
    fill(formSlot);
    add.hidden = false;
    add.setAttribute('aria-expanded', 'false');
  }

  add.addEventListener('click', () => {
    fill(formSlot, entryForm({ customerId, onDone: (saved) => (closeForm(), saved ? load() : add.focus()) }));
    add.hidden = true;
    add.setAttribute('aria-expanded', 'true');
    formSlot.querySelector('textarea').focus();
  });

  const list = pagedList({
    host: { 'aria-live': 'polite' },
    pageSize: PAGE,
    skeleton: 2,
    fetch: async (paging) => (await gql(CUSTOMER_COMMUNICATIONS, { customerId, ...paging })).customerCommunications,
    row: entryRow,
    label: () => t('customer.log'),
    listClass: 'plain-list history customer-log',
    moreLabel: (shown) => t('customer.log_more', { count: formatNumber(shown.total - shown.items.length) }),
    empty: () => emptyView({ iconName: 'clock', title: t('customer.log_empty'), hint: t('customer.log_empty_hint') }),
  });
  const load = () => list.load();

  load();
  return h('div', { class: 'customer-log-host' }, h('div', { class: 'form-actions' }, add), formSlot, list.element);
}
