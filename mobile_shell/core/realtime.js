/**
 * The live-events socket (/ws/events/): connects while someone is signed in, reconnects with
 * exponential backoff and jitter, and detects dead links with ping/pong.
 *
 * Emits "live:event" for each server event, "live:status" (connecting/open/closed) and
 * "auth:required" / "session:revoked" when the server says the session is over.
 * The server closes a signed-out socket with 4401 (and a revoked one with 4403). A socket that
 * dies without a code (1006: network, proxy, restart) is retried only after the session is
 * checked over HTTP, so an expired session leads to the login screen, not endless retries.
 */

import { ALIVE } from '../api/accounts.js';
import { isOnline } from './connectivity.js';
import { emit } from './events.js';
import { gql } from './graphql.js';

const PING_EVERY_MS = 25000;
const PONG_WITHIN_MS = 10000;
const MAX_DELAY_MS = 30000;
const CLOSE_NOT_SIGNED_IN = 4401;
const CLOSE_REVOKED = 4403;
const CLOSE_UNKNOWN_HOST = 4404;
// The server cannot deliver live events right now (its channel layer is down): try again later,
// backing off across refusals (the socket did open, which alone would reset the backoff).
const CLOSE_TRY_LATER = 4503;
let refusals = 0;

let socket = null;
let wanted = false;
let attempt = 0;
let retryTimer = 0;
let pingTimer = 0;
let pongTimer = 0;
let status = 'closed';

export function liveStatus() {
  return status;
}

function setStatus(next) {
  status = next;
  document.documentElement.dataset.live = next;
  emit('live:status', next);
}

function stopTimers() {
  clearTimeout(retryTimer);
  clearInterval(pingTimer);
  clearTimeout(pongTimer);
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

function connect() {
  if (!wanted || socket || !isOnline()) return;
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = new WebSocket(`${scheme}://${location.host}/ws/events/`);
  let opened = false;
  socket = ws;
  setStatus('connecting');

  // Events of a socket that was replaced or stopped are ignored.
  ws.addEventListener('open', () => {
    if (socket !== ws) return;
    opened = true;
    attempt = 0;
    setStatus('open');
    pingTimer = setInterval(() => {
      ws.send(JSON.stringify({ kind: 'ping' }));
      pongTimer = setTimeout(() => ws.close(), PONG_WITHIN_MS);
    }, PING_EVERY_MS);
  });

  ws.addEventListener('message', (message) => {
    if (socket !== ws) return;
    let event;
    try {
      event = JSON.parse(message.data);
    } catch {
      return;
    }
    if (event.kind === 'pong' || event.kind === 'hello') {
      if (event.kind === 'hello') refusals = 0;
      clearTimeout(pongTimer); // link checks, not news for the user
    } else if (event.kind === 'session.revoked') {
      wanted = false;
      emit('session:revoked');
    } else {
      emit('live:event', event);
    }
  });

  ws.addEventListener('close', (closed) => {
    if (socket !== ws) return;
    socket = null;
    stopTimers();
    setStatus('closed');
    if (closed.code === CLOSE_NOT_SIGNED_IN) {
      wanted = false;
      emit('auth:required');
    } else if (closed.code === CLOSE_REVOKED) {
      wanted = false;
      emit('session:revoked');
    } else if (closed.code === CLOSE_UNKNOWN_HOST) {
      wanted = false;
    } else if (closed.code === CLOSE_TRY_LATER) {
      refusals += 1;
      attempt = refusals;
      scheduleReconnect();
    } else if (opened) {
      scheduleReconnect(); // a working link dropped: try again soon, without checking first
    } else {
      clearTimeout(retryTimer);
      if (wanted && isOnline()) retryTimer = setTimeout(reconnectIfSignedIn, nextDelay());
    }
  });
}

/**
 * Closes a socket; one still connecting is closed as soon as it opens, because closing it
 * mid-handshake makes the browser log an error for what is a normal sign-out.
 */
function closeQuietly(ws) {
  if (ws.readyState === WebSocket.CONNECTING) ws.addEventListener('open', () => ws.close(1000));
  else if (ws.readyState === WebSocket.OPEN) ws.close(1000);
}

/** Starts (or keeps) the socket for the signed-in user. */
export function startLive() {
  wanted = true;
  attempt = 0;
  connect();
}

/** Closes the socket and stops reconnecting (sign-out). */
export function stopLive() {
  wanted = false;
  stopTimers();
  if (socket) {
    const ws = socket;
    socket = null;
    closeQuietly(ws);
  }
  setStatus('closed');
}

window.addEventListener('online', () => {
  attempt = 0;
  clearTimeout(retryTimer);
  connect();
});
window.addEventListener('offline', () => {
  // Close now rather than wait for the ping to time out; reconnect on "online".
  if (socket) closeQuietly(socket);
});
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible' && wanted && !socket) {
    attempt = 0;
    clearTimeout(retryTimer);
    connect();
  }
});
