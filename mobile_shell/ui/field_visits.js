/**
 * Pieces the field screens share: a visit's verdict chip, distances, one visit as a row of the
 * day (time, customer, verdict, distance, QR, 离线补传, photos, and its record: the visit type and
 * purpose, linking to the visit screen), a check-in still in the outbox as a 待上传 row (with
 * 记录, to record it before it is sent), the phone's id for a check-in, and the names of
 * customers checked in at.
 *
 * The outbox keeps a queued check-in's input exactly as the API takes it (customerId, not the
 * name), so the name is remembered here, beside the query cache's copies (its `sparrow.q.`
 * prefix: signing out forgets it with them).
 */

import { appUrl } from '../core/urls.js';
import { formatDate, formatNumber, t } from '../i18n/i18n.js';
import { h } from './element.js';
import { photoStrip } from './field_photos.js';
import { icon } from './icons.js';
import { errorText } from './states.js';

// Anyone in the field: reps (own), managers (their teams), owners and admins (all).
export const FIELD_SCOPES = ['field.view_own', 'field.view_team', 'field.view_all'];
export const CHECK_IN = 'visit.check_in';
// A visit's record (拜访记录) in the outbox; offline/actions.js maps it to visitRecord.
export const RECORD = 'visit.record';
const NAMES_KEY = 'sparrow.q.field.customer_names';
const NAMES_KEPT = 200;
const VERDICT_CLASS = { in_range: 'chip chip-good', out_of_range: 'chip chip-bad', unverifiable: 'chip chip-pending', no_position: 'chip' };

/** A new check-in's id on this phone: a resend of the same check-in returns the first visit. */
export function newClientId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // randomUUID needs a secure context; a phone on a plain-http test server still gets 128 bits.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function readNames() {
  try {
    return JSON.parse(localStorage.getItem(NAMES_KEY) || '{}');
  } catch {
    return {};
  }
}

/** Remembers a customer's name by id, for check-ins that wait in the outbox. */
export function rememberCustomer(customer) {
  const names = readNames();
  delete names[customer.id];
  names[customer.id] = customer.name; // re-added last: the oldest names are dropped first
  const ids = Object.keys(names);
  for (const id of ids.slice(0, Math.max(0, ids.length - NAMES_KEPT))) delete names[id];
  try {
    localStorage.setItem(NAMES_KEY, JSON.stringify(names));
  } catch {
    // Storage full or off: the pending row shows the customer's number instead.
  }
}

export function customerName(id) {
  return readNames()[id] || t('field.customer_number', { id });
}

/** "85 米" / "1.2 公里". */
export function distanceText(meters) {
  if (meters === null || meters === undefined) return '';
  if (meters < 1000) return t('field.meters', { n: formatNumber(meters) });
  return t('field.kilometres', { n: formatNumber(meters / 1000, { maximumFractionDigits: 1 }) });
}

export function timeText(value) {
  return formatDate(value, { timeStyle: 'short' });
}

export function verdictChip(verdict) {
  return h('span', { class: `${VERDICT_CLASS[verdict] || 'chip'} visit-verdict`, dataset: { verdict } }, t(`field.verdict.${verdict}`));
}

/** The facts of one visit, as chips: verdict, distance, QR proof, sent later from the outbox. */
export function visitChips(visit) {
  return h(
    'div',
    { class: 'visit-chips' },
    verdictChip(visit.verdict),
    visit.distanceMeters !== null && h('span', { class: 'chip visit-distance' }, distanceText(visit.distanceMeters)),
    visit.qrVerified && h('span', { class: 'chip chip-good visit-qr' }, icon('check', { size: 14 }), t('field.qr_verified')),
    visit.capturedOffline && h('span', { class: 'chip chip-pending visit-offline' }, t('field.captured_offline')),
    visit.photos?.some((photo) => photo.reused) && h('span', { class: 'chip chip-bad visit-reused' }, t('field.photo_reused')),
  );
}

/** The address of a visit's screen; a check-in still in the outbox is named by its clientId. */
export function visitUrl({ id = null, clientId = null }) {
  return appUrl(id ? `/field/visits/${encodeURIComponent(id)}` : `/field/visits/pending?client=${encodeURIComponent(clientId)}`);
}

/**
 * The record's line of a row: the type and purpose once recorded, else 记录拜访 (the rep) or
 * 查看 (anyone else), linking to the visit screen; 记录待上传 while a record waits in the outbox.
 */
function recordLine(visit, { own, recordQueued }) {
  const recorded = !!visit.recordedAt;
  const text = recorded ? [visit.kind && h('strong', {}, visit.kind.name), visit.kind && visit.purpose && ' · ', visit.purpose] : t(own ? 'fvisit.record' : 'fvisit.open');
  return h(
    'div',
    { class: 'visit-record-line' },
    h(
      'a',
      {
        href: visitUrl(visit),
        class: recorded ? 'visit-record-link' : 'button button-quiet button-small visit-record-link',
        dataset: { recorded: String(recorded) },
        'aria-label': recorded ? null : t(own ? 'fvisit.record_for' : 'fvisit.open_for', { name: visit.customer.name }),
      },
      recorded && !visit.kind && !visit.purpose ? t('fvisit.recorded') : text,
    ),
    recordQueued && h('span', { class: 'chip chip-pending visit-record-queued' }, icon('upload', { size: 14 }), t('fvisit.record_queued')),
  );
}

/**
 * One visit of the day; `actions` (a check-out button or form) goes below it. `own` says the
 * viewer is the visit's rep; `recordQueued` that a record of it waits in the outbox.
 */
export function visitRow(visit, actions = null, { own = false, recordQueued = false } = {}) {
  const late = visit.capturedOffline && visit.capturedAt;
  return h(
    'li',
    { class: 'visit-row', dataset: { visitId: visit.id, verdict: visit.verdict, open: String(!visit.checkedOutAt) } },
    h('span', { class: 'visit-time' }, timeText(late ? visit.capturedAt : visit.checkedInAt)),
    h(
      'div',
      { class: 'visit-main' },
      h('a', { href: appUrl(`/customers/${visit.customer.id}`), class: 'visit-customer' }, visit.customer.name),
      visitChips(visit),
      late && h('span', { class: 'muted small' }, t('field.received_at', { time: timeText(visit.checkedInAt) })),
      visit.checkedOutAt && h('span', { class: 'muted small' }, t('field.checked_out_at', { time: timeText(visit.checkedOutAt) })),
      visit.notes && h('p', { class: 'visit-notes' }, visit.notes),
      photoStrip(visit.photos),
      recordLine(visit, { own, recordQueued }),
      actions,
    ),
  );
}

/**
 * A check-in waiting in the outbox (待上传), or refused when it was sent (上传失败). While it waits
 * the rep may record the visit already (记录): the record follows it through the outbox.
 */
export function pendingVisitRow(item, { recordQueued = false } = {}) {
  const failed = item.state === 'failed';
  const name = customerName(item.input.customerId);
  return h(
    'li',
    { class: 'visit-row visit-row-pending', dataset: { pending: 'true', clientId: item.input.clientId } },
    h('span', { class: 'visit-time' }, timeText(item.input.capturedAt || item.createdAt)),
    h(
      'div',
      { class: 'visit-main' },
      h('strong', { class: 'visit-customer' }, name),
      h(
        'div',
        { class: 'visit-chips' },
        h('span', { class: failed ? 'chip chip-bad' : 'chip chip-pending' }, icon(failed ? 'alert' : 'upload', { size: 14 }), t(failed ? 'field.upload_failed' : 'field.pending_upload')),
        !item.input.latitude && h('span', { class: 'chip' }, t('field.verdict.no_position')),
        recordQueued && h('span', { class: 'chip chip-pending visit-record-queued' }, icon('upload', { size: 14 }), t('fvisit.record_queued')),
      ),
      failed && h('span', { class: 'field-error' }, errorText(item.error), ' ', h('a', { href: appUrl('/outbox') }, t('field.open_outbox'))),
      !failed &&
        h(
          'div',
          { class: 'visit-record-line' },
          h('a', { href: visitUrl({ clientId: item.input.clientId }), class: 'button button-quiet button-small visit-record-link', 'aria-label': t('fvisit.record_for', { name }) }, t('fvisit.record')),
        ),
    ),
  );
}
