/**
 * The GraphQL client: one POST to /graphql/ with the session cookie and the CSRF header.
 *
 * Every failure becomes an ApiError with a stable `code` (the server's extensions.code, or
 * "offline" / "network" / "http_error" for transport problems), so screens show a message
 * from the catalogue instead of whatever text the transport produced.
 */

import { isOnline } from './connectivity.js';
import { emit } from './events.js';
import { fromServer, toServer } from './enum_values.js';

export class ApiError extends Error {
  constructor(code, message = '', { field = null, status = 0 } = {}) {
    super(message || code);
    this.name = 'ApiError';
    this.code = code;
    this.field = field;
    this.status = status;
  }

  /** True when the request may not have reached the server: worth retrying later. */
  get isTransport() {
    return this.code === 'offline' || this.code === 'network';
  }
}

function csrfToken() {
  // Read on every request: signing in rotates the token and sets a new cookie.
  const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : '';
}

async function refreshCsrfCookie() {
  // Any path under /app/ that is not a file answers with index.html and sets the cookie; the
  // service worker lets it through because it is not part of the cached shell.
  await fetch('/app/session-check', { credentials: 'same-origin', cache: 'no-store' });
}

async function post(body, signal) {
  return fetch('/graphql/', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-CSRFToken': csrfToken() },
    body,
    signal,
  });
}

/** Runs one operation and returns its `data`; throws ApiError. */
export async function gql(query, variables = {}, { signal } = {}) {
  if (!isOnline()) throw new ApiError('offline');
  const body = JSON.stringify({ query, variables: toServer(query, variables) });
  let response;
  let payload;
  try {
    response = await post(body, signal);
    payload = await response.json();
    if (response.status === 403 && payload?.errors?.[0]?.extensions?.code === 'csrf_failed') {
      await refreshCsrfCookie(); // the cookie was missing (cleared, or never set on this device)
      response = await post(body, signal);
      payload = await response.json();
    }
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    if (response) throw new ApiError('http_error', '', { status: response.status });
    throw new ApiError('network');
  }
  const first = payload?.errors?.[0];
  if (first) {
    const code = first.extensions?.code || (response.ok ? 'internal_error' : 'http_error');
    if (code === 'unauthenticated') emit('auth:required');
    if (code === 'workspace_read_only') emit('workspace:read-only'); // core/workspace_state.js
    throw new ApiError(code, first.message, { status: response.status });
  }
  if (!response.ok || !payload?.data) throw new ApiError('http_error', '', { status: response.status });
  return fromServer(query, payload.data);
}
