/**
 * 套餐与用量 (the owner's billing page): the plan and its status with the dates that matter,
 * usage against the plan's limits, the plans to choose from, how to pay (online when Stripe is
 * configured; otherwise by bank transfer, which the operator records), and the invoices.
 *
 * The upgrade buttons live in the `data-testid="billing-upgrade"` area, filled by
 * ui/billing_upgrade.js when online payment exists (billingCheckoutStart, billingPortalStart).
 */

import { BILLING } from '../api/billing.js';
import { gql } from '../core/graphql.js';
import { formatDate, formatMoney, formatNumber, t } from '../i18n/i18n.js';
import { billingUpgrade } from '../ui/billing_upgrade.js';
import { fill, h } from '../ui/element.js';
import { card, facts, screenHeader } from '../ui/layout.js';
import { emptyView, errorView, loadingView } from '../ui/states.js';

const USAGE_KINDS = ['users', 'orders', 'warehouses', 'apiKeys', 'distributors', 'fieldReps'];
const STATUS_CHIPS = {
  trialing: 'chip chip-pending',
  active: 'chip chip-good',
  past_due: 'chip chip-pending',
  suspended: 'chip chip-bad',
  trial_expired: 'chip chip-bad',
  closed: 'chip chip-bad',
};

const yuan = (fen) => formatMoney(fen / 100, 'CNY');

function usageRow(kind, used, limit) {
  const full = limit !== null && limit !== undefined && used >= limit;
  const share = limit ? Math.min(100, Math.round((used / limit) * 100)) : 0;
  return h(
    'li',
    { class: `usage-row${full ? ' usage-full' : ''}`, dataset: { kind } },
    h('span', { class: 'usage-label' }, t(`billing.usage.${kind}`)),
    h(
      'span',
      { class: 'usage-figure' },
      limit === null || limit === undefined
        ? t('billing.usage_unlimited', { used: formatNumber(used) })
        : t('billing.usage_of', { used: formatNumber(used), limit: formatNumber(limit) }),
    ),
    limit ? h('span', { class: 'usage-bar', 'aria-hidden': 'true' }, h('span', { style: { width: `${share}%` } })) : null,
  );
}

function statusFacts(billing) {
  const rows = [
    [t('billing.plan'), billing.plan.name],
    [t('billing.status'), h('span', { class: STATUS_CHIPS[billing.status] || 'chip' }, t(`billing.status.${billing.status}`))],
    billing.status === 'trialing' && billing.trialEndsAt && [t('billing.trial_ends'), formatDate(billing.trialEndsAt)],
    billing.paidUntil && [t('billing.paid_until'), formatDate(billing.paidUntil)],
    billing.graceEndsAt && [t('billing.grace_ends'), formatDate(billing.graceEndsAt)],
    billing.deleteAfter && [t('billing.delete_after'), formatDate(billing.deleteAfter)],
    billing.paymentMethod && [t('billing.pays_by'), t(`billing.method.${billing.paymentMethod}`)],
  ];
  return facts(rows);
}

function planCard(plan, current) {
  return h(
    'li',
    { class: `plan-card${plan.code === current ? ' plan-current' : ''}`, dataset: { plan: plan.code } },
    h('strong', {}, plan.name),
    h(
      'span',
      {},
      plan.monthlyPriceFen
        ? t('billing.price', { month: yuan(plan.monthlyPriceFen), year: yuan(plan.yearlyPriceFen) })
        : t('billing.free'),
    ),
    h(
      'span',
      { class: 'muted small' },
      USAGE_KINDS.map((kind) => {
        const limit = plan.limits[kind];
        return `${t(`billing.usage.${kind}`)} ${limit === null ? '∞' : formatNumber(limit)}`;
      }).join(' · '),
    ),
    plan.code === current ? h('span', { class: 'chip' }, t('billing.current_plan')) : null,
  );
}

function payCard(billing) {
  const upgrade = h('div', { class: 'billing-upgrade', 'data-testid': 'billing-upgrade' });
  if (billing.stripeConfigured) return card(t('billing.pay_title'), fill(upgrade, billingUpgrade(billing)));
  // Without Stripe: no online payment; the operator records a bank transfer.
  return card(
    t('billing.pay_title'),
    h('p', { class: 'billing-no-stripe', 'data-testid': 'billing-no-stripe' }, t('billing.not_configured')),
    h('p', {}, billing.bankTransferText || t('billing.transfer_how')),
    upgrade,
  );
}

function invoiceRow(invoice) {
  return h(
    'li',
    { class: 'item-row', dataset: { number: invoice.number } },
    h(
      'div',
      { class: 'item-main' },
      h('strong', {}, invoice.number),
      h(
        'span',
        { class: 'muted small' },
        [t(`billing.source.${invoice.source}`), formatDate(invoice.paidAt || invoice.createdAt)].join(' · '),
      ),
    ),
    h(
      'div',
      { class: 'item-meta' },
      h('strong', {}, formatMoney(invoice.amountFen / 100, invoice.currency)),
      h('span', { class: invoice.status === 'paid' ? 'chip chip-good' : 'chip chip-pending' }, t(`billing.invoice.${invoice.status}`)),
      invoice.hostedUrl
        ? h('a', { href: invoice.hostedUrl, target: '_blank', rel: 'noopener', 'data-readonly-ok': '' }, t('billing.invoice_open'))
        : null,
    ),
  );
}

export function mount(root) {
  const body = h('div', {}, loadingView(3));
  fill(root, screenHeader(t('billing.title')), body);

  async function load() {
    fill(body, loadingView(3));
    try {
      const { billing } = await gql(BILLING);
      fill(
        body,
        billing.readOnly ? h('p', { class: 'billing-read-only', role: 'alert' }, t('billing.read_only_owner')) : null,
        card(t('billing.subscription'), statusFacts(billing)),
        card(
          t('billing.usage_title'),
          h('ul', { class: 'usage-list' }, USAGE_KINDS.map((kind) => usageRow(kind, billing.usage[kind], billing.limits[kind]))),
        ),
        card(t('billing.plans_title'), h('ul', { class: 'plan-list' }, billing.plans.map((plan) => planCard(plan, billing.plan.code)))),
        payCard(billing),
        card(
          t('billing.invoices_title'),
          billing.invoices.length
            ? h('ul', { class: 'item-list' }, billing.invoices.map(invoiceRow))
            : emptyView({ iconName: 'wallet', title: t('billing.invoices_empty') }),
        ),
      );
    } catch (error) {
      fill(body, errorView(error, { retry: load }));
    }
  }
  load();
  return { refresh: load };
}
