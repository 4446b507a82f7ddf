/**
 * The states every screen shares: loading (skeleton rows), empty (nothing yet, with a hint),
 * error (a message for the error's code, with a retry) and "not current" (offline copy).
 */

import { formatRelative, hasText, t } from '../i18n/i18n.js';
import { h } from './element.js';
import { icon } from './icons.js';

export function loadingView(rows = 3) {
  return h(
    'div',
    { class: 'loading', role: 'status', 'aria-live': 'polite' },
    h('span', { class: 'visually-hidden' }, t('state.loading')),
    Array.from({ length: rows }, () => h('div', { class: 'skeleton', 'aria-hidden': 'true' })),
  );
}

export function emptyView({ iconName = 'inbox', title, hint = '', action = null }) {
  return h(
    'div',
    { class: 'empty' },
    icon(iconName, { size: 40 }),
    h('p', { class: 'empty-title' }, title),
    hint && h('p', { class: 'muted' }, hint),
    action,
  );
}

/** The text for an ApiError or a FieldError: the catalogue's message for its code, if any. */
export function errorText(error) {
  const key = `error.${error?.code}`;
  if (error?.code && hasText(key)) return t(key);
  return error?.message || t('error.unknown');
}

export function errorView(error, { retry = null } = {}) {
  return h(
    'div',
    { class: 'error-box', role: 'alert' },
    icon('alert', { size: 28 }),
    h('p', {}, errorText(error)),
    retry && h('button', { type: 'button', class: 'button button-quiet', onclick: retry }, t('action.retry')),
  );
}

/** A line above data shown from the offline copy. */
export function staleNotice(savedAt) {
  return h(
    'p',
    { class: 'notice', role: 'status' },
    icon('offline', { size: 18 }),
    t('state.stale', { when: savedAt ? formatRelative(savedAt) : '' }),
  );
}
