/**
 * The last good answer of each read query a screen names, kept in localStorage, so a screen
 * opened offline still shows what the user saw last time (marked as not current).
 * Cleared when the user signs out: the data belongs to that user.
 */

import { gql } from './graphql.js';

const PREFIX = 'sparrow.q.';

function remember(name, data) {
  try {
    localStorage.setItem(PREFIX + name, JSON.stringify({ data, savedAt: new Date().toISOString() }));
  } catch {
    // Storage full or disabled: the app still works, just not with offline copies.
  }
}

function recall(name) {
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
