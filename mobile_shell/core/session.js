/**
 * Who is signed in, to which workspace. Loads `me` and `tenant`, signs in and out, and keeps a
 * copy of both in localStorage so the app can open offline with the last known user.
 */

import { LOGIN, LOGOUT, SESSION, WORKSPACE } from '../api/accounts.js';
import { chosenLanguage, language, useLanguage } from '../i18n/i18n.js';
import { emit } from './events.js';
import { gql } from './graphql.js';
import { forgetAll } from './query_cache.js';

const SNAPSHOT_KEY = 'sparrow.session';
const WORKSPACE_KEY = 'sparrow.workspace'; // kept after sign-out: the login screen names it

/** status: "unknown" before the first check, then "signedIn" or "signedOut". */
const state = { status: 'unknown', user: null, tenant: null, stale: false };

export function session() {
  return state;
}

/** True when the user holds the scope; a list means any one of them. No scope: everyone. */
export function hasScope(scope) {
  if (!scope) return true;
  const held = state.user?.scopes || [];
  return Array.isArray(scope) ? scope.some((one) => held.includes(one)) : held.includes(scope);
}

export function hasRole(code) {
  return Boolean(state.user?.roles.some((role) => role.code === code));
}

function readSnapshot() {
  try {
    return JSON.parse(localStorage.getItem(SNAPSHOT_KEY) || 'null');
  } catch {
    return null;
  }
}

/** The workspace's name as last seen here, else the host (the name needs a signed-in query). */
export function workspaceName() {
  return state.tenant?.name || localStorage.getItem(WORKSPACE_KEY) || location.hostname;
}

/** Asks the server for the workspace's public name (a new device knows only the host). */
export async function loadWorkspaceName() {
  try {
    const data = await gql(WORKSPACE);
    localStorage.setItem(WORKSPACE_KEY, data.workspace.name);
    return data.workspace.name;
  } catch {
    return workspaceName(); // offline: the host still tells the user where they are
  }
}

function writeSnapshot() {
  try {
    localStorage.setItem(SNAPSHOT_KEY, JSON.stringify({ user: state.user, tenant: state.tenant }));
    if (state.tenant) localStorage.setItem(WORKSPACE_KEY, state.tenant.name);
  } catch {
    // No storage: offline start shows the login screen instead.
  }
}

function set(changes) {
  Object.assign(state, changes);
  emit('session:changed', state);
}

/** Asks the server who we are; offline, trusts the last snapshot (marked stale). */
export async function loadSession() {
  try {
    const data = await gql(SESSION);
    set({ status: 'signedIn', user: data.me, tenant: data.tenant, stale: false });
    writeSnapshot();
  } catch (error) {
    if (error.code === 'unauthenticated') {
      clearLocal();
    } else if (error.isTransport) {
      const snapshot = readSnapshot();
      if (snapshot?.user) set({ status: 'signedIn', user: snapshot.user, tenant: snapshot.tenant, stale: true });
      else set({ status: 'signedOut', user: null, tenant: null, stale: false });
    } else {
      throw error; // a server fault: keep what we have and let the caller offer a retry
    }
  }
  return state;
}

/** Signs in; returns the payload's errors (empty on success). */
export async function signIn(email, password) {
  const data = await gql(LOGIN, { email, password });
  const { errors } = data.login;
  if (errors.length) return errors;
  forgetAll(); // another user may have used this device before
  await loadSession();
  return [];
}

/** Ends the session on the server, then locally. Needs the network: offline it would not end. */
export async function signOut() {
  await gql(LOGOUT);
  clearLocal();
}

/** Forgets the session on this device only (the server already ended it, or never had it). */
export function clearLocal() {
  localStorage.removeItem(SNAPSHOT_KEY);
  forgetAll();
  set({ status: 'signedOut', user: null, tenant: null, stale: false });
}

/** After profileUpdate: the server's copy of the user replaces ours. */
export function updateUser(fields) {
  set({ user: { ...state.user, ...fields } });
  writeSnapshot();
}

/** The account's language applies until the person picks one on this device. */
export async function adoptAccountLanguage() {
  const wanted = state.user?.language;
  if (!chosenLanguage() && wanted && wanted !== language()) await useLanguage(wanted);
}
