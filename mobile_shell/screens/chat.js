/**
 * 消息 (/chat and /chat/:id): the person's conversations and one conversation. On a wide screen
 * both side by side (the list stays while conversations change); on a phone the list, or the
 * conversation with a way back to it. 发起会话 opens the people picker. An inbox notification of a
 * message links to /chat/<id>.
 */

import { appUrl, navigate } from '../core/urls.js';
import { t } from '../i18n/i18n.js';
import { conversationView } from '../ui/chat_conversation.js';
import { conversationList } from '../ui/chat_list.js';
import { startConversation } from '../ui/chat_start.js';
import { fill, h } from '../ui/element.js';
import { icon } from '../ui/icons.js';
import { screenHeader } from '../ui/layout.js';

export function mount(root, { params }) {
  const id = params.id || null;
  const list = conversationList({ selectedId: id });
  const start = h('button', { type: 'button', class: 'button button-small chat-new' }, icon('plus', { size: 18 }), t('chat.new'));
  start.addEventListener('click', async () => {
    const conversation = await startConversation();
    if (conversation) navigate(`/chat/${conversation.id}`);
  });
  const listPane = h('section', { class: 'chat-pane-list', 'aria-label': t('chat.list') }, list.element);
  const mainPane = h('section', { class: 'chat-pane-main' });
  let open = null;
  if (id) {
    open = conversationView({ id, onRead: () => list.refresh() });
    const back = h('a', { href: appUrl('/chat'), class: 'button button-quiet button-small chat-back' }, t('chat.back'));
    fill(mainPane, back, open.element);
  } else {
    fill(mainPane, h('p', { class: 'muted chat-pick-hint' }, t('chat.pick')));
  }
  fill(root, screenHeader(t('chat.title'), start), h('div', { class: `chat-layout${id ? ' chat-open' : ''}` }, listPane, mainPane));
  return {
    refresh: () => list.refresh(),
    unmount() {
      list.unmount();
      open?.unmount();
    },
  };
}
