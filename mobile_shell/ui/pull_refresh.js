/**
 * Pull-to-refresh on touch screens: dragging down at the top of the page past a threshold
 * reloads the current screen. The browser's own pull-to-refresh (a full page reload) is turned
 * off in CSS (overscroll-behavior), since it would throw away the app's state.
 */

import { t } from '../i18n/i18n.js';
import { h } from './element.js';
import { icon } from './icons.js';

const THRESHOLD = 64;
const MAX_PULL = 96;

/**
 * `refresh` returns a promise; the indicator spins until it settles. `enabled` says whether the
 * current screen can be refreshed (the login form must not be wiped by a pull).
 */
export function enablePullToRefresh(indicatorHost, refresh, enabled = () => true) {
  const indicator = h(
    'div',
    { class: 'ptr', 'aria-hidden': 'true' },
    icon('refresh', { size: 22 }),
    h('span', { class: 'ptr-label' }),
  );
  indicatorHost.prepend(indicator);
  const label = indicator.querySelector('.ptr-label');
  let startY = null;
  let pulled = 0;
  let running = false;

  const show = (distance) => {
    indicator.style.height = `${distance}px`;
    indicator.style.opacity = String(Math.min(1, distance / THRESHOLD));
    label.textContent = distance >= THRESHOLD ? t('ptr.release') : t('ptr.pull');
  };

  document.addEventListener(
    'touchstart',
    (event) => {
      const inDialog = event.target.closest?.('dialog');
      const canStart = !running && enabled() && window.scrollY <= 0 && !inDialog;
      startY = canStart ? event.touches[0].clientY : null;
      pulled = 0;
    },
    { passive: true },
  );

  document.addEventListener(
    'touchmove',
    (event) => {
      if (startY === null) return;
      const distance = event.touches[0].clientY - startY;
      if (distance <= 0) {
        pulled = 0;
        show(0);
        return;
      }
      event.preventDefault(); // the page must not scroll while the indicator follows the finger
      pulled = Math.min(MAX_PULL, distance * 0.6);
      show(pulled);
    },
    { passive: false },
  );

  document.addEventListener('touchend', async () => {
    if (startY === null) return;
    startY = null;
    if (pulled < THRESHOLD) {
      show(0);
      return;
    }
    running = true;
    indicator.classList.add('ptr-running');
    label.textContent = t('ptr.refreshing');
    try {
      await refresh();
    } finally {
      running = false;
      indicator.classList.remove('ptr-running');
      show(0);
    }
  });
}
