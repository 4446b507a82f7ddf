/**
 * One receipt or refund: customer, amount, method, day, reference, who recorded it, and the
 * orders it was allocated to. finance.manage allocates what is left of a payment (its
 * prepayment) to the customer's orders that owe money, and voids a receipt entered by mistake
 * (after a confirmation: its allocations leave the orders again).
 */

import { RECEIPT, RECEIPT_ALLOCATE, RECEIPT_VOID } from '../api/finance.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatDateTime, t } from '../i18n/i18n.js';
import { allocationEditor, owing, soldOrders } from '../ui/allocations.js';
import { confirmDialog } from '../ui/confirm.js';
import { fill, h } from '../ui/element.js';
import { cents, mayRecord } from '../ui/finance_fields.js';
import { receiptAmount } from '../ui/finance_links.js';
import { busy, clearErrors, formError, showErrors } from '../ui/form.js';
import { aside, card, detailColumns, facts, screenHeader } from '../ui/layout.js';
import { money, newKey } from '../ui/quantity.js';
import { emptyView, errorText, errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

/** The prepayment of a payment, shared out over the customer's orders that still owe. */
function allocateForm(receipt, reload) {
  const slot = h('div', {}, loadingView(2));
  let key = newKey('allocation');
  soldOrders(receipt.customer.id)
    .then((orders) => {
      const editor = allocationEditor({ orders: owing(orders), available: () => cents(receipt.unallocatedAmount), currency: orders[0]?.currency });
      const submit = h('button', { type: 'submit', class: 'button' }, t('allocation.submit'));
      const form = h('form', { class: 'allocate-form', novalidate: true, 'aria-label': t('allocation.form') }, formError(), editor.element, owing(orders).length > 0 && h('div', { class: 'form-actions' }, submit));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        clearErrors(form);
        const { allocations, problems } = editor.read();
        if (!allocations.length && !problems.length) problems.push({ code: 'orders_required', message: t('allocation.nothing') });
        if (problems.length) return showErrors(form, problems);
        return busy(submit, async () => {
          try {
            const { receiptAllocate: result } = await gql(RECEIPT_ALLOCATE, { id: receipt.id, allocations, key });
            if (result.errors.length) {
              key = newKey('allocation');
              return showErrors(form, result.errors.map(editor.place));
            }
            toast(t('allocation.done', { number: receipt.number }), { kind: 'success' });
            return reload();
          } catch (error) {
            return showErrors(form, [error]);
          }
        });
      });
      fill(slot, form);
      editor.auto(); // the prepayment proposed oldest first; the user may change the split
    })
    .catch((error) => fill(slot, h('p', { class: 'field-error' }, errorText(error))));
  return slot;
}

export function mount(root, { params }) {
  const body = h('div', {});
  const back = () => h('a', { href: appUrl('/receipts'), class: 'button button-quiet' }, t('receipt.list_title'));

  async function voidReceipt(button, receipt) {
    const sure = await confirmDialog({ title: t('receipt.void_title', { number: receipt.number }), message: t('receipt.void_body'), confirmLabel: t('receipt.void_action'), danger: true });
    if (!sure) return;
    await busy(button, async () => {
      try {
        const { receiptVoid: result } = await gql(RECEIPT_VOID, { id: receipt.id });
        if (result.errors.length) return toast(errorText(result.errors[0]), { kind: 'error' });
        toast(t('receipt.voided', { number: receipt.number }), { kind: 'success' });
        return load();
      } catch (error) {
        return toast(errorText(error), { kind: 'error' });
      }
    });
  }

  function draw(receipt) {
    const refund = receipt.kind === 'refund';
    const manage = mayRecord() && !receipt.isVoid;
    const voidButton = manage && h('button', { type: 'button', class: 'button button-danger-quiet button-small' }, t('receipt.void_action'));
    if (voidButton) voidButton.addEventListener('click', () => voidReceipt(voidButton, receipt));
    const allocation = (one) =>
      h(
        'li',
        { class: 'item-row', dataset: { number: one.order.number } },
        h('div', { class: 'item-main' }, h('a', { href: appUrl(`/orders/${one.order.id}`) }, h('strong', {}, one.order.number)), h('span', { class: 'muted small' }, formatDate(one.order.orderDate))),
        h('div', { class: 'item-meta' }, h('strong', {}, money(one.amount))),
      );
    fill(
      root,
      screenHeader(receipt.number, back(), voidButton),
      h('p', { class: 'muted subtitle' }, t(refund ? 'receipt.kind.refund' : 'receipt.kind.payment'), receipt.isVoid && [' ', h('span', { class: 'chip chip-bad', dataset: { status: 'void' } }, t('receipt.void'))]),
      detailColumns(
        aside(card(
          t('receipt.facts'),
          facts([
            [t('fin.customer'), h('a', { href: appUrl(`/customers/${receipt.customer.id}`) }, receipt.customer.name)],
            [t('fin.amount'), receiptAmount(receipt)],
            !refund && [t('receipt.unallocated'), money(receipt.unallocatedAmount)],
            [t('fin.method'), t(`fin.method.${receipt.method}`)],
            [t(refund ? 'refund.refunded_on' : 'receipt.received_on'), formatDate(receipt.receivedOn)],
            receipt.reference && [t('fin.reference'), receipt.reference],
            receipt.note && [t('fin.note'), receipt.note],
            [t('fin.recorded_by'), `${receipt.createdByName} · ${formatDateTime(receipt.createdAt)}`],
          ]),
        )),
        card(
          t(refund ? 'receipt.refunded_orders' : 'receipt.allocations'),
          receipt.allocations.length ? h('ul', { class: 'item-list', 'aria-label': t('receipt.allocations') }, receipt.allocations.map(allocation)) : h('p', { class: 'muted' }, t(refund ? 'receipt.from_prepayment' : 'receipt.no_allocations')),
        ),
        manage && !refund && cents(receipt.unallocatedAmount) > 0 && aside(card(t('allocation.form'), allocateForm(receipt, load))),
      ),
    );
  }

  async function load() {
    if (!root.querySelector('.card')) {
      fill(root, screenHeader(t('receipt.title'), back()), body);
      fill(body, loadingView(4));
    }
    try {
      const { receipt } = await gql(RECEIPT, { id: params.id });
      draw(receipt);
    } catch (error) {
      fill(root, screenHeader(t('receipt.title'), back()), body);
      fill(body, error.code === 'not_found' ? emptyView({ iconName: 'wallet', title: t('receipt.not_found') }) : errorView(error, { retry: load }));
    }
  }
  load();
  return { refresh: load };
}
