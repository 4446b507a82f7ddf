/**
 * A document's thread (订单讨论, 报价单讨论) on the document's page: whoever may see the order or
 * quotation may open it; opening follows it (its messages then come to the person's
 * conversations and inbox). Made once per page visit and kept across the page's redraws, so a
 * refresh of the document does not drop what is being written.
 */

import { CONVERSATION_START } from '../api/messaging.js';
import { gql } from '../core/graphql.js';
import { t } from '../i18n/i18n.js';
import { conversationView } from './chat_conversation.js';
import { fill, h } from './element.js';
import { card } from './layout.js';
import { errorText } from './states.js';

/** documentThread({ orderId } or { quotationId }, { label }) → { element, unmount() }. */
export function documentThread(subject, { label = t('chat.thread_open') } = {}) {
  let view = null;
  const open = h('button', { type: 'button', class: 'button button-quiet chat-thread-open' }, label);
  const problem = h('p', { class: 'field-error', role: 'alert', hidden: true });
  const body = h('div', { class: 'chat-thread' }, h('p', { class: 'muted small' }, t('chat.thread_hint')), open, problem);
  open.addEventListener('click', async () => {
    open.disabled = true;
    problem.hidden = true;
    try {
      const { conversationStart: result } = await gql(CONVERSATION_START, { input: subject });
      if (result.errors.length) throw result.errors[0];
      view = conversationView({ id: result.conversation.id, compact: true });
      fill(body, view.element);
    } catch (error) {
      open.disabled = false;
      problem.textContent = errorText(error);
      problem.hidden = false;
    }
  });
  return { element: card(t(subject.quotationId ? 'chat.quote_thread' : 'chat.thread'), body), unmount: () => view?.unmount() };
}
