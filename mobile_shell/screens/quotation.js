/**
 * One quotation (报价单): customer, dates, lines with prices and discounts, totals and its
 * history; send, accept, reject or cancel it, print it, and convert a sent or accepted one into
 * a draft order (转为订单) shipped from the warehouse chosen — one idempotency key per visit.
 */

import { WAREHOUSES } from '../api/inventory.js';
import { QUOTATION, QUOTATION_ACCEPT, QUOTATION_CANCEL, QUOTATION_CONVERT, QUOTATION_REJECT, QUOTATION_SEND } from '../api/sales.js';
import { gql } from '../core/graphql.js';
import { cachedQuery } from '../core/query_cache.js';
import { appUrl, navigate } from '../core/urls.js';
import { formatDate, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { busy, field } from '../ui/form.js';
import { documentThread } from '../ui/chat_thread.js';
import { card, facts, screenHeader } from '../ui/layout.js';
import { noteDialog } from '../ui/order_actions.js';
import { skuText } from '../ui/order_status.js';
import { timeline } from '../ui/order_timeline.js';
import { money, newKey, qty } from '../ui/quantity.js';
import { quotationChip } from '../ui/quotation_status.js';
import { emptyView, errorText, errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

// The steps in the order their buttons show, each with its mutation; which of them the user may
// take is the quotation's availableActions (its status flow and the user's scopes).
const STEPS = [
  ['send', 'quotationSend'],
  ['accept', 'quotationAccept'],
  ['reject', 'quotationReject'],
  ['cancel', 'quotationCancel'],
];
const MUTATIONS = { quotationSend: QUOTATION_SEND, quotationAccept: QUOTATION_ACCEPT, quotationReject: QUOTATION_REJECT, quotationCancel: QUOTATION_CANCEL };

/** The warehouse to ship the new order from: resolves to its id, or null when cancelled. */
function warehouseDialog(quotation, warehouses) {
  return new Promise((resolve) => {
    const choice = field({ name: 'warehouseId', label: t('order.warehouse'), options: warehouses.map((one) => ({ value: one.id, label: one.name })) });
    const titleId = `convert-title-${Date.now()}`;
    const dialog = h(
      'dialog',
      { class: 'dialog', 'aria-labelledby': titleId },
      h(
        'form',
        { method: 'dialog' },
        h('h2', { id: titleId }, t('quotation.convert_title', { number: quotation.number })),
        h('p', {}, t('quotation.convert_body')),
        choice,
        h('div', { class: 'dialog-actions' }, h('button', { class: 'button button-quiet', value: 'cancel', type: 'submit' }, t('action.cancel')), h('button', { class: 'button', value: 'ok', type: 'submit' }, t('quotation.convert'))),
      ),
    );
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok' ? choice.querySelector('select').value : null);
      dialog.remove();
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

export function mount(root, { params }) {
  const body = h('div', {});
  const thread = documentThread({ quotationId: params.id }); // once: a redraw keeps what is being written
  const convertKey = newKey('quotation-convert');
  const back = () => h('a', { href: appUrl('/quotations'), class: 'button button-quiet' }, t('quotations.title'));

  async function step(button, quotation, name, mutation) {
    const note = name === 'reject' || name === 'cancel' ? await noteDialog({ title: t(`quotation.${name}_title`, { number: quotation.number }), label: t('order.note_optional'), confirmLabel: t(`quotation.${name}`), danger: true }) : '';
    if (note === null) return;
    await busy(button, async () => {
      try {
        const data = await gql(MUTATIONS[mutation], { id: quotation.id, note });
        const result = data[mutation];
        if (result.errors.length) return toast(errorText(result.errors[0]), { kind: 'error' });
        toast(t(`quotation.${name}_done`, { number: quotation.number }), { kind: 'success' });
        return load();
      } catch (error) {
        return toast(errorText(error), { kind: 'error' });
      }
    });
  }

  async function convert(button, quotation) {
    try {
      const { data } = await cachedQuery('warehouses', WAREHOUSES);
      const warehouseId = await warehouseDialog(quotation, data.warehouses);
      if (!warehouseId) return;
      await busy(button, async () => {
        const { quotationConvert: result } = await gql(QUOTATION_CONVERT, { id: quotation.id, warehouseId, idempotencyKey: convertKey });
        if (result.errors.length) return toast(errorText(result.errors[0]), { kind: 'error' });
        toast(t('quotation.converted', { number: result.salesOrder.number }), { kind: 'success' });
        return navigate(`/orders/${result.salesOrder.id}`);
      });
    } catch (error) {
      toast(errorText(error), { kind: 'error' });
    }
  }

  function actions(quotation) {
    const offered = new Set(quotation.availableActions || []);
    const list = [];
    if (offered.has('edit')) list.push(h('a', { href: appUrl(`/quotations/${quotation.id}/edit`), class: 'button button-quiet' }, t('quotation.edit')));
    if (offered.has('convert')) {
      const button = h('button', { type: 'button', class: 'button' }, t('quotation.convert'));
      button.addEventListener('click', () => convert(button, quotation));
      list.push(button);
    }
    for (const [name, mutation] of STEPS.filter(([name]) => offered.has(name))) {
      const button = h('button', { type: 'button', class: name === 'cancel' ? 'button button-danger-quiet' : 'button button-quiet' }, t(`quotation.${name}`));
      button.addEventListener('click', () => step(button, quotation, name, mutation));
      list.push(button);
    }
    return list;
  }

  function lineItem(line, currency) {
    return h(
      'li',
      { class: 'item-row', dataset: { skuCode: line.sku.code } },
      h('div', { class: 'item-main' }, h('strong', {}, skuText(line.sku)), h('span', { class: 'muted small' }, line.sku.code)),
      h(
        'div',
        { class: 'item-meta' },
        h('span', {}, `${qty(line.quantity)} ${line.unitName}`),
        h('span', { class: 'muted small' }, `× ${money(line.unitPrice, currency)}${Number(line.discountRate) ? ` · ${t('order.discount_n', { n: qty(line.discountRate) })}` : ''}`),
        h('strong', {}, money(line.amount, currency)),
      ),
    );
  }

  function draw(quotation) {
    const c = quotation.currency;
    const print = h('a', { href: `/sales/quotations/${encodeURIComponent(quotation.id)}/print/`, class: 'button button-quiet', target: '_blank', rel: 'noopener' }, t('order.print'));
    fill(
      root,
      screenHeader(quotation.number, back()),
      h('div', { class: 'form-actions', style: { flexWrap: 'wrap', justifyContent: 'flex-start', marginBottom: '12px' } }, actions(quotation), print),
      h(
        'div',
        { class: 'card-grid' },
        card(
          t('quotation.facts'),
          facts([
            [t('order.status_label'), quotationChip(quotation.status)],
            [t('order.customer'), quotation.customer.name],
            [t('order.rep'), quotation.rep.fullName],
            [t('quotation.quote_date'), formatDate(quotation.quoteDate)],
            [t('quotation.valid_until'), formatDate(quotation.validUntil)],
            quotation.remarks && [t('order.remarks'), quotation.remarks],
            Number(quotation.discountAmount) > 0 && [t('order.discount_amount'), money(quotation.discountAmount, c)],
            [t('order.total_amount'), h('strong', {}, money(quotation.totalAmount, c))],
            [t('order.tax_amount'), money(quotation.taxAmount, c)],
          ]),
        ),
        card(t('order.lines'), h('ul', { class: 'item-list', 'aria-label': t('order.lines') }, quotation.lines.map((line) => lineItem(line, c)))),
        card(t('order.timeline'), timeline(quotation.events, { prefix: 'quotation.status' })),
        thread.element,
      ),
    );
  }

  async function load() {
    if (!root.querySelector('.card')) {
      fill(root, screenHeader(t('quotation.title'), back()), body);
      fill(body, loadingView(4));
    }
    try {
      const { quotation } = await gql(QUOTATION, { id: params.id });
      draw(quotation);
    } catch (error) {
      fill(root, screenHeader(t('quotation.title'), back()), body);
      fill(body, error.code === 'not_found' ? emptyView({ iconName: 'alert', title: t('quotation.not_found') }) : errorView(error, { retry: load }));
    }
  }
  load();
  return { refresh: load, unmount: () => thread.unmount() };
}
