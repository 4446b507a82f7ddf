/**
 * The last good answer of each read query a screen names, kept in localStorage, so a screen
 * opened offline still shows what the user saw last time (marked as not current).
 * Cleared when the user signs out: the data belongs to that user.
 */

import { gql } from './graphql.js';

const PREFIX = 'sparrow.q.';

// Storage full: the older half of the copies make room (per-record copies, such as each
// customer opened, would otherwise fill it over months and stop every new copy).
function evictOlder() {
  const copies = Object.keys(localStorage)
    .filter((key) => key.startsWith(PREFIX))
    .map((key) => [key, recall(key.slice(PREFIX.length))?.savedAt || ''])
    .sort((a, b) => (a[1] < b[1] ? -1 : 1));
  for (const [key] of copies.slice(0, Math.ceil(copies.length / 2))) localStorage.removeItem(key);
}

/** Keeps `data` as the copy named `name` (offline/order_cache.js keeps its indexes here too). */
export function remember(name, data) {
  const text = JSON.stringify({ data, savedAt: new Date().toISOString() });
  try {
    localStorage.setItem(PREFIX + name, text);
  } catch {
    try {
      evictOlder();
      localStorage.setItem(PREFIX + name, text);
    } catch {
      // Storage disabled or the copy too big: the app still works, just not with offline copies.
    }
  }
}

/** { data, savedAt } of the copy named `name`, or null. */
export function recall(name) {
  try {
    return JSON.parse(localStorage.getItem(PREFIX + name) || 'null');
  } catch {
    return null;
  }
}

export function forgetAll() {
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith(PREFIX)) localStorage.removeItem(key);
  }
}

/**
 * Runs a read query; when the network is unavailable, answers from the last good copy.
 * Returns { data, stale, savedAt }.
 */
export async function cachedQuery(name, query, variables = {}) {
  try {
    const data = await gql(query, variables);
    remember(name, data);
    return { data, stale: false, savedAt: null };
  } catch (error) {
    const copy = error.isTransport ? recall(name) : null;
    if (!copy) throw error;
    return { data: copy.data, stale: true, savedAt: copy.savedAt };
  }
}
