/**
 * A customer's statement (对账单, finance and managers): orders, returns, payments, refunds and
 * invoices in date order with what each adds to or takes off the balance, and the running
 * balance after it, between two days (the opening balance carries what came before). Each
 * document opens its own screen; finance.manage records a payment or a refund from here.
 */

import { CUSTOMER_STATEMENT } from '../api/finance.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { formatDate, t } from '../i18n/i18n.js';
import { dataTable } from '../ui/charts.js';
import { fill, h } from '../ui/element.js';
import { dateRange, mayRecord } from '../ui/finance_fields.js';
import { card, facts, screenHeader } from '../ui/layout.js';
import { money } from '../ui/quantity.js';
import { emptyView, errorView, loadingView } from '../ui/states.js';

const DOCUMENT_PATHS = { order: '/orders/', return: '/returns/', payment: '/receipts/', refund: '/receipts/', invoice: '/invoices/' };

const amount = (value) => (Number(value) ? money(value) : '');

function entryCells(entry) {
  return [
    formatDate(entry.date, { year: 'numeric', month: 'numeric', day: 'numeric' }),
    h('span', {}, h('span', { class: 'muted small block' }, t(`statement.kind.${entry.kind}`)), h('a', { href: appUrl(`${DOCUMENT_PATHS[entry.kind]}${entry.documentId}`), dataset: { number: entry.number } }, entry.number)),
    amount(entry.debit) || (entry.kind === 'invoice' ? h('span', { class: 'muted small' }, money(entry.amount)) : ''),
    amount(entry.credit),
    h('strong', { dataset: { balance: entry.balance } }, money(entry.balance)),
  ];
}

export function mount(root, { params, query }) {
  const state = { from: query.get('from') || '', to: query.get('to') || '', token: 0 };
  const body = h('div', {}, loadingView(4));
  const header = h('div', {}, screenHeader(t('statement.title')));
  const days = dateRange({
    from: state.from,
    to: state.to,
    onChange: ({ from, to }) => {
      Object.assign(state, { from, to });
      load();
    },
  });

  function draw(statement) {
    const customer = statement.customer;
    const prefill = `?customerId=${customer.id}`;
    fill(
      header,
      screenHeader(
        t('statement.title_for', { name: customer.name }),
        h('a', { href: appUrl(`/customers/${customer.id}`), class: 'button button-quiet button-small' }, t('customer.title')),
        mayRecord() && h('a', { href: appUrl(`/receipts/new${prefill}`), class: 'button button-small' }, t('receipt.create_title')),
        mayRecord() && h('a', { href: appUrl(`/refunds/new${prefill}`), class: 'button button-quiet button-small' }, t('refund.create_title')),
      ),
    );
    const headers = [[t('fin.date'), false], [t('statement.document'), false], [t('statement.debit'), true], [t('statement.credit'), true], [t('statement.balance'), true]];
    fill(
      body,
      card(
        null,
        facts([
          [t('statement.opening'), money(statement.openingBalance)],
          [t('statement.closing'), h('strong', { class: 'statement-closing', dataset: { balance: statement.closingBalance } }, money(statement.closingBalance))],
        ]),
        h('p', { class: 'muted small' }, t('statement.hint')),
      ),
      statement.entries.length
        ? card(t('statement.entries'), dataTable({ label: t('statement.entries'), headers, rows: statement.entries.map(entryCells), stack: true }))
        : emptyView({ iconName: 'wallet', title: t('statement.empty') }),
    );
  }

  async function load() {
    const token = ++state.token;
    body.setAttribute('aria-busy', 'true');
    try {
      const { customerStatement } = await gql(CUSTOMER_STATEMENT, { customerId: params.id, from: state.from || null, to: state.to || null });
      if (token === state.token) draw(customerStatement);
    } catch (error) {
      if (token === state.token) fill(body, errorView(error, { retry: load }));
    } finally {
      if (token === state.token) body.removeAttribute('aria-busy');
    }
  }

  fill(root, header, h('form', { class: 'filters filters-stack', onsubmit: (event) => event.preventDefault() }, days), body);
  load();
  return { refresh: load };
}
