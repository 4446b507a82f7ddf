/**
 * Home: a greeting, today's date in the workspace's time zone and a quick 开单 button; for a new
 * workspace's managers the onboarding checklist first (ui/onboarding_card.js); the day's figures
 * for the role (ui/home_figures.js: sales, orders, collections, receivables due, the 7/30-day
 * chart, low stock for the warehouse), a rep's targets (ui/field_targets.js), and the to-do
 * counts, each linking to the screen that deals with it. All of it is one request (HOME), asking
 * only for what the role shows. A distributor's home is its own (ui/distributor_home.js).
 */

import { HOME } from '../api/dashboard.js';
import { on } from '../core/events.js';
import { installMode } from '../core/pwa.js';
import { cachedQuery } from '../core/query_cache.js';
import { screenForTodo } from '../core/routes.js';
import { hasRole, hasScope, session } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatDate, formatNumber, hasText, t } from '../i18n/i18n.js';
import { distributorHome } from '../ui/distributor_home.js';
import { fill, h } from '../ui/element.js';
import { targetsPanel } from '../ui/field_targets.js';
import { figureCards } from '../ui/home_figures.js';
import { icon } from '../ui/icons.js';
import { card, screenHeader } from '../ui/layout.js';
import { onboardingCard } from '../ui/onboarding_card.js';
import { emptyView, errorView, loadingView, staleNotice } from '../ui/states.js';

function greetingKey(now) {
  const hour = Number(formatDate(now, { hour: 'numeric', hourCycle: 'h23' }).replace(/\D/g, ''));
  if (hour < 12) return 'home.greeting_morning';
  if (hour < 18) return 'home.greeting_afternoon';
  return 'home.greeting_evening';
}

function todoCard({ key, count }) {
  const screen = screenForTodo(key);
  const label = hasText(`todo.${key}`) ? t(`todo.${key}`) : key;
  const body = [
    h('span', { class: 'todo-count' }, formatNumber(count)),
    h('span', { class: 'todo-label' }, label),
  ];
  const target = screen && hasScope(screen.scope) ? appUrl(screen.path) : null;
  return h(
    'li',
    { class: 'todo', dataset: { todo: key } },
    target
      ? h('a', { href: target, class: count ? 'todo-link' : 'todo-link todo-zero' }, body)
      : h('div', { class: count ? 'todo-link' : 'todo-link todo-zero' }, body),
  );
}

function installCard() {
  const mode = installMode();
  if (mode === 'none' || localStorage.getItem('sparrow.installHintClosed')) return null;
  const hint = card(
    null,
    h(
      'div',
      { class: 'install-hint' },
      icon('download'),
      h('p', {}, mode === 'ios' ? t('install.ios_hint') : t('install.hint')),
      h('a', { href: appUrl('/profile#install'), class: 'button button-quiet' }, t('install.how')),
      h(
        'button',
        {
          type: 'button',
          class: 'icon-button',
          'aria-label': t('install.dismiss'),
          onclick: () => {
            localStorage.setItem('sparrow.installHintClosed', '1');
            hint.remove();
          },
        },
        '×',
      ),
    ),
  );
  return hint;
}

/** What this person's home asks for: the variables of HOME. */
function homeVariables() {
  const distributor = hasRole('distributor');
  return {
    money: !distributor && hasScope(['orders.view_all', 'orders.view_own', 'finance.view']),
    stock: !distributor && hasScope('inventory.manage'),
    manage: hasScope('tenant.manage'),
    targets: hasRole('sales') && hasScope('field.view_own'),
  };
}

export function mount(root) {
  const { user, tenant } = session();
  const now = new Date();
  const todos = h('div', { class: 'todos', 'aria-live': 'polite' });
  const onboarding = h('div', { class: 'home-onboarding' });
  const figures = h('div', { class: 'home-figures', 'aria-live': 'polite' });
  // A distributor's person orders here: its balances and the way to 订货 come first.
  const portal = hasRole('distributor') ? distributorHome() : null;
  const newOrder =
    !portal && hasScope('orders.edit') && h('a', { href: appUrl('/orders/new'), class: 'button', dataset: { testid: 'home-new-order' } }, icon('plus', { size: 18 }), t('home.new_order'));

  fill(
    root,
    screenHeader(t(greetingKey(now), { name: user.fullName || user.email }), newOrder),
    h('p', { class: 'muted subtitle' }, `${formatDate(now, { dateStyle: 'full' })} · ${tenant?.name || ''}`),
    installCard(),
    onboarding,
    portal?.element,
    figures,
    card(t('home.todos'), todos),
  );

  let loaded = false;
  async function load() {
    // Only the first load shows a skeleton; a refresh keeps the counts until new ones arrive.
    if (!loaded) fill(todos, loadingView(2));
    todos.setAttribute('aria-busy', 'true');
    try {
      const variables = homeVariables();
      const { data, stale, savedAt } = await cachedQuery('home', HOME, variables);
      const home = data.dashboard;
      const items = home.todos;
      fill(onboarding, onboardingCard(home.onboarding, { changed: load }));
      fill(figures, figureCards(home, { showLowStock: variables.stock }), targetsPanel(data.fieldTargets));
      fill(
        todos,
        stale && staleNotice(savedAt),
        items.length
          ? h('ul', { class: 'todo-grid' }, items.map(todoCard))
          : emptyView({ iconName: 'check', title: t('home.no_todos'), hint: t('home.no_todos_hint') }),
      );
      loaded = true;
    } catch (error) {
      fill(todos, errorView(error, { retry: load }));
    } finally {
      todos.removeAttribute('aria-busy');
    }
  }

  load();
  const stopListening = [on('outbox:sent', load), on('live:event', load)];
  if (portal) stopListening.push(portal.stop);
  const refresh = () => Promise.all([load(), portal?.refresh()]);
  return { refresh, unmount: () => stopListening.forEach((stop) => stop()) };
}
