/**
 * Notifications that arrived over the live socket, newest first, with an unread count for the
 * badge. Kept in localStorage per user so the list survives a reload; capped at 50.
 */

import { hasText, t } from '../i18n/i18n.js';
import { emit } from './events.js';
import { session } from './session.js';

const LIMIT = 50;

function storageKey() {
  return `sparrow.inbox.${session().user?.id || 'none'}`;
}

function read() {
  try {
    return JSON.parse(localStorage.getItem(storageKey()) || '[]');
  } catch {
    return [];
  }
}

function write(entries) {
  try {
    localStorage.setItem(storageKey(), JSON.stringify(entries.slice(0, LIMIT)));
  } catch {
    // Storage full: the notifications still showed as toasts.
  }
  emit('inbox:changed', unreadCount());
}

export function inboxEntries() {
  return read();
}

export function unreadCount() {
  return read().filter((entry) => !entry.read).length;
}

/** Stores one live event ({kind, payload}); `read` is true when the user already saw it. */
export function addToInbox(event, { read: alreadyRead = false } = {}) {
  const entry = { kind: event.kind, payload: event.payload || {}, at: new Date().toISOString(), read: alreadyRead };
  write([entry, ...read()]);
}

export function markAllRead() {
  write(read().map((entry) => ({ ...entry, read: true })));
}

export function clearInbox() {
  write([]);
}

/** The text of a live event, for toasts and the inbox list. */
export function describeEvent(event) {
  const payload = event.payload || {};
  if (event.kind === 'user.invited') {
    return t('event.user_invited', { name: payload.fullName || payload.email, email: payload.email });
  }
  return hasText(`event.${event.kind}`) ? t(`event.${event.kind}`, payload) : event.kind;
}

const ownActions = new Set();

/**
 * Notes an action this device is about to cause (e.g. the e-mail of an invite), so its echo on
 * the live socket is filed as read instead of toasting the user about what they just did.
 */
export function expectEcho(kind, marker) {
  ownActions.add(`${kind}:${marker}`);
}

export function isEcho(event) {
  return ownActions.delete(`${event.kind}:${event.payload?.email ?? event.payload?.id}`);
}
