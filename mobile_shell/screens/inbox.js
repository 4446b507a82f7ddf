/**
 * The notification centre: the person's notifications from the server, newest first. Opening
 * it marks them read (the badge clears; rows keep their unread look until the next visit);
 * tapping one opens what it is about. Preferences per kind are one tap away.
 */

import { NOTIFICATIONS } from '../api/notifications.js';
import { on } from '../core/events.js';
import { gql } from '../core/graphql.js';
import { markAllRead } from '../core/inbox.js';
import { appUrl } from '../core/urls.js';
import { formatRelative, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { icon } from '../ui/icons.js';
import { screenHeader } from '../ui/layout.js';
import { pagedList } from '../ui/paged_list.js';
import { emptyView } from '../ui/states.js';

function notificationRow(item) {
  return h(
    'li',
    { class: item.read ? 'inbox-row' : 'inbox-row inbox-unread', dataset: { kind: item.kind } },
    icon('bell', { size: 20 }),
    h(
      'a',
      { class: 'inbox-text', href: appUrl(item.link || '/inbox') },
      h('span', { class: 'inbox-title' }, item.title),
      item.body ? h('span', { class: 'inbox-body muted small' }, item.body) : null,
    ),
    h('time', { class: 'muted small', datetime: item.createdAt }, formatRelative(item.createdAt)),
  );
}

export function mount(root) {
  const settings = h('a', { class: 'button button-quiet', href: appUrl('/inbox/settings') }, t('inbox.settings'));
  const list = pagedList({
    host: { class: 'inbox-host' },
    pageSize: 30,
    listClass: 'plain-list card',
    keepRows: true,
    fetch: async (paging, { append }) => {
      const data = await gql(NOTIFICATIONS, paging);
      // Seen now: the badge clears; the rows drawn from this page keep their unread look.
      if (!append && data.notifications.unreadCount > 0) markAllRead().catch(() => {});
      return data.notifications;
    },
    row: notificationRow,
    label: () => t('nav.inbox'),
    empty: () => emptyView({ iconName: 'bell', title: t('inbox.empty'), hint: t('inbox.empty_hint') }),
  });

  fill(root, screenHeader(t('nav.inbox'), settings), list.element);
  list.load();
  const stop = on('live:event', () => setTimeout(() => list.load()));
  return { refresh: async () => list.load(), unmount: stop };
}
