/**
 * One order of the caller's distributor (distributorOrder): where it is on its way — placed,
 * reviewed, shipped, signed for — its lines with the price each was placed at, the rule behind
 * it and what has shipped, and how it was paid (wallet, rebates, credit). 再来一单 puts its lines
 * back in the cart. Another distributor's order is not found, whatever its id.
 */

import { DISTRIBUTOR_ORDER } from '../api/distribution.js';
import { gql } from '../core/graphql.js';
import { appUrl, navigate } from '../core/urls.js';
import { formatDate, formatDateTime, t } from '../i18n/i18n.js';
import { setQuantity } from '../ui/cart_store.js';
import { fill, h } from '../ui/element.js';
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

export function mount(root, { params }) {
  const body = h('div', {});
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
  return { refresh: load };
}
