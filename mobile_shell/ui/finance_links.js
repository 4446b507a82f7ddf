/**
 * What the money screens share: the links between them (receipts, receivables, invoices,
 * returns, reports) and a receipt's amount, signed when money goes out.
 */

import { hasScope } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { h } from './element.js';
import { money } from './quantity.js';

export function receiptAmount(receipt) {
  const refund = receipt.kind === 'refund';
  return h('strong', { class: refund ? 'qty qty-out' : 'qty', dataset: { amount: receipt.amount } }, `${refund ? '−' : ''}${money(receipt.amount)}`);
}

/** Links to the other money screens, for those who may open them. */
export function financeLinks(current) {
  const links = [
    ['/receipts', 'receipt.list_title', 'finance.view'],
    ['/receivables', 'receivable.title', ['finance.view', 'orders.view_all', 'orders.view_own']],
    ['/invoices', 'invoice.list_title', 'finance.view'],
    ['/returns', 'sreturn.list_title', ['finance.view', 'orders.view_all', 'orders.view_own', 'inventory.manage']],
    ['/reports', 'nav.reports', 'reports.view'],
  ].filter(([path, , scope]) => path !== current && hasScope(scope));
  if (!links.length) return null;
  return h('nav', { class: 'roles finance-links', 'aria-label': t('fin.links'), style: { marginBottom: '12px' } }, links.map(([path, label]) => h('a', { href: appUrl(path), class: 'button button-quiet button-small' }, t(label))));
}
