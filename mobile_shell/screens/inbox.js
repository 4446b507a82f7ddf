/** Notifications received live (newest first); opening the screen marks them read. */

import { on } from '../core/events.js';
import { clearInbox, describeEvent, inboxEntries, markAllRead } from '../core/inbox.js';
import { formatRelative, t } from '../i18n/i18n.js';
import { fill, h } from '../ui/element.js';
import { icon } from '../ui/icons.js';
import { screenHeader } from '../ui/layout.js';
import { emptyView } from '../ui/states.js';

export function mount(root) {
  const list = h('div', { class: 'inbox-host' });
  const clear = h('button', { type: 'button', class: 'button button-quiet', onclick: () => (clearInbox(), draw()) }, t('inbox.clear'));

  function draw() {
    const entries = inboxEntries();
    clear.hidden = entries.length === 0;
    fill(
      list,
      entries.length
        ? h(
            'ul',
            { class: 'plain-list card' },
            entries.map((entry) =>
              h(
                'li',
                { class: entry.read ? 'inbox-row' : 'inbox-row inbox-unread' },
                icon('bell', { size: 20 }),
                h('span', { class: 'inbox-text' }, describeEvent(entry)),
                h('time', { class: 'muted small', datetime: entry.at }, formatRelative(entry.at)),
              ),
            ),
          )
        : emptyView({ iconName: 'bell', title: t('inbox.empty'), hint: t('inbox.empty_hint') }),
    );
    markAllRead();
  }

  fill(root, screenHeader(t('nav.inbox'), clear), list);
  draw();
  const stop = on('live:event', () => setTimeout(draw));
  return { refresh: async () => draw(), unmount: stop };
}
