/**
 * Live delivery: GraphQL subscriptions over the WebSocket of /graphql/ (graphql-transport-ws,
 * through the vendored graphql-ws client). Connects while someone is signed in, reconnects with
 * exponential backoff and jitter, resumes after the last notification it received (so nothing
 * missed while away is lost, nothing is shown twice), and detects dead links with ping/pong.
 *
 * Emits "live:event" for each notification ({id, kind, title, body, link, read, createdAt,
 * payload}), "live:unread" with the unread count, "live:status" (connecting/open/closed) and
 * "auth:required" / "session:revoked" when the server says the session is over. Screens add
 * their own subscriptions on the same socket with liveSubscribe (chat: the `messages` stream);
 * each is made again on every new connection, with the variables its screen gives then (its
 * latest cursor), so a reconnect resumes where it stopped.
 * The server closes a signed-out socket with 4401, a revoked one with 4403, and refuses with 4503
 * while it cannot deliver (backed off across refusals). A socket that dies without a code (1006:
 * network, proxy, restart) is retried only after the session is checked over HTTP, so an expired
 * session leads to the login screen, not endless retries.
 */

import { ALIVE } from '../api/accounts.js';
import { LIVE_NOTIFICATIONS, LIVE_UNREAD_COUNT } from '../api/live.js';
import { createClient } from '../vendor/graphql-ws/client.js';
import { isOnline } from './connectivity.js';
import { emit } from './events.js';
import { gql } from './graphql.js';

const PING_EVERY_MS = 25000;
const PONG_WITHIN_MS = 10000;
const MAX_DELAY_MS = 30000;
const CLOSE_NOT_SIGNED_IN = 4401;
const CLOSE_REVOKED = 4403;
const CLOSE_UNKNOWN_HOST = 4404;
const CLOSE_TRY_LATER = 4503;
const SEEN_LIMIT = 500;
let refusals = 0;

let client = null; // one graphql-ws client per connection attempt
let wanted = false;
let attempt = 0;
let retryTimer = 0;
let pongTimer = 0;
let status = 'closed';
let lastId = 0; // the highest notification id received: a reconnect resumes after it
const seen = new Set(); // ids received lately: a replay never shows one twice
const extra = new Set(); // the screens' own subscriptions: { query, variables(), next, stop }

export function liveStatus() {
  return status;
}

function setStatus(next) {
  status = next;
  document.documentElement.dataset.live = next;
  emit('live:status', next);
}

function nextDelay() {
  const ceiling = Math.min(MAX_DELAY_MS, 1000 * 2 ** attempt);
  attempt += 1;
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function scheduleReconnect() {
  clearTimeout(retryTimer);
  if (!wanted || !isOnline()) return;
  retryTimer = setTimeout(reconnectIfSignedIn, nextDelay());
}

async function reconnectIfSignedIn() {
  if (!wanted || !isOnline()) return;
  try {
    await gql(ALIVE); // an expired session raises auth:required instead
  } catch (error) {
    if (error.code !== 'unauthenticated') scheduleReconnect();
    return;
  }
  connect();
}

function received(notification) {
  const id = Number(notification.id);
  if (id > 0) {
    if (seen.has(id)) return;
    seen.add(id);
    if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value);
    lastId = Math.max(lastId, id);
  }
  emit('live:event', notification);
}

function connect() {
  if (!wanted || client || !isOnline()) return;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  let opened = false;
  let socket = null;
  const current = createClient({
    url: `${scheme}://${location.host}/graphql/`,
    lazy: true,
    retryAttempts: 0, // reconnecting is ours: it knows the session and the server's close codes
    keepAlive: PING_EVERY_MS,
    on: {
      opened: (ws) => {
        socket = ws;
      },
      connected: () => {
        if (client !== current) return;
        opened = true;
        attempt = 0;
        refusals = 0;
        setStatus('open');
      },
      ping: (fromServer) => {
        if (!fromServer) pongTimer = setTimeout(() => socket?.close(4499, 'Terminated'), PONG_WITHIN_MS);
      },
      pong: (fromServer) => {
        if (!fromServer) clearTimeout(pongTimer);
      },
      closed: (closed) => onClosed(current, closed, opened),
    },
  });
  client = current;
  setStatus('connecting');
  // Both on one socket; each result goes out at once, the replay first (oldest first).
  const after = lastId > 0 ? String(lastId) : null;
  current.subscribe({ query: LIVE_NOTIFICATIONS, variables: { after } }, {
    next: ({ data }) => data?.notifications && client === current && received(data.notifications),
    error: () => {},
    complete: () => {},
  });
  current.subscribe({ query: LIVE_UNREAD_COUNT }, {
    next: ({ data }) => client === current && typeof data?.unreadCount === 'number' && emit('live:unread', data.unreadCount),
    error: () => {},
    complete: () => {},
  });
  for (const entry of extra) attach(current, entry);
}

function attach(current, entry) {
  entry.stop = current.subscribe({ query: entry.query, variables: entry.variables() }, {
    next: ({ data }) => client === current && extra.has(entry) && data && entry.next(data),
    error: () => {},
    complete: () => {},
  });
}

/**
 * Subscribes on the live socket while it is open, and again after each reconnect with
 * `variables()` as they are then; `next(data)` gets each result. Returns the unsubscribe.
 */
export function liveSubscribe(query, variables, next) {
  const entry = { query, variables, next, stop: null };
  extra.add(entry);
  if (client) attach(client, entry);
  return () => {
    extra.delete(entry);
    entry.stop?.();
  };
}

// Events of a client that was replaced or stopped are ignored.
function onClosed(current, closed, opened) {
  if (client !== current) return;
  client = null;
  clearTimeout(pongTimer);
  current.dispose().catch(() => {});
  setStatus('closed');
  const code = closed?.code;
  if (code === CLOSE_NOT_SIGNED_IN) {
    wanted = false;
    emit('auth:required');
  } else if (code === CLOSE_REVOKED) {
    wanted = false;
    emit('session:revoked');
  } else if (code === CLOSE_UNKNOWN_HOST) {
    wanted = false;
  } else if (code === CLOSE_TRY_LATER) {
    refusals += 1;
    attempt = refusals;
    scheduleReconnect();
  } else if (opened) {
    scheduleReconnect(); // a working link dropped: try again soon, without checking first
  } else {
    clearTimeout(retryTimer);
    if (wanted && isOnline()) retryTimer = setTimeout(reconnectIfSignedIn, nextDelay());
  }
}

function closeClient() {
  if (!client) return;
  const current = client;
  client = null;
  clearTimeout(pongTimer);
  current.dispose().catch(() => {}); // completes the subscriptions, closes the socket with 1000
}

/** Starts (or keeps) live delivery for the signed-in user. */
export function startLive() {
  wanted = true;
  attempt = 0;
  connect();
}

/** Closes the socket and stops reconnecting (sign-out); forgets what this user received. */
export function stopLive() {
  wanted = false;
  clearTimeout(retryTimer);
  closeClient();
  lastId = 0;
  seen.clear();
  setStatus('closed');
}

window.addEventListener('online', () => {
  attempt = 0;
  clearTimeout(retryTimer);
  connect();
});
window.addEventListener('offline', () => {
  // Close now rather than wait for the ping to time out; reconnect on "online".
  if (client) {
    closeClient();
    setStatus('closed');
  }
});
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && wanted && !client) {
    attempt = 0;
    clearTimeout(retryTimer);
    connect();
  }
});
