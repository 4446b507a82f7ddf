/**
 * What the distributor portal's screens share (订货, 购物车, 结算, 我的订单, 钱包, 库存上报): a SKU's
 * name, the price with its list price and rule, the balances from myDistributor, the refusal
 * shown to someone who belongs to no distributor, an order's way to delivery and sign-back,
 * and the cart's count as a link.
 */

import { on } from '../core/events.js';
import { appUrl } from '../core/urls.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { cartLines, stepOf } from './cart_store.js';
import { fill, h } from './element.js';
import { icon } from './icons.js';
import { facts } from './layout.js';
import { money, qty } from './quantity.js';
import { emptyView, errorView } from './states.js';

export function skuName(sku) {
  return `${sku.name}${sku.specLabel ? ` · ${sku.specLabel}` : ''}`;
}

/** The distributor's price, the list price struck through when it differs, and why. */
export function priceBlock({ price, listPrice, priceRule, caseQuantity = null }) {
  const cheaper = listPrice !== undefined && listPrice !== null && Number(listPrice) !== Number(price);
  return h(
    'div',
    { class: 'portal-price' },
    h('strong', { class: 'portal-price-now', dataset: { testid: 'portal-price' } }, money(price)),
    cheaper && h('del', { class: 'muted small portal-price-list', 'aria-label': t('portal.list_price_named', { price: money(listPrice) }) }, money(listPrice)),
    priceRule && h('span', { class: 'muted small portal-price-rule' }, priceRule),
    caseQuantity && caseQuantity > 1 && h('span', { class: 'chip portal-case' }, t('portal.case_of', { n: caseQuantity })),
  );
}

/** What a line's problem (from the server, or the typed quantity) means for the person. */
export function lineProblemText(problem, caseQuantity) {
  if (!problem) return '';
  if (problem === 'case_multiple') return t('portal.problem.case_multiple', { n: stepOf(caseQuantity) });
  return t(`portal.problem.${problem}`);
}

/** Balances of the caller's distributor: wallet, rebates, credit. */
export function balanceFacts(distributor) {
  const wallet = distributor.wallet;
  return facts([
    [t('portal.balance'), h('strong', { dataset: { testid: 'wallet-balance' } }, money(wallet.balance))],
    [t('portal.rebate_balance'), h('span', { dataset: { testid: 'rebate-balance' } }, money(wallet.rebateBalance))],
    Number(distributor.creditLimit) > 0 && [t('portal.credit_available'), t('portal.credit_of', { available: money(distributor.creditAvailable), limit: money(distributor.creditLimit) })],
  ]);
}

/** An error of a portal query: who belongs to no distributor is told so, not "forbidden". */
export function portalError(error, retry) {
  if (error?.code === 'not_a_distributor') return emptyView({ iconName: 'alert', title: t('portal.not_member'), hint: t('portal.not_member_hint') });
  return errorView(error, { retry });
}

const STEPS = ['placed', 'approved', 'shipped', 'signed'];
// How many steps an order of each status has done; the next one is where it is now.
const REACHED = {
  draft: 0,
  pending_review: 1,
  approved: 2,
  pending_purchase: 2,
  pending_shipment: 2,
  partly_shipped: 2,
  pending_signback: 3,
  completed: 4,
};

/** 已下单 → 已审核 → 已发货 → 已签收, each step done, current or to come (cancelled: none). */
export function orderProgress(status) {
  if (status === 'cancelled') return h('p', { class: 'notice', role: 'note' }, t('portal.order_cancelled'));
  const reached = REACHED[status] ?? 0;
  return h(
    'ol',
    { class: 'portal-progress', 'aria-label': t('portal.progress') },
    STEPS.map((step, index) => {
      const state = index < reached ? 'done' : index === reached ? 'current' : 'todo';
      return h(
        'li',
        { class: `portal-step portal-step-${state}`, dataset: { step }, 'aria-current': state === 'current' ? 'step' : null },
        h('span', { class: 'portal-step-dot', 'aria-hidden': 'true' }, state === 'done' ? icon('check', { size: 14 }) : String(index + 1)),
        h('span', {}, t(`portal.step.${step}`)),
      );
    }),
  );
}

/** Lines ordered and shipped, as the order detail and its list show them. */
export function shippedText(line) {
  return t('portal.line_shipped', { shipped: qty(line.shippedQuantity), quantity: qty(line.quantity), unit: line.sku.baseUnit });
}

/** A link to the cart with its count, kept current while the screen is open. */
export function cartLink() {
  const count = h('span', { class: 'badge', dataset: { testid: 'cart-count' } });
  const link = h('a', { href: appUrl('/portal/cart'), class: 'button button-quiet button-small portal-cart-link' }, icon('order', { size: 18 }), t('portal.cart'), count);
  const draw = () => {
    const n = cartLines().length;
    count.hidden = n === 0;
    fill(count, formatNumber(n));
  };
  draw();
  const stop = on('cart:changed', draw);
  return { element: link, stop };
}
