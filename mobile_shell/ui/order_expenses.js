/**
 * Our own costs of an order (运费, 安装费): they lower its profit, not what the customer owes.
 * On a new order they are optional rows, recorded once the order is saved (each only once, even
 * when the save is retried); on an order's screen they are listed, added and removed there.
 */

import { ORDER_EXPENSE_ADD, ORDER_EXPENSE_REMOVE } from '../api/sales.js';
import { gql } from '../core/graphql.js';
import { formatDateTime, t } from '../i18n/i18n.js';
import { fill, h } from './element.js';
import { busy, clearErrors, field, formError, showErrors } from './form.js';
import { confirmDialog } from './confirm.js';
import { decimalInput, money } from './quantity.js';
import { errorText } from './states.js';
import { toast } from './toast.js';

let counter = 0;

function expenseBoxes(prefix) {
  return h(
    'div',
    { class: 'contact-grid' },
    field({ name: `${prefix}name`, label: t('order.expense_name'), maxlength: 60, autocomplete: 'off', placeholder: t('order.expense_name_hint') }),
    field({ name: `${prefix}amount`, label: t('order.expense_amount'), inputmode: 'decimal', autocomplete: 'off' }),
  );
}

/**
 * Expense rows on the entry form, folded away until wanted: { element, save(orderId) }. save()
 * records the rows not yet recorded and reports problems as a toast (the order itself is saved).
 */
export function expenseDrafts() {
  const rows = []; // { id, element, saved }
  const list = h('div', {});
  const add = h('button', { type: 'button', class: 'button button-quiet button-small' }, t('order.expense_add'));
  add.addEventListener('click', () => {
    counter += 1;
    const id = `expense${counter}`;
    const row = { id, saved: false };
    row.element = h(
      'div',
      { class: 'contact-row order-expense-draft' },
      expenseBoxes(`${id}.`),
      h(
        'button',
        {
          type: 'button',
          class: 'button button-quiet button-small contact-remove',
          onclick: () => {
            rows.splice(rows.indexOf(row), 1);
            row.element.remove();
          },
        },
        t('order.expense_remove'),
      ),
    );
    rows.push(row);
    list.append(row.element);
    row.element.querySelector('input').focus();
  });
  const element = h('details', { class: 'card order-expenses-draft' }, h('summary', {}, t('order.expenses_optional')), h('p', { class: 'hint' }, t('order.expenses_hint')), list, add);

  async function save(orderId) {
    for (const row of rows) {
      if (row.saved) continue;
      const name = row.element.querySelector(`[name="${row.id}.name"]`).value.trim();
      const amount = decimalInput(row.element.querySelector(`[name="${row.id}.amount"]`).value);
      if (!name && !amount) continue;
      try {
        const { orderExpenseAdd: result } = await gql(ORDER_EXPENSE_ADD, { input: { orderId, name, amount: amount || '0' } });
        if (result.errors.length) {
          toast(t('order.expense_failed', { name, reason: errorText(result.errors[0]) }), { kind: 'error' });
          continue;
        }
        row.saved = true;
      } catch (error) {
        toast(t('order.expense_failed', { name, reason: errorText(error) }), { kind: 'error' });
      }
    }
  }

  return { element, save };
}

/** The 费用 list of an order with add and remove (for orders.edit or finance.manage). */
export function expensesView({ order, editable, reload }) {
  const items = order.expenses.map((expense) => {
    const remove =
      editable &&
      h(
        'button',
        {
          type: 'button',
          class: 'button button-danger-quiet button-small',
          'aria-label': t('order.expense_remove_named', { name: expense.name }),
          onclick: async (event) => {
            const ok = await confirmDialog({ title: t('order.expense_remove_title', { name: expense.name }), message: money(expense.amount, order.currency), confirmLabel: t('order.expense_remove'), danger: true });
            if (!ok) return;
            await busy(event.target.closest('button'), async () => {
              try {
                const { orderExpenseRemove: result } = await gql(ORDER_EXPENSE_REMOVE, { id: expense.id });
                if (result.errors.length) return toast(errorText(result.errors[0]), { kind: 'error' });
                return reload();
              } catch (error) {
                return toast(errorText(error), { kind: 'error' });
              }
            });
          },
        },
        t('order.expense_remove'),
      );
    return h(
      'li',
      { class: 'item-row', dataset: { expense: expense.name } },
      h('div', { class: 'item-main' }, h('strong', {}, expense.name), h('span', { class: 'muted small' }, [formatDateTime(expense.createdAt), expense.remark].filter(Boolean).join(' · '))),
      h('div', { class: 'item-meta' }, h('span', {}, money(expense.amount, order.currency)), remove),
    );
  });
  const list = items.length ? h('ul', { class: 'item-list', 'aria-label': t('order.expenses') }, items) : h('p', { class: 'muted' }, t('order.expenses_none'));
  if (!editable || order.status === 'cancelled') return list;

  const submit = h('button', { type: 'submit', class: 'button button-quiet button-small' }, t('order.expense_add'));
  const form = h('form', { class: 'order-expense-form', novalidate: true, 'aria-label': t('order.expense_add') }, formError(), expenseBoxes(''), h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const name = form.elements.name.value.trim();
    const amount = decimalInput(form.elements.amount.value);
    const problems = [];
    if (!name) problems.push({ field: 'name', code: 'required' });
    if (!amount) problems.push({ field: 'amount', code: 'amount_invalid', message: t('order.amount_invalid') });
    if (problems.length) return showErrors(form, problems);
    return busy(submit, async () => {
      try {
        const { orderExpenseAdd: result } = await gql(ORDER_EXPENSE_ADD, { input: { orderId: order.id, name, amount } });
        if (result.errors.length) return showErrors(form, result.errors);
        toast(t('order.expense_added', { name }), { kind: 'success' });
        return reload();
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });
  const host = h('div', {});
  fill(host, list, form);
  return host;
}
