/**
 * Transfers (移库, for inventory.manage): stock sent from one warehouse to another, newest
 * first. The goods stay in transit until the receiving warehouse confirms them here, or the
 * transfer is cancelled (after a confirmation) and they go back to the sending warehouse.
 */

import { TRANSFERS, TRANSFER_CANCEL, TRANSFER_RECEIVE } from '../api/inventory.js';
import { gql } from '../core/graphql.js';
import { appUrl } from '../core/urls.js';
import { formatDateTime, formatNumber, t } from '../i18n/i18n.js';
import { confirmDialog } from '../ui/confirm.js';
import { fill, h } from '../ui/element.js';
import { busy } from '../ui/form.js';
import { screenHeader } from '../ui/layout.js';
import { qty } from '../ui/quantity.js';
import { emptyView, errorText, errorView, loadingView } from '../ui/states.js';
import { documentChip } from '../ui/stock_documents.js';
import { toast } from '../ui/toast.js';

export function mount(root) {
  const list = h('div', {});
  const summary = h('p', { class: 'muted', role: 'status' });

  async function receive(button, doc) {
    const ok = await confirmDialog({ title: t('transfer.receive_title', { number: doc.number }), message: t('transfer.receive_body', { to: doc.toWarehouse }), confirmLabel: t('transfer.receive') });
    if (ok) await step(button, TRANSFER_RECEIVE, 'transferReceive', t('transfer.received', { number: doc.number }), doc);
  }

  async function cancel(button, doc) {
    const ok = await confirmDialog({ title: t('transfer.cancel_title', { number: doc.number }), message: t('transfer.cancel_body', { from: doc.warehouse }), confirmLabel: t('transfer.cancel'), danger: true });
    if (ok) await step(button, TRANSFER_CANCEL, 'transferCancel', t('transfer.cancelled', { number: doc.number }), doc);
  }

  async function step(button, mutation, name, done, doc) {
    await busy(button, async () => {
      try {
        const { [name]: result } = await gql(mutation, { id: doc.id });
        if (result.errors.length) return toast(errorText(result.errors[0]), { kind: 'error' });
        toast(done, { kind: 'success' });
        return load();
      } catch (error) {
        return toast(errorText(error), { kind: 'error' });
      }
    });
  }

  function row(doc) {
    const open = doc.status === 'in_transit';
    const button = open && h('button', { type: 'button', class: 'button button-small' }, t('transfer.receive'));
    if (button) button.addEventListener('click', () => receive(button, doc));
    const drop = open && h('button', { type: 'button', class: 'button button-quiet button-small' }, t('transfer.cancel'));
    if (drop) drop.addEventListener('click', () => cancel(drop, doc));
    return h(
      'li',
      { class: 'item-row transfer-row', dataset: { number: doc.number, status: doc.status } },
      h(
        'div',
        { class: 'item-main' },
        h('strong', {}, doc.number),
        h('span', { class: 'small' }, `${doc.warehouse} → ${doc.toWarehouse}`),
        h('span', { class: 'muted small' }, doc.lines.map((line) => `${line.sku.code} × ${qty(line.quantity)}`).join(' · ')),
        h('span', { class: 'muted small' }, `${formatDateTime(doc.createdAt)} · ${doc.createdBy}`),
      ),
      h('div', { class: 'item-meta' }, documentChip('transfer', doc.status), h('span', { class: 'muted small' }, t('transfer.lines_n', { count: formatNumber(doc.lines.length) })), button, drop),
    );
  }

  async function load() {
    if (!list.firstChild) fill(list, loadingView(3));
    list.setAttribute('aria-busy', 'true');
    try {
      const { transfers } = await gql(TRANSFERS, { limit: 50 });
      summary.textContent = t('po.count', { count: formatNumber(transfers.totalCount) });
      fill(
        list,
        transfers.items.length
          ? h('ul', { class: 'item-list card', 'aria-label': t('transfer.list_title') }, transfers.items.map(row))
          : emptyView({ iconName: 'refresh', title: t('transfer.empty') }),
      );
    } catch (error) {
      fill(list, errorView(error, { retry: load }));
    } finally {
      list.removeAttribute('aria-busy');
    }
  }

  const create = h('a', { href: appUrl('/transfers/new'), class: 'button' }, t('transfer.create'));
  fill(root, screenHeader(t('transfer.list_title'), create), summary, list);
  load();
  return { refresh: load };
}
