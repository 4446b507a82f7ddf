/**
 * Whether the device is online, as the browser sees it. Requests are not even attempted while
 * offline: a doomed request costs battery and fills the console with network errors.
 */

import { emit } from './events.js';

export function isOnline() {
  return navigator.onLine !== false;
}

export function watchConnectivity() {
  const update = () => {
    document.documentElement.dataset.online = String(isOnline());
    emit('connectivity:changed', isOnline());
  };
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  document.documentElement.dataset.online = String(isOnline());
}
