/**
 * One purchase order: supplier, lines with ordered / received / rejected / outstanding
 * quantities, receipts and history, and the next step its status allows — submit a draft,
 * approve a submitted order, receive goods against an approved one; a draft can be edited.
 */

import { PURCHASE_ORDER, PURCHASE_ORDER_APPROVE, PURCHASE_ORDER_SUBMIT, SUPPLIER_RETURN } from '../api/procurement.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatDateTime, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { busy } from '../ui/form.js';
import { aside, card, detailColumns, facts, screenHeader } from '../ui/layout.js';
import { confirmDialog } from '../ui/confirm.js';
import { statusChip } from '../ui/purchase_order_status.js';
import { money, newKey, qty } from '../ui/quantity.js';
import { errorText, errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

const STEPS = {
  draft: { mutation: PURCHASE_ORDER_SUBMIT, field: 'purchaseOrderSubmit', label: 'po.submit', done: 'po.submitted' },
  submitted: { mutation: PURCHASE_ORDER_APPROVE, field: 'purchaseOrderApprove', label: 'po.approve', done: 'po.approved' },
};
const RECEIVABLE = ['approved', 'partly_received'];

/** Receipt lines with rejected goods not yet sent back, and how much of each is left. */
function returnable(order) {
  return order.receipts.flatMap((receipt) =>
    receipt.lines
      .map((line) => ({ line, left: Math.round((Number(line.rejectedQty) - Number(line.returnedQty)) * 1000) / 1000 }))
      .filter(({ left }) => left > 0),
  );
}

function lineItem(line, currency) {
  return h(
    'li',
    { class: 'item-row po-line', dataset: { skuCode: line.sku.code } },
    h(
      'div',
      { class: 'item-main' },
      h('strong', {}, `${line.sku.name}${line.sku.specLabel ? ` · ${line.sku.specLabel}` : ''}`),
      h('span', { class: 'muted small' }, `${line.sku.code} · ${line.warehouse.name}`),
      h(
        'span',
        { class: 'small po-line-progress' },
        t('po.line_progress', { received: qty(line.receivedQty), rejected: qty(line.rejectedQty), outstanding: qty(line.outstandingQty), unit: line.sku.baseUnit }),
      ),
    ),
    h(
      'div',
      { class: 'item-meta' },
      h('span', {}, `${qty(line.quantity)} ${line.unitName}`),
      h('span', { class: 'muted small' }, `× ${money(line.unitPrice, currency)}`),
      h('strong', {}, money(line.amount, currency)),
    ),
  );
}

function receiptItem(receipt) {
  return h(
    'li',
    { class: 'item-row' },
    h('div', { class: 'item-main' }, h('strong', {}, receipt.number), h('span', { class: 'muted small' }, `${formatDateTime(receipt.createdAt)} · ${receipt.createdByName}`)),
    h(
      'div',
      { class: 'item-meta small' },
      receipt.lines.map((line) =>
        h('span', {}, t('po.receipt_line', { code: line.sku.code, accepted: qty(line.acceptedQty), rejected: qty(line.rejectedQty) })),
      ),
    ),
  );
}

export function mount(root, { params }) {
  const body = h('div', {});
  const returnKey = newKey('supplier-return'); // one per visit: a retry books the return once

  async function returnRejected(button, order, rows) {
    const lines = rows.map(({ line, left }) => h('span', { class: 'block', dataset: { skuCode: line.sku.code } }, `${line.sku.code} × ${qty(String(left))}`));
    const ok = await confirmDialog({ title: t('po.return_title', { supplier: order.supplier.name }), message: [t('po.return_body'), lines], confirmLabel: t('po.return_rejected') });
    if (!ok) return;
    await busy(button, async () => {
      try {
        const input = { supplierId: order.supplier.id, lines: rows.map(({ line, left }) => ({ receiptLineId: line.id, quantity: String(left) })), idempotencyKey: returnKey };
        const { supplierReturnCreate: result } = await gql(SUPPLIER_RETURN, { input });
        if (result.errors.length) return toast(errorText(result.errors[0]), { kind: 'error' });
        toast(t('po.returned', { number: result.supplierReturn.number }), { kind: 'success' });
        return load();
      } catch (error) {
        return toast(errorText(error), { kind: 'error' });
      }
    });
  }

  async function act(button, step, order) {
    await busy(button, async () => {
      try {
        const data = await gql(step.mutation, { id: order.id });
        const result = data[step.field];
        if (result.errors.length) return toast(errorText(result.errors[0]), { kind: 'error' });
        toast(t(step.done, { number: order.number }), { kind: 'success' });
        return load();
      } catch (error) {
        return toast(errorText(error), { kind: 'error' });
      }
    });
  }

  function draw(order) {
    const step = STEPS[order.status];
    const stepButton = step && h('button', { type: 'button', class: 'button' }, t(step.label));
    if (stepButton) stepButton.addEventListener('click', () => act(stepButton, step, order));
    const receive =
      RECEIVABLE.includes(order.status) &&
      hasScope('inventory.manage') &&
      h('a', { href: appUrl(`/purchase-orders/${order.id}/receive`), class: 'button' }, t('po.receive'));
    const edit = order.status === 'draft' && h('a', { href: appUrl(`/purchase-orders/${order.id}/edit`), class: 'button button-quiet' }, t('pof.edit'));
    const rows = returnable(order);
    const giveBack = rows.length > 0 && h('button', { type: 'button', class: 'button button-quiet' }, t('po.return_rejected'));
    if (giveBack) giveBack.addEventListener('click', () => returnRejected(giveBack, order, rows));
    fill(
      root,
      screenHeader(order.number, stepButton, edit, receive, giveBack),
      detailColumns(
        aside(card(
          t('po.facts'),
          facts([
            [t('po.status_label'), statusChip(order.status)],
            [t('po.supplier'), order.supplier.name],
            [t('po.amount'), money(order.amount, order.currency)],
            [t('po.created'), `${formatDateTime(order.createdAt)} · ${order.createdByName}`],
            order.expectedDate && [t('po.expected'), formatDate(order.expectedDate)],
            order.note && [t('po.note'), order.note],
          ]),
        )),
        card(t('po.lines'), h('ul', { class: 'item-list', 'aria-label': t('po.lines') }, order.lines.map((line) => lineItem(line, order.currency)))),
        order.receipts.length > 0 && card(t('po.receipts'), h('ul', { class: 'item-list' }, order.receipts.map(receiptItem))),
        aside(card(
          t('po.history'),
          h(
            'ol',
            { class: 'plain-list history' },
            order.events.map((event) =>
              h('li', {}, h('span', {}, t(`po.status.${event.toStatus}`)), h('span', { class: 'muted small' }, ` ${formatDateTime(event.createdAt)}${event.actorName ? ` · ${event.actorName}` : ''}`)),
            ),
          ),
        )),
      ),
    );
  }

  async function load() {
    if (!root.querySelector('.card')) fill(root, screenHeader(t('po.title_one')), body);
    fill(body, loadingView(4));
    try {
      const { purchaseOrder } = await gql(PURCHASE_ORDER, { id: params.id });
      draw(purchaseOrder);
    } catch (error) {
      fill(root, screenHeader(t('po.title_one')), body);
      fill(body, errorView(error, { retry: load }));
    }
  }
  load();
  return { refresh: load };
}
