/**
 * A new customer return (新建退货, orders.edit) against one shipped order: /returns/new?orderId=
 * (from the order's screen), or find the order here by number or customer. Each shipped line
 * shows what may still come back (shipped − returned − on other open returns); the quantities,
 * the reason (a note is required for 其他), the warehouse the goods come back to and whether the
 * money is refunded or taken off what the customer owes. One idempotency key per visit.
 */

import { WAREHOUSES } from '../api/inventory.js';
import { RETURN_ORDER, RETURN_ORDERS, SALES_RETURN_CREATE } from '../api/sales.js';
import { gql } from '../core/graphql.js';
import { cachedQuery } from '../core/query_cache.js';
import { appUrl, navigate } from '../core/urls.js';
import { formatDate, t } from '../i18n/i18n.js';
import { textArea } from '../ui/customer_fields.js';
import { fill, h } from '../ui/element.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { decimalInput, newKey, qty } from '../ui/quantity.js';
import { emptyView, errorText, errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

export const REASONS = ['quality', 'wrong_item', 'damaged', 'not_needed', 'other'];
const SHIPPED = ['partly_shipped', 'pending_signback', 'completed'];
const OPEN = ['pending_approval', 'approved'];

const thousandths = (value) => Math.round(Number(value) * 1000);

/** Lines with something left to return, and how much (in thousandths of a base unit). */
function returnable(order, returns) {
  const pending = new Map();
  for (const item of returns.filter((one) => OPEN.includes(one.status))) {
    for (const line of item.lines) pending.set(line.orderLineId, (pending.get(line.orderLineId) || 0) + thousandths(line.quantity));
  }
  return order.lines
    .map((line) => ({ line, left: thousandths(line.shippedQuantity) - thousandths(line.returnedQuantity) - (pending.get(line.id) || 0) }))
    .filter(({ left }) => left > 0);
}

/** Finding the order to return goods of, among shipped orders. */
function orderFinder(onPick) {
  const search = field({ name: 'order', label: t('sreturn.find_order'), type: 'search', autocomplete: 'off', placeholder: t('sreturn.find_hint') });
  const results = h('ul', { class: 'sku-results', 'aria-label': t('sreturn.orders_found'), 'aria-live': 'polite' });
  let timer = 0;
  search.querySelector('input').addEventListener('input', (event) => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const term = event.target.value.trim();
      if (!term) return fill(results);
      try {
        const { salesOrders } = await gql(RETURN_ORDERS, { filter: { search: term, statuses: SHIPPED } });
        const item = (order) => h('li', {}, h('button', { type: 'button', class: 'sku-result', dataset: { number: order.number }, onclick: () => onPick(order.id) }, h('strong', {}, order.number), h('span', { class: 'muted small' }, `${order.customer.name} · ${formatDate(order.orderDate)}`)));
        return fill(results, salesOrders.items.length ? salesOrders.items.map(item) : h('li', { class: 'muted small' }, t('skusearch.none', { term })));
      } catch (error) {
        return fill(results, h('li', { class: 'field-error' }, errorText(error)));
      }
    }, 300);
  });
  search.append(results);
  return card(null, search);
}

export function mount(root, { query }) {
  let key = newKey('sales-return');
  const body = h('div', {});
  const back = h('a', { href: appUrl('/returns'), class: 'button button-quiet' }, t('sreturn.list_title'));

  function drawForm(order, rows, warehouses) {
    const submit = h('button', { type: 'submit', class: 'button' }, t('sreturn.submit'));
    const sentFrom = [];
    const lineRow = ({ line, left }, index) =>
      h(
        'li',
        { class: 'item-row return-line', dataset: { skuCode: line.sku.code } },
        h(
          'div',
          { class: 'item-main' },
          h('strong', {}, `${line.sku.name}${line.sku.specLabel ? ` · ${line.sku.specLabel}` : ''}`),
          h('span', { class: 'muted small' }, `${line.sku.code} · ${t('sreturn.line_facts', { shipped: qty(line.shippedQuantity), returned: qty(line.returnedQuantity), left: qty(String(left / 1000)), unit: line.sku.baseUnit })}`),
        ),
        h('div', { class: 'item-meta' }, field({ name: `ret.${index}`, label: t('sreturn.quantity'), inputmode: 'decimal', autocomplete: 'off', class: 'qty-input', 'aria-label': t('sreturn.quantity_for', { code: line.sku.code }) })),
      );
    const settlement = h(
      'fieldset',
      { class: 'field choice-group', dataset: { field: 'settlement' } },
      h('legend', {}, t('sreturn.settlement')),
      ['credit', 'refund'].map((value) => h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'settlement', value, checked: value === 'credit' }), t(`sreturn.settlement.${value}`))),
      h('p', { class: 'field-error', hidden: true }),
    );
    const form = h(
      'form',
      { class: 'return-form', novalidate: true, 'aria-label': t('sreturn.create_title') },
      formError(),
      card(t('sreturn.lines'), h('ul', { class: 'item-list', 'aria-label': t('sreturn.lines') }, rows.map(lineRow))),
      card(
        null,
        h(
          'div',
          { class: 'form-grid' },
          field({ name: 'reason', label: t('sreturn.reason'), options: [{ value: '', label: '—' }, ...REASONS.map((value) => ({ value, label: t(`sreturn.reason.${value}`) }))] }),
          field({ name: 'warehouseId', label: t('sreturn.warehouse'), value: order.warehouse.id, options: warehouses.map((one) => ({ value: one.id, label: one.name })) }),
        ),
        textArea({ name: 'reasonNote', label: t('sreturn.reason_note'), maxlength: 200, rows: 2 }),
        settlement,
      ),
      h('div', { class: 'form-actions sticky-actions' }, submit),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearErrors(form);
      const problems = [];
      const lines = [];
      sentFrom.length = 0;
      rows.forEach(({ line, left }, index) => {
        const quantity = decimalInput(form.elements[`ret.${index}`].value);
        if (quantity === null || Number(quantity) < 0) problems.push({ field: `ret.${index}`, code: 'invalid_quantity' });
        else if (thousandths(quantity || 0) > left) problems.push({ field: `ret.${index}`, code: 'exceeds_returnable', message: t('sreturn.too_many', { left: qty(String(left / 1000)) }) });
        else if (Number(quantity) > 0) {
          sentFrom.push(index);
          lines.push({ orderLineId: line.id, quantity });
        }
      });
      const value = (name) => form.elements[name].value.trim();
      if (!lines.length && !problems.length) problems.push({ code: 'lines_required', message: t('sreturn.no_lines') });
      if (!value('reason')) problems.push({ field: 'reason', code: 'required' });
      if (value('reason') === 'other' && !value('reasonNote')) problems.push({ field: 'reasonNote', code: 'required' });
      if (problems.length) return showErrors(form, problems);
      const input = { orderId: order.id, lines, reason: value('reason'), reasonNote: value('reasonNote'), warehouseId: value('warehouseId') || null, settlement: form.querySelector('[name="settlement"]:checked').value, idempotencyKey: key };
      const place = (error) => {
        const match = /^lines\.(\d+)\./.exec(error.field || '');
        return match && sentFrom[Number(match[1])] !== undefined ? { ...error, field: `ret.${sentFrom[Number(match[1])]}` } : error;
      };
      return busy(submit, async () => {
        try {
          const { salesReturnCreate: result } = await gql(SALES_RETURN_CREATE, { input });
          if (result.errors.length) {
            key = newKey('sales-return');
            return showErrors(form, result.errors.map(place));
          }
          toast(t('sreturn.created', { number: result.salesReturn.number }), { kind: 'success' });
          return navigate(`/returns/${result.salesReturn.id}`);
        } catch (error) {
          return showErrors(form, [error]);
        }
      });
    });
    return [h('p', { class: 'muted subtitle' }, h('a', { href: appUrl(`/orders/${order.id}`) }, order.number), ` · ${order.customer.name}`), form];
  }

  async function load(orderId) {
    if (!orderId) return fill(body, orderFinder((id) => navigate(`/returns/new?orderId=${encodeURIComponent(id)}`)));
    fill(body, loadingView(4));
    try {
      const [data, stores] = await Promise.all([gql(RETURN_ORDER, { id: orderId }), cachedQuery('warehouses', WAREHOUSES)]);
      const rows = returnable(data.salesOrder, data.salesReturns.items);
      if (!rows.length) return fill(body, emptyView({ iconName: 'undo', title: t('sreturn.nothing_returnable', { number: data.salesOrder.number }) }));
      return fill(body, drawForm(data.salesOrder, rows, stores.data.warehouses));
    } catch (error) {
      return fill(body, errorView(error, { retry: () => load(orderId) }));
    }
  }

  fill(root, screenHeader(t('sreturn.create_title'), back), body);
  load(query.get('orderId'));
  return {};
}
