/**
 * Colleagues (for holders of users.manage): search and filter the list, invite by e-mail with a
 * role, deactivate and reactivate. Invites waiting in the outbox show at the top as pending.
 */

import { ROLES, USERS, USER_DEACTIVATE, USER_REACTIVATE } from '../api/accounts.js';
import { isOnline } from '../core/connectivity.js';
import { on } from '../core/events.js';
import { gql } from '../core/graphql.js';
import { cachedQuery } from '../core/query_cache.js';
import { session } from '../core/session.js';
import { formatDate, formatNumber, formatRelative, t } from '../i18n/i18n.js';
import { queuedItems } from '../offline/queue.js';
import { confirmDialog } from '../ui/confirm.js';
import { fill, h } from '../ui/element.js';
import { field } from '../ui/form.js';
import { icon } from '../ui/icons.js';
import { card, screenHeader } from '../ui/layout.js';
import { pagedList } from '../ui/paged_list.js';
import { emptyView, errorText, errorView, loadingView, staleNotice } from '../ui/states.js';
import { toast } from '../ui/toast.js';
import { inviteForm } from '../ui/user_invite_form.js';

const PAGE = 50;
const SET_ACTIVE = { false: USER_DEACTIVATE, true: USER_REACTIVATE };

function initial(user) {
  return (user.fullName || user.email).slice(0, 1).toUpperCase();
}

function pendingRow(item) {
  const { email, fullName } = item.input;
  const failed = item.state === 'failed';
  return h(
    'li',
    { class: 'user-row user-row-pending', dataset: { pending: 'true', email } },
    h('span', { class: 'avatar avatar-muted', 'aria-hidden': 'true' }, initial({ fullName, email })),
    h('div', { class: 'user-main' }, h('strong', {}, fullName), h('span', { class: 'muted' }, email)),
    h(
      'div',
      { class: 'user-meta' },
      h('span', { class: failed ? 'chip chip-bad' : 'chip chip-pending' }, icon(failed ? 'alert' : 'clock', { size: 16 }), failed ? t('outbox.state_failed') : t('outbox.state_pending')),
      failed && h('span', { class: 'field-error' }, errorText(item.error)),
    ),
  );
}

export function mount(root) {
  const me = session().user;
  const state = { search: '', active: '', pending: [] };
  const invitePanel = h('div', { class: 'invite-panel', id: 'invite-panel', hidden: true });
  const inviteToggle = h(
    'button',
    { type: 'button', class: 'button', 'aria-expanded': 'false', 'aria-controls': 'invite-panel' },
    icon('plus', { size: 20 }),
    t('users.invite'),
  );

  const search = field({ name: 'search', label: t('users.search'), type: 'search', placeholder: t('users.search_hint') });
  const status = field({
    name: 'active',
    label: t('users.status'),
    options: [
      { value: '', label: t('users.status_all') },
      { value: 'true', label: t('users.status_active') },
      { value: 'false', label: t('users.status_inactive') },
    ],
  });
  const filters = h('form', { class: 'filters', role: 'search', onsubmit: (event) => event.preventDefault() }, search, status);

  let debounce = 0;
  search.querySelector('input').addEventListener('input', (event) => {
    clearTimeout(debounce);
    debounce = setTimeout(() => {
      state.search = event.target.value.trim();
      load();
    }, 300);
  });
  status.querySelector('select').addEventListener('change', (event) => {
    state.active = event.target.value;
    load();
  });

  async function openInvite() {
    const open = invitePanel.hidden;
    invitePanel.hidden = !open;
    inviteToggle.setAttribute('aria-expanded', String(open));
    if (!open) return;
    fill(invitePanel, loadingView(1));
    try {
      const { data } = await cachedQuery('roles', ROLES);
      fill(invitePanel, card(t('users.invite_title'), inviteForm({ roles: data.roles, onSent: () => load(), onQueued: showPending })));
      invitePanel.querySelector('input').focus();
    } catch (error) {
      fill(invitePanel, errorView(error, { retry: () => ((invitePanel.hidden = true), openInvite()) }));
    }
  }
  inviteToggle.addEventListener('click', openInvite);

  async function setActive(user, active) {
    if (!active) {
      const sure = await confirmDialog({
        title: t('users.deactivate_title', { name: user.fullName }),
        message: t('users.deactivate_body'),
        confirmLabel: t('users.deactivate'),
        danger: true,
      });
      if (!sure) return;
    }
    if (!isOnline()) return toast(t('error.offline'), { kind: 'error' });
    try {
      const data = await gql(SET_ACTIVE[active], { id: user.id });
      const payload = active ? data.userReactivate : data.userDeactivate;
      if (payload.errors.length) return toast(errorText(payload.errors[0]), { kind: 'error' });
      // The list may have been reloaded meanwhile (a live event): update the row by id.
      for (const row of list.items) if (row.id === user.id) row.isActive = payload.user.isActive;
      toast(t(active ? 'users.reactivated' : 'users.deactivated', { name: user.fullName }), { kind: 'success' });
      list.draw();
    } catch (error) {
      toast(errorText(error), { kind: 'error' });
    }
  }

  function userRow(user) {
    const self = user.id === me.id;
    const action = self
      ? h('span', { class: 'chip' }, t('users.you'))
      : h(
          'button',
          {
            type: 'button',
            class: user.isActive ? 'button button-quiet button-small' : 'button button-small',
            'aria-label': t(user.isActive ? 'users.deactivate_named' : 'users.reactivate_named', { name: user.fullName }),
            onclick: () => setActive(user, !user.isActive),
          },
          t(user.isActive ? 'users.deactivate' : 'users.reactivate'),
        );
    return h(
      'li',
      { class: user.isActive ? 'user-row' : 'user-row user-row-inactive', dataset: { email: user.email, userId: user.id } },
      h('span', { class: 'avatar', 'aria-hidden': 'true' }, initial(user)),
      h(
        'div',
        { class: 'user-main' },
        h('strong', {}, user.fullName),
        h('span', { class: 'muted' }, user.email),
        h('span', { class: 'roles' }, user.roles.map((role) => h('span', { class: 'chip' }, role.name))),
      ),
      h(
        'div',
        { class: 'user-meta' },
        !user.isActive && h('span', { class: 'chip chip-bad' }, t('users.inactive')),
        h(
          'span',
          { class: 'muted small' },
          user.lastLogin ? t('users.last_login', { when: formatRelative(user.lastLogin) }) : t('users.never_logged_in'),
        ),
        h('span', { class: 'muted small' }, t('users.joined', { date: formatDate(user.dateJoined) })),
      ),
      h('div', { class: 'user-actions' }, action),
    );
  }

  const list = pagedList({
    host: { class: 'user-list-host' },
    pageSize: PAGE,
    keepRows: true, // a refresh keeps the rows meanwhile
    fetch: async (paging, { append }) => {
      const variables = { search: state.search, active: state.active === '' ? null : state.active === 'true', ...paging };
      state.pending = await queuedItems();
      const plainView = !state.search && state.active === '' && !append;
      const { data, stale, savedAt } = plainView ? await cachedQuery('users', USERS, variables) : { data: await gql(USERS, variables), stale: false };
      return { ...data.users, notice: stale ? staleNotice(savedAt) : null };
    },
    leadingRows: () => state.pending.filter((item) => item.type === 'user.invite').map(pendingRow),
    row: userRow,
    label: () => t('users.title'),
    listClass: 'user-list',
    moreLabel: () => t('users.load_more'),
    count: (shown) => t('users.count', { count: formatNumber(shown.total) }),
    empty: () => emptyView({ iconName: 'users', title: t('users.empty'), hint: state.search ? t('users.empty_search') : '' }),
  });
  const load = (options) => list.load(options);

  async function showPending() {
    state.pending = await queuedItems();
    if (list.loaded) list.draw();
  }

  fill(root, screenHeader(t('users.title'), inviteToggle), invitePanel, filters, list.summary, list.element);
  load();

  let liveReload = 0;
  const stops = [
    on('outbox:changed', (items) => {
      state.pending = items;
      if (list.loaded) list.draw();
    }),
    on('outbox:sent', ({ item }) => item.type === 'user.invite' && load()),
    on('live:event', (event) => {
      if (event.kind !== 'user.invited') return;
      clearTimeout(liveReload);
      liveReload = setTimeout(load, 300);
    }),
  ];
  return { refresh: () => load(), unmount: () => stops.forEach((stop) => stop()) };
}
