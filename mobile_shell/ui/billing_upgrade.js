/**
 * The upgrade flow of the billing page when Stripe is configured: choose a plan and how often,
 * then one button per way to pay — 银行卡 (Stripe Checkout, a subscription), 支付宝 (the first
 * invoice of a subscription paid by hand on Stripe's page), 微信支付 (a prepaid term of 3, 6 or 12
 * months) — and 管理订阅 (Stripe's customer portal) once the workspace pays by card or Alipay.
 *
 * Each button asks the server for the Stripe URL and opens it; the page changes only when
 * Stripe's webhook has told the server what was paid. The buttons stay usable in a read-only
 * workspace (`data-readonly-ok`): paying is how it becomes writable again.
 */

import { BILLING_CHECKOUT_START, BILLING_PORTAL_START } from '../api/billing_checkout.js';
import { gql } from '../core/graphql.js';
import { t } from '../i18n/i18n.js';
import { h } from './element.js';
import { busy, clearErrors, field, formError, showErrors } from './form.js';

const METHODS = ['card', 'alipay', 'wechat_pay'];
const MONTHS = [3, 6, 12];

async function open(form, button, operation, variables, answerOf) {
  clearErrors(form);
  await busy(button, async () => {
    try {
      const answer = answerOf(await gql(operation, variables));
      if (answer.errors.length) showErrors(form, answer.errors);
      else window.location.assign(answer.url);
    } catch (error) {
      showErrors(form, [{ field: null, code: error.code, message: error.message }]);
    }
  });
}

/** The upgrade area for `billing` (the page's billing query: plans, plan, paymentMethod). */
export function billingUpgrade(billing) {
  const plans = billing.plans.filter((plan) => plan.monthlyPriceFen > 0);
  const current = plans.some((plan) => plan.code === billing.plan.code) ? billing.plan.code : plans[0]?.code;
  const form = h(
    'form',
    { class: 'billing-upgrade-form', 'data-testid': 'billing-upgrade-form', novalidate: true },
    field({
      name: 'plan',
      label: t('billing.pay.plan'),
      value: current,
      options: plans.map((plan) => ({ value: plan.code, label: plan.name })),
      'data-readonly-ok': '',
    }),
    field({
      name: 'interval',
      label: t('billing.pay.interval'),
      value: 'month',
      options: ['month', 'year'].map((value) => ({ value, label: t(`billing.pay.interval.${value}`) })),
      hint: t('billing.pay.interval_hint'),
      'data-readonly-ok': '',
    }),
    field({
      name: 'months',
      label: t('billing.pay.months'),
      value: '6',
      options: MONTHS.map((months) => ({ value: String(months), label: t('billing.pay.months_n', { months }) })),
      hint: t('billing.pay.months_hint'),
      'data-readonly-ok': '',
    }),
    formError(),
  );
  const chosen = (name) => form.elements[name].value;
  const buttons = METHODS.map((method) => {
    const button = h(
      'button',
      { type: 'button', class: method === 'card' ? 'button' : 'button button-quiet', dataset: { method }, 'data-readonly-ok': '' },
      t(`billing.pay.by.${method}`),
    );
    button.addEventListener('click', () => {
      const variables = { plan: chosen('plan'), method };
      if (method === 'wechat_pay') variables.months = Number(chosen('months'));
      else variables.interval = chosen('interval');
      open(form, button, BILLING_CHECKOUT_START, variables, (data) => data.billingCheckoutStart);
    });
    return button;
  });
  const portal =
    billing.paymentMethod === 'card' || billing.paymentMethod === 'alipay'
      ? h('button', { type: 'button', class: 'button button-quiet', dataset: { action: 'portal' }, 'data-readonly-ok': '' }, t('billing.pay.portal'))
      : null;
  portal?.addEventListener('click', () => open(form, portal, BILLING_PORTAL_START, {}, (data) => data.billingPortalStart));
  return h(
    'div',
    { class: 'billing-pay' },
    form,
    h('div', { class: 'form-actions billing-pay-buttons' }, buttons, portal),
    h('p', { class: 'hint' }, t('billing.pay.after')),
  );
}
