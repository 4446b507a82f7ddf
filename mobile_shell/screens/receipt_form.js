/**
 * 登记收款 (finance.manage): money received from a customer — amount, method, the day it came,
 * the bank serial and a note — allocated to the customer's orders that owe money, oldest first
 * by default as the amount is typed (the user may change the split; "按顺序分配" restores it);
 * what is not allocated stays as the customer's prepayment (预收款).
 * ?customerId= picks the customer, &orderId= also allocates to that order. One idempotency key
 * per visit: a double tap or a retry after a lost answer records the money once. The same
 * reference, customer and amount as a live payment is refused (receipt_duplicate) until the user
 * confirms it is a second payment ("仍然登记"); a reference already on other receipts records the
 * money and says so.
 */

import { RECEIPT_RECORD } from '../api/finance.js';
import { gql } from '../core/graphql.js';
import { appUrl, navigate } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { allocationEditor, owing, soldOrders } from '../ui/allocations.js';
import { textArea } from '../ui/customer_fields.js';
import { customerById, customerPicker } from '../ui/customer_picker.js';
import { fill, h } from '../ui/element.js';
import { cents, currency, fromCents, methodField, today } from '../ui/finance_fields.js';
import { confirmDialog } from '../ui/confirm.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { newKey } from '../ui/quantity.js';
import { errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

export function mount(root, { query }) {
  let key = newKey('receipt');
  const state = { customer: null, editor: null, token: 0 };
  const pickFirst = () => h('p', { class: 'muted' }, t('allocation.pick_customer'));
  const ordersSlot = h('div', { class: 'allocation-slot' }, pickFirst());
  const amount = field({ name: 'amount', label: t('fin.amount'), inputmode: 'decimal', autocomplete: 'off', required: true });
  const amountInput = amount.querySelector('input');
  const available = () => cents(amountInput.value);
  const submit = h('button', { type: 'submit', class: 'button' }, t('receipt.submit'));

  async function chooseCustomer(customer, orderId = null) {
    const token = ++state.token;
    state.customer = customer;
    state.editor = null;
    if (!customer) return fill(ordersSlot, pickFirst());
    fill(ordersSlot, loadingView(2));
    try {
      const orders = owing(await soldOrders(customer.id));
      if (token !== state.token) return ordersSlot;
      state.editor = allocationEditor({ orders, available, currency: orders[0]?.currency || currency() });
      fill(ordersSlot, state.editor.element);
      state.editor.auto(); // oldest first by default; the user may change the split
      const order = orderId && orders.find((one) => one.id === orderId);
      if (order) {
        if (!amountInput.value) amountInput.value = fromCents(cents(order.balanceDue));
        state.editor.set(order.id, Math.min(available() || 0, cents(order.balanceDue)));
      }
      return ordersSlot;
    } catch (error) {
      return fill(ordersSlot, errorView(error, { retry: () => chooseCustomer(customer, orderId) }));
    }
  }

  const picker = customerPicker({ onPick: (customer) => chooseCustomer(customer) });
  amountInput.addEventListener('input', () => state.editor?.auto());
  const form = h(
    'form',
    { class: 'receipt-form', novalidate: true, 'aria-label': t('receipt.create_title') },
    formError(),
    card(
      null,
      picker.element,
      h(
        'div',
        { class: 'form-grid' },
        amount,
        methodField(),
        field({ name: 'receivedOn', label: t('receipt.received_on'), type: 'date', value: today(), max: today() }),
        field({ name: 'reference', label: t('fin.reference'), maxlength: 60, autocomplete: 'off', hint: t('fin.reference_hint') }),
      ),
      textArea({ name: 'note', label: t('fin.note'), maxlength: 200, rows: 2 }),
    ),
    card(t('allocation.title'), ordersSlot),
    h('div', { class: 'form-actions sticky-actions' }, submit),
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const problems = [];
    if (!state.customer) problems.push({ field: 'customerId', code: 'required' });
    const total = available();
    if (total === null || total <= 0) problems.push({ field: 'amount', code: 'amount_invalid', message: t('fin.amount_invalid') });
    const allocation = state.editor ? state.editor.read() : { allocations: [], problems: [] };
    problems.push(...allocation.problems);
    if (problems.length) return showErrors(form, problems);
    const value = (name) => form.elements[name].value.trim();
    const input = {
      customerId: state.customer.id,
      amount: fromCents(total),
      method: value('method'),
      receivedOn: value('receivedOn') || null,
      reference: value('reference'),
      note: value('note'),
      allocations: allocation.allocations,
      idempotencyKey: key,
    };
    return record(input);
  });

  function record(input) {
    return busy(submit, async () => {
      try {
        const { receiptRecord: result } = await gql(RECEIPT_RECORD, { input });
        if (result.errors.length) {
          key = newKey('receipt'); // nothing was recorded: the corrected receipt is a new request
          showErrors(form, result.errors.map((error) => (state.editor ? state.editor.place(error) : error)));
          const duplicate = result.errors.find((error) => error.code === 'receipt_duplicate');
          if (duplicate) confirmDuplicate(input, duplicate);
          return undefined;
        }
        toast(t('receipt.recorded', { number: result.receipt.number }), { kind: 'success' });
        for (const warning of result.warnings) toast(warning.message, { timeout: 10000 });
        return navigate(`/receipts/${result.receipt.id}`);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  }

  /** The same money typed in twice, or a second payment with the same serial: the user decides. */
  async function confirmDuplicate(input, duplicate) {
    const again = await confirmDialog({ title: t('receipt.duplicate_title'), message: duplicate.message, confirmLabel: t('receipt.duplicate_confirm') });
    if (again) record({ ...input, confirmDuplicate: true, idempotencyKey: key });
  }

  const back = h('a', { href: appUrl('/receipts'), class: 'button button-quiet' }, t('receipt.list_title'));
  fill(root, screenHeader(t('receipt.create_title'), back), form);
  customerById(query.get('customerId')).then((customer) => {
    if (!customer || state.customer) return;
    picker.set(customer);
    chooseCustomer(customer, query.get('orderId'));
  });
  return {};
}
