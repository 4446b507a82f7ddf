/**
 * An order's history: the timeline of status changes (who, when, from → to, and the note: why it
 * was rejected or cancelled), and the revisions made after approval with what each changed.
 */

import { formatDateTime, hasText, t } from '../i18n/i18n.js';
import { h } from './element.js';

function statusName(status, prefix) {
  return status && hasText(`${prefix}.${status}`) ? t(`${prefix}.${status}`) : status || '';
}

/** The status history as an ordered list, oldest first; `prefix` names the statuses' keys. */
export function timeline(events, { prefix = 'order.status' } = {}) {
  if (!events.length) return h('p', { class: 'muted' }, t('order.timeline_empty'));
  return h(
    'ol',
    { class: 'plain-list history order-timeline', 'aria-label': t('order.timeline') },
    events.map((event) =>
      h(
        'li',
        { dataset: { to: event.toStatus } },
        h('strong', {}, event.fromStatus ? t('order.moved', { from: statusName(event.fromStatus, prefix), to: statusName(event.toStatus, prefix) }) : t('order.created_event', { to: statusName(event.toStatus, prefix) })),
        h('span', { class: 'muted small block' }, [formatDateTime(event.createdAt), event.actorName].filter(Boolean).join(' · ')),
        event.note && h('span', { class: 'small block order-event-note' }, t('order.event_note', { note: event.note })),
      ),
    ),
  );
}

/** "lines[2].quantity" → "第 2 行 数量"; header fields by name. */
function changeLabel(field) {
  const line = /^lines\[(\d+)\](?:\.(\w+))?$/.exec(field);
  if (line) {
    const part = line[2] && hasText(`order.change.${line[2]}`) ? t(`order.change.${line[2]}`) : line[2] || '';
    return `${t('order.change_line', { n: line[1] })}${part ? ` ${part}` : ''}`;
  }
  return hasText(`order.change.${field}`) ? t(`order.change.${field}`) : field;
}

/** The revisions, newest first, each with its changes as "field: before → after". */
export function revisions(list) {
  return h(
    'ol',
    { class: 'plain-list history order-revisions', 'aria-label': t('order.revisions') },
    [...list].reverse().map((revision) =>
      h(
        'li',
        { dataset: { revision: String(revision.revision) } },
        h('strong', {}, t('order.revision_n', { n: revision.revision })),
        h('span', { class: 'muted small block' }, [formatDateTime(revision.createdAt), revision.actorName].filter(Boolean).join(' · ')),
        revision.note && h('span', { class: 'small block' }, t('order.event_note', { note: revision.note })),
        h(
          'ul',
          { class: 'small order-changes' },
          revision.changes.map((change) => h('li', {}, `${changeLabel(change.field)}：${change.before ?? '—'} → ${change.after ?? '—'}`)),
        ),
      ),
    ),
  );
}
