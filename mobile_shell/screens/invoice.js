/**
 * One invoice: customer, kind, title and taxpayer id, amount and tax, the orders it covers.
 * finance.manage issues a draft (the number printed on the 发票 and the day it was issued) and
 * voids a draft or an issued invoice after a confirmation (its amounts may be invoiced again).
 */

import { INVOICE, INVOICE_ISSUE, INVOICE_VOID } from '../api/finance.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatDateTime, t } from '../i18n/i18n.js';
import { confirmDialog } from '../ui/confirm.js';
import { fill, h } from '../ui/element.js';
import { mayRecord, statusChip, today } from '../ui/finance_fields.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { aside, card, detailColumns, facts, screenHeader } from '../ui/layout.js';
import { money } from '../ui/quantity.js';
import { emptyView, errorText, errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

function issueForm(invoice, reload) {
  const submit = h('button', { type: 'submit', class: 'button' }, t('invoice.issue'));
  const form = h(
    'form',
    { class: 'invoice-issue', novalidate: true, 'aria-label': t('invoice.issue_title') },
    formError(),
    h(
      'div',
      { class: 'form-grid' },
      field({ name: 'taxInvoiceNumber', label: t('invoice.tax_number'), required: true, maxlength: 40, autocomplete: 'off', inputmode: 'numeric' }),
      field({ name: 'issueDate', label: t('invoice.issue_date'), type: 'date', value: today(), max: today() }),
      field({ name: 'note', label: t('fin.note'), maxlength: 200, autocomplete: 'off' }),
    ),
    h('div', { class: 'form-actions' }, submit),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearErrors(form);
    const value = (name) => form.elements[name].value.trim();
    if (!value('taxInvoiceNumber')) return showErrors(form, [{ field: 'taxInvoiceNumber', code: 'required' }]);
    return busy(submit, async () => {
      try {
        const input = { id: invoice.id, taxInvoiceNumber: value('taxInvoiceNumber'), issueDate: value('issueDate') || null, note: value('note') };
        const { invoiceIssue: result } = await gql(INVOICE_ISSUE, { input });
        if (result.errors.length) return showErrors(form, result.errors);
        toast(t('invoice.issued', { number: invoice.number }), { kind: 'success' });
        return reload();
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  });
  return form;
}

export function mount(root, { params }) {
  const body = h('div', {});
  const back = () => h('a', { href: appUrl('/invoices'), class: 'button button-quiet' }, t('invoice.list_title'));

  async function voidInvoice(button, invoice) {
    const sure = await confirmDialog({ title: t('invoice.void_title', { number: invoice.number }), message: t('invoice.void_body'), confirmLabel: t('invoice.void'), danger: true });
    if (!sure) return;
    await busy(button, async () => {
      try {
        const { invoiceVoid: result } = await gql(INVOICE_VOID, { id: invoice.id });
        if (result.errors.length) return toast(errorText(result.errors[0]), { kind: 'error' });
        toast(t('invoice.voided', { number: invoice.number }), { kind: 'success' });
        return load();
      } catch (error) {
        return toast(errorText(error), { kind: 'error' });
      }
    });
  }

  function draw(invoice) {
    const manage = mayRecord() && invoice.status !== 'void';
    const voidButton = manage && h('button', { type: 'button', class: 'button button-danger-quiet button-small' }, t('invoice.void'));
    if (voidButton) voidButton.addEventListener('click', () => voidInvoice(voidButton, invoice));
    const link = (one) =>
      h(
        'li',
        { class: 'item-row', dataset: { number: one.order.number } },
        h('div', { class: 'item-main' }, h('a', { href: appUrl(`/orders/${one.order.id}`) }, h('strong', {}, one.order.number)), h('span', { class: 'muted small' }, formatDate(one.order.orderDate))),
        h('div', { class: 'item-meta' }, h('strong', {}, money(one.amount))),
      );
    fill(
      root,
      screenHeader(invoice.number, back(), voidButton),
      detailColumns(
        aside(card(
          t('invoice.facts'),
          facts([
            [t('invoice.status_label'), statusChip('invoice.status', invoice.status)],
            [t('fin.customer'), h('a', { href: appUrl(`/customers/${invoice.customer.id}`) }, invoice.customer.name)],
            [t('invoice.kind_label'), t(`invoice.kind.${invoice.kind}`)],
            [t('invoice.title_field'), invoice.title || '—'],
            [t('invoice.taxpayer_id'), invoice.taxpayerId || '—'],
            [t('fin.amount'), h('strong', {}, money(invoice.amount))],
            [t('invoice.tax_amount'), money(invoice.taxAmount)],
            invoice.taxInvoiceNumber && [t('invoice.tax_number'), invoice.taxInvoiceNumber],
            invoice.issueDate && [t('invoice.issue_date'), formatDate(invoice.issueDate)],
            invoice.note && [t('fin.note'), invoice.note],
            [t('fin.recorded_by'), `${invoice.createdByName} · ${formatDateTime(invoice.createdAt)}`],
          ]),
        )),
        card(t('invoice.orders'), h('ul', { class: 'item-list', 'aria-label': t('invoice.orders') }, invoice.orders.map(link))),
        manage && invoice.status === 'draft' && aside(card(t('invoice.issue_title'), issueForm(invoice, load))),
      ),
    );
  }

  async function load() {
    if (!root.querySelector('.card')) {
      fill(root, screenHeader(t('invoice.title'), back()), body);
      fill(body, loadingView(4));
    }
    try {
      draw((await gql(INVOICE, { id: params.id })).invoice);
    } catch (error) {
      fill(root, screenHeader(t('invoice.title'), back()), body);
      fill(body, error.code === 'not_found' ? emptyView({ iconName: 'wallet', title: t('invoice.not_found') }) : errorView(error, { retry: load }));
    }
  }
  load();
  return { refresh: load };
}
