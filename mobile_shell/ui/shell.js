/**
 * The app's frame around the screens: side navigation on wide screens, a top bar and a bottom
 * tab bar on phones, the offline / outbox / notification indicators, and the skip link.
 * Navigation entries come from the screen registry, filtered by the user's scopes. The side nav
 * groups them by area (core/routes.js NAV_GROUPS): each group folds, the current screen's group
 * is open, and the groups a person opened or closed stay so (kept in localStorage); a group with
 * nothing the person may open is not shown.
 */

import { on } from '../core/events.js';
import { hasRole, hasScope, session } from '../core/session.js';
import { unreadCount } from '../core/inbox.js';
import { NAV_GROUPS, SCREENS, navGroupOf, navScreens, sideScreens } from '../core/routes.js';
import { currentScreen } from '../core/router.js';
import { appUrl } from '../core/urls.js';
import { formatNumber, t } from '../i18n/i18n.js';
import { fill, h } from './element.js';
import { icon } from './icons.js';

const MAX_TABS = 5;
const OPEN_GROUPS_KEY = 'sparrow_nav_groups';
let parts = null;
let pendingItems = 0;

function navEntries() {
  return navScreens(hasScope, hasRole);
}

function link(screen, className) {
  const active = currentScreen()?.id === screen.id;
  return h(
    'a',
    { href: appUrl(screen.path), class: className, 'aria-current': active ? 'page' : null, dataset: { screen: screen.id } },
    icon(screen.icon),
    h('span', { class: `${className}-label` }, t(screen.label)),
  );
}

function openGroups() {
  try {
    const stored = JSON.parse(localStorage.getItem(OPEN_GROUPS_KEY) || '{}');
    return stored && typeof stored === 'object' ? stored : {};
  } catch {
    return {};
  }
}

function rememberGroup(id, open) {
  try {
    localStorage.setItem(OPEN_GROUPS_KEY, JSON.stringify({ ...openGroups(), [id]: open }));
  } catch {
    // Private mode or a full storage: the group still folds, it is only not remembered.
  }
}

function sideGroup(group, entries, current, remembered) {
  const open = group.id === current || remembered[group.id] === true;
  const summary = h(
    'summary',
    { class: 'side-group-title' },
    icon(group.icon, { size: 20 }),
    h('span', { class: 'side-group-label' }, t(group.label)),
    icon('chevron', { size: 16 }),
  );
  const details = h(
    'details',
    { class: 'side-group', open, dataset: { group: group.id } },
    summary,
    h('ul', { class: 'side-list' }, entries.map((screen) => h('li', {}, link(screen, 'side-link')))),
  );
  // A click (or Enter / Space) on the title is the person's choice; opening the current group
  // on navigation is not, so it is not remembered.
  summary.addEventListener('click', () => rememberGroup(group.id, !details.open));
  return details;
}

/** Entries in no group first (home, messages, …), then one folding group per area. */
function sideEntries() {
  const entries = sideScreens(hasScope, hasRole);
  const current = navGroupOf(currentScreen()?.id)?.id;
  const remembered = openGroups();
  const loose = entries.filter((screen) => !navGroupOf(screen.id));
  const groups = NAV_GROUPS.map((group) => [group, entries.filter((screen) => navGroupOf(screen.id) === group)]).filter(([, listed]) => listed.length);
  return [
    h('ul', { class: 'side-list' }, loose.map((screen) => h('li', {}, link(screen, 'side-link')))),
    groups.map(([group, listed]) => sideGroup(group, listed, current, remembered)),
  ];
}

// 我的 is always the last tab; when the rest do not fit, "More" takes the tab before it.
function tabEntries() {
  const profile = SCREENS.find((screen) => screen.id === 'profile');
  const entries = navEntries().filter((screen) => screen !== profile);
  if (entries.length < MAX_TABS) return [...entries, profile];
  return [...entries.slice(0, MAX_TABS - 2), SCREENS.find((screen) => screen.id === 'more'), profile];
}

function brand() {
  const tenant = session().tenant;
  return h(
    'div',
    { class: 'brand' },
    h('img', { src: '/app/icons/icon.svg', alt: '', width: 32, height: 32 }),
    h('span', { class: 'brand-text' }, h('strong', {}, t('app.name')), h('span', { class: 'brand-tenant' }, tenant?.name || '')),
  );
}

function badge(count, testId) {
  return h('span', { class: 'badge', hidden: count === 0, dataset: { testid: testId } }, formatNumber(count));
}

function renderIndicators() {
  const unread = unreadCount();
  fill(
    parts.indicators,
    h('span', { class: 'chip chip-offline', role: 'status' }, icon('offline', { size: 18 }), t('status.offline')),
    h(
      'a',
      {
        href: appUrl('/outbox'),
        class: 'icon-button outbox-link',
        hidden: pendingItems === 0,
        'aria-label': t('status.pending', { count: pendingItems }),
        dataset: { testid: 'pending-indicator' },
      },
      icon('upload'),
      badge(pendingItems, 'pending-count'),
    ),
    h(
      'a',
      {
        href: appUrl('/inbox'),
        class: 'icon-button inbox-link',
        'aria-label': unread ? t('status.unread', { count: unread }) : t('nav.inbox'),
      },
      icon('bell'),
      badge(unread, 'unread-count'),
    ),
  );
}

/** Redraws the navigation and the indicators (sign-in, language or route changed). */
export function renderChrome() {
  if (!parts) return;
  const { user, status } = session();
  document.documentElement.dataset.auth = status === 'signedIn' ? 'in' : 'out';
  parts.skip.textContent = t('shell.skip');
  parts.side.setAttribute('aria-label', t('shell.navigation'));
  parts.tabs.setAttribute('aria-label', t('shell.navigation'));
  fill(
    parts.side,
    brand(),
    h('div', { class: 'side-scroll' }, sideEntries()),
    user &&
      h(
        'a',
        { href: appUrl('/profile'), class: 'side-user' },
        h('span', { class: 'avatar', 'aria-hidden': 'true' }, (user.fullName || user.email).slice(0, 1).toUpperCase()),
        h('span', { class: 'side-user-text' }, h('strong', {}, user.fullName), h('span', {}, user.email)),
      ),
  );
  fill(parts.topBrand, brand());
  fill(parts.tabs, h('ul', { class: 'tab-list' }, tabEntries().map((screen) => h('li', {}, link(screen, 'tab')))));
  renderIndicators();
}

/** Builds the frame once; returns the element screens are mounted into. */
export function buildShell(root) {
  parts = {
    skip: h('a', { class: 'skip-link', href: '#main' }),
    side: h('nav', { class: 'sidenav', id: 'sidenav' }),
    topBrand: h('div', { class: 'topbar-brand' }),
    indicators: h('div', { class: 'topbar-actions' }),
    main: h('main', { id: 'main', class: 'main', tabindex: '-1' }),
    view: h('div', { class: 'view', id: 'view' }),
    tabs: h('nav', { class: 'tabbar', id: 'tabbar' }),
  };
  parts.main.append(parts.view);
  fill(
    root,
    parts.skip,
    parts.side,
    h('div', { class: 'frame' }, h('header', { class: 'topbar' }, parts.topBrand, parts.indicators), parts.main),
    parts.tabs,
  );
  parts.skip.addEventListener('click', (event) => {
    event.preventDefault();
    parts.main.focus();
  });
  on('session:changed', renderChrome);
  on('language:changed', renderChrome);
  on('route:changed', renderChrome);
  on('inbox:changed', renderIndicators);
  on('outbox:changed', (items) => {
    pendingItems = items.length;
    renderIndicators();
  });
  renderChrome();
  return { main: parts.main, view: parts.view };
}
