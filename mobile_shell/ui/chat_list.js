/**
 * The person's conversations, latest first: name, the last message's first words, when, the
 * unread count (免打扰 ones in grey), kept up to date live (any message, recall or read in any
 * of their conversations redraws the list, at most twice a second).
 */

import { CONVERSATIONS, LIVE_MESSAGES } from '../api/messaging.js';
import { gql } from '../core/graphql.js';
import { liveSubscribe } from '../core/realtime.js';
import { session } from '../core/session.js';
import { appUrl } from '../core/urls.js';
import { formatNumber, formatRelative, t } from '../i18n/i18n.js';
import { conversationName } from './chat_conversation.js';
import { fill, h } from './element.js';
import { emptyView, errorView, loadingView } from './states.js';

const PAGE = 50;

function preview(message, me) {
  if (!message) return t('chat.no_messages');
  if (message.recalled) return t('chat.recalled_short');
  const what = message.text || (message.images.length ? t('chat.image_short') : message.order ? t('chat.order_short', { number: message.order.number || '' }) : '');
  return message.senderId === me ? what : `${message.senderName}：${what}`;
}

function row(conversation, me, selectedId) {
  const unread = conversation.unreadCount;
  const name = conversationName(conversation, me);
  return h(
    'li',
    {},
    h(
      'a',
      {
        class: `chat-row${conversation.id === selectedId ? ' chat-row-current' : ''}`,
        href: appUrl(`/chat/${conversation.id}`),
        'aria-current': conversation.id === selectedId ? 'page' : null,
        'aria-label': unread ? t('chat.row_unread', { name, n: formatNumber(unread) }) : name,
        dataset: { conversationId: conversation.id, unread: String(unread), kind: conversation.kind.toLowerCase() },
      },
      h('span', { class: 'item-main' }, h('strong', { class: 'chat-row-name' }, name), h('span', { class: 'muted small chat-row-last' }, preview(conversation.lastMessage, me))),
      h(
        'span',
        { class: 'item-meta' },
        h('span', { class: 'muted small' }, formatRelative(conversation.lastActivityAt)),
        unread > 0 && h('span', { class: `badge chat-unread${conversation.muted ? ' badge-quiet' : ''}`, 'aria-hidden': 'true' }, unread > 99 ? '99+' : formatNumber(unread)),
        conversation.muted && h('span', { class: 'muted small' }, t('chat.muted')),
      ),
    ),
  );
}

/** conversationList({ selectedId }) → { element, refresh(), select(id), unmount() }. */
export function conversationList({ selectedId = null } = {}) {
  const me = String(session().user?.id || '');
  const state = { selectedId, items: [], total: 0, limit: PAGE, timer: 0 };
  const body = h('div', {}, loadingView(4));
  const element = h('nav', { class: 'chat-list', 'aria-label': t('chat.list') }, body);

  function draw() {
    if (!state.items.length) {
      return fill(body, emptyView({ iconName: 'inbox', title: t('chat.none'), hint: t('chat.none_hint') }));
    }
    const more = state.total > state.items.length && h('button', { type: 'button', class: 'button button-quiet button-block', onclick: () => ((state.limit += PAGE), refresh()) }, t('chat.more'));
    return fill(body, h('ul', { class: 'item-list chat-rows' }, state.items.map((one) => row(one, me, state.selectedId))), more);
  }

  async function refresh() {
    try {
      const { conversations } = await gql(CONVERSATIONS, { limit: Math.min(100, state.limit), offset: 0 });
      state.items = conversations.items;
      state.total = conversations.totalCount;
      draw();
    } catch (error) {
      if (!state.items.length) fill(body, errorView(error, { retry: refresh }));
    }
  }

  const soon = () => {
    clearTimeout(state.timer);
    state.timer = setTimeout(refresh, 500);
  };
  const stopLive = liveSubscribe(LIVE_MESSAGES, () => ({ conversationId: null, after: null }), soon);
  refresh();
  return {
    element,
    refresh,
    select(id) {
      state.selectedId = id;
      draw();
    },
    unmount() {
      clearTimeout(state.timer);
      stopLive();
    },
  };
}
