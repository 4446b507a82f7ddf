/**
 * One customer return: order and customer, reason, settlement, warehouse, the lines coming back,
 * its history, and the steps the user may take now:
 *   待审核 → 通过 / 驳回 (orders.review)     已审核 → 确认收货 (inventory.manage: goods back in stock)
 *   已收货 → 结算 (finance.manage: refund the money, or take it off what the customer owes)
 *   待审核 / 已审核 → 取消 (the rep who asked, or a reviewer)
 * A note typed here goes with whichever step is taken.
 */

import { SALES_RETURN, SALES_RETURN_APPROVE, SALES_RETURN_CANCEL, SALES_RETURN_RECEIVE, SALES_RETURN_REJECT, SALES_RETURN_SETTLE } from '../api/sales.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatDateTime, hasText, t } from '../i18n/i18n.js';
import { confirmDialog } from '../ui/confirm.js';
import { textArea } from '../ui/customer_fields.js';
import { fill, h } from '../ui/element.js';
import { methodField, statusChip, today } from '../ui/finance_fields.js';
import { busy, clearErrors, field, formError, showErrors } from '../ui/form.js';
import { aside, card, detailColumns, facts, screenHeader } from '../ui/layout.js';
import { money, qty } from '../ui/quantity.js';
import { emptyView, errorView, loadingView } from '../ui/states.js';
import { toast } from '../ui/toast.js';

const MUTATIONS = {
  salesReturnApprove: SALES_RETURN_APPROVE,
  salesReturnReject: SALES_RETURN_REJECT,
  salesReturnReceive: SALES_RETURN_RECEIVE,
  salesReturnSettle: SALES_RETURN_SETTLE,
  salesReturnCancel: SALES_RETURN_CANCEL,
};
// step → [mutation, who may take it, from which statuses, confirm first?, danger?]
const STEPS = {
  approve: ['salesReturnApprove', ['orders.review'], ['pending_approval'], false, false],
  reject: ['salesReturnReject', ['orders.review'], ['pending_approval'], true, true],
  receive: ['salesReturnReceive', ['inventory.manage'], ['approved'], true, false],
  settle: ['salesReturnSettle', ['finance.manage'], ['received'], false, false],
  cancel: ['salesReturnCancel', ['orders.edit', 'orders.review'], ['pending_approval', 'approved'], true, true],
};

/** A settle event's note is the settlement kind for a credit ("credit") or the refund's number. */
function eventNote(event) {
  const settlement = `sreturn.settlement.${event.note}`;
  return event.toStatus === 'settled' && hasText(settlement) ? t(settlement) : event.note;
}

function lineItem(line) {
  return h(
    'li',
    { class: 'item-row', dataset: { skuCode: line.sku.code } },
    h('div', { class: 'item-main' }, h('strong', {}, `${line.sku.name}${line.sku.specLabel ? ` · ${line.sku.specLabel}` : ''}`), h('span', { class: 'muted small' }, line.sku.code)),
    h('div', { class: 'item-meta' }, h('span', { class: 'qty' }, `${qty(line.quantity)} ${line.sku.baseUnit}`), line.amount !== null && h('span', { class: 'muted small' }, money(line.amount))),
  );
}

export function mount(root, { params }) {
  const body = h('div', {});
  const back = () => h('a', { href: appUrl('/returns'), class: 'button button-quiet' }, t('sreturn.list_title'));

  /** The steps allowed now, as buttons over one note box (and the refund details to settle). */
  function actions(item) {
    const allowed = Object.keys(STEPS).filter((step) => hasScope(STEPS[step][1]) && STEPS[step][2].includes(item.status));
    if (!allowed.length) return null;
    const settling = allowed.includes('settle');
    const form = h(
      'form',
      { class: 'return-actions', novalidate: true, 'aria-label': t('sreturn.actions'), onsubmit: (event) => event.preventDefault() },
      formError(),
      settling &&
        h(
          'div',
          { class: 'form-grid' },
          field({ name: 'settlement', label: t('sreturn.settlement'), value: item.settlement, options: ['refund', 'credit'].map((value) => ({ value, label: t(`sreturn.settlement.${value}`) })) }),
          methodField(),
          field({ name: 'refundedOn', label: t('refund.refunded_on'), type: 'date', value: today(), max: today() }),
          field({ name: 'reference', label: t('fin.reference'), maxlength: 60, autocomplete: 'off' }),
        ),
      textArea({ name: 'note', label: t('sreturn.note'), maxlength: 200, rows: 2 }),
    );
    const buttons = allowed.map((step) => {
      const [mutation, , , ask, danger] = STEPS[step];
      const button = h('button', { type: 'button', class: danger ? 'button button-danger-quiet' : 'button', dataset: { step } }, t(`sreturn.step.${step}`));
      button.addEventListener('click', async () => {
        clearErrors(form);
        if (ask && !(await confirmDialog({ title: t(`sreturn.confirm.${step}`, { number: item.number }), message: t(`sreturn.confirm_body.${step}`), confirmLabel: t(`sreturn.step.${step}`), danger }))) return;
        const value = (name) => form.elements[name]?.value.trim() || '';
        const variables = step === 'settle'
          ? { input: { id: item.id, settlement: value('settlement'), method: value('method'), refundedOn: value('refundedOn') || null, reference: value('reference'), note: value('note') } }
          : { id: item.id, note: value('note') };
        await busy(button, async () => {
          try {
            const result = (await gql(MUTATIONS[mutation], variables))[mutation];
            if (result.errors.length) return showErrors(form, result.errors);
            toast(t(`sreturn.done.${step}`, { number: item.number }), { kind: 'success' });
            return load();
          } catch (error) {
            return showErrors(form, [error]);
          }
        });
      });
      return button;
    });
    form.append(h('div', { class: 'form-actions' }, buttons));
    return card(t('sreturn.actions'), form);
  }

  function draw(item) {
    const event = (one) => h('li', {}, statusChip('sreturn.status', one.toStatus), h('span', { class: 'muted small' }, ` ${formatDateTime(one.createdAt)}${one.actorName ? ` · ${one.actorName}` : ''}`), one.note && h('span', { class: 'small block' }, eventNote(one)));
    fill(
      root,
      screenHeader(item.number, back()),
      h('p', { class: 'muted subtitle' }, statusChip('sreturn.status', item.status), ` ${item.customer.name}`),
      detailColumns(
        aside(actions(item)),
        aside(card(
          t('sreturn.facts'),
          facts([
            [t('sreturn.order'), h('a', { href: appUrl(`/orders/${item.orderId}`) }, item.orderNumber)],
            [t('fin.customer'), item.customer.name],
            [t('sreturn.reason'), item.reasonNote ? `${item.reasonLabel}：${item.reasonNote}` : item.reasonLabel],
            [t('sreturn.settlement'), t(`sreturn.settlement.${item.settlement}`)],
            [t('sreturn.warehouse'), item.warehouse.name],
            item.amount !== null && [t('fin.amount'), h('strong', {}, money(item.amount))],
            item.costAmount !== null && [t('sreturn.cost'), money(item.costAmount)],
            [t('sreturn.return_date'), formatDate(item.returnDate)],
            item.receivedAt && [t('sreturn.received_at'), formatDateTime(item.receivedAt)],
            [t('fin.recorded_by'), `${item.createdByName} · ${formatDateTime(item.createdAt)}`],
          ]),
        )),
        card(t('sreturn.lines'), h('ul', { class: 'item-list', 'aria-label': t('sreturn.lines') }, item.lines.map(lineItem))),
        aside(card(t('sreturn.history'), h('ol', { class: 'plain-list history', 'aria-label': t('sreturn.history') }, item.events.map(event)))),
      ),
    );
  }

  async function load() {
    if (!root.querySelector('.card')) {
      fill(root, screenHeader(t('sreturn.title'), back()), body);
      fill(body, loadingView(4));
    }
    try {
      draw((await gql(SALES_RETURN, { id: params.id })).salesReturn);
    } catch (error) {
      fill(root, screenHeader(t('sreturn.title'), back()), body);
      fill(body, error.code === 'not_found' ? emptyView({ iconName: 'undo', title: t('sreturn.not_found') }) : errorView(error, { retry: load }));
    }
  }
  load();
  return { refresh: load };
}
