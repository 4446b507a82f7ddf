/**
 * An endpoint's delivery log: its deliveries a page at a time, newest event first, filtered by
 * status; each with its attempts (status code, milliseconds, error) and a Redeliver button.
 * While a delivery shown waits for an attempt queued now (a redelivery, a new event), the log
 * asks again every few seconds for a while, so its outcome appears without a pull.
 */

import { WEBHOOK_DELIVERIES, WEBHOOK_DELIVERY_REDELIVER } from '../api/partners.js';
import { gql } from '../core/graphql.js';
import { formatDateTime, formatNumber, hasText, t } from '../i18n/i18n.js';
import { h } from './element.js';
import { busy, field } from './form.js';
import { pagedList } from './paged_list.js';
import { eventLabel } from './partner_common.js';
import { emptyView, errorText } from './states.js';
import { toast } from './toast.js';

const PAGE = 20;
const STATUSES = ['pending', 'succeeded', 'failed'];
const CHIPS = { pending: 'chip chip-pending', succeeded: 'chip chip-good', failed: 'chip chip-bad' };
const FOLLOW_EVERY_MS = 2000;
const FOLLOW_TIMES = 15;

function statusChip(status) {
  const label = hasText(`delivery.status.${status}`) ? t(`delivery.status.${status}`) : status;
  return h('span', { class: CHIPS[status] || 'chip', dataset: { status } }, label);
}

function outcome(statusCode, latencyMs, error) {
  return [
    statusCode ? `HTTP ${statusCode}` : t('delivery.no_answer'),
    latencyMs !== null && latencyMs !== undefined ? t('delivery.latency', { ms: formatNumber(latencyMs) }) : null,
    error || null,
  ]
    .filter(Boolean)
    .join(' · ');
}

function attemptRow(attempt) {
  return h(
    'li',
    { class: attempt.succeeded ? 'attempt-row' : 'attempt-row attempt-failed', dataset: { number: String(attempt.number) } },
    h('span', {}, t('delivery.attempt', { number: attempt.number }), ' · ', formatDateTime(attempt.attemptedAt)),
    h('span', { class: 'attempt-outcome' }, outcome(attempt.statusCode, attempt.latencyMs, attempt.errorCode)),
    attempt.responseExcerpt && h('code', { class: 'muted small attempt-excerpt' }, attempt.responseExcerpt),
  );
}

/** The log of one endpoint: { element, load() , stop() }. canRedeliver() says whether it is switched on. */
export function deliveryLog({ endpointId, canRedeliver }) {
  const state = { status: '', following: 0, timer: 0 };

  async function redeliver(delivery, button) {
    await busy(button, async () => {
      try {
        const { webhookDeliveryRedeliver: result } = await gql(WEBHOOK_DELIVERY_REDELIVER, { id: delivery.id });
        if (result.errors.length) return toast(errorText(result.errors[0]), { kind: 'error' });
        toast(t('delivery.redelivered'), { kind: 'success' });
        follow();
        return list.load();
      } catch (error) {
        return toast(errorText(error), { kind: 'error' });
      }
    });
  }

  function deliveryRow(delivery) {
    const button = h(
      'button',
      { type: 'button', class: 'button button-quiet button-small', disabled: !canRedeliver(), 'aria-label': t('delivery.redeliver_named', { event: delivery.eventType }) },
      t('delivery.redeliver'),
    );
    button.addEventListener('click', () => redeliver(delivery, button));
    return h(
      'li',
      { class: 'delivery-row', dataset: { deliveryId: delivery.id, eventId: delivery.eventId, status: delivery.status } },
      h(
        'div',
        { class: 'item-row' },
        h(
          'div',
          { class: 'item-main' },
          h('strong', {}, eventLabel(delivery.eventType)),
          h('code', { class: 'muted small' }, `${delivery.eventType} · ${delivery.eventId}`),
          h('span', { class: 'muted small' }, formatDateTime(delivery.createdAt)),
        ),
        h(
          'div',
          { class: 'item-meta' },
          statusChip(delivery.status),
          h('span', { class: 'muted small' }, t('delivery.attempts', { count: formatNumber(delivery.attempts) })),
          delivery.attempts > 0 && h('span', { class: 'muted small' }, outcome(delivery.lastStatusCode, delivery.lastLatencyMs, delivery.lastError)),
          delivery.nextAttemptAt && h('span', { class: 'muted small' }, t('delivery.next_attempt', { when: formatDateTime(delivery.nextAttemptAt) })),
        ),
      ),
      h(
        'details',
        { class: 'delivery-attempts' },
        h('summary', {}, t('delivery.attempt_log', { count: formatNumber(delivery.log.length) })),
        delivery.log.length ? h('ol', { class: 'attempt-list' }, delivery.log.map(attemptRow)) : h('p', { class: 'muted small' }, t('delivery.no_attempts')),
      ),
      h('div', { class: 'form-actions' }, button),
    );
  }

  const list = pagedList({
    pageSize: PAGE,
    keepRows: true,
    fetch: async (paging) => {
      const { webhookDeliveries } = await gql(WEBHOOK_DELIVERIES, { endpointId, status: state.status || null, ...paging });
      return webhookDeliveries;
    },
    row: deliveryRow,
    label: () => t('delivery.list_title'),
    listClass: 'item-list card delivery-list',
    count: (shown) => t('delivery.count', { count: formatNumber(shown.total) }),
    empty: () => emptyView({ iconName: 'inbox', title: t('delivery.empty'), hint: state.status ? '' : t('delivery.empty_hint') }),
    onLoaded: () => {
      // Keep asking while something waits for an attempt queued now; stop when all settled.
      const waiting = list.items.some((delivery) => delivery.status === 'pending' && !delivery.nextAttemptAt);
      if (waiting && state.following > 0) schedule();
    },
  });

  function schedule() {
    clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.following -= 1;
      list.load();
    }, FOLLOW_EVERY_MS);
  }

  function follow() {
    state.following = FOLLOW_TIMES;
  }

  const filter = field({
    name: 'status',
    label: t('delivery.filter'),
    options: [{ value: '', label: t('delivery.status_all') }, ...STATUSES.map((status) => ({ value: status, label: t(`delivery.status.${status}`) }))],
  });
  filter.querySelector('select').addEventListener('change', (event) => {
    state.status = event.target.value;
    list.load();
  });
  const refresh = h('button', { type: 'button', class: 'button button-quiet', onclick: () => list.load() }, t('delivery.refresh'));

  const element = h(
    'div',
    { class: 'delivery-log' },
    h('form', { class: 'filters', role: 'search', onsubmit: (event) => event.preventDefault() }, filter, h('div', { class: 'delivery-refresh' }, refresh)),
    list.summary,
    list.element,
  );
  return {
    element,
    load: () => list.load(),
    /** After a replay or on opening: follow what was just queued. */
    follow: () => (follow(), list.load()),
    stop: () => clearTimeout(state.timer),
  };
}
