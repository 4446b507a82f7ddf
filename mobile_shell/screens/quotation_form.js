/**
 * Writing a quotation (新建报价 / 编辑报价单, for orders.edit) on a phone, with the order entry's
 * parts: the customer search (?customerId= preselects one), lines found by search or scan with
 * − / + steppers, price and discount, then how long the offer holds (today + 15 days unless
 * changed) and remarks. The running total stays at the bottom with 保存草稿; the quotation's
 * screen opens afterwards. One idempotency key per visit: a double tap or a retry after a lost
 * answer makes one quotation. /quotations/:id/edit changes a draft; a sent one cannot change.
 */

import { ORDER_CUSTOMER, QUOTATION_CREATE, QUOTATION_EDIT, QUOTATION_UPDATE } from '../api/sales.js';
import { gql } from '../core/graphql.js';
import { appUrl, navigate } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { today } from '../ui/finance_fields.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { card, screenHeader } from '../ui/layout.js';
import { customerSearch } from '../ui/order_customer.js';
import { lineEditor } from '../ui/order_lines.js';
import { fromCents } from '../ui/order_status.js';
import { money, newKey } from '../ui/quantity.js';
import { skuSearch } from '../ui/sku_search.js';
import { emptyView, errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

export const DEFAULT_VALID_DAYS = 15;

/** "2026-03-01" + 15 → "2026-03-16", by the calendar (no time zone can shift it). */
export function daysAfter(day, days) {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** lines.0.skuId → lines.0 when the form has no box of that name, so it lands on its line. */
function placer(form) {
  return (error) => {
    if (!error.field || form.querySelector(`.field[data-field="${CSS.escape(error.field)}"]`)) return error;
    const match = /^(lines\.\d+)\./.exec(error.field);
    return match ? { ...error, field: match[1] } : error;
  };
}

export function mount(root, { params, query }) {
  const editing = Boolean(params.id);
  let key = newKey('quotation');
  const state = { quotation: null, quotationId: null, customer: null };
  const form = h('form', { class: 'po-form order-form quotation-form', novalidate: true, 'aria-label': t(editing ? 'quotation.edit_title' : 'quotation.create_title') });
  const totalSlot = h('p', { class: 'order-total', role: 'status' });
  const customerSlot = h('div', {});
  const editor = lineEditor({
    onChange: (cents) => {
      totalSlot.textContent = t('order.total', { amount: money(fromCents(cents), state.quotation?.currency) });
    },
  });
  const saveDraft = h('button', { type: 'submit', class: 'button' }, t(editing ? 'order.save_changes' : 'order.save_draft'));

  function drawSearch() {
    fill(customerSlot, customerSearch({ onPick: pickCustomer }).element);
  }

  function pickCustomer(customer) {
    state.customer = customer;
    const change = h(
      'button',
      {
        type: 'button',
        class: 'button button-quiet button-small',
        'aria-label': t('order.customer_change_named', { name: customer.name }),
        onclick: () => {
          state.customer = null;
          drawSearch();
        },
      },
      t('order.customer_change'),
    );
    fill(
      customerSlot,
      h(
        'div',
        { class: 'field order-customer', dataset: { field: 'customerId', customerId: customer.id } },
        h('div', { class: 'po-form-line-head' }, h('div', { class: 'item-main' }, h('strong', {}, customer.name), h('span', { class: 'muted small' }, [customer.code, customer.phone].filter(Boolean).join(' · '))), change),
        h('input', { type: 'hidden', name: 'customerId', value: customer.id }),
        h('p', { class: 'field-error', hidden: true }),
      ),
    );
  }

  function readInput() {
    const problems = [];
    if (!state.customer) problems.push({ field: 'customerId', code: 'required', message: t('quotation.customer_required') });
    if (!editor.lines.length) problems.push({ code: 'no_lines', message: t('order.no_lines') });
    const lines = editor.read();
    problems.push(...lines.problems);
    const input = {
      customerId: state.customer?.id,
      lines: lines.lines,
      validUntil: form.elements.validUntil.value || null, // empty: the server's default validity
      remarks: form.elements.remarks.value.trim(),
    };
    return { problems, input };
  }

  async function write(input) {
    if (state.quotationId) return (await gql(QUOTATION_UPDATE, { id: state.quotationId, input })).quotationUpdate;
    const result = (await gql(QUOTATION_CREATE, { input: { ...input, idempotencyKey: key } })).quotationCreate;
    if (result.errors.length) key = newKey('quotation'); // nothing was saved: a corrected one is a new request
    return result;
  }

  async function save() {
    clearErrors(form);
    const { problems, input } = readInput();
    if (problems.length) return showErrors(form, problems.map(placer(form)));
    return busy(saveDraft, async () => {
      try {
        const result = await write(input);
        if (result.errors.length) return showErrors(form, result.errors.map(placer(form)));
        const quotation = result.quotation;
        state.quotationId = quotation.id; // a retry from here on changes this one, never makes another
        toast(t(editing ? 'quotation.updated' : 'quotation.created', { number: quotation.number }), { kind: 'success' });
        return navigate(`/quotations/${quotation.id}`);
      } catch (error) {
        return showErrors(form, [error]);
      }
    });
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    save();
  });

  function drawForm() {
    const quotation = state.quotation;
    const quoteDate = quotation?.quoteDate || today();
    fill(
      form,
      formError(),
      card(t('order.customer'), customerSlot),
      card(t('order.lines'), skuSearch({ name: 'addSku', label: t('order.add_sku'), onPick: (sku) => editor.addSku(sku) }), editor.element),
      card(
        t('quotation.terms'),
        h(
          'div',
          { class: 'form-grid' },
          field({
            name: 'validUntil',
            label: t('quotation.valid_until'),
            type: 'date',
            value: quotation ? quotation.validUntil : daysAfter(quoteDate, DEFAULT_VALID_DAYS),
            min: quoteDate,
            hint: t('quotation.valid_until_hint', { days: DEFAULT_VALID_DAYS }),
          }),
          field({ name: 'remarks', label: t('order.remarks'), value: quotation?.remarks || '', maxlength: 500, autocomplete: 'off' }),
        ),
      ),
      h('div', { class: 'form-actions sticky-actions order-actions-bar' }, totalSlot, saveDraft),
    );
  }

  async function loadQuotation(body, back) {
    const { quotation } = await gql(QUOTATION_EDIT, { id: params.id });
    if (quotation.status !== 'draft') {
      fill(body, emptyView({ iconName: 'alert', title: t('quotation.not_editable', { number: quotation.number }), action: h('a', { href: appUrl(`/quotations/${quotation.id}`), class: 'button' }, t('quotation.open')) }));
      return false;
    }
    state.quotation = quotation;
    state.quotationId = quotation.id;
    fill(root, screenHeader(t('quotation.edit_for', { number: quotation.number }), back), body);
    drawForm();
    pickCustomer(quotation.customer);
    await editor.addLines(
      quotation.lines.map((line) => ({
        lineId: null,
        sku: line.sku,
        unitName: line.unitName,
        unitFactor: line.unitFactor,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        discountRate: line.discountRate,
        keep: { taxRate: line.taxRate, remark: line.remark }, // sent back as they are
      })),
      { replace: true },
    );
    return true;
  }

  async function load() {
    const title = t(editing ? 'quotation.edit_title' : 'quotation.create_title');
    const back = h('a', { href: appUrl(editing ? `/quotations/${params.id}` : '/quotations'), class: 'button button-quiet' }, t(editing ? 'quotation.title' : 'quotations.title'));
    const body = h('div', {}, loadingView(4));
    fill(root, screenHeader(title, back), body);
    try {
      if (editing) {
        if (!(await loadQuotation(body, back))) return;
      } else {
        drawForm();
        const wanted = query.get('customerId');
        if (wanted) pickCustomer((await gql(ORDER_CUSTOMER, { id: wanted })).customer);
        else drawSearch();
      }
      fill(body, form);
    } catch (error) {
      fill(body, error.code === 'not_found' ? emptyView({ iconName: 'alert', title: t('quotation.not_found') }) : errorView(error, { retry: load }));
    }
  }

  load();
  return {};
}
