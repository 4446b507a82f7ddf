/**
 * Installing the app: registers the service worker (which makes /app/ open offline), keeps the
 * browser's install prompt for an "Install" button, and tells iPhone users how to add the app
 * to the home screen (Safari has no install prompt).
 */

import { emit } from './events.js';

let deferredPrompt = null;

export function registerServiceWorker() {
  if (!('serviceWorker' in navigator)) return;
  const hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.register('/app/sw.js', { scope: '/app/' }).catch((error) => {
    console.warn('service worker not registered', error);
  });
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // A new version took over; the modules already running are the old ones.
    if (hadController) emit('app:updated');
  });
}

export function isStandalone() {
  return window.matchMedia('(display-mode: standalone)').matches || navigator.standalone === true;
}

export function isIos() {
  const touchMac = navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1;
  return /iphone|ipad|ipod/i.test(navigator.userAgent) || touchMac;
}

/** "prompt" when the browser can install on a click, "ios" for the manual hint, else "none". */
export function installMode() {
  if (isStandalone()) return 'none';
  if (deferredPrompt) return 'prompt';
  return isIos() ? 'ios' : 'none';
}

export async function install() {
  if (!deferredPrompt) return false;
  const prompt = deferredPrompt;
  deferredPrompt = null;
  prompt.prompt();
  const choice = await prompt.userChoice;
  emit('install:changed', installMode());
  return choice.outcome === 'accepted';
}

window.addEventListener('beforeinstallprompt', (event) => {
  event.preventDefault(); // show our own button instead of the browser's mini-infobar
  deferredPrompt = event;
  emit('install:changed', installMode());
});
window.addEventListener('appinstalled', () => {
  deferredPrompt = null;
  emit('install:changed', installMode());
});
