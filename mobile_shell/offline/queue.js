/**
 * The outbox: actions are written to IndexedDB before they are sent, each with an idempotency
 * key made when it is queued, and sent in order when the connection comes back.
 *
 * The key travels with the action through every retry, so a resend after a lost response makes
 * the server return the first result (replayed) instead of doing the work twice. Items belong
 * to the user who queued them and are only sent while that user is signed in.
 */

import { isOnline } from '../core/connectivity.js';
import { emit, on } from '../core/events.js';
import { gql } from '../core/graphql.js';
import { session } from '../core/session.js';
import { actionFor } from './actions.js';
import * as db from './db.js';

const RETRY_FIRST_MS = 2000;
const RETRY_MAX_MS = 60000;
const MAX_SERVER_FAULTS = 5;

const sending = new Set();
let flushing = null;
let retryTimer = 0;
let retryDelay = RETRY_FIRST_MS;

/** An RFC 4122 v4 id from getRandomValues, which (unlike randomUUID) works on plain http too. */
function uuid() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** This user's queued items, oldest first. */
export async function queuedItems() {
  const userId = session().user?.id;
  if (!userId) return [];
  return (await db.all(db.OUTBOX)).filter((item) => item.userId === userId);
}

async function announce() {
  const items = await queuedItems();
  emit('outbox:changed', items);
  return items;
}

async function enqueue(type, input, meta) {
  actionFor(type); // fail now, not at send time, for a type nobody registered
  const key = `${type}:${uuid()}`; // 8-80 chars of [A-Za-z0-9_.:-], as the API requires
  const item = {
    id: key,
    type,
    input,
    meta, // what the outbox shows beside the input (names for the ids it holds), never sent
    userId: session().user.id,
    createdAt: new Date().toISOString(),
    state: 'pending',
    error: null,
    attempts: 0,
  };
  sending.add(key); // a flush running meanwhile must leave it to perform()
  await db.put(db.OUTBOX, item);
  return item;
}

function retryLater() {
  clearTimeout(retryTimer);
  retryTimer = setTimeout(flush, retryDelay);
  retryDelay = Math.min(RETRY_MAX_MS, retryDelay * 2);
}

/**
 * Sends one item and records the outcome: "sent", "rejected", "retry" or "wait". `inline` means
 * a form is waiting for the answer and shows any errors itself: nothing is recorded for them.
 */
async function send(item, { inline = false } = {}) {
  const action = actionFor(item.type);
  const input = action.idempotent ? { ...item.input, idempotencyKey: item.id } : item.input;
  sending.add(item.id);
  try {
    const payload = action.payload(await gql(action.mutation, { input }));
    if (payload.errors.length) {
      if (inline) return { outcome: 'rejected', errors: payload.errors };
      // Every error is kept: an order's come back per line, to be resolved one by one.
      await db.put(db.OUTBOX, { ...item, state: 'failed', error: payload.errors[0], errors: payload.errors });
      emit('outbox:failed', { item, errors: payload.errors });
      return { outcome: 'rejected', errors: payload.errors };
    }
    await db.remove(db.OUTBOX, item.id);
    retryDelay = RETRY_FIRST_MS;
    if (!inline) emit('outbox:sent', { item, payload }); // a waiting form reports success itself
    return { outcome: 'sent', payload };
  } catch (error) {
    if (error.isTransport) return { outcome: 'retry' };
    if (error.code === 'unauthenticated' || error.code === 'csrf_failed') return { outcome: 'wait' };
    const attempts = item.attempts + 1;
    const gaveUp = error.code !== 'internal_error' || attempts >= MAX_SERVER_FAULTS;
    const problem = { field: null, code: error.code, message: error.message };
    if (inline && gaveUp) return { outcome: 'rejected', errors: [problem] };
    await db.put(db.OUTBOX, { ...item, attempts, state: gaveUp ? 'failed' : 'pending', error: problem });
    if (gaveUp) emit('outbox:failed', { item, errors: [problem] });
    return { outcome: gaveUp ? 'rejected' : 'retry', errors: [problem] };
  } finally {
    sending.delete(item.id);
  }
}

async function runFlush() {
  const { status, stale } = session();
  if (!isOnline() || status !== 'signedIn' || stale) return;
  const drain = async () => {
    for (const item of await queuedItems()) {
      if (item.state !== 'pending' || sending.has(item.id)) continue;
      const { outcome } = await send(item);
      if (outcome === 'retry') retryLater();
      if (outcome === 'retry' || outcome === 'wait') break;
    }
  };
  // One tab at a time sends the outbox; the idempotency keys cover the rest.
  if (navigator.locks) await navigator.locks.request('sparrow-outbox', drain);
  else await drain();
}

/** Sends every pending item now (when possible). Safe to call often: runs are not stacked. */
export function flush() {
  if (!flushing) {
    flushing = runFlush()
      .catch((error) => console.warn('outbox flush failed', error))
      .then(announce)
      .finally(() => {
        flushing = null;
      });
  }
  return flushing;
}

/**
 * Performs an action now if possible, else keeps it for later. Returns
 *   { status: "sent", payload }      done
 *   { status: "rejected", errors }   the server said no (typed errors); nothing is kept
 *   { status: "queued", item }       will be sent when the connection returns
 */
export async function perform(type, input, { meta = null } = {}) {
  const item = await enqueue(type, input, meta);
  if (!isOnline()) {
    sending.delete(item.id);
    await announce();
    return { status: 'queued', item };
  }
  const result = await send(item, { inline: true });
  if (result.outcome === 'rejected') await db.remove(db.OUTBOX, item.id);
  if (result.outcome === 'retry') retryLater();
  await announce();
  if (result.outcome === 'sent') return { status: 'sent', payload: result.payload };
  if (result.outcome === 'rejected') return { status: 'rejected', errors: result.errors };
  return { status: 'queued', item };
}

export async function discard(id) {
  await db.remove(db.OUTBOX, id);
  await announce();
}

/**
 * Changes a failed item before it is sent again (an order's lines fixed in the outbox): its
 * input, what it shows, and the errors still open. The key stays: it is still the same order.
 */
export async function revise(id, { input, meta, errors }) {
  const item = await db.get(db.OUTBOX, id);
  if (!item) return;
  await db.put(db.OUTBOX, { ...item, input, meta, errors, error: errors[0] || null });
  await announce();
}

export async function retry(id) {
  const item = await db.get(db.OUTBOX, id);
  if (item) await db.put(db.OUTBOX, { ...item, state: 'pending', error: null, errors: [], attempts: 0 });
  retryDelay = RETRY_FIRST_MS;
  return flush();
}

on('connectivity:changed', (online) => {
  if (online) {
    retryDelay = RETRY_FIRST_MS;
    flush();
  }
});
on('session:changed', () => announce());
