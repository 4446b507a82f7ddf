/**
 * Starts the app: language, frame, router, session; then wires the app-wide reactions (sign-in
 * and sign-out, live events, the outbox, connectivity, language changes, app updates).
 */

import { chosenLanguage, setTimeZone, t, useLanguage } from '../i18n/i18n.js';
import { actionFor } from '../offline/actions.js';
import { flush } from '../offline/queue.js';
import { fill } from '../ui/element.js';
import { enablePullToRefresh } from '../ui/pull_refresh.js';
import { buildShell } from '../ui/shell.js';
import { errorView } from '../ui/states.js';
import { initToasts, relabelToasts, toast } from '../ui/toast.js';
import { isOnline, watchConnectivity } from './connectivity.js';
import { on } from './events.js';
import { describeEvent, noteArrived, refreshUnread, resetInbox, unreadFromServer } from './inbox.js';
import { registerServiceWorker } from './pwa.js';
import { startLive, stopLive } from './realtime.js';
import { refreshCurrent, render, startRouter } from './router.js';
import { adoptAccountLanguage, clearLocal, loadSession, session } from './session.js';
import { watchWorkspaceState } from './workspace_state.js';
import { navigate } from './urls.js';

let signedIn = false;
let started = false; // the first screen is shown

function onSessionChanged() {
  const { status, tenant } = session();
  if (status === 'signedIn' && !signedIn) {
    signedIn = true;
    setTimeZone(tenant?.timeZone);
    startLive();
    refreshUnread();
    flush();
  } else if (status !== 'signedIn' && signedIn) {
    signedIn = false;
    stopLive();
    resetInbox();
    render();
  }
}

function wireReactions() {
  watchWorkspaceState();
  on('session:changed', onSessionChanged);
  on('auth:required', () => {
    if (session().status !== 'signedIn') return;
    clearLocal();
    toast(t('session.expired'), { kind: 'error' });
  });
  on('session:revoked', () => {
    clearLocal();
    toast(t('session.revoked'), { kind: 'error' });
  });
  on('live:event', (event) => {
    // The server tells no one of what they did themselves: every live notification is news.
    noteArrived(event);
    if (event?.read) return; // replayed after a reconnect, and read elsewhere meanwhile
    const link = event?.link;
    toast(describeEvent(event), { action: { label: t('action.view'), run: () => navigate(link || '/inbox') } });
  });
  on('live:unread', unreadFromServer);
  on('live:status', (status) => {
    if (status === 'open') refreshUnread(); // what arrived while the socket was down
  });
  on('outbox:sent', ({ item }) => {
    toast(t('outbox.sent', { what: actionFor(item.type).describe(item.input, item) }), { kind: 'success' });
  });
  on('outbox:failed', ({ item }) => {
    toast(t('outbox.failed', { what: actionFor(item.type).describe(item.input, item) }), {
      kind: 'error',
      action: { label: t('action.view'), run: () => navigate('/outbox') },
    });
  });
  on('connectivity:changed', async (online) => {
    if (!online) {
      toast(t('status.went_offline'));
      return;
    }
    if (session().stale) await loadSession().catch(() => {});
    refreshUnread(); // what arrived while offline
    flush();
  });
  on('language:changed', async () => {
    relabelToasts();
    if (!started) return; // boot shows the first screen in the right language itself
    if (session().status === 'signedIn' && isOnline()) await loadSession().catch(() => {}); // role names
    render({ keepFocus: true });
  });
  on('app:updated', () => {
    toast(t('app.updated'), { action: { label: t('action.reload'), run: () => location.reload() }, timeout: 15000 });
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') flush();
  });
}

async function start(view) {
  try {
    await loadSession();
  } catch (error) {
    fill(view, errorView(error, { retry: () => start(view) }));
    return;
  }
  await adoptAccountLanguage();
  await render({ keepFocus: true });
  started = true;
}

async function boot() {
  await useLanguage(chosenLanguage());
  watchConnectivity();
  const { main, view } = buildShell(document.getElementById('app'));
  initToasts();
  startRouter(view);
  enablePullToRefresh(main, refreshCurrent, () => session().status === 'signedIn');
  wireReactions();
  await start(view);
  registerServiceWorker();
}

boot();
