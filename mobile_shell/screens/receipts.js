/**
 * Receipts (收款, for finance.view): payments and refunds, latest day first, filtered by customer,
 * kind and days; a refund shows as money going out, a void one is marked, a payment with money
 * not yet allocated shows its prepayment. finance.manage records a receipt or a refund from here;
 * receivables, invoices and returns are one tap away.
 *
 * The receipts API filters by customer and kind; the days are filtered here, reading further
 * pages (they come newest first) until the list is past the first day asked for.
 */

import { RECEIPTS } from '../api/finance.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/router.js';
import { hasScope } from '../core/session.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { customerById, customerPicker } from '../ui/customer_picker.js';
import { fill, h } from '../ui/element.js';
import { dateRange, mayRecord } from '../ui/finance_fields.js';
import { field } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { money } from '../ui/quantity.js';
import { emptyView, errorView, loadingView } from '../ui/states.js';

const PAGE = 50;
const MAX_PAGES = 10;

export function receiptAmount(receipt) {
  const refund = receipt.kind === 'refund';
  return h('strong', { class: refund ? 'qty qty-out' : 'qty', dataset: { amount: receipt.amount } }, `${refund ? '−' : ''}${money(receipt.amount)}`);
}

function receiptRow(receipt) {
  return h(
    'li',
    {},
    h(
      'a',
      { href: appUrl(`/receipts/${receipt.id}`), class: 'item-row receipt-row', dataset: { number: receipt.number } },
      h(
        'div',
        { class: 'item-main' },
        h('strong', {}, receipt.customer.name),
        h('span', { class: 'muted small' }, [receipt.number, formatDate(receipt.receivedOn), t(`fin.method.${receipt.method}`), receipt.kind === 'refund' && t('receipt.kind.refund')].filter(Boolean).join(' · ')),
      ),
      h(
        'div',
        { class: 'item-meta' },
        receiptAmount(receipt),
        receipt.isVoid && h('span', { class: 'chip chip-bad', dataset: { status: 'void' } }, t('receipt.void')),
        !receipt.isVoid && Number(receipt.unallocatedAmount) > 0 && h('span', { class: 'chip chip-pending' }, t('receipt.prepayment_n', { amount: money(receipt.unallocatedAmount) })),
      ),
    ),
  );
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

export function mount(root, { query }) {
  const state = { customerId: query.get('customerId') || null, kind: '', from: '', to: '', items: [], total: 0, token: 0 };
  const list = h('div', {});
  const summary = h('p', { class: 'muted', role: 'status' });
  const picker = customerPicker({
    name: 'customer',
    label: t('fin.customer_filter'),
    clearable: true,
    onPick: (customer) => {
      state.customerId = customer?.id || null;
      load();
    },
  });
  const kind = field({ name: 'kind', label: t('receipt.kind_label'), options: ['', 'payment', 'refund'].map((value) => ({ value, label: t(`receipt.kind.${value || 'all'}`) })) });
  kind.querySelector('select').addEventListener('change', (event) => {
    state.kind = event.target.value;
    load();
  });
  const days = dateRange({
    onChange: ({ from, to }) => {
      Object.assign(state, { from, to });
      load();
    },
  });

  const inRange = (receipt) => (!state.from || receipt.receivedOn >= state.from) && (!state.to || receipt.receivedOn <= state.to);
  const pastRange = () => state.from && state.items.length && state.items[state.items.length - 1].receivedOn < state.from;

  function draw() {
    const shown = state.items.filter(inRange);
    const more = state.items.length < state.total && !pastRange();
    summary.textContent = state.from || state.to ? t('receipt.count_shown', { count: formatNumber(shown.length) }) : t('receipt.count', { count: formatNumber(state.total) });
    const next = more && h('button', { type: 'button', class: 'button button-quiet button-block', onclick: () => load({ append: true }) }, t('action.load_more'));
    if (!shown.length) return fill(list, emptyView({ iconName: 'wallet', title: t('receipt.empty') }), next);
    return fill(list, h('ul', { class: 'item-list card', 'aria-label': t('receipt.list_title') }, shown.map(receiptRow)), next);
  }

  async function load({ append = false } = {}) {
    const token = ++state.token;
    if (!append) {
      state.items = [];
      fill(list, loadingView(4));
    }
    list.setAttribute('aria-busy', 'true');
    try {
      // With a first day asked for, read on until the (newest-first) list is past it.
      for (let page = 0; page < MAX_PAGES; page += 1) {
        const variables = { customerId: state.customerId, kind: state.kind || null, limit: PAGE, offset: state.items.length };
        const { receipts } = await gql(RECEIPTS, variables);
        if (token !== state.token) return;
        state.items = [...state.items, ...receipts.items];
        state.total = receipts.totalCount;
        const enough = state.items.filter(inRange).length >= PAGE || !state.from || pastRange();
        if (enough || state.items.length >= state.total || append) break;
      }
      draw();
    } catch (error) {
      if (token === state.token) fill(list, errorView(error, { retry: () => load() }));
    } finally {
      if (token === state.token) list.removeAttribute('aria-busy');
    }
  }

  const actions = mayRecord()
    ? [h('a', { href: appUrl('/receipts/new'), class: 'button button-small' }, t('receipt.create_title')), h('a', { href: appUrl('/refunds/new'), class: 'button button-quiet button-small' }, t('refund.create_title'))]
    : [];
  const more = h('details', { class: 'customer-filters' }, h('summary', {}, t('receipt.more_filters')), h('div', { class: 'form-grid' }, kind, days));
  const filters = h('form', { class: 'filters filters-stack', role: 'search', onsubmit: (event) => event.preventDefault() }, picker.element, more);
  fill(root, screenHeader(t('receipt.list_title'), ...actions), financeLinks('/receipts'), filters, summary, list);
  load();
  customerById(state.customerId).then((customer) => customer && picker.set(customer));
  return { refresh: () => load() };
}
