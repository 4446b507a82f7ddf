/**
 * A new invoice (开票, finance.manage): one customer, the amount to invoice on each of its sold
 * orders (at most what is not yet invoiced or returned; "全部开票" fills each in full), normal or
 * special VAT invoice, the title and taxpayer id (the customer's by default), the tax (empty:
 * the VAT inside the order lines) and a note. Saved as a draft, issued on its own screen.
 */

import { INVOICE_CREATE } from '../api/finance.js';
import { gql } from '../core/graphql.js';
import { appUrl, navigate } from '../core/urls.js';
import { formatDate, t } from '../i18n/i18n.js';
import { soldOrders } from '../ui/allocations.js';
import { customerById, customerPicker } from '../ui/customer_picker.js';
import { fill, h } from '../ui/element.js';
import { cents, centsMoney, fromCents } from '../ui/finance_fields.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { newKey } from '../ui/quantity.js';
import { errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

const invoiceable = (order) => cents(order.totalAmount) - cents(order.invoicedAmount) - cents(order.returnedAmount);

export function mount(root, { query }) {
  let key = newKey('invoice');
  const state = { customer: null, orders: [], sentFrom: [], token: 0 };
  const ordersSlot = h('div', {}, h('p', { class: 'muted' }, t('allocation.pick_customer')));
  const totalSlot = h('p', { class: 'po-form-total', role: 'status' });
  const title = field({ name: 'title', label: t('invoice.title_field'), maxlength: 120, autocomplete: 'off' });
  const taxpayer = field({ name: 'taxpayerId', label: t('invoice.taxpayer_id'), maxlength: 30, autocomplete: 'off' });
  const submit = h('button', { type: 'submit', class: 'button' }, t('invoice.submit'));
  const box = (index) => ordersSlot.querySelector(`[name="inv.${index}"]`);

  function drawTotal() {
    const sum = state.orders.reduce((all, _order, index) => all + Math.max(cents(box(index)?.value) || 0, 0), 0);
    totalSlot.textContent = state.orders.length ? t('invoice.total', { amount: centsMoney(sum) }) : '';
  }

  function orderRow(order, index) {
    const amount = field({ name: `inv.${index}`, label: t('invoice.amount_label'), inputmode: 'decimal', autocomplete: 'off', class: 'qty-input', 'aria-label': t('invoice.amount_for', { number: order.number }) });
    amount.querySelector('input').addEventListener('input', drawTotal);
    return h(
      'li',
      { class: 'item-row', dataset: { number: order.number } },
      h('div', { class: 'item-main' }, h('strong', {}, order.number), h('span', { class: 'muted small' }, `${formatDate(order.orderDate)} · ${t('invoice.invoiceable', { amount: centsMoney(invoiceable(order)) })}`)),
      h('div', { class: 'item-meta' }, amount),
    );
  }

  async function chooseCustomer(customer) {
    const token = ++state.token;
    state.customer = customer;
    state.orders = [];
    title.querySelector('input').value = customer ? customer.invoiceTitle || customer.name : '';
    taxpayer.querySelector('input').value = customer?.taxpayerId || '';
    if (!customer) return fill(ordersSlot, h('p', { class: 'muted' }, t('allocation.pick_customer')));
    fill(ordersSlot, loadingView(2));
    try {
      const orders = (await soldOrders(customer.id)).filter((order) => invoiceable(order) > 0);
      if (token !== state.token) return ordersSlot;
      state.orders = orders;
      if (!orders.length) return fill(ordersSlot, h('p', { class: 'muted' }, t('invoice.no_orders')));
      const all = h('button', { type: 'button', class: 'button button-quiet button-small' }, t('invoice.fill_all'));
      all.addEventListener('click', () => {
        orders.forEach((order, index) => {
          box(index).value = fromCents(invoiceable(order));
        });
        drawTotal();
      });
      fill(ordersSlot, h('ul', { class: 'item-list', 'aria-label': t('invoice.orders') }, orders.map(orderRow)), h('div', { class: 'form-actions' }, all));
      return drawTotal();
    } catch (error) {
      return fill(ordersSlot, errorView(error, { retry: () => chooseCustomer(customer) }));
    }
  }

  const picker = customerPicker({ onPick: chooseCustomer });
  const form = h(
    'form',
    { class: 'invoice-form', novalidate: true, 'aria-label': t('invoice.create_title') },
    formError(),
    card(null, picker.element),
    card(t('invoice.orders'), ordersSlot, totalSlot),
    card(
      null,
      h(
        'div',
        { class: 'form-grid' },
        field({ name: 'kind', label: t('invoice.kind_label'), options: ['normal', 'special'].map((value) => ({ value, label: t(`invoice.kind.${value}`) })) }),
        title,
        taxpayer,
        field({ name: 'taxAmount', label: t('invoice.tax_amount'), inputmode: 'decimal', autocomplete: 'off', hint: t('invoice.tax_hint') }),
        field({ name: 'note', label: t('fin.note'), maxlength: 200, autocomplete: 'off' }),
      ),
    ),
    h('div', { class: 'form-actions sticky-actions' }, submit),
  );

  function read() {
    const problems = [];
    const orders = [];
    state.sentFrom = [];
    if (!state.customer) problems.push({ field: 'customerId', code: 'required' });
    state.orders.forEach((order, index) => {
      const amount = cents(box(index).value);
      if (amount === null || amount < 0) problems.push({ field: `inv.${index}`, code: 'amount_invalid', message: t('fin.amount_invalid') });
      else if (amount > invoiceable(order)) problems.push({ field: `inv.${index}`, code: 'exceeds_invoiceable', message: t('invoice.too_much', { amount: centsMoney(invoiceable(order)) }) });
      else if (amount > 0) {
        state.sentFrom.push(index);
        orders.push({ orderId: order.id, amount: fromCents(amount) });
      }
    });
    if (state.customer && !orders.length && !problems.length) problems.push({ code: 'orders_required', message: t('invoice.nothing') });
    const tax = form.elements.taxAmount.value.trim();
    if (tax && cents(tax) === null) problems.push({ field: 'taxAmount', code: 'tax_invalid', message: t('fin.amount_invalid') });
    const value = (name) => form.elements[name].value.trim();
    return { problems, input: { customerId: state.customer?.id, orders, kind: value('kind'), title: value('title') || null, taxpayerId: value('taxpayerId') || null, taxAmount: tax || null, note: value('note'), idempotencyKey: key } };
  }

  /** orders.1.amount (of what was sent) → the box it came from. */
  function place(error) {
    const match = /^orders\.(\d+)\./.exec(error.field || '');
    return match && state.sentFrom[Number(match[1])] !== undefined ? { ...error, field: `inv.${state.sentFrom[Number(match[1])]}` } : error;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const { problems, input } = read();
    if (problems.length) return showErrors(form, problems);
    return busy(submit, async () => {
      try {
        const { invoiceCreate: result } = await gql(INVOICE_CREATE, { input });
        if (result.errors.length) {
          key = newKey('invoice');
          return showErrors(form, result.errors.map(place));
        }
        toast(t('invoice.created', { number: result.invoice.number }), { kind: 'success' });
        return navigate(`/invoices/${result.invoice.id}`);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });

  const back = h('a', { href: appUrl('/invoices'), class: 'button button-quiet' }, t('invoice.list_title'));
  fill(root, screenHeader(t('invoice.create_title'), back), form);
  customerById(query.get('customerId')).then((customer) => {
    if (!customer || state.customer) return;
    picker.set(customer);
    chooseCustomer(customer);
  });
  return {};
}
