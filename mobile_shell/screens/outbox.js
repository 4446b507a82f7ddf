/**
 * Actions waiting to be sent (taken offline, or whose answer was lost): what they are, since
 * when, and whether the server refused one (with its reason), to retry or discard it. An order
 * taken offline lists its lines, a refused one with each line's problem and fix.
 */

import { isOnline } from '../core/connectivity.js';
import { on } from '../core/events.js';
import { formatRelative, t } from '../i18n/i18n.js';
import { actionFor } from '../offline/actions.js';
import { discard, flush, queuedItems, retry } from '../offline/queue.js';
import { fill, h } from '../ui/element.js';
import { icon } from '../ui/icons.js';
import { screenHeader } from '../ui/layout.js';
import { outboxOrder } from '../ui/outbox_order.js';
import { emptyView, errorText } from '../ui/states.js';

function row(item) {
  const failed = item.state === 'failed';
  // An order shows its lines, each with its own problem and fix (ui/outbox_order.js).
  const order = item.type.startsWith('order.') ? outboxOrder(item) : null;
  const canRetry = failed && (order ? order.sendable : true);
  return h(
    'li',
    { class: 'outbox-row', dataset: { state: item.state, type: item.type } },
    h(
      'div',
      { class: 'outbox-main' },
      h('strong', {}, actionFor(item.type).describe(item.input, item)),
      h('span', { class: 'muted small' }, t('outbox.queued_at', { when: formatRelative(item.createdAt) })),
      failed && !order && h('span', { class: 'field-error' }, errorText(item.error)),
      order && order.element,
    ),
    h(
      'span',
      { class: failed ? 'chip chip-bad' : 'chip chip-pending' },
      icon(failed ? 'alert' : 'clock', { size: 16 }),
      t(failed ? 'outbox.state_failed' : 'outbox.state_pending'),
    ),
    h(
      'div',
      { class: 'outbox-actions' },
      canRetry && h('button', { type: 'button', class: 'button button-small', onclick: () => retry(item.id) }, t(order ? 'offorder.resend' : 'action.retry')),
      h('button', { type: 'button', class: 'button button-quiet button-small', onclick: () => discard(item.id) }, t('outbox.discard')),
    ),
  );
}

export function mount(root) {
  const list = h('div', { class: 'outbox-host' });
  const syncNow = h(
    'button',
    { type: 'button', class: 'button', onclick: () => flush() },
    icon('refresh', { size: 20 }),
    t('outbox.sync_now'),
  );

  function draw(items) {
    syncNow.hidden = items.length === 0;
    syncNow.disabled = !isOnline();
    fill(
      list,
      h('p', { class: 'muted' }, isOnline() ? t('outbox.explain_online') : t('outbox.explain_offline')),
      items.length
        ? h('ul', { class: 'plain-list card' }, items.map(row))
        : emptyView({ iconName: 'check', title: t('outbox.empty') }),
    );
  }

  fill(root, screenHeader(t('nav.outbox'), syncNow), list);
  const load = async () => draw(await queuedItems());
  load();
  const stops = [on('outbox:changed', draw), on('connectivity:changed', load)];
  return { refresh: () => flush(), unmount: () => stops.forEach((stop) => stop()) };
}
