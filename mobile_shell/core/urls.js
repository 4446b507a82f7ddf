/**
 * Paths inside the app and moving between them. Screens and ui modules build links and navigate
 * through here, never through the router: the router registers how the current URL is shown
 * (onNavigate), so router → registry → screen has no import leading back to it.
 */

export const BASE = '/app';
let show = () => undefined;

/** The path of the current URL inside the app ("/orders/7"), without a trailing slash. */
export function appPath() {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : '/';
  return path.replace(/\/+$/, '') || '/';
}

/** The URL of an app path, for links: "/orders" → "/app/orders". */
export function appUrl(path) {
  return `${BASE}${path === '/' ? '/' : path}`;
}

/** Goes to an app path (adding a history entry, or replacing the current one) and shows it. */
export function navigate(path, { replace = false } = {}) {
  const url = appUrl(path);
  if (url !== location.pathname + location.search + location.hash) {
    history[replace ? 'replaceState' : 'pushState']({}, '', url);
  }
  return show();
}

/** Shows the current URL again, e.g. the page one asked for once signed in there. */
export function showCurrent() {
  return show();
}

/** The router's renderer: called on navigate() and showCurrent(); what it returns, they return. */
export function onNavigate(renderer) {
  show = renderer;
}
