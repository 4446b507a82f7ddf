/**
 * One order of the caller's distributor (distributorOrder): where it is on its way — placed,
 * reviewed, shipped, signed for — its lines with the price each was placed at, the rule behind
 * it and what has shipped, and how it was paid (wallet, rebates, credit), and each package that
 * has left: the carrier (its service number one tap away), the tracking number (快递单号) to
 * follow it, when it shipped and whether it has been signed for. 再来一单 puts its lines back in
 * the cart. Another distributor's order is not found, whatever its id.
 */

import { DISTRIBUTOR_ORDER } from '../api/distribution.js';
import { gql } from '../core/graphql.js';
import { appUrl, navigate } from '../core/urls.js';
import { formatDate, formatDateTime, t } from '../i18n/i18n.js';
import { setQuantity } from '../ui/cart_store.js';
import { fill, h } from '../ui/element.js';
import { documentThread } from '../ui/chat_thread.js';
import { card, facts, screenHeader } from '../ui/layout.js';
import { statusChip } from '../ui/order_status.js';
import { orderProgress, portalError, priceBlock, shippedText, skuName } from '../ui/portal.js';
import { money, qty } from '../ui/quantity.js';
import { emptyView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

function lineRow(line) {
  return h(
    'li',
    { class: 'item-row', dataset: { skuCode: line.sku.code } },
    h(
      'div',
      { class: 'item-main' },
      h('strong', {}, skuName(line.sku)),
      h('span', { class: 'muted small' }, line.sku.code),
      priceBlock({ price: line.unitPrice, listPrice: line.listPrice, priceRule: line.priceRule }),
      h('span', { class: 'small' }, shippedText(line)),
    ),
    h('div', { class: 'item-meta' }, h('span', {}, `${qty(line.quantity)} ${line.sku.baseUnit}`), h('strong', {}, money(line.amount))),
  );
}

/** One package on its way: carrier and tracking number, shipped, signed for or awaited. */
function shipmentRow(shipment) {
  const phone = shipment.carrierPhone && shipment.carrierPhone.replace(/[^\d+]/g, '');
  return h(
    'li',
    { class: 'item-row portal-shipment', dataset: { number: shipment.number, status: shipment.status } },
    h(
      'div',
      { class: 'item-main' },
      h('strong', {}, shipment.carrierName || t('portal.no_carrier')),
      shipment.trackingNumber && h('span', { class: 'portal-tracking' }, `${t('portal.tracking_number')} `, h('span', { class: 'portal-tracking-number', dataset: { testid: 'tracking-number' } }, shipment.trackingNumber)),
      h('span', { class: 'muted small' }, `${shipment.number} · ${t('portal.shipped_at', { time: shipment.shippedAt ? formatDateTime(shipment.shippedAt) : '—' })}`),
      phone && h('a', { href: `tel:${phone}`, class: 'small' }, t('portal.carrier_phone', { phone: shipment.carrierPhone })),
    ),
    h(
      'div',
      { class: 'item-meta' },
      shipment.signed
        ? h('span', { class: 'chip chip-good', dataset: { testid: 'signback' } }, shipment.signedAt ? t('portal.signed_at', { time: formatDateTime(shipment.signedAt) }) : t('portal.signed'))
        : h('span', { class: 'chip chip-pending', dataset: { testid: 'signback' } }, t('portal.awaiting_signback')),
    ),
  );
}

export function mount(root, { params }) {
  const body = h('div', {});
  const thread = documentThread({ orderId: params.id }, { label: t('chat.thread_ask') }); // kept across redraws
  const back = () => h('a', { href: appUrl('/portal/orders'), class: 'button button-quiet button-small' }, t('portal.orders'));

  function repeat(order) {
    for (const line of order.lines) setQuantity({ sku: line.sku, caseQuantity: null, price: line.unitPrice }, line.quantity);
    toast(t('portal.repeated', { count: order.lines.length, number: order.number }), { kind: 'success' });
    navigate('/portal/cart');
  }

  function draw(order) {
    const again = h('button', { type: 'button', class: 'button button-small', onclick: () => repeat(order) }, t('portal.repeat'));
    fill(
      root,
      screenHeader(order.number, back(), again),
      orderProgress(order.status),
      h(
        'div',
        { class: 'card-grid' },
        // Once it has shipped, where the goods are is what the person came for: first.
        order.shipments.length > 0 &&
          card(t('portal.shipments', { count: order.shipments.length }), h('ul', { class: 'item-list', 'aria-label': t('portal.shipments', { count: order.shipments.length }) }, order.shipments.map(shipmentRow))),
        card(
          t('portal.order_facts'),
          facts([
            [t('portal.status'), h('span', { dataset: { testid: 'order-status' } }, statusChip(order.status))],
            [t('portal.order_date'), formatDate(order.orderDate)],
            [t('portal.placed_at'), formatDateTime(order.createdAt)],
            [t('portal.pay_with'), t(`portal.pay.${order.payWith}`)],
            [t('portal.order_total'), h('strong', {}, money(order.total))],
            Number(order.paidFromWallet) > 0 && [t('portal.paid_wallet'), money(order.paidFromWallet)],
            Number(order.paidFromRebate) > 0 && [t('portal.paid_rebate'), money(order.paidFromRebate)],
          ]),
        ),
        card(t('portal.order_lines', { count: order.lines.length }), h('ul', { class: 'item-list', 'aria-label': t('portal.order_lines', { count: order.lines.length }) }, order.lines.map(lineRow))),
        thread.element,
      ),
    );
  }

  async function load() {
    if (!root.querySelector('.card')) fill(root, screenHeader(t('portal.order'), back()), body, loadingView(3));
    try {
      draw((await gql(DISTRIBUTOR_ORDER, { id: params.id })).distributorOrder);
    } catch (error) {
      fill(root, screenHeader(t('portal.order'), back()), body);
      fill(body, error.code === 'not_found' ? emptyView({ iconName: 'alert', title: t('portal.order_not_found'), hint: t('portal.order_not_found_hint') }) : portalError(error, load));
    }
  }
  load();
  return { refresh: load, unmount: () => thread.unmount() };
}
