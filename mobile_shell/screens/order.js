/**
 * One sales order (订单详情): number, status, customer, rep, dates and where it goes; its lines
 * with ordered, reserved, shipped and returned quantities; totals and the money received and
 * still owed, expenses and revisions, for those who see order money (the warehouse gets no
 * prices from the API and sees none here); the timeline of who moved it when and why; and the
 * next steps the user may take (ui/order_actions.js).
 */

import { SALES_ORDER } from '../api/sales.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatDateTime, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { documentThread } from '../ui/chat_thread.js';
import { aside, card, detailColumns, facts, screenHeader } from '../ui/layout.js';
import { orderActions } from '../ui/order_actions.js';
import { addressLine } from '../ui/order_customer.js';
import { expensesView } from '../ui/order_expenses.js';
import { SOLD, creditChip, may, skuText, statusChip } from '../ui/order_status.js';
import { revisions, timeline } from '../ui/order_timeline.js';
import { money, qty } from '../ui/quantity.js';
import { emptyView, errorView, loadingView } from '../ui/states.js';

const CUSTOMER_SCOPES = ['customers.view_own', 'customers.view_all'];

function lineItem(line, order) {
  const base = line.sku.baseUnit;
  // Reservations and shipments begin at approval; before it they would only say "0".
  const progress = SOLD.includes(order.status)
    ? [
        t('order.line_reserved', { n: qty(line.reservedQuantity), unit: base }),
        t('order.line_shipped', { n: qty(line.shippedQuantity), unit: base }),
        Number(line.returnedQuantity) > 0 && t('order.line_returned', { n: qty(line.returnedQuantity), unit: base }),
      ].filter(Boolean)
    : [];
  const priced = line.unitPrice !== null;
  return h(
    'li',
    { class: 'item-row order-detail-line', dataset: { skuCode: line.sku.code } },
    h(
      'div',
      { class: 'item-main' },
      h('strong', {}, skuText(line.sku)),
      h('span', { class: 'muted small' }, [line.sku.code, line.warehouse.id !== order.warehouse.id && line.warehouse.name].filter(Boolean).join(' · ')),
      progress.length > 0 && h('span', { class: 'small order-line-progress' }, progress.join('，')),
      line.remark && h('span', { class: 'muted small' }, line.remark),
    ),
    h(
      'div',
      { class: 'item-meta' },
      h('span', { class: 'order-line-qty' }, `${qty(line.quantity)} ${line.unitName}`),
      priced && h('span', { class: 'muted small' }, `× ${money(line.unitPrice, order.currency)}${Number(line.discountRate) ? ` · ${t('order.discount_n', { n: qty(line.discountRate) })}` : ''}`),
      priced && h('strong', {}, money(line.amount, order.currency)),
    ),
  );
}

function moneyCard(order) {
  if (order.totalAmount === null) return null; // the warehouse does not see order money
  const c = order.currency;
  return card(
    t('order.money'),
    facts([
      Number(order.discountAmount) > 0 && [t('order.goods_amount'), money(order.goodsAmount, c)],
      Number(order.discountAmount) > 0 && [t('order.discount_amount'), money(order.discountAmount, c)],
      [t('order.total_amount'), h('strong', { class: 'order-total-amount' }, money(order.totalAmount, c))],
      [t('order.tax_amount'), money(order.taxAmount, c)],
      [t('order.received_amount'), h('span', { class: 'order-received' }, money(order.receivedAmount, c))],
      Number(order.returnedAmount) > 0 && [t('order.returned_amount'), money(order.returnedAmount, c)],
      // Overpaid after a return: money owed back to the customer, never a negative amount due.
      Number(order.balanceDue) < 0
        ? [t('order.overpaid'), h('strong', { class: 'order-balance', dataset: { overpaid: order.balanceDue.replace('-', '') } }, money(order.balanceDue.replace('-', ''), c))]
        : [t('order.balance_due'), h('strong', { class: 'order-balance' }, money(order.balanceDue, c))],
      Number(order.expenseAmount) > 0 && [t('order.expenses_total'), money(order.expenseAmount, c)],
    ]),
  );
}

function headerFacts(order) {
  const customer = hasScope(CUSTOMER_SCOPES) ? h('a', { href: appUrl(`/customers/${order.customer.id}`) }, order.customer.name) : order.customer.name;
  const contact = [order.contactName, order.contactPhone].filter(Boolean).join(' ');
  return facts([
    [t('order.status_label'), h('span', { class: 'roles' }, statusChip(order.status), order.creditHold && creditChip())],
    [t('order.customer'), customer],
    [t('order.rep'), order.rep.fullName],
    [t('order.order_date'), formatDate(order.orderDate)],
    order.requestedDate && [t('order.requested_date'), formatDate(order.requestedDate)],
    [t('order.warehouse'), order.warehouse.name],
    [t('order.delivery_method'), t(`order.delivery.${order.deliveryMethod}`)],
    contact && [t('order.contact'), contact],
    [t('order.address'), addressLine(order.shipTo) || '—'],
    order.remarks && [t('order.remarks'), order.remarks],
    order.cancelReason && [t('order.cancel_reason'), order.cancelReason],
    [t('order.created_at'), formatDateTime(order.createdAt)],
    order.approvedAt && [t('order.approved_at'), formatDateTime(order.approvedAt)],
    order.shippedAt && [t('order.shipped_at'), formatDateTime(order.shippedAt)],
    order.completedAt && [t('order.completed_at'), formatDateTime(order.completedAt)],
  ]);
}

export function mount(root, { params }) {
  const body = h('div', {});
  const thread = documentThread({ orderId: params.id }); // once: a redraw of the order keeps what is being written
  const back = () => h('a', { href: appUrl('/orders'), class: 'button button-quiet' }, t('orders.title'));

  function draw(order) {
    const actions = orderActions(order, load);
    const pending = order.status === 'pending_purchase' && h('p', { class: 'notice', role: 'note' }, t('order.pending_purchase_hint'));
    fill(
      root,
      screenHeader(order.number, back()),
      h('div', { class: 'form-actions order-actions', style: { flexWrap: 'wrap', justifyContent: 'flex-start', marginBottom: '12px' } }, actions),
      pending,
      detailColumns(
        aside(card(t('order.facts'), headerFacts(order))),
        card(
          t('order.lines'),
          h('ul', { class: 'item-list', 'aria-label': t('order.lines') }, order.lines.map((line) => lineItem(line, order))),
          order.totalAmount !== null && h('p', { class: 'po-form-total' }, t('order.total', { amount: money(order.totalAmount, order.currency) })),
        ),
        aside(moneyCard(order)),
        order.totalAmount !== null && card(t('order.expenses'), expensesView({ order, editable: may.expenses(), reload: load })),
        order.revisions.length > 0 && card(t('order.revisions'), revisions(order.revisions)),
        aside(card(t('order.timeline'), timeline(order.events))),
        thread.element,
      ),
    );
  }

  async function load() {
    if (!root.querySelector('.card')) {
      fill(root, screenHeader(t('order.title'), back()), body);
      fill(body, loadingView(4));
    }
    try {
      const { salesOrder } = await gql(SALES_ORDER, { id: params.id });
      draw(salesOrder);
    } catch (error) {
      fill(root, screenHeader(t('order.title'), back()), body);
      fill(body, error.code === 'not_found' ? emptyView({ iconName: 'alert', title: t('order.not_found'), hint: t('order.not_found_hint') }) : errorView(error, { retry: load }));
    }
  }
  load();
  return { refresh: load, unmount: () => thread.unmount() };
}
