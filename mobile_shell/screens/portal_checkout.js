/**
 * 结算: the cart placed as an order of the caller's distributor (distributorOrderPlace), paid
 * from its wallet (rebates first, up to what the person enters, the rest from the cash balance)
 * or on credit within its limit. The balances and the workspace's rebate cap (返利抵扣上限,
 * rebateCapPercent) come from myDistributor; the order total from pricing the cart again. The
 * rebate offered is at most the rebate balance and the cap's share of the order, rounded down to
 * the fen as the server rounds it, so a rebate the server would refuse is never sent.
 *
 * The order's idempotency key is kept with the cart (ui/cart_store.js): a double tap or a retry
 * after a lost answer returns the first order, never a second; a refused order (nothing placed)
 * drops it. Placed: the cart is emptied and the order opens, waiting for review.
 */

import { DISTRIBUTOR_CART_PRICE, DISTRIBUTOR_ORDER_PLACE, MY_DISTRIBUTOR } from '../api/distribution.js';
import { gql } from '../core/graphql.js';
import { appUrl, navigate } from '../core/urls.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { cartLines, checkoutKey, clearCart, dropCheckoutKey, orderLines } from '../ui/cart_store.js';
import { fill, h } from '../ui/element.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, facts, screenHeader } from '../ui/layout.js';
import { balanceFacts, lineProblemText, portalError, skuName } from '../ui/portal.js';
import { decimalInput, money } from '../ui/quantity.js';
import { emptyView, errorText, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

function cents(value) {
  return Math.round(Number(value || 0) * 100);
}

function yuan(centsValue) {
  return (centsValue / 100).toFixed(2);
}

/** The most rebates may pay of an order: the cap (percent, 2 decimals) of its total, in whole fen. */
function rebateCapCents(totalCents, capPercent) {
  return Math.floor((totalCents * Math.round(Number(capPercent || 0) * 100)) / 10000);
}

/** Errors on lines.N.* name the cart's line; the form has no field of their own. */
function placed(errors, priced) {
  return errors.map((error) => {
    const match = /^lines\.(\d+)\./.exec(error.field || '');
    if (!match) return error;
    const line = priced.lines[Number(match[1])];
    return { code: error.code, message: `${line ? skuName(line.sku) : ''}：${errorText(error)}`, field: null };
  });
}

export function mount(root) {
  const body = h('div', {});
  const state = { distributor: null, priced: null };
  const back = h('a', { href: appUrl('/portal/cart'), class: 'button button-quiet button-small' }, t('portal.back_to_cart'));

  function draw() {
    const { distributor, priced } = state;
    const wallet = distributor.wallet;
    const totalCents = cents(priced.total);
    const capCents = rebateCapCents(totalCents, distributor.rebateCapPercent);
    const maxRebate = Math.max(0, Math.min(cents(wallet.rebateBalance), capCents));
    const form = h('form', { class: 'portal-checkout', novalidate: true, 'aria-label': t('portal.checkout') });
    const payWith = h(
      'fieldset',
      { class: 'field choice-group', dataset: { field: 'payWith' } },
      h('legend', {}, t('portal.pay_with')),
      h(
        'div',
        { class: 'chip-row' },
        h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'payWith', value: 'wallet', checked: true }), t('portal.pay.wallet')),
        Number(distributor.creditLimit) > 0 && h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'payWith', value: 'credit' }), t('portal.pay.credit')),
      ),
      h('p', { class: 'field-error', hidden: true }),
    );
    const rebate = field({
      name: 'rebateAmount',
      label: t('portal.rebate_amount'),
      inputmode: 'decimal',
      autocomplete: 'off',
      value: '',
      placeholder: '0.00',
      hint: Number(distributor.rebateCapPercent) > 0 ? t('portal.rebate_hint', { max: money(yuan(maxRebate)), cap: formatNumber(Number(distributor.rebateCapPercent)), capAmount: money(yuan(capCents)) }) : t('portal.rebate_none'),
    });
    const useAll = h('button', { type: 'button', class: 'button button-quiet button-small', disabled: maxRebate <= 0 }, t('portal.rebate_all'));
    if (maxRebate <= 0) rebate.querySelector('input').disabled = true; // no rebate or no cap: nothing to enter
    rebate.append(useAll);
    const due = h('div', { class: 'portal-due' });
    const pay = h('strong', { class: 'portal-pay-now', role: 'status' });
    const submit = h('button', { type: 'submit', class: 'button', dataset: { testid: 'place-order' } }, t('portal.place_order'));

    function refreshDue() {
      const wallet = form.elements.payWith.value === 'wallet';
      rebate.hidden = !wallet;
      const rebateCents = wallet ? cents(decimalInput(form.elements.rebateAmount.value) || 0) : 0;
      const cash = totalCents - rebateCents;
      pay.textContent = wallet ? t('portal.pay_now_wallet', { amount: money(yuan(cash)) }) : t('portal.pay_now_credit', { amount: money(priced.total) });
      fill(
        due,
        facts([
          [t('portal.order_total'), h('strong', {}, money(priced.total))],
          wallet && rebateCents > 0 && [t('portal.paid_rebate'), money(yuan(rebateCents))],
          wallet ? [t('portal.paid_wallet'), h('strong', { dataset: { testid: 'cash-due' } }, money(yuan(cash)))] : [t('portal.on_credit'), money(priced.total)],
        ]),
        wallet && cash > cents(state.distributor.wallet.balance) && h('p', { class: 'field-error' }, t('portal.wallet_short')),
        !wallet && totalCents > cents(state.distributor.creditAvailable) && h('p', { class: 'field-error' }, t('portal.credit_short')),
      );
    }
    useAll.addEventListener('click', () => {
      form.elements.rebateAmount.value = yuan(maxRebate);
      refreshDue();
    });
    form.addEventListener('input', refreshDue);
    form.addEventListener('change', refreshDue);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      clearErrors(form);
      const payWithValue = form.elements.payWith.value;
      const typed = decimalInput(form.elements.rebateAmount.value);
      if (typed === null || (typed && cents(typed) > maxRebate)) {
        return showErrors(form, [{ field: 'rebateAmount', code: 'amount_invalid', message: t('portal.rebate_invalid', { max: money(yuan(maxRebate)) }) }]);
      }
      const input = {
        lines: orderLines(),
        payWith: payWithValue,
        rebateAmount: payWithValue === 'wallet' && typed ? typed : null,
        remarks: form.elements.remarks.value.trim() || null,
        idempotencyKey: checkoutKey(),
      };
      await busy(submit, async () => {
        try {
          const result = (await gql(DISTRIBUTOR_ORDER_PLACE, { input })).distributorOrderPlace;
          if (result.errors.length) {
            dropCheckoutKey(); // nothing was placed: a corrected order is a new request
            return showErrors(form, placed(result.errors, priced));
          }
          clearCart();
          toast(t('portal.placed', { number: result.salesOrder.number }), { kind: 'success' });
          return navigate(`/portal/orders/${result.salesOrder.id}`);
        } catch (error) {
          // The answer may have been lost after the order was placed: the key stays, so trying
          // again returns that order rather than placing another.
          return showErrors(form, [error]);
        }
      });
    });

    fill(
      form,
      formError(),
      card(
        t('portal.order_lines', { count: priced.lines.length }),
        h(
          'ul',
          { class: 'item-list', 'aria-label': t('portal.order_lines', { count: priced.lines.length }) },
          priced.lines.map((line) =>
            h(
              'li',
              { class: 'item-row', dataset: { skuCode: line.sku?.code || '' } },
              h('div', { class: 'item-main' }, h('strong', {}, line.sku ? skuName(line.sku) : line.skuId), line.problem && h('span', { class: 'field-error' }, lineProblemText(line.problem, line.caseQuantity))),
              h('div', { class: 'item-meta' }, h('span', {}, `${line.quantity} × ${money(line.price)}`), h('strong', {}, money(line.amount))),
            ),
          ),
        ),
      ),
      card(t('portal.balances'), balanceFacts(distributor)),
      card(t('portal.payment'), payWith, rebate, due, field({ name: 'remarks', label: t('portal.remarks'), maxlength: 500, autocomplete: 'off' })),
      h('div', { class: 'form-actions sticky-actions order-actions-bar portal-cart-bar' }, pay, submit),
    );
    fill(body, form);
    refreshDue();
  }

  async function load() {
    if (!cartLines().length) {
      fill(body, emptyView({ iconName: 'order', title: t('portal.cart_empty'), action: h('a', { href: appUrl('/portal/catalog'), class: 'button' }, t('portal.catalog')) }));
      return;
    }
    fill(body, loadingView(3));
    try {
      const [mine, cart] = await Promise.all([gql(MY_DISTRIBUTOR), gql(DISTRIBUTOR_CART_PRICE, { lines: orderLines() })]);
      state.distributor = mine.myDistributor;
      state.priced = cart.distributorCartPrice;
      draw();
    } catch (error) {
      fill(body, portalError(error, load));
    }
  }

  fill(root, screenHeader(t('portal.checkout'), back), body);
  load();
  return { refresh: load };
}
