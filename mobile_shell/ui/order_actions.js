/**
 * The next steps of a sales order, as the server lists them (`availableActions`, from the order's
 * status flow and the user's scopes; the app does not mirror those rules): submit, approve
 * or reject (with a note) for reviewers, cancel (a reason is required, and confirmed), reserve
 * again when goods were missing, sign back, and links to edit, ship (the shipping screen),
 * record a payment, start a return and print. Each step is one mutation; its typed error is shown as a toast.
 */

import { SALES_ORDER_APPROVE, SALES_ORDER_CANCEL, SALES_ORDER_REJECT, SALES_ORDER_RETRY_RESERVATION, SALES_ORDER_SIGN_BACK, SALES_ORDER_SUBMIT } from '../api/sales.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { h } from './element.js';
import { busy } from './form.js';
import { REVISABLE, may } from './order_status.js';
import { errorText } from './states.js';
import { toast } from './toast.js';

// Each step: its mutation, the field its payload comes back under, and the toast once done.
export const STEPS = {
  submit: { mutation: SALES_ORDER_SUBMIT, field: 'salesOrderSubmit', done: 'order.submitted' },
  approve: { mutation: SALES_ORDER_APPROVE, field: 'salesOrderApprove', done: 'order.approved' },
  reject: { mutation: SALES_ORDER_REJECT, field: 'salesOrderReject', done: 'order.rejected' },
  cancel: { mutation: SALES_ORDER_CANCEL, field: 'salesOrderCancel', done: 'order.cancelled' },
  retry: { mutation: SALES_ORDER_RETRY_RESERVATION, field: 'salesOrderRetryReservation', done: 'order.retried' },
  signBack: { mutation: SALES_ORDER_SIGN_BACK, field: 'salesOrderSignBack', done: 'order.signed_back' },
};

/**
 * A dialog asking for a note: resolves to the text (maybe "") or null when cancelled. With
 * `required`, an empty note is refused in the dialog itself.
 */
export function noteDialog({ title, message = '', label, confirmLabel, required = false, danger = false }) {
  return new Promise((resolve) => {
    const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 6)}`;
    const area = h('textarea', { id: `note-${stamp}`, name: 'note', rows: 3, maxlength: 200, required, 'aria-describedby': `note-error-${stamp}` });
    const error = h('p', { class: 'field-error', id: `note-error-${stamp}`, hidden: true });
    const confirm = h('button', { class: danger ? 'button button-danger' : 'button', value: 'ok', type: 'submit' }, confirmLabel);
    const form = h(
      'form',
      { method: 'dialog', novalidate: true },
      h('h2', { id: `note-title-${stamp}` }, title),
      message && h('p', {}, message),
      h('div', { class: 'field' }, h('label', { for: area.id }, label), area, error),
      h('div', { class: 'dialog-actions' }, h('button', { class: 'button button-quiet', value: 'cancel', type: 'submit' }, t('action.cancel')), confirm),
    );
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': `note-title-${stamp}` }, form);
    form.addEventListener('submit', (event) => {
      if (event.submitter !== confirm || !required || area.value.trim()) return;
      event.preventDefault(); // a required note is missing: the dialog stays open
      error.textContent = t('order.note_required');
      error.hidden = false;
      area.setAttribute('aria-invalid', 'true');
      area.focus();
    });
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok' ? area.value.trim() : null);
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** Runs one step on an order; true when it went through. */
export async function runStep(step, order, values = {}) {
  try {
    const data = await gql(step.mutation, { id: order.id, ...values });
    const result = data[step.field];
    if (result.errors.length) {
      toast(errorText(result.errors[0]), { kind: 'error' });
      return false;
    }
    toast(t(step.done, { number: order.number }), { kind: 'success' });
    return true;
  } catch (error) {
    toast(errorText(error), { kind: 'error' });
    return false;
  }
}

/** What asks the user first, per step: a note, a reason, or nothing. */
async function ask(name, order) {
  const named = { number: order.number };
  if (name === 'approve') {
    const note = await noteDialog({ title: t('order.approve_title', named), message: order.creditHold ? t('order.credit_hold_hint') : '', label: t('order.note_optional'), confirmLabel: t('order.approve') });
    return note === null ? null : { note };
  }
  if (name === 'reject') {
    const note = await noteDialog({ title: t('order.reject_title', named), message: t('order.reject_body'), label: t('order.reject_reason'), confirmLabel: t('order.reject'), required: true, danger: true });
    return note === null ? null : { note };
  }
  if (name === 'cancel') {
    const reason = await noteDialog({ title: t('order.cancel_title', named), message: t('order.cancel_body'), label: t('order.cancel_reason'), confirmLabel: t('order.cancel'), required: true, danger: true });
    return reason === null ? null : { reason };
  }
  if (name === 'signBack') {
    const note = await noteDialog({ title: t('order.sign_back_title', named), label: t('order.note_optional'), confirmLabel: t('order.sign_back') });
    return note === null ? null : { note };
  }
  return {};
}

function stepButton(name, order, reload, { label, quiet = false, danger = false }) {
  const button = h('button', { type: 'button', class: `button${quiet ? ' button-quiet' : ''}${danger ? ' button-danger-quiet' : ''}`, dataset: { step: name } }, label);
  button.addEventListener('click', async () => {
    const values = await ask(name, order);
    if (values === null) return;
    const ok = await busy(button, () => runStep(STEPS[name], order, values));
    if (ok) reload();
  });
  return button;
}

/** The buttons and links for this order and this user, most likely next step first. */
export function orderActions(order, reload) {
  const offered = new Set(order.availableActions || []);
  const actions = [];
  if (offered.has('submit')) actions.push(stepButton('submit', order, reload, { label: t('order.submit') }));
  if (offered.has('approve') && !(order.creditHold && !may.override())) {
    // Over the credit limit only someone who may override approves (the service checks it too).
    actions.push(stepButton('approve', order, reload, { label: t('order.approve') }));
  }
  if (offered.has('reject')) actions.push(stepButton('reject', order, reload, { label: t('order.reject'), quiet: true }));
  if (offered.has('retry_reservation')) actions.push(stepButton('retry', order, reload, { label: t('order.retry'), quiet: true }));
  if (offered.has('ship')) {
    actions.push(h('a', { href: appUrl(`/shipping/orders/${encodeURIComponent(order.id)}`), class: 'button', dataset: { action: 'ship' } }, t('order.ship')));
  }
  if (offered.has('sign_back')) actions.push(stepButton('signBack', order, reload, { label: t('order.sign_back') }));
  if (offered.has('edit')) {
    const label = REVISABLE.includes(order.status) ? t('order.revise') : t('order.edit');
    actions.push(h('a', { href: appUrl(`/orders/${order.id}/edit`), class: 'button button-quiet' }, label));
  }
  // What is left to pay or to return is the order's data, not its flow: checked here as before.
  if (offered.has('record_receipt') && order.balanceDue !== null && Number(order.balanceDue) > 0) {
    const query = new URLSearchParams({ customerId: order.customer.id, orderId: order.id });
    actions.push(h('a', { href: appUrl(`/receipts/new?${query}`), class: 'button button-quiet', dataset: { action: 'receipt' } }, t('order.record_payment')));
  }
  if (offered.has('request_return') && order.lines.some((line) => Number(line.shippedQuantity) > Number(line.returnedQuantity))) {
    actions.push(h('a', { href: appUrl(`/returns/new?orderId=${encodeURIComponent(order.id)}`), class: 'button button-quiet', dataset: { action: 'return' } }, t('order.return')));
  }
  actions.push(h('a', { href: `/sales/orders/${encodeURIComponent(order.id)}/print/`, class: 'button button-quiet', target: '_blank', rel: 'noopener' }, t('order.print')));
  if (offered.has('cancel')) actions.push(stepButton('cancel', order, reload, { label: t('order.cancel'), danger: true }));
  return actions;
}
