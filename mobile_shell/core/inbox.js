/**
 * The notification centre's state on this device: the unread count for the badge, kept from
 * the server (the inbox lives there, so every device of a person agrees), and the text of a
 * live notification for its toast.
 *
 * Emits "inbox:changed" with the count whenever it changes.
 */

import {
  NOTIFICATION_UNREAD_COUNT,
  NOTIFICATIONS_MARK_ALL_READ,
  NOTIFICATIONS_MARK_READ,
} from '../api/notifications.js';
import { hasText, t } from '../i18n/i18n.js';
import { emit } from './events.js';
import { gql } from './graphql.js';

let unread = 0;
let asked = 0; // a slower, older answer never overwrites a newer count

export function unreadCount() {
  return unread;
}

function setUnread(count) {
  const next = Math.max(0, Number(count) || 0);
  if (next === unread) return;
  unread = next;
  emit('inbox:changed', unread);
}

/** Asks the server for the unread count (sign-in, a live notification, back online). */
export async function refreshUnread() {
  const mine = ++asked;
  try {
    const data = await gql(NOTIFICATION_UNREAD_COUNT);
    if (mine === asked) setUnread(data.notificationUnreadCount);
  } catch {
    // Offline or signed out: the badge keeps what it showed.
  }
}

/** The count the server pushed (the unreadCount subscription): it is the truth. */
export function unreadFromServer(count) {
  asked++;
  setUnread(count);
}

/** A notification arrived live: count it at once, then let the server confirm. */
export function noteArrived(notification) {
  if (notification && notification.read) return;
  setUnread(unread + 1);
  refreshUnread();
}

export async function markAllRead() {
  asked++;
  setUnread(0);
  const data = await gql(NOTIFICATIONS_MARK_ALL_READ);
  setUnread(data.notificationsMarkAllRead.unreadCount);
}

export async function markRead(id) {
  asked++;
  const data = await gql(NOTIFICATIONS_MARK_READ, { ids: [id] });
  setUnread(data.notificationsMarkRead.unreadCount);
}

export function resetInbox() {
  asked++;
  setUnread(0);
}

/** The text of a live notification: its title, written by the server in the person's language
 * (an older live event without one is named by its kind). */
export function describeEvent(event) {
  if (event?.title) return event.body ? `${event.title} · ${event.body}` : event.title;
  const payload = event?.payload || {};
  return hasText(`event.${event?.kind}`) ? t(`event.${event.kind}`, payload) : event?.kind || '';
}
