/**
 * Routes /app/<path> to a screen: checks sign-in and the screen's scope, loads its module,
 * mounts it, and keeps the window title, the active navigation entry and the focus right.
 * Links inside the app are plain <a href="/app/..."> elements; clicks on them are handled here
 * without a page load.
 */

import { t } from '../i18n/i18n.js';
import { loadScreen } from '../screens/registry.js';
import { fill, h } from '../ui/element.js';
import { errorView, emptyView } from '../ui/states.js';
import { emit } from './events.js';
import { LOGIN, screenFor } from './routes.js';
import { hasScope, session } from './session.js';
import { BASE, appPath, navigate, onNavigate } from './urls.js';

let outlet = null;
let mounted = null; // { screen, instance }
let renderToken = 0;
// navigate() in core/urls.js shows the new path through here.
onNavigate(render);

function unmountCurrent() {
  if (mounted?.instance?.unmount) mounted.instance.unmount();
  mounted = null;
}

function placeholder(title, body) {
  return {
    mount(root) {
      fill(root, h('h1', { class: 'screen-title', tabindex: '-1' }, title), body);
      return {};
    },
  };
}

/** Decides which screen the current URL shows, and shows it. */
export async function render({ keepFocus = false } = {}) {
  const token = ++renderToken;
  const { status } = session();
  const path = appPath();
  let found = screenFor(path);

  if (status !== 'signedIn') {
    found = { screen: LOGIN, params: {} };
  } else if (found?.screen === LOGIN) {
    const next = new URLSearchParams(location.search).get('next');
    return navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
  }

  let module;
  let screen = found?.screen;
  if (!found) {
    screen = { id: 'not-found', label: 'state.not_found' };
    module = placeholder(t('state.not_found'), emptyView({ iconName: 'alert', title: t('state.not_found_hint') }));
  } else if (!hasScope(screen.scope)) {
    module = placeholder(t(screen.label), emptyView({ iconName: 'alert', title: t('error.forbidden') }));
  } else {
    try {
      module = await loadScreen(screen);
    } catch {
      module = placeholder(t(screen.label), errorView({ code: 'network' }, { retry: () => render() }));
    }
  }
  if (token !== renderToken) return undefined; // a newer navigation won

  unmountCurrent();
  const view = h('div', { class: 'screen', dataset: { screen: screen.id } });
  fill(outlet, view);
  document.body.dataset.screen = screen.id;
  const query = new URLSearchParams(location.search);
  mounted = { screen, instance: module.mount(view, { params: found?.params || {}, query }) || {} };
  document.title = `${t(screen.label)} · ${session().tenant?.name || t('app.name')}`;
  emit('route:changed', screen);
  if (!keepFocus) {
    // Move focus to the new screen's heading, so screen readers announce the page change.
    const heading = view.querySelector('h1');
    if (heading) heading.focus({ preventScroll: true });
    if (!location.hash) window.scrollTo(0, 0); // with a #section the screen scrolls to it itself
  }
  return mounted;
}

/** Pull-to-refresh and language changes: the screen reloads its data, or is mounted again. */
export async function refreshCurrent() {
  if (mounted?.instance?.refresh) return mounted.instance.refresh();
  return render({ keepFocus: true });
}

export function currentScreen() {
  return mounted?.screen || null;
}

export function startRouter(element) {
  outlet = element;
  window.addEventListener('popstate', () => render());
  document.addEventListener('click', (event) => {
    const link = event.target.closest?.('a[href]');
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || link.target) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || !url.pathname.startsWith(`${BASE}/`) || link.hasAttribute('download')) return;
    event.preventDefault();
    navigate((url.pathname.slice(BASE.length).replace(/\/+$/, '') || '/') + url.search + url.hash);
  });
}
