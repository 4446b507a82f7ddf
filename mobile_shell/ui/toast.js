/**
 * Toasts: short messages at the edge of the screen that go away by themselves. Announced to
 * screen readers through a live region (errors assertively). An optional action button
 * (e.g. "View", "Reload") keeps the toast until it times out or is used.
 */

import { t } from '../i18n/i18n.js';
import { h } from './element.js';
import { icon } from './icons.js';

let region = null;

function ensureRegion() {
  if (!region) {
    region = h('div', { class: 'toasts', role: 'region', 'aria-label': t('toast.region') });
    region.append(
      h('div', { class: 'toasts-polite', 'aria-live': 'polite' }),
      h('div', { class: 'toasts-alert', 'aria-live': 'assertive' }),
    );
    document.body.append(region);
  }
  return region;
}

/** kind: "info" | "success" | "error"; action: { label, run }. */
export function toast(message, { kind = 'info', action = null, timeout = 4000 } = {}) {
  const host = ensureRegion().querySelector(kind === 'error' ? '.toasts-alert' : '.toasts-polite');
  const close = () => item.remove();
  const item = h(
    'div',
    { class: `toast toast-${kind}` },
    icon(kind === 'error' ? 'alert' : kind === 'success' ? 'check' : 'bell', { size: 20 }),
    h('span', { class: 'toast-text' }, message),
    action &&
      h('button', { type: 'button', class: 'toast-action', onclick: () => (close(), action.run()) }, action.label),
    h('button', { type: 'button', class: 'toast-close', 'aria-label': t('toast.close'), onclick: close }, '×'),
  );
  for (const shown of region.querySelectorAll('.toast')) {
    if (shown.querySelector('.toast-text').textContent === message) shown.remove(); // no repeats
  }
  host.append(item);
  const all = region.querySelectorAll('.toast');
  if (all.length > 2) all[0].remove(); // more than two would hide the screen on a phone
  setTimeout(close, action ? timeout * 2 : timeout);
  return item;
}

/** Creates the live regions at start-up: a region added together with its first message may
 * not be announced. */
export function initToasts() {
  ensureRegion();
}

/** Called when the language changes: the region's own label is translated too. */
export function relabelToasts() {
  if (region) region.setAttribute('aria-label', t('toast.region'));
}
