/**
 * Batch actions on the orders ticked in the desktop table: approve, reject with a reason, print,
 * export, assign a rep, ship. Approve, reject, assign and ship go row by row on the server
 * (salesOrderBatch…, shipmentBatchShip): each order is done or refused on its own, and the
 * results dialog lists which failed and why. One idempotency key per action, so a repeated
 * click or a retry after a lost answer never acts twice. Buttons follow the person's scopes;
 * the server checks each row again.
 */

import { ORDER_BATCH_APPROVE, ORDER_BATCH_ASSIGN_REP, ORDER_BATCH_REJECT, ORDER_BATCH_SHIP } from '../api/workbench.js';
import { gql } from '../core/graphql.js';
import { hasScope } from '../core/session.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { confirmDialog } from './confirm.js';
import { fill, h } from './element.js';
import { busy, clearErrors, field, formError, showErrors } from './form.js';
import { may } from './order_status.js';
import { errorText } from './states.js';
import { toast } from './toast.js';

function batchKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return `batch-${[...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** A modal with the per-row results: how many were done, and each failing order with why. */
function resultsDialog(title, { okCount, failedCount, rows }) {
  const titleId = `batch-results-${Date.now()}`;
  const failed = rows.filter((row) => !row.ok);
  const dialog = h(
    'dialog',
    { class: 'dialog batch-results', 'aria-labelledby': titleId },
    h(
      'form',
      { method: 'dialog' },
      h('h2', { id: titleId }, title),
      h('p', { role: 'status', dataset: { batchSummary: '' } }, t('batch.summary', { ok: formatNumber(okCount), failed: formatNumber(failedCount) })),
      failed.length > 0 &&
        h(
          'ul',
          { class: 'batch-failures', 'aria-label': t('batch.failures') },
          failed.map((row) =>
            h('li', { dataset: { orderId: row.orderId || '' } }, h('strong', {}, row.orderNumber || `#${row.row + 1}`), ' ', h('span', {}, row.errors.map((error) => errorText(error)).join(' '))),
          ),
        ),
      h('div', { class: 'dialog-actions' }, h('button', { type: 'submit', class: 'button' }, t('action.close'))),
    ),
  );
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
}

/** A small form in a modal; `fields` are ui/form.js fields; resolves with FormData or null. */
function askDialog({ title, fields, confirmLabel }) {
  return new Promise((resolve) => {
    const titleId = `batch-ask-${Date.now()}`;
    const submit = h('button', { type: 'submit', class: 'button' }, confirmLabel);
    const form = h(
      'form',
      { class: 'stack' },
      h('h2', { id: titleId }, title),
      fields,
      formError(),
      h('div', { class: 'dialog-actions' }, h('button', { type: 'button', class: 'button button-quiet', onclick: () => dialog.close() }, t('action.cancel')), submit),
    );
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId }, form);
    let answer = null;
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      clearErrors(form);
      answer = new FormData(form);
      dialog.close();
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/**
 * The bar above the orders table. `tableOf()` returns the table (for its ticked ids),
 * `reload()` reads the page again after an action; `reps` lists who orders may be given to.
 */
export function orderBatchBar({ reps = () => [] }) {
  return (tableOf, reload) => {
    const count = h('span', { class: 'batch-count', role: 'status' });
    const buttons = h('div', { class: 'batch-buttons' });
    const element = h('div', { class: 'batch-bar', hidden: true, role: 'region', 'aria-label': t('batch.label') }, count, buttons);
    let ids = [];

    async function run(button, title, mutation, input, pick) {
      const done = await busy(button, async () => {
        try {
          return pick(await gql(mutation, { input: { ...input, ids, idempotencyKey: batchKey() } }));
        } catch (error) {
          toast(errorText(error), { kind: 'error' });
          return null;
        }
      });
      if (!done) return;
      if (done.errors.length) {
        toast(errorText(done.errors[0]), { kind: 'error' });
        return;
      }
      resultsDialog(title, done);
      tableOf().clear();
      reload();
    }

    async function approve(button) {
      const ok = await confirmDialog({ title: t('batch.approve_title', { count: formatNumber(ids.length) }), confirmLabel: t('order.approve') });
      if (ok) run(button, t('batch.approve_results'), ORDER_BATCH_APPROVE, { note: '' }, (data) => data.salesOrderBatchApprove);
    }

    async function reject(button) {
      const reason = field({ name: 'reason', label: t('batch.reason'), required: true, maxlength: 200, autocomplete: 'off' });
      const answer = await askDialog({ title: t('batch.reject_title', { count: formatNumber(ids.length) }), fields: [reason], confirmLabel: t('batch.reject') });
      if (answer) run(button, t('batch.reject_results'), ORDER_BATCH_REJECT, { reason: String(answer.get('reason') || '') }, (data) => data.salesOrderBatchReject);
    }

    async function assign(button) {
      const options = [{ value: '', label: t('batch.pick_rep') }, ...reps().map((user) => ({ value: user.id, label: user.fullName }))];
      const rep = field({ name: 'repId', label: t('batch.rep'), options, required: true });
      const answer = await askDialog({ title: t('batch.assign_title', { count: formatNumber(ids.length) }), fields: [rep], confirmLabel: t('batch.assign') });
      if (answer?.get('repId')) run(button, t('batch.assign_results'), ORDER_BATCH_ASSIGN_REP, { repId: answer.get('repId') }, (data) => data.salesOrderBatchAssignRep);
    }

    async function ship(button) {
      const ok = await confirmDialog({ title: t('batch.ship_title', { count: formatNumber(ids.length) }), message: t('batch.ship_body'), confirmLabel: t('batch.ship') });
      if (!ok) return;
      const done = await busy(button, async () => {
        try {
          const input = { rows: ids.map((orderId) => ({ orderId })), idempotencyKey: batchKey() };
          return (await gql(ORDER_BATCH_SHIP, { input })).shipmentBatchShip;
        } catch (error) {
          toast(errorText(error), { kind: 'error' });
          return null;
        }
      });
      if (!done) return;
      if (done.errors.length) return toast(errorText(done.errors[0]), { kind: 'error' });
      resultsDialog(t('batch.ship_results'), { okCount: done.batch.shippedCount, failedCount: done.batch.failedCount, rows: done.batch.rows });
      tableOf().clear();
      reload();
    }

    function draw() {
      const joined = ids.join(',');
      const button = (label, action, name) => {
        const node = h('button', { type: 'button', class: 'button button-small', dataset: { batch: name } }, label);
        node.addEventListener('click', () => action(node));
        return node;
      };
      fill(
        buttons,
        may.review() && button(t('order.approve'), approve, 'approve'),
        may.review() && button(t('batch.reject'), reject, 'reject'),
        h('a', { class: 'button button-quiet button-small', href: `/sales/orders/print/?ids=${joined}`, target: '_blank', rel: 'noopener', dataset: { batch: 'print' } }, t('batch.print')),
        hasScope('reports.view') && h('a', { class: 'button button-quiet button-small', href: `/reports/orders.xlsx?ids=${joined}`, download: '', dataset: { batch: 'export' } }, t('export.xlsx')),
        may.edit() && hasScope('orders.view_all') && button(t('batch.assign'), assign, 'assign'),
        hasScope('shipping.manage') && button(t('batch.ship'), ship, 'ship'),
      );
    }

    return {
      element,
      update(next) {
        ids = next;
        element.hidden = !ids.length;
        count.textContent = t('batch.count', { count: formatNumber(ids.length) });
        if (ids.length) draw();
      },
    };
  };
}
