/**
 * 退款 (finance.manage): money paid back to a customer, out of their prepayment (预收款) or
 * against one order that received more than its goods are worth after a return. Each source
 * shows what may be refunded from it and fills the amount. ?customerId= and &orderId= preselect.
 * One idempotency key per visit, as for receipts.
 */

import { REFUND_PREPAID, REFUND_RECORD } from '../api/finance.js';
import { gql } from '../core/graphql.js';
import { appUrl, navigate } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { soldOrders } from '../ui/allocations.js';
import { textArea } from '../ui/customer_fields.js';
import { customerById, customerPicker } from '../ui/customer_picker.js';
import { fill, h } from '../ui/element.js';
import { cents, centsMoney, currency, fromCents, methodField, today } from '../ui/finance_fields.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { newKey } from '../ui/quantity.js';
import { errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

export function mount(root, { query }) {
  let key = newKey('refund');
  const state = { customer: null, token: 0 };
  const sourceSlot = h('div', {}, h('p', { class: 'muted' }, t('allocation.pick_customer')));
  const amount = field({ name: 'amount', label: t('refund.amount'), inputmode: 'decimal', autocomplete: 'off', required: true });
  const amountInput = amount.querySelector('input');
  const submit = h('button', { type: 'submit', class: 'button' }, t('refund.submit'));

  /** The prepayment and each overpaid order, as the choices of where the money comes from. */
  async function chooseCustomer(customer, orderId = null) {
    const token = ++state.token;
    state.customer = customer;
    if (!customer) return fill(sourceSlot, h('p', { class: 'muted' }, t('allocation.pick_customer')));
    fill(sourceSlot, loadingView(1));
    try {
      const [prepaid, orders] = await Promise.all([gql(REFUND_PREPAID, { id: customer.id }), soldOrders(customer.id)]);
      if (token !== state.token) return sourceSlot;
      const money = orders[0]?.currency || currency();
      const choices = [
        { value: '', label: t('refund.from_prepayment', { amount: centsMoney(cents(prepaid.receivables.total.prepayment), money) }), left: cents(prepaid.receivables.total.prepayment) },
        ...orders.filter((order) => cents(order.balanceDue) < 0).map((order) => ({ value: order.id, label: t('refund.from_order', { number: order.number, amount: centsMoney(-cents(order.balanceDue), money) }), left: -cents(order.balanceDue) })),
      ];
      const wanted = choices.some((one) => one.value === orderId) ? orderId : '';
      const source = field({ name: 'orderId', label: t('refund.source'), value: wanted, options: choices });
      const select = source.querySelector('select');
      const suggest = () => {
        const left = choices.find((one) => one.value === select.value).left;
        amountInput.value = left > 0 ? fromCents(left) : '';
      };
      select.addEventListener('change', suggest);
      suggest();
      return fill(sourceSlot, source);
    } catch (error) {
      return fill(sourceSlot, errorView(error, { retry: () => chooseCustomer(customer, orderId) }));
    }
  }

  const picker = customerPicker({ onPick: (customer) => chooseCustomer(customer) });
  const form = h(
    'form',
    { class: 'refund-form', novalidate: true, 'aria-label': t('refund.create_title') },
    formError(),
    card(
      null,
      picker.element,
      sourceSlot,
      h(
        'div',
        { class: 'form-grid' },
        amount,
        methodField(),
        field({ name: 'refundedOn', label: t('refund.refunded_on'), type: 'date', value: today(), max: today() }),
        field({ name: 'reference', label: t('fin.reference'), maxlength: 60, autocomplete: 'off' }),
      ),
      textArea({ name: 'note', label: t('fin.note'), maxlength: 200, rows: 2 }),
    ),
    h('div', { class: 'form-actions sticky-actions' }, submit),
  );

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const total = cents(amountInput.value);
    const problems = [];
    if (!state.customer) problems.push({ field: 'customerId', code: 'required' });
    if (total === null || total <= 0) problems.push({ field: 'amount', code: 'amount_invalid', message: t('fin.amount_invalid') });
    if (problems.length) return showErrors(form, problems);
    const value = (name) => form.elements[name]?.value.trim() || '';
    const input = {
      customerId: state.customer.id,
      orderId: value('orderId') || null,
      amount: fromCents(total),
      method: value('method'),
      refundedOn: value('refundedOn') || null,
      reference: value('reference'),
      note: value('note'),
      idempotencyKey: key,
    };
    return busy(submit, async () => {
      try {
        const { refundRecord: result } = await gql(REFUND_RECORD, { input });
        if (result.errors.length) {
          key = newKey('refund');
          return showErrors(form, result.errors);
        }
        toast(t('refund.recorded', { number: result.receipt.number }), { kind: 'success' });
        return navigate(`/receipts/${result.receipt.id}`);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });

  const back = h('a', { href: appUrl('/receipts'), class: 'button button-quiet' }, t('receipt.list_title'));
  fill(root, screenHeader(t('refund.create_title'), back), form);
  customerById(query.get('customerId')).then((customer) => {
    if (!customer || state.customer) return;
    picker.set(customer);
    chooseCustomer(customer, query.get('orderId'));
  });
  return {};
}
